// Test helper: renders slmgr /dlv, /xpr and /ato output the way slmgr.vbs assembles it
// (knowledge/SLMGR-LOCALIZATION.md §b) from a label set, so the localized tests parse output that was
// produced from the very ini they load, not hand-typed text.
import { slmgrText, type SlmgrLabelSet } from '../../../shared/kms/slmgr-labels.js';
import type { LicenseStatus, SlmgrProduct } from '../../../shared/parse/types.js';

const STATUS_KEY: Readonly<Record<LicenseStatus, string>> = {
  unlicensed: 'L_MsgLicenseStatusUnlicensed_1',
  licensed: 'L_MsgLicenseStatusLicensed_1',
  initialGrace: 'L_MsgLicenseStatusInitialGrace_1',
  additionalGrace: 'L_MsgLicenseStatusAdditionalGrace_1',
  nonGenuineGrace: 'L_MsgLicenseStatusNonGenuineGrace_1',
  notification: 'L_MsgLicenseStatusNotification_1',
  extendedGrace: 'L_MsgLicenseStatusExtendedGrace_1',
  unknown: 'L_MsgLicenseStatusUnknown',
};

export function renderer(labels: SlmgrLabelSet | null) {
  const text = (key: string, tokens: Readonly<Record<string, string | number>> = {}): string =>
    Object.entries(tokens).reduce((out, [token, value]) => out.split(`%${token}%`).join(String(value)), slmgrText(key, labels));
  const indent = (line: string): string => `    ${line}`;
  const days = (minutes: number): number => Math.floor((minutes + 1439) / 1440);

  function dlv(serviceVersion: string, products: readonly (SlmgrProduct & { notInUse?: boolean })[]): string {
    const out: string[] = [text('L_MsgServiceVersion') + serviceVersion, ''];
    for (const product of products) {
      out.push(text('L_MsgProductName') + (product.name ?? ''), text('L_MsgProductDesc') + (product.description ?? ''));
      out.push(text('L_MsgActID') + (product.activationId ?? ''), text('L_MsgAppID') + (product.applicationId ?? ''));
      out.push(text('L_MsgPID4') + (product.extendedPid ?? ''), text('L_MsgChannel') + (product.productKeyChannel ?? ''));
      out.push(text('L_MsgInstallationID') + '1234567890');
      out.push(product.notInUse === true ? text('L_MsgErrorLicenseNotInUse') : text('L_MsgPartialPKey') + (product.partialProductKey ?? ''));
      out.push(text(STATUS_KEY[product.licenseStatus ?? 'unknown']));
      const minutes = product.remainingMinutes;
      if (product.licenseStatus === 'licensed' && minutes !== null) out.push(text('L_MsgLicenseStatusVL_1', { MINUTE: minutes, DAY: days(minutes) }));
      if (product.licenseStatus !== 'licensed' && product.licenseStatus !== 'notification' && minutes !== null) {
        out.push(text('L_MsgLicenseStatusTimeRemaining', { MINUTE: minutes, DAY: days(minutes) }));
      }
      if (product.notificationReason !== null) out.push(text('L_MsgNotificationErrorReasonOther', { ERRCODE: product.notificationReason.slice(2) }));
      out.push(text('L_MsgRemainingWindowsRearmCount', { COUNT: 1001 }), text('L_MsgRemainingSkuRearmCount', { COUNT: 1001 }));
      out.push(text('L_MsgCurrentTrustedTime') + '14.06.2025 10:37:12');
      if (product.channel === 'VOLUME_KMSCLIENT') {
        const type = product.configuredActivationType;
        if (type !== undefined) out.push(text({ all: 'L_MsgVLActivationTypeAll', ad: 'L_MsgVLActivationTypeAD', kms: 'L_MsgVLActivationTypeKMS', token: 'L_MsgVLActivationTypeToken' }[type]));
        const client = product.kmsClient;
        if (client === null) {
          out.push(text('L_MsgPleaseActivateRefreshKMSInfo'));
        } else {
          out.push('', text('L_MsgVLMostRecentActivationInfo'), text('L_MsgKmsInfo'));
          out.push(indent(text('L_MsgCmid') + (client.cmid ?? '')));
          if (client.registeredLookupDomain !== null) out.push(indent(text('L_MsgKmsLookupDomain') + client.registeredLookupDomain));
          if (client.registeredKmsMachine !== null) {
            out.push(indent(text('L_MsgRegisteredKmsName') + `${client.registeredKmsMachine.name}:${client.registeredKmsMachine.port ?? 1688}`));
          } else if (client.kmsMachineFromDns === null) {
            out.push(indent(text('L_MsgKmsFromDnsUnavailable')));
          } else {
            out.push(indent(text('L_MsgKmsFromDns') + `${client.kmsMachineFromDns.name}:${client.kmsMachineFromDns.port ?? 1688}`));
          }
          out.push(indent(client.kmsMachineIp === null ? text('L_MsgKmsIpAddressUnavailable') : text('L_MsgKmsIpAddress') + client.kmsMachineIp));
          out.push(indent(text('L_MsgKmsPID4') + (client.kmsMachineExtendedPid ?? '')));
          out.push(indent(text('L_MsgActivationInterval', { INTERVAL: client.activationIntervalMinutes ?? 0 })));
          out.push(indent(text('L_MsgRenewalInterval', { INTERVAL: client.renewalIntervalMinutes ?? 0 })));
          out.push(indent(text(client.hostCaching === true ? 'L_MsgKmsHostCachingEnabled' : 'L_MsgKmsHostCachingDisabled')));
        }
      }
      const host = product.kmsHost;
      if (host !== null) {
        out.push('', text('L_MsgKmsEnabled'));
        out.push(indent(text('L_MsgKmsCurrentCount') + (host.currentCount ?? '')));
        out.push(indent(text('L_MsgKmsListeningOnPort') + (host.listeningPort ?? '')));
        out.push(indent(text(host.dnsPublishing === true ? 'L_MsgKmsDnsPublishingEnabled' : 'L_MsgKmsDnsPublishingDisabled')));
        out.push(indent(text(host.lowPriority === true ? 'L_MsgKmsPriLow' : 'L_MsgKmsPriNormal')));
        const requests = host.requests;
        if (requests !== null) {
          out.push('', text('L_MsgKmsCumulativeRequestsFromClients'));
          out.push(indent(text('L_MsgKmsTotalRequestsRecieved') + requests.total));
          out.push(indent(text('L_MsgKmsFailedRequestsReceived') + requests.failed));
          out.push(indent(text('L_MsgKmsRequestsWithStatusUnlicensed') + requests.unlicensed));
          out.push(indent(text('L_MsgKmsRequestsWithStatusLicensed') + requests.licensed));
          out.push(indent(text('L_MsgKmsRequestsWithStatusInitialGrace') + requests.initialGrace));
          out.push(indent(text('L_MsgKmsRequestsWithStatusLicenseExpiredOrHwidOot') + requests.expiredOrHwOutOfTolerance));
          out.push(indent(text('L_MsgKmsRequestsWithStatusNonGenuineGrace') + requests.nonGenuineGrace));
          out.push(indent(text('L_MsgKmsRequestsWithStatusNotification') + requests.notification));
        }
      }
      out.push('');
    }
    return `${out.join('\r\n')}\r\n`;
  }

  function xpr(name: string, statusKey: string, endDate: string): string {
    return `${name}:\r\n${indent(text(statusKey, { ENDDATE: endDate }))}\r\n\r\n`;
  }

  function ato(name: string, id: string, error: { code: string; textKey: string } | null): string {
    const lines = [text('L_MsgActivating', { PRODUCTNAME: name, PRODUCTID: id })];
    lines.push(error === null ? text('L_MsgActivated') : `${text('L_MsgErrorText_8')}0x${error.code} ${text(error.textKey)}`);
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  return { dlv, xpr, ato, text };
}
