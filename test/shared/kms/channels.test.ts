import { describe, expect, it } from 'vitest';
import { channelFromDescription, channelKind, lookupChannel, nameSaysKmsHost } from '../../../shared/kms/channels.js';

describe('channels', () => {
  it.each([
    ['Windows(R) Operating System, VOLUME_KMSCLIENT channel', 'VOLUME_KMSCLIENT'],
    ['Windows Operating System - Windows(R) 7, VOLUME_KMSCLIENT channel', 'VOLUME_KMSCLIENT'],
    ['Windows(TM) Server 2003 KMS, VOLUME_KMS channel', 'VOLUME_KMS'],
    ['Office 16, VOLUME_KMS channel', 'VOLUME_KMS'],
    ['Windows(R) Operating System, VOLUME_KMS_2019 channel', 'VOLUME_KMS_2019'],
    // A Windows Server 2012 R2 host key that activates Windows 10 (published in a Microsoft Q&A thread).
    ['Windows(R) Operating System, VOLUME_KMS_2012-R2_WIN10 channel', 'VOLUME_KMS_2012-R2_WIN10'],
    ['Windows(R) Operating System, RETAIL channel', 'RETAIL'],
    ['Windows(R) Operating System, OEM_DM channel', 'OEM_DM'],
    ['Windows(R) Operating System, TIMEBASED_EVAL channel', 'TIMEBASED_EVAL'],
  ])('reads the channel of %s', (description, channel) => {
    expect(channelFromDescription(description)).toBe(channel);
  });

  it('gives null when there is no channel token', () => {
    expect(channelFromDescription('Windows(R) Operating System')).toBeNull();
    expect(channelFromDescription(null)).toBeNull();
  });

  it.each([
    ['VOLUME_KMSCLIENT', 'kmsClient'],
    ['VOLUME_KMS', 'kmsHost'],
    ['VOLUME_KMS_C', 'kmsHost'],
    ['VOLUME_KMS_R2_C', 'kmsHost'],
    ['VOLUME_MAK', 'mak'],
    ['MAK', 'mak'],
    ['RETAIL', 'retail'],
    ['OEM_SLP', 'oem'],
    ['OEM_COA_NSLP', 'oem'],
    ['TIMEBASED_SUB', 'timebased'],
    ['VIRTUAL_MACHINE_ACTIVATION', 'avma'],
    ['SOMETHING', 'other'],
  ] as const)('classifies %s as %s', (channel, kind) => {
    expect(channelKind(channel)).toBe(kind);
    expect(lookupChannel(channel).kind).toBe(kind);
  });

  it('explains channels in three languages', () => {
    const info = lookupChannel('VOLUME_MAK');
    expect(info.meaning.en).toContain('GVLK');
    expect(info.meaning.ja).toContain('GVLK');
    expect(info.meaning['zh-TW']).toContain('GVLK');
  });
});

describe('nameSaysKmsHost', () => {
  // Names as slmgr printed them in published outputs (test/fixtures/real-world) and Office's KMS host licences.
  it('knows the KMS host products by name and never takes a KMS client product for one', () => {
    for (const name of ['Windows(TM) Server 2003 KMS, KmsW2k3Prs edition', 'Microsoft Office 2010, KMSHost edition', 'Office 16, OfficeKMSHostVL_KMS_Host edition', 'Office 15, OfficeKMSHostVL_KMS_Host edition']) {
      expect(nameSaysKmsHost(name), name).toBe(true);
    }
    for (const name of ['Office 16, Office16ProPlusVL_KMS_Client edition', 'Office 14, OfficeProPlus-KMS_Client edition', 'Windows(R), ServerStandard edition', 'Windows(R), Professional edition', null]) {
      expect(nameSaysKmsHost(name), String(name)).toBe(false);
    }
  });
});
