import { describe, expect, it } from 'vitest';
import { describeUnusableText, looksBinary } from '../../../shared/parse/text-shape.js';

describe('what an unusable file looked like', () => {
  it('tells binary data from text', () => {
    expect(looksBinary('\u0000\u0001PK')).toBe(true);
    expect(looksBinary('Name: Windows(R), Professional edition\n')).toBe(false);
  });

  it('names other tools and says what would make the file usable', () => {
    expect(describeUnusableText('---Processing--------------------------\nLICENSE NAME: Office 14')).toMatch(/^an Office ospp\.vbs output: not in scope .*slmgr\.vbs \/dlv all/);
    expect(describeUnusableText('_vlmcs._tcp.lan SRV service location:\n svr hostname   = kms')).toMatch(/^nslookup SRV output/);
    expect(describeUnusableText('Name          : Windows(R)\nLicenseStatus : 1\n')).toMatch(/ConvertTo-Json/);
    expect(describeUnusableText('the customer says activation fails\nsince Monday\n')).toMatch(/^text of 2 line\(s\) with no slmgr output/);
  });
});
