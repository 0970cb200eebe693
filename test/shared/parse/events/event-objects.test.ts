import { describe, expect, it } from 'vitest';
import { parseEventsAuto } from '../../../../shared/parse/events/index.js';

describe('events exported as objects', () => {
  it('reads one ConvertTo-Json object (no array for a single event) with its /Date(ms)/ time', () => {
    const json = JSON.stringify({ Id: 12294, ProviderName: 'Microsoft-Windows-Security-SPP', LogName: 'Application', MachineName: 'KMS01', TimeCreated: '/Date(1749897432000)/', Message: 'Publishing the Key Management Service (KMS) to DNS in the contoso.com domain is successful.' });
    const read = parseEventsAuto(json);
    expect(read.format).toBe('json');
    expect(read.events).toMatchObject([{ eventId: 12294, computer: 'KMS01', logName: 'Application', timeCreated: '2025-06-14T10:37:12.000Z', dnsDomain: 'contoso.com' }]);
  });

  it('reads an Export-Csv with quotes doubled and line breaks inside the Message', () => {
    const csv = [
      '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord',
      '"Id","ProviderName","MachineName","TimeCreated","Message"',
      '"8198","Microsoft-Windows-Security-SPP","PC1","1/2/2026 3:04:05 PM","License Activation (slui.exe) failed with the following error code:',
      'hr=0x8007232B',
      'Command-line arguments: ""quoted"""',
    ].join('\r\n');
    const read = parseEventsAuto(csv);
    expect(read.format).toBe('csv');
    expect(read.events).toMatchObject([{ eventId: 8198, hresult: '0x8007232B', computer: 'PC1', timeCreatedLocal: '2026-01-02T15:04:05' }]);
  });

  it('keeps any Security-SPP id as an event and reads its HRESULT wherever it stands', () => {
    const read = parseEventsAuto(JSON.stringify([{ Id: 1014, ProviderName: 'Microsoft-Windows-Security-SPP', Message: 'Acquisition of End User License failed.\r\nError Code: 0xC004C003' }]));
    expect(read.events).toMatchObject([{ eventId: 1014, hresult: '0xC004C003' }]);
  });

  it('reads Event Viewer text in a language no table knows by the header order and the Info line shape', () => {
    const text = [
      'Nom du journal : Application',
      'Source : Microsoft-Windows-Security-SPP',
      'Date : 14/06/2025 10:37:10',
      "ID de l'événement : 12288",
      'Catégorie de la tâche : Aucun',
      'Niveau : Information',
      'Mots-clés : Classique',
      'Utilisateur : N/A',
      'Ordinateur : PC42',
      'Description :',
      'Le client a envoyé une demande.',
      'Infos :',
      '0xC004F074, 0x00000000, kms01:1688, 2ffcfc30-6a6a-49ec-92b8-f6150c7df211, 2025/6/14 8:37, 0, 2, 43200, 73111121-5638-40f6-bc11-f1d7b0d64300, 25',
    ].join('\n');
    const read = parseEventsAuto(text);
    expect(read.events).toMatchObject([{ eventId: 12288, computer: 'PC42', provider: 'Microsoft-Windows-Security-SPP', hresult: '0xC004F074', kmsHost: 'kms01', minimumCount: 25 }]);
  });

  it('reads Get-WinEvent as its default table: the provider group line, a right-aligned Id over "--"', () => {
    const table = [
      '',
      '   ProviderName: Microsoft-Windows-Security-SPP',
      '',
      'TimeCreated                     Id LevelDisplayName Message',
      '-----------                     -- ---------------- -------',
      '6/14/2025 10:37:12 AM         8198 Error            License Activation (slui.exe) failed with the following error code:...',
      '6/14/2025 10:37:10 AM        12288 Information      The client has sent an activation request to the key management service ...',
    ].join('\r\n');
    const read = parseEventsAuto(table);
    expect(read.events).toMatchObject([
      { eventId: 8198, provider: 'Microsoft-Windows-Security-SPP', timeCreatedLocal: '2025-06-14T10:37:12' },
      { eventId: 12288, provider: 'Microsoft-Windows-Security-SPP', timeCreatedLocal: '2025-06-14T10:37:10' },
    ]);
  });
});
