/**
 * What a licensed product is (DESIGN.md §4, §5 "Parsed slmgr report" `kind`): the Windows OS licence
 * itself, an add-on of Windows (Extended Security Updates and other "… add-on for …" licences, MAK by
 * design), or an application (Office and any other Application ID). Each kind is judged on its own.
 */
import type { SlmgrProduct } from '../parse/types.js';

export const productKinds = ['os', 'addon', 'application'] as const;
export type ProductKind = (typeof productKinds)[number];

/** The Application ID of every Windows licence (the OS and its add-ons), as slmgr prints it. */
export const windowsApplicationId = '55c92734-d682-4d71-983e-d6ec3f16059f';

// An add-on names itself so in its Name or Description ("Client-ESU-Year1 add-on for Client…",
// "Windows(R) 7, Client-ESU add-on"). "ESU" alone is matched as a word, so a SKU name holding the
// letters cannot be taken for it.
const addonPattern = /add-?on\b|\bESU\b|Extended Security Update/i;

type ProductIdentity = Pick<SlmgrProduct, 'name' | 'description' | 'applicationId'>;

/** A product of the Windows application (the OS or an add-on), by Application ID or, without it, by name. */
export function isWindowsProduct(p: ProductIdentity): boolean {
  if (p.applicationId) return p.applicationId.toLowerCase() === windowsApplicationId;
  return /^windows/i.test(p.name ?? '') || /windows/i.test(p.description ?? '');
}

/**
 * The kind of a product, or null when neither its Application ID nor its name says (a fragment that
 * printed only a partial key): never guessed.
 */
export function productKindOf(p: ProductIdentity): ProductKind | null {
  if (p.applicationId === null && p.name === null && p.description === null) return null;
  if (!isWindowsProduct(p)) return p.applicationId !== null || p.name !== null ? 'application' : null;
  return addonPattern.test(p.name ?? '') || addonPattern.test(p.description ?? '') ? 'addon' : 'os';
}
