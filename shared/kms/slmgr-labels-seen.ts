/**
 * Localized slmgr texts established from public material (knowledge/SLMGR-LABELS-SEEN.md, grades A–C, plus
 * the zh-CN activation lines of published pastes in test/fixtures/real-world). They only confirm what the
 * layout and the value shapes already say (shared/parse/slmgr-layout.ts) and name the display language;
 * no field is read through them alone except a license status word, which has no shape of its own.
 */
import type { LicenseStatus } from '../parse/types.js';

/** BCP 47 tags of the display languages the table knows. */
export type SlmgrDisplayLanguage = 'en' | 'es' | 'de' | 'fr' | 'ru' | 'pt-BR' | 'ko' | 'tr' | 'ja' | 'zh-CN' | 'zh-TW';

interface SeenLanguage {
  readonly lang: SlmgrDisplayLanguage;
  /** Labels (the text before the colon), lower-cased, as published. */
  readonly labels: readonly string[];
  /** Whole-line or leading texts that only this language prints (activation lines, error words). */
  readonly phrases: readonly string[];
  /** License status values (after the status label), lower-cased. */
  readonly statuses: Readonly<Partial<Record<LicenseStatus, readonly string[]>>>;
  /** The "Product activated successfully." line. */
  readonly activated: readonly string[];
  /** The whole-line "KMS host caching is enabled|disabled" texts, where published. */
  readonly hostCaching?: { readonly enabled?: readonly string[]; readonly disabled?: readonly string[] };
}

const seen: readonly SeenLanguage[] = [
  {
    lang: 'es',
    labels: ['versión del servicio de licencias de software', 'nombre', 'descripción', 'id. de activación', 'id. de aplicación', 'pid extendido',
      'canal de clave de producto', 'id. de instalación', 'clave de producto parcial', 'estado de la licencia', 'estado de licencia',
      'recuento de rearmado de windows restante', 'recuento de rearmados de sku restantes', 'hora de confianza', 'url de validación',
      'url de la licencia de uso', 'razón de la notificación', 'información de versión'],
    phrases: [],
    statuses: { licensed: ['con licencia'] },
    activated: [],
  },
  {
    lang: 'de',
    labels: ['lizenzstatus', 'kms-computername aus dns', 'clientcomputer-id (cmid)', 'fehlercode', 'beschreibung'],
    phrases: ['aktivieren von ', 'fehler:', 'das produkt wurde erfolgreich aktiviert.'],
    statuses: { licensed: ['lizenziert'] },
    activated: ['das produkt wurde erfolgreich aktiviert.'],
  },
  { lang: 'fr', labels: ['clé de produit partielle'], phrases: [], statuses: {}, activated: [] },
  { lang: 'ru', labels: ['состояние лицензии', 'частичный ключ продукта'], phrases: [], statuses: { licensed: ['имеет лицензию'] }, activated: [] },
  { lang: 'pt-BR', labels: ['status da licença'], phrases: [], statuses: { licensed: ['licenciado'] }, activated: [] },
  { lang: 'ko', labels: ['설치 id'], phrases: [], statuses: { licensed: ['사용 허가됨'] }, activated: [] },
  { lang: 'tr', labels: ['lisans durumu'], phrases: [], statuses: { licensed: ['lisanslı'] }, activated: [] },
  { lang: 'ja', labels: ['ライセンスの状態'], phrases: [], statuses: { licensed: ['ライセンスされています'] }, activated: [] },
  {
    lang: 'zh-CN',
    labels: ['许可证状态', '部分产品密钥'],
    phrases: ['正在激活', '错误:', '错误：', '成功地激活了产品'],
    statuses: { licensed: ['已授权'], notification: ['通知'], initialGrace: ['初始宽限'], unlicensed: ['未授权'] },
    activated: ['成功地激活了产品。', '成功地激活了产品'],
    // test/fixtures/real-world/items/slmgr-transcript-ato-dlv-zh-cn-03.txt (a published /dlv).
    hostCaching: { enabled: ['已启用 kms 主机缓存'] },
  },
  { lang: 'zh-TW', labels: [], phrases: ['正在啟用', '產品已成功啟用'], statuses: {}, activated: ['產品已成功啟用。', '產品已成功啟用'] },
];

const norm = (text: string): string => text.normalize('NFKC').trim().toLowerCase();

/** The languages whose published label this is (several languages share some words). */
export function languagesOfLabel(label: string): readonly SlmgrDisplayLanguage[] {
  const key = norm(label).replace(/\s*:$/, '');
  return seen.filter((language) => language.labels.includes(key)).map((language) => language.lang);
}

/** The language whose published phrase a line starts with, or null. */
export function languageOfPhrase(line: string): SlmgrDisplayLanguage | null {
  const text = norm(line);
  return seen.find((language) => language.phrases.some((phrase) => text.startsWith(norm(phrase))))?.lang ?? null;
}

/** The license status a published localized status value names; null when no table knows the word. */
export function statusOfLocalizedValue(value: string): LicenseStatus | null {
  const text = norm(value).replace(/[.。]$/, '');
  for (const language of seen) {
    for (const [status, words] of Object.entries(language.statuses) as Array<[LicenseStatus, readonly string[]]>) {
      if (words.includes(text)) return status;
    }
  }
  return null;
}

/** True or false for a published localized "KMS host caching is enabled|disabled" line; null otherwise. */
export function hostCachingOfPhrase(line: string): boolean | null {
  const text = norm(line).replace(/[.。]$/, '');
  for (const language of seen) {
    if (language.hostCaching?.enabled?.includes(text) === true) return true;
    if (language.hostCaching?.disabled?.includes(text) === true) return false;
  }
  return null;
}

/** Whether the line is a published localized "Product activated successfully." */
export function isLocalizedActivatedLine(line: string): boolean {
  const text = norm(line);
  return seen.some((language) => language.activated.some((phrase) => norm(phrase) === text));
}
