import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { registerBenchCommand } from './bench';
import { registerCalibrateCommand } from './calibrate';
import { registerDataCommand } from './data';
import { registerEvalCommand } from './eval';
import { registerExportCommand } from './export';
import { registerFeedbackCommand } from './feedback';
import { registerKeysCommand } from './keys';
import { registerPredictCommand } from './predict';
import { registerRetrainCommand } from './retrain';
import { registerSequenceScorerCommand } from './sequence-scorer';
import { registerServeCommand } from './serve';
import { registerTrainCommand } from './train';

/** Adds every `glyph` sub-command to the program. Each command lives in its own file. */
export function registerCommands(program: Command, io: CliIo): void {
  // Commands are registered here as they land: data, train, eval, predict, serve, bench.
  registerDataCommand(program, io);
  registerEvalCommand(program, io);
  registerPredictCommand(program, io);
  registerTrainCommand(program, io);
  registerRetrainCommand(program, io);
  registerCalibrateCommand(program, io);
  registerSequenceScorerCommand(program, io);
  registerServeCommand(program, io);
  registerKeysCommand(program, io);
  registerBenchCommand(program, io);
  registerExportCommand(program, io);
  registerFeedbackCommand(program, io);
}
