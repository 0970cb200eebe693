/**
 * A failure the CLI reports as one line on stderr.
 *
 * Exit status follows DESIGN.md §5: 1 = bad input or failed run, 2 = usage error.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Thrown by a subcommand registered before its implementation has landed. */
export function notImplemented(command: string, issue: string): never {
  throw new CliError(`kms-doctor ${command}: not implemented yet (lands with ${issue})`, 1);
}
