/**
 * License states of SoftwareLicensingProduct.LicenseStatus (also the license-state field of events
 * 12288 and 12290): code ↔ name, and what each means for KMS, in the app's three languages.
 */
import type { LicenseStatus } from '../parse/types.js';
import type { LocalizedText } from './error-codes.js';

export interface LicenseStateInfo {
  readonly code: number;
  readonly status: LicenseStatus;
  /** slmgr's English wording of the state. */
  readonly slmgrText: string;
  readonly meaning: LocalizedText;
}

const t = (en: string, ja: string, zhTw: string): LocalizedText => ({ en, ja, 'zh-TW': zhTw });

export const licenseStates: readonly LicenseStateInfo[] = [
  {
    code: 0,
    status: 'unlicensed',
    slmgrText: 'Unlicensed',
    meaning: t('Not activated and no grace period left (or no key installed).', 'ライセンス認証されておらず、猶予期間も残っていません (またはキーが未インストール)。', '尚未啟用且沒有剩餘的寬限期 (或未安裝金鑰)。'),
  },
  {
    code: 1,
    status: 'licensed',
    slmgrText: 'Licensed',
    meaning: t('Activated. A KMS client stays licensed for 180 days and renews every 7 days.', 'ライセンス認証済みです。KMS クライアントは 180 日間有効で、7 日ごとに更新します。', '已啟用。KMS 用戶端的啟用有效期為 180 天，每 7 天更新一次。'),
  },
  {
    code: 2,
    status: 'initialGrace',
    slmgrText: 'Initial grace period',
    meaning: t('Installed but not yet activated; the initial (out-of-box) grace period is running.', 'インストール済みですがまだライセンス認証されていません。初期 (OOB) 猶予期間中です。', '已安裝但尚未啟用；正處於初始 (OOB) 寬限期。'),
  },
  {
    code: 3,
    status: 'additionalGrace',
    slmgrText: 'Additional grace period (KMS license expired or hardware out of tolerance)',
    meaning: t('The KMS activation expired or the hardware changed beyond tolerance; an additional grace period is running.', 'KMS ライセンス認証の期限が切れたか、ハードウェアの変更が許容範囲を超えました。追加の猶予期間中です。', 'KMS 啟用已過期或硬體變更超出容許範圍；正處於額外寬限期。'),
  },
  {
    code: 4,
    status: 'nonGenuineGrace',
    slmgrText: 'Non-genuine grace period.',
    meaning: t('Windows failed genuine validation; a non-genuine grace period is running.', 'Windows が正規品の検証に失敗しました。非正規品の猶予期間中です。', 'Windows 未通過正版驗證；正處於非正版寬限期。'),
  },
  {
    code: 5,
    status: 'notification',
    slmgrText: 'Notification',
    meaning: t('The grace period ended without activation: notification mode (see the notification reason).', '猶予期間がライセンス認証されないまま終了し、通知モードです (通知理由を参照)。', '寬限期結束但未啟用：處於通知模式 (請參閱通知原因)。'),
  },
  {
    code: 6,
    status: 'extendedGrace',
    slmgrText: 'Extended grace period',
    meaning: t('The grace period was extended (for example by rearm).', '猶予期間が延長されています (rearm など)。', '寬限期已延長 (例如透過 rearm)。'),
  },
];

/** The state name for a LicenseStatus code; 'unknown' for anything outside 0..6. */
export function licenseStatusFromCode(code: number | string | null | undefined): LicenseStatus {
  const value = typeof code === 'string' && /^\s*\d+\s*$/.test(code) ? Number(code) : code;
  return licenseStates.find((state) => state.code === value)?.status ?? 'unknown';
}

/** The LicenseStatus code of a state name; null for 'unknown'. */
export function licenseStatusCode(status: LicenseStatus): number | null {
  return licenseStates.find((state) => state.status === status)?.code ?? null;
}

/** Everything known about a state, by code or name; null when it is not one of the seven. */
export function lookupLicenseState(codeOrStatus: number | LicenseStatus): LicenseStateInfo | null {
  return licenseStates.find((state) => state.code === codeOrStatus || state.status === codeOrStatus) ?? null;
}
