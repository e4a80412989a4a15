/**
 * Turns the first Ctrl-C (SIGINT) or SIGTERM into a polite stop request the training loop checks
 * before every step: the current step finishes, the last complete checkpoint stays. A second
 * signal exits at once (the checkpoints on disk are complete either way).
 */
export function stopOnSignals(onFirstSignal: (signal: string) => void): {
  shouldStop: () => boolean;
  dispose: () => void;
} {
  let requested = false;
  const handler = (signal: NodeJS.Signals) => {
    if (requested) process.exit(130);
    requested = true;
    onFirstSignal(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    shouldStop: () => requested,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
