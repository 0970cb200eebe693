import type { findingsEn } from './findings.en.js';

type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language's finding texts must have: the English keys, any strings. */
export type FindingTexts = Widen<typeof findingsEn>;
