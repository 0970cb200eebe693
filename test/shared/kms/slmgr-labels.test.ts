import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countKnownLabels, findSlmgrLabel, labelSetFromEntries, slmgrLabels, slmgrText } from '../../../shared/kms/slmgr-labels.js';

// A copy of knowledge/SLMGR-LABELS.json (the constants read from slmgr.vbs), so the check runs on a clean clone.
const knowledge = JSON.parse(readFileSync(new URL('./fixtures/SLMGR-LABELS.json', import.meta.url), 'utf8')) as {
  labels: { key: string; en: string; enOld?: string; indent: number | null }[];
};

describe('the slmgr label table', () => {
  it('carries every display constant of the knowledge file with its English text and indent', () => {
    expect(slmgrLabels).toHaveLength(knowledge.labels.length);
    for (const known of knowledge.labels) {
      const label = findSlmgrLabel(known.key);
      expect(label, known.key).not.toBeNull();
      expect(label?.en).toBe(known.en);
      expect(label?.enOld).toBe(known.enOld);
      expect(label?.indent).toBe(known.indent);
    }
  });

  it('maps the report fields of DESIGN.md to constants', () => {
    const fields = new Set(slmgrLabels.map((label) => label.field));
    for (const field of [
      'serviceVersion',
      'product.name',
      'product.description',
      'product.activationId',
      'product.applicationId',
      'product.extendedPid',
      'product.productKeyChannel',
      'product.partialProductKey',
      'product.licenseStatus',
      'product.notificationReason',
      'product.remainingMinutes',
      'product.kmsClient.cmid',
      'product.kmsClient.kmsMachineFromDns',
      'product.kmsClient.registeredKmsMachine',
      'product.kmsClient.kmsMachineIp',
      'product.kmsClient.activationIntervalMinutes',
      'product.kmsClient.renewalIntervalMinutes',
      'product.kmsClient.hostCaching',
      'product.kmsHost.currentCount',
      'product.kmsHost.listeningPort',
      'product.kmsHost.dnsPublishing',
      'product.kmsHost.lowPriority',
      'product.kmsHost.requests.total',
      'product.kmsHost.requests.notification',
      'activation[].product',
      'activation[].hresult',
    ]) {
      expect(fields).toContain(field);
    }
    expect(findSlmgrLabel('L_MsgKmsCurrentCount')?.field).toBe('product.kmsHost.currentCount');
  });

  it('prints what slmgr prints for a key: the ini value, else English (case-insensitive keys)', () => {
    const labels = labelSetFromEntries({ L_MsgKmsCurrentCount: 'Aktuelle Anzahl: ' });
    expect(slmgrText('l_msgkmscurrentcount', labels)).toBe('Aktuelle Anzahl: ');
    expect(slmgrText('L_MsgKmsListeningOnPort', labels)).toBe('Listening on Port: ');
    expect(slmgrText('L_MsgNoSuchThing', labels)).toBe('');
    expect(countKnownLabels(labels)).toBe(1);
    expect(countKnownLabels(labelSetFromEntries({ foo: 'bar' }))).toBe(0);
  });
});
