import type { Command } from 'commander';
import { rebundle } from '../../service/package-bundle.js';
import type { CliIo } from '../io.js';
import { bundleFailure, checkOutAndLang } from './bundle-output.js';
import { registerHistory } from './history.js';

interface BundleOptions {
  out: string;
  redact?: boolean;
  lang: string;
  json?: boolean;
}

/** `kms-doctor bundle`: re-packages a bundle or a loose folder (same manifest, report and redaction as collect). */
export async function runBundleCommand(input: string, options: BundleOptions, io: CliIo): Promise<void> {
  const { out, lang } = checkOutAndLang('bundle', options.out, options.lang, input);
  let packaged;
  try {
    packaged = await rebundle({ source: input, out, redact: options.redact === true, lang });
  } catch (error) {
    throw bundleFailure('bundle', error);
  }
  const { manifest } = packaged.written;
  if (options.json === true) {
    io.stdout(`${JSON.stringify({ out, from: packaged.from, manifest, findings: packaged.diagnosed.result.findings.map((finding) => ({ id: finding.id, severity: finding.severity })) }, null, 2)}\n`);
    return;
  }
  const left = manifest.notes?.filter((note) => note.includes('left out')) ?? [];
  io.stdout(
    `Bundle written: ${out} (${manifest.files.length} files${manifest.redacted ? ', redacted' : ''}; from a ${packaged.from})\n` +
      `Role: ${manifest.role}; ${packaged.diagnosed.result.findings.length} finding(s)\n` +
      left.map((note) => `Note: ${note}\n`).join(''),
  );
}

/** Registers `kms-doctor bundle`, and `kms-doctor history` beside it. */
export function registerBundle(program: Command, io: CliIo): void {
  program
    .command('bundle')
    .description('re-package a bundle or a loose folder into a support zip, optionally redacted')
    .argument('<path>', 'bundle.zip, bundle directory or loose folder')
    .requiredOption('--out <file.zip>', 'where to write the zip')
    .option('--redact', 'replace identifiers with stable pseudonyms')
    .option('--lang <lang>', 'report language: en, ja or zh-TW', 'en')
    .option('--json', 'print one JSON document')
    .action((input: string, options: BundleOptions) => runBundleCommand(input, options, io));
  registerHistory(program, io);
}
