/**
 * License channels: the token before " channel" in a product's Description (slmgr /dli, WMI
 * SoftwareLicensingProduct.Description) and what it means for KMS. slmgr.vbs itself picks its KMS
 * client / host blocks from these tokens, so they are language-independent.
 */
import type { LocalizedText } from './error-codes.js';

export type ChannelKind = 'kmsClient' | 'kmsHost' | 'mak' | 'retail' | 'oem' | 'timebased' | 'avma' | 'other';

export interface ChannelInfo {
  readonly channel: string;
  readonly kind: ChannelKind;
  readonly meaning: LocalizedText;
}

const t = (en: string, ja: string, zhTw: string): LocalizedText => ({ en, ja, 'zh-TW': zhTw });

const MEANINGS: Readonly<Record<ChannelKind, LocalizedText>> = {
  kmsClient: t(
    'KMS client: a generic volume license key (GVLK) is installed; the machine activates against a KMS host.',
    'KMS クライアント: 汎用ボリューム ライセンス キー (GVLK) がインストールされており、KMS ホストに対してライセンス認証を行います。',
    'KMS 用戶端：已安裝一般大量授權金鑰 (GVLK)；電腦會向 KMS 主機進行啟用。',
  ),
  kmsHost: t(
    'KMS host: a KMS host key (CSVLK) is installed; this machine activates KMS clients once it is activated itself.',
    'KMS ホスト: KMS ホスト キー (CSVLK) がインストールされています。このコンピューター自体がライセンス認証されると KMS クライアントをライセンス認証します。',
    'KMS 主機：已安裝 KMS 主機金鑰 (CSVLK)；此電腦本身啟用後即可啟用 KMS 用戶端。',
  ),
  mak: t(
    'Multiple Activation Key (MAK): activates once with Microsoft, not with KMS. To use KMS, install the GVLK for the edition.',
    'マルチ ライセンス認証キー (MAK): KMS ではなく Microsoft で 1 回ライセンス認証します。KMS を使うには、エディションの GVLK をインストールします。',
    '多重啟用金鑰 (MAK)：向 Microsoft 啟用一次，而非透過 KMS。若要使用 KMS，請安裝該版本的 GVLK。',
  ),
  retail: t(
    'Retail key: activates with Microsoft, not with KMS. To use KMS, install the GVLK for the edition (volume-licensed editions only).',
    'リテール キー: KMS ではなく Microsoft でライセンス認証します。KMS を使うには、エディションの GVLK をインストールします (ボリューム ライセンスのエディションのみ)。',
    '零售金鑰：向 Microsoft 啟用，而非透過 KMS。若要使用 KMS，請安裝該版本的 GVLK (僅限大量授權版本)。',
  ),
  oem: t(
    'OEM license from the hardware vendor: not a KMS client. To use KMS, install the GVLK for the edition.',
    'ハードウェア ベンダーの OEM ライセンス: KMS クライアントではありません。KMS を使うには、エディションの GVLK をインストールします。',
    '硬體廠商的 OEM 授權：不是 KMS 用戶端。若要使用 KMS，請安裝該版本的 GVLK。',
  ),
  timebased: t(
    'Time-based license (evaluation or subscription): expires on its own schedule, not a KMS client.',
    '期間ベースのライセンス (評価版またはサブスクリプション): 独自のスケジュールで期限切れになり、KMS クライアントではありません。',
    '以時間為基礎的授權 (評估版或訂閱)：依其自身排程到期，不是 KMS 用戶端。',
  ),
  avma: t(
    'Automatic Virtual Machine Activation: the guest activates against its Hyper-V host, not against KMS.',
    '仮想マシンの自動ライセンス認証 (AVMA): ゲストは KMS ではなく Hyper-V ホストに対してライセンス認証します。',
    '自動虛擬機器啟用 (AVMA)：客體向其 Hyper-V 主機啟用，而非透過 KMS。',
  ),
  other: t('A channel KMS Doctor does not know.', 'KMS Doctor が認識しないチャネルです。', 'KMS Doctor 無法辨識的通道。'),
};

/** The channel token of a Description ("…, VOLUME_KMSCLIENT channel" → "VOLUME_KMSCLIENT"); null when none. */
export function channelFromDescription(description: string | null | undefined): string | null {
  if (description == null) return null;
  // Tokens may hold a hyphen (VOLUME_KMS_2012-R2_WIN10, a Windows Server 2012 R2 host key for Windows 10).
  const match = /(?:^|[\s,])([A-Za-z0-9_:][A-Za-z0-9_:-]*)\s+channel\s*\.?\s*$/i.exec(description);
  // "VOLUME-KMSCLIENT" is a retyped VOLUME_KMSCLIENT: every VOLUME token has an underscore there.
  return match?.[1]?.replace(/^VOLUME-/i, 'VOLUME_') ?? null;
}

/** What kind of license a channel token is (slmgr's own substring tests, in its order). */
export function channelKind(channel: string | null | undefined): ChannelKind | null {
  if (channel == null || channel === '') return null;
  const upper = channel.toUpperCase();
  if (upper.includes('VOLUME_KMSCLIENT')) return 'kmsClient';
  if (upper.includes('VOLUME_KMS')) return 'kmsHost';
  if (upper.includes('VIRTUAL_MACHINE_ACTIVATION')) return 'avma';
  if (upper.includes('TIMEBASED')) return 'timebased';
  if (upper.includes('MAK')) return 'mak';
  if (upper.startsWith('OEM')) return 'oem';
  if (upper.includes('RETAIL')) return 'retail';
  return 'other';
}

/**
 * Whether a product's Name says it is a KMS host product, for output that prints the name but no channel
 * (`/ato` prints only "Activating <Name> (<ID>) ..."). KMS host products carry "KMS" as a word or "KMSHost"
 * in their name ("Windows(TM) Server 2003 KMS, KmsW2k3Prs edition", "Microsoft Office 2010, KMSHost
 * edition", "Office 16, OfficeKMSHostVL_KMS_Host edition"); KMS client products say "KMS_Client"
 * ("Office 16, Office16ProPlusVL_KMS_Client edition"), and a Windows CSVLK's name ("Windows(R),
 * ServerStandard edition") says nothing, so false means "not shown", never "not a host".
 */
export function nameSaysKmsHost(name: string | null | undefined): boolean {
  if (name == null) return false;
  if (/KMS[\s_-]?Client/i.test(name)) return false;
  return /KMS[\s_-]?Host/i.test(name) || /(?<![A-Za-z0-9_])KMS(?![A-Za-z0-9_])/.test(name);
}

/** Kind and localized meaning of a channel token (VOLUME_KMSCLIENT, VOLUME_KMS_C, VOLUME_MAK, RETAIL, OEM_DM, TIMEBASED_EVAL…). */
export function lookupChannel(channel: string): ChannelInfo {
  const kind = channelKind(channel.trim()) ?? 'other';
  return { channel: channel.trim(), kind, meaning: MEANINGS[kind] };
}
