import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';
import { toolVersion } from '../version.js';

type RegisterCommand = (program: Command, io: CliIo) => void;

// Subcommands are loaded on demand (each is its own chunk in the built CLI): a run pays only for the
// libraries its subcommand needs, which is most of a short command's wall time.
const loadParse = async (): Promise<RegisterCommand> => (await import('./commands/parse.js')).registerParse;
const loadProbe = async (): Promise<RegisterCommand> => (await import('./commands/probe.js')).registerProbe;
const loadCollect = async (): Promise<RegisterCommand> => (await import('./commands/collect.js')).registerCollect;
const loadAnalyze = async (): Promise<RegisterCommand> => (await import('./commands/analyze.js')).registerAnalyze;
const loadBundleAndHistory = async (): Promise<RegisterCommand> => (await import('./commands/bundle.js')).registerBundle;

const subcommandLoaders: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  parse: loadParse,
  probe: loadProbe,
  collect: loadCollect,
  analyze: loadAnalyze,
  bundle: loadBundleAndHistory,
  history: loadBundleAndHistory,
};
const allLoaders = [loadParse, loadProbe, loadCollect, loadAnalyze, loadBundleAndHistory];

/**
 * Builds the kms-doctor command tree; every subcommand lives in its own file under commands/.
 *
 * Given the arguments, only the subcommand they name is loaded; help, unknown names and no arguments load all.
 */
export async function buildProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('kms-doctor')
    .description('Diagnose KMS volume activation: parse evidence, probe the network, analyze bundles.')
    .version(toolVersion, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const first = argv[0];
  const versionOnly = argv.length === 1 && (first === '-V' || first === '--version');
  const named = first !== undefined && Object.hasOwn(subcommandLoaders, first) ? subcommandLoaders[first] : undefined;
  const loaders = versionOnly ? [] : named === undefined ? allLoaders : [named];
  for (const load of loaders) (await load())(program, io);
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
  const program = await buildProgram(io, argv);
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
