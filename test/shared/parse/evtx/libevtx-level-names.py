# Level and EventData Data names of each record of a .evtx log, read by two independent readers:
# libevtx's `evtxexport -f xml` decodes the binary log, Python's ElementTree reads its XML.
# One JSON line per Event: {"record": EventRecordID text, "level": Level text or null, "names": [Name or null]}.
# C0 controls (which libevtx writes raw, XML 1.0 forbids) are dropped: they occur only in Data text.
import sys, re, json, subprocess
import xml.etree.ElementTree as ET
xml = subprocess.run(['evtxexport','-f','xml',sys.argv[1]],capture_output=True,timeout=60).stdout.decode('utf8')
xml = re.sub(r'<\?xml[^>]*\?>','',xml)
xml = re.sub(r'[\x00-\x08\x0b\x0c\x0e-\x1f]','',xml)
root = ET.fromstring('<Events>'+xml+'</Events>')
ns='{http://schemas.microsoft.com/win/2004/08/events/event}'
for ev in root:
    lv = ev.find(ns+'System/'+ns+'Level')
    ed = ev.find(ns+'EventData')
    names = [d.get('Name') for d in ed.findall(ns+'Data')] if ed is not None else []
    print(json.dumps({'record': ev.findtext(ns+'System/'+ns+'EventRecordID'), 'level': None if lv is None else lv.text, 'names': names}))
