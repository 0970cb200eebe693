import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerBundle } from './commands/bundle.js';
import { registerCollect } from './commands/collect.js';
import { registerParse } from './commands/parse.js';
import { registerProbe } from './commands/probe.js';
import type { CliIo } from './io.js';
import { toolVersion } from '../version.js';

/** Builds the kms-doctor command tree; every subcommand lives in its own file under commands/. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('kms-doctor')
    .description('Diagnose KMS volume activation: parse evidence, probe the network, analyze bundles.')
    .version(toolVersion, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerParse(program, io);
  registerProbe(program, io);
  registerCollect(program, io);
  registerAnalyze(program, io);
  registerBundle(program, io);
  // Every (sub)command throws instead of calling process.exit, so runCli owns the exit status.
  const exitOverrideAll = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}

/**
 * Runs the CLI and returns the exit status; never throws and never prints a stack trace.
 *
 * 0 done, 1 bad input or failed run, 2 usage error (DESIGN.md §5).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = ['commander.helpDisplayed', 'commander.help', 'commander.version'];
      return helpOrVersion.includes(error.code) ? 0 : 2;
    }
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`kms-doctor: unexpected error: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
