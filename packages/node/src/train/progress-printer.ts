import type { BatchLogs, EpochLogs, TrainingCallback } from '@glyph/core/train';

export interface ProgressOutput {
  write(text: string): void;
  /** Progress bar redrawn in place on a terminal; one plain line per epoch otherwise (logs, CI). */
  readonly isTTY: boolean;
}

const barWidth = 30;
/** Redrawing more often than this only costs time. */
const redrawIntervalMs = 100;

/** Keras-like progress: `Epoch 3/10`, a bar with ETA and running loss/accuracy, then epoch metrics. */
export function progressPrinter(output: ProgressOutput, now: () => number = Date.now): TrainingCallback {
  let lastDraw = 0;
  return {
    name: 'progress',
    onEpochBegin(epoch, control) {
      if (output.isTTY) output.write(`Epoch ${epoch}/${control.epochs}\n`);
      lastDraw = 0;
    },
    onBatchEnd(logs) {
      if (!output.isTTY) return;
      const last = logs.batch + 1 === logs.stepsPerEpoch;
      if (!last && now() - lastDraw < redrawIntervalMs) return;
      lastDraw = now();
      output.write(`\r${progressLine(logs)}\x1b[K`);
    },
    onEpochEnd(logs, control) {
      if (output.isTTY) {
        const perStep = (logs.seconds * 1000) / Math.max(1, control.stepsPerEpoch);
        const head = `${control.stepsPerEpoch}/${control.stepsPerEpoch} [${'='.repeat(barWidth)}]`;
        output.write(
          `\r${head} - ${formatDuration(logs.seconds)} ${Math.round(perStep)}ms/step - ${metrics(logs)}\x1b[K\n`,
        );
      } else {
        output.write(
          `epoch ${logs.epoch}/${control.epochs} - ${formatDuration(logs.seconds)} - ${metrics(logs)}\n`,
        );
      }
    },
  };
}

export function progressLine(logs: BatchLogs): string {
  const done = logs.batch + 1;
  const filled = Math.floor((done / logs.stepsPerEpoch) * barWidth);
  const bar =
    done === logs.stepsPerEpoch
      ? '='.repeat(barWidth)
      : `${'='.repeat(Math.max(0, filled - 1))}>${'.'.repeat(barWidth - Math.max(1, filled))}`;
  const eta = (logs.seconds / done) * (logs.stepsPerEpoch - done);
  const width = String(logs.stepsPerEpoch).length;
  return (
    `${String(done).padStart(width)}/${logs.stepsPerEpoch} [${bar}] - ETA: ${formatDuration(eta)} - ` +
    `loss: ${logs.meanLoss.toFixed(4)} - acc: ${logs.meanAccuracy.toFixed(4)}`
  );
}

function metrics(logs: EpochLogs): string {
  const parts = [`loss: ${logs.loss.toFixed(4)}`, `acc: ${logs.accuracy.toFixed(4)}`];
  if (logs.valLoss !== undefined) parts.push(`val_loss: ${logs.valLoss.toFixed(4)}`);
  if (logs.valAccuracy !== undefined) parts.push(`val_acc: ${logs.valAccuracy.toFixed(4)}`);
  parts.push(`lr: ${logs.learningRate.toPrecision(2)}`);
  return parts.join(' - ');
}

/** `42s`, `3:07`, `1:02:03`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total}s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}
