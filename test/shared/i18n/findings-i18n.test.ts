import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnose/index.js';
import { createTranslator, resources } from '../../../shared/i18n/index.js';
import { findingIds } from '../../../shared/kms/findings.js';
import { healthyClient } from '../diagnose/evidence-builders.js';

type Tree = { readonly [key: string]: Tree | string };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('finding texts in en, ja, zh-TW', () => {
  const en = leaves(resources.en.findings as unknown as Tree);

  it('every catalog id has a title and at least one explanation in English', () => {
    for (const id of findingIds) {
      expect(en.has(`${id}.title`), id).toBe(true);
      expect([...en.keys()].some((k) => k.startsWith(`${id}.explanation`)), id).toBe(true);
    }
  });

  for (const lang of ['ja', 'zh-TW'] as const) {
    it(`${lang} has exactly the English keys, each translated, with the same placeholders`, () => {
      const other = leaves(resources[lang].findings as unknown as Tree);
      expect([...other.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, text] of en) {
        const translated = other.get(key)!;
        expect(placeholders(translated), `${lang} ${key}`).toEqual(placeholders(text));
        expect(translated, `${lang} ${key} is not translated`).not.toBe(text);
      }
    });

    it(`${lang} report strings cover the English ones`, () => {
      expect([...leaves(resources[lang].report as unknown as Tree).keys()].sort()).toEqual([...leaves(resources.en.report as unknown as Tree).keys()].sort());
    });
  }

  it('uses Microsoft terminology of the localized KMS guide', () => {
    const ja = [...leaves(resources.ja.findings as unknown as Tree).values()].join('\n');
    const zh = [...leaves(resources['zh-TW'].findings as unknown as Tree).values()].join('\n');
    expect(ja).toContain('ライセンス認証');
    expect(ja).toContain('KMS ホスト');
    expect(zh).toContain('KMS 主機');
    expect(zh).toContain('啟用');
  });

  it('renders a gap (missing evidence) fully in the chosen language, nested labels resolved', () => {
    for (const [lang, word] of [['en', 'DNS and network checks'], ['ja', 'DNS とネットワークの確認'], ['zh-TW', 'DNS 與網路檢查']] as const) {
      const g = diagnose(healthyClient({ probes: null }), { lang }).gaps[0]!;
      expect(g.name).toContain(word);
      expect(`${g.name} ${g.explanation} ${g.fix?.text ?? ''}`).not.toMatch(/\$t\(|\{\{|collect\./);
    }
  });

  it('falls back to the key, never throws, for an unknown key', () => {
    expect(createTranslator('ja')('client.no-such.title')).toBe('client.no-such.title');
  });
});
