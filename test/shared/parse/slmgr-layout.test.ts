import { describe, expect, it } from 'vitest';
import {
  activatingLine,
  countWithUnit,
  endpointOf,
  hresultIn,
  isDescription,
  isExtendedPid,
  isKeyChannel,
  isMaskedValue,
  isPartialKey,
  minutesWithDays,
  notificationCodeOf,
  splitLabelValue,
} from '../../../shared/parse/slmgr-layout.js';

describe('slmgr value shapes', () => {
  it('splits a label at its first colon, ASCII or full-width, with or without spaces', () => {
    expect(splitLabelValue('Registered KMS machine name: kms01:1688')).toEqual({ label: 'Registered KMS machine name', value: 'kms01:1688' });
    expect(splitLabelValue('许可证状态：已授权')).toEqual({ label: '许可证状态', value: '已授权' });
    expect(splitLabelValue('Estado de la licencia : Con licencia')).toEqual({ label: 'Estado de la licencia', value: 'Con licencia' });
    expect(splitLabelValue('KMS host caching is enabled')).toBeNull();
  });

  it('takes the minutes only when the days agree with them (ceiling or floor), in any unit words', () => {
    expect(minutesWithDays('259200 minute(s) (180 day(s))')).toBe(259200);
    expect(minutesWithDays('259199 Minute(n) (179 Tag(e))')).toBe(259199);
    expect(minutesWithDays('259200 分 (180 日)')).toBe(259200);
    expect(minutesWithDays('243720 мин. (169 дн.)')).toBe(243720);
    expect(minutesWithDays('259200 minutes (5 days)')).toBeNull();
    expect(minutesWithDays(' minute(s) (180 day(s))')).toBeNull();
  });

  it('recognises the never-translated values', () => {
    expect(isExtendedPid('03612-03311-000-000001-03-1033-26200.0000-2232026')).toBe(true);
    expect(isExtendedPid('03612-03311-000')).toBe(false);
    expect(['Volume:GVLK', 'Volume:MAK', 'Retail', 'OEM:DM'].every(isKeyChannel)).toBe(true);
    expect(isKeyChannel('Licensed')).toBe(false);
    expect(isPartialKey('T83GX')).toBe(true);
    expect(isPartialKey('10010')).toBe(false);
    expect(isDescription('Windows(R) Operating System, VOLUME_KMSCLIENT channel')).toBe(true);
    expect(isDescription('Windows Operating System - Windows(R) 7, VOLUME_KMSCLIENT channel')).toBe(true);
    expect(endpointOf('kms01.contoso.com:1688')).toEqual({ name: 'kms01.contoso.com', port: 1688 });
    expect(endpointOf('kms01.contoso.com:99999')).toBeNull();
    expect(countWithUnit('120 Minuten')).toBe(120);
    expect(countWithUnit('120 minutes (2 hours)')).toBeNull();
  });

  it('reads codes with their punctuation in any script', () => {
    expect(notificationCodeOf('0xC004F056.')).toBe('0xC004F056');
    expect(notificationCodeOf('0xC004F056。')).toBe('0xC004F056');
    expect(notificationCodeOf('0xC004F00F (grace time expired).')).toBe('0xC004F00F');
    expect(notificationCodeOf('0xC004F056 and more text')).toBeNull();
    expect(hresultIn('错误：0xc004f074软件授权服务')).toBe('0xC004F074');
  });

  it('takes masks and documentation placeholders for unknown values', () => {
    for (const masked of ['*****', '<redacted>', '<KMS-machine-name>', 'XXXXX', '[removed]']) expect(isMaskedValue(masked), masked).toBe(true);
    expect(isMaskedValue('T83GX')).toBe(false);
  });

  it('finds the product and Activation ID of an "Activating" line in any language, brackets full-width or not', () => {
    expect(activatingLine('正在激活 Windows(R), EnterpriseS edition (2d5a5a60-3040-48bf-beb0-fcd770c20ce0) ...')).toEqual({
      product: 'Windows(R), EnterpriseS edition',
      activationId: '2d5a5a60-3040-48bf-beb0-fcd770c20ce0',
      rest: '',
    });
    expect(activatingLine('正在激活Windows（R)，Pro (82bbc092-bc50-4e16-8e18-b74fc486aec3). 错误：0xC004F074')?.rest).toBe('错误：0xC004F074');
    expect(activatingLine('Client Machine ID (CMID): 2ffcfc30-6a6a-49ec-92b8-f6150c7df211')).toBeNull();
  });
});
