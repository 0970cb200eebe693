import { existsSync } from 'node:fs';
import path from 'node:path';
import { languages, type Lang } from '../../../shared/diagnose/types.js';
import { BundleRefusedError } from '../../bundle/bundle-reader.js';
import { CliError } from '../cli-error.js';

/** One line for a failure of reading, diagnosing or writing a bundle (never a stack trace). */
export function bundleFailure(command: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (error instanceof BundleRefusedError) return new CliError(`kms-doctor ${command}: ${message}`, 1);
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') return new CliError(`kms-doctor ${command}: cannot read or write a file: ${message}`, 1);
  return new CliError(`kms-doctor ${command}: ${message}`, 1);
}

/** Checks `--out` and `--lang` for the commands that write a bundle. */
export function checkOutAndLang(command: string, out: string, lang: string, input?: string): { out: string; lang: Lang } {
  if (!(languages as readonly string[]).includes(lang)) throw new CliError(`kms-doctor ${command}: --lang must be one of ${languages.join(', ')} (got "${lang}")`, 1);
  const resolved = path.resolve(out);
  if (!resolved.toLowerCase().endsWith('.zip')) throw new CliError(`kms-doctor ${command}: --out must name a .zip file (got "${out}")`, 1);
  if (input !== undefined && path.resolve(input) === resolved) throw new CliError(`kms-doctor ${command}: --out is the input itself; write the new bundle elsewhere`, 1);
  if (!existsSync(path.dirname(resolved))) throw new CliError(`kms-doctor ${command}: the folder of --out does not exist: ${path.dirname(resolved)}`, 1);
  return { out: resolved, lang: lang as Lang };
}
