# Prints the first N records of an .evtx log as read by python-evtx (package python3-evtx), one JSON
# object a line: the fields of DESIGN.md section 5 that the evtx oracle test compares with ours.
import json
import sys
import xml.etree.ElementTree as ET

import Evtx.Evtx as evtx

NS = '{http://schemas.microsoft.com/win/2004/08/events/event}'
path, limit = sys.argv[1], int(sys.argv[2])
with evtx.Evtx(path) as log:
    for n, record in enumerate(log.records()):
        if n >= limit:
            break
        try:
            root = ET.fromstring(record.xml())
        except Exception as error:  # python-evtx's XML is not always well-formed
            print(json.dumps({'record': record.record_num(), 'error': str(error)}))
            continue
        system = root.find(NS + 'System')
        def text(name):
            e = system.find(NS + name)
            return None if e is None else (e.text or '')
        provider = system.find(NS + 'Provider')
        created = system.find(NS + 'TimeCreated')
        data = root.find(NS + 'EventData')
        user = root.find(NS + 'UserData')
        if data is not None:
            items = [d.text or '' for d in data.findall(NS + 'Data')]
        elif user is not None:
            # Under UserData, every leaf element's text (as the event XML parser reads it).
            items = [e.text.strip() for e in user.iter() if e is not user and len(e) == 0 and e.text and e.text.strip()]
        else:
            items = None
        print(json.dumps({
            'record': record.record_num(),
            'eventId': text('EventID'),
            'provider': None if provider is None else provider.get('Name'),
            'channel': text('Channel'),
            'computer': text('Computer'),
            'recordId': text('EventRecordID'),
            'time': None if created is None else created.get('SystemTime'),
            'data': items,
        }))
