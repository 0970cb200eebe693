import { describe, expect, it } from 'vitest';
import { parseSlmgrIni } from '../../../shared/parse/slmgr-ini.js';

describe('parseSlmgrIni (slmgr.vbs loader rules)', () => {
  it('splits at the first =, trims spaces, lower-cases keys and strips one pair of quotes', () => {
    const set = parseSlmgrIni('L_MsgProductName = "Name: "\r\nL_MsgError_8 = "a = b"\r\nL_MsgX="""quoted"""\r\n');
    expect(set.values.get('l_msgproductname')).toBe('Name: ');
    expect(set.values.get('l_msgerror_8')).toBe('a = b');
    expect(set.values.get('l_msgx')).toBe('""quoted""');
  });

  it('ignores lines without = (sections, blanks, comments) and skips a leading BOM', () => {
    const set = parseSlmgrIni('\uFEFF[strings]\n; comment\n\nL_MsgA = "x"\n');
    expect([...set.values.keys()]).toEqual(['l_msga']);
  });

  it('drops the trailing space of an unquoted value, as the script does', () => {
    expect(parseSlmgrIni('L_MsgA = Name: ').values.get('l_msga')).toBe('Name:');
  });

  it('trims spaces only, not tabs', () => {
    expect(parseSlmgrIni('L_MsgA =\t"x"\t').values.get('l_msga')).toBe('\t"x"\t');
  });

  it('keeps an empty value (slmgr prints an empty line for it)', () => {
    expect(parseSlmgrIni('L_MsgA = ""').values.get('l_msga')).toBe('');
  });

  it('stops at the first duplicate key, like the script under "resume on error"', () => {
    const set = parseSlmgrIni('L_MsgA = "1"\nl_msga = "2"\nL_MsgB = "3"\n');
    expect(set.stoppedAtDuplicate).toBe('l_msga');
    expect(set.values.get('l_msga')).toBe('1');
    expect(set.values.has('l_msgb')).toBe(false);
  });
});
