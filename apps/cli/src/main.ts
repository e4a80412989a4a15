import { Command, CommanderError } from 'commander';
import { isGlyphError } from '@glyph/core';
import { processIo, type CliIo } from './cli-io';
import { registerCommands } from './commands/register';

// `glyph serve`'s command still imports the type from here.

/** Runs `glyph` with the given arguments and returns the process exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('glyph')
    .description('Train, evaluate and serve handwritten-character and image recognizers.')
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  registerCommands(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, program.opts<{ verbose?: boolean }>().verbose === true, io);
  }
}

function reportError(error: unknown, verbose: boolean, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; help and version exit 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isGlyphError(error)) {
    io.err(`error [${error.code}]: ${error.message}\n`);
    if (verbose && error.stack) io.err(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`error [INTERNAL]: ${message}\n`);
  io.err(
    verbose && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : 'Run again with --verbose for the stack trace.\n',
  );
  return 1;
}
