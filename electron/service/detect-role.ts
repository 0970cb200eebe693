import { decideRole, type Role } from '../../shared/kms/role.js';
import { CimParseError, parseCimLicensing } from '../../shared/parse/cim.js';
import { parseSlmgrText } from '../../shared/parse/slmgr.js';
import type { SlmgrReport } from '../../shared/parse/types.js';

/**
 * The role of this machine from the collected licensing data, read by the same parsers and decided by
 * the same function as everywhere else: CIM first (locale-neutral), slmgr's text when CIM is missing or
 * unreadable.
 */
export function detectRole(input: { readonly cimProducts: string | null; readonly cimService: string | null; readonly slmgrText: string | null }): Role {
  let report: SlmgrReport | null = null;
  const readCim = (products: string, service: string | null): SlmgrReport | null => {
    try {
      return parseCimLicensing(products, service);
    } catch (error) {
      if (!(error instanceof CimParseError)) throw error;
      return null;
    }
  };
  // An unreadable service document must not hide readable products.
  if (input.cimProducts !== null) report = readCim(input.cimProducts, input.cimService) ?? readCim(input.cimProducts, null);
  if ((report === null || report.products.length === 0) && input.slmgrText !== null) report = parseSlmgrText(input.slmgrText);
  return decideRole({ licensing: report }).role;
}
