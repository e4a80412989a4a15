import type { FastifyBaseLogger } from 'fastify';
import type { ModelRegistry, SyncReport } from '../models/model-registry';

/** What asked for a reload: the poll timer, SIGHUP, or `POST /api/models/reload`. */
export type ReloadTrigger = 'poll' | 'SIGHUP' | 'api';

/**
 * Re-reads the models directory and serves what changed (see `ModelRegistry.sync`), logging the
 * outcome — for polls only when something changed, so an idle server's log stays quiet.
 */
export async function reloadModels(
  registry: ModelRegistry,
  log: FastifyBaseLogger,
  trigger: ReloadTrigger,
): Promise<SyncReport> {
  const report = await registry.sync();
  const changed = report.added.length + report.replaced.length + report.removed.length > 0;
  if (trigger !== 'poll' || changed) log.info({ trigger, ...report }, 'models directory reloaded');
  return report;
}

/**
 * Polls the models directory every `seconds` once the start-up load is done (readdir and stat only;
 * a version's files are read only when they changed). A poll is skipped while the previous one runs.
 * Returns the function that stops polling.
 */
export function pollModels(registry: ModelRegistry, log: FastifyBaseLogger, seconds: number): () => void {
  let running = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || registry.state !== 'ready') return;
    running = true;
    reloadModels(registry, log, 'poll')
      .catch((error: unknown) => {
        if (!stopped) log.error({ err: error }, 'polling the models directory failed');
      })
      .finally(() => (running = false));
  }, seconds * 1000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
