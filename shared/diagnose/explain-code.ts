import { lookupErrorCode } from '../kms/error-codes.js';
import { changesLicence, hostPort, placeholders, slmgrPrefix } from './fix-commands.js';
import type { CautionKey, DraftFix, FixRunOn, Lang } from './types.js';

/**
 * An HRESULT in words, in the output language: a thin seam over the error-code catalog
 * (shared/kms/error-codes.ts), so rules never format codes themselves.
 */
export function explainHresult(hresult: string, lang: Lang): { name: string; meaning: string; known: boolean } {
  const info = lookupErrorCode(hresult);
  // The catalog's meanings end with a full stop; the finding texts add their own punctuation.
  return { name: info.name ?? '', meaning: info.known ? info.meaning[lang].replace(/[.。]\s*$/, '') : '', known: info.known };
}

export interface CodeFixOptions {
  /** Where a catalog fix runs when the catalog does not say (the machine that got the code). */
  readonly runOn: FixRunOn;
  /** Values the evidence knows, already checked by `hostValue` / `isPlainValue` (null: keep the placeholder). */
  readonly values?: { readonly kmsHost?: string | null; readonly port?: number | null; readonly domain?: string | null };
  /** Machines whose licence works: leave out every fix that would replace their key, re-arm or re-activate them. */
  readonly protect?: readonly FixRunOn[];
}

const cautionOf: Partial<Record<NonNullable<ReturnType<typeof changesLicence>>, CautionKey>> = { key: 'ipk', rearm: 'rearm', sysprep: 'sysprep', edition: 'edition' };

/**
 * The catalog's fixes for a code, in the output language, as commands to trust: the one slmgr form,
 * the catalog's placeholders replaced by the values the evidence knows (or by this tool's placeholder
 * names), where each runs and in which shell, a caution where it changes a licence.
 */
export function codeFixes(hresult: string, lang: Lang, options: CodeFixOptions): DraftFix[] {
  const v = options.values ?? {};
  const fill = (command: string): string =>
    command
      .replace(/^cscript \/\/nologo %windir%\\system32\\slmgr\.vbs/i, slmgrPrefix)
      .replace(/<kms-host>:1688/g, hostPort(v.kmsHost ?? null, v.port ?? null))
      .replace(/<kms-host>/g, v.kmsHost ?? placeholders.kmsHost)
      .replace(/<dns-domain>/g, v.domain ?? placeholders.domain)
      .replace(/<gvlk>/g, placeholders.gvlk)
      .replace(/<csvlk>/g, placeholders.csvlk);
  const out: DraftFix[] = [];
  for (const f of lookupErrorCode(hresult).fixes) {
    if (f.command === undefined) {
      out.push({ text: f.text[lang] });
      continue;
    }
    const runOn = f.runOn ?? options.runOn;
    const changes = changesLicence(f.command);
    if (changes !== null && (options.protect ?? []).some((m) => m === runOn || runOn === 'any')) continue;
    const caution = changes === null ? undefined : cautionOf[changes];
    out.push({ text: f.text[lang], run: { command: fill(f.command), runOn, shell: f.shell ?? 'cmd', ...(caution ? { caution } : {}) } });
  }
  return out;
}
