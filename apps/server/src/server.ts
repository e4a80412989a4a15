// The server entry: `node --import tsx apps/server/src/server.ts [--port 3000] …` (what `glyph serve`
// runs). Reads the configuration once, sweeps what a crash left half-written, listens; polls the
// models directory (new, changed and removed model versions); on SIGHUP re-reads the API keys file
// and the models directory at once, while serving; on SIGTERM/SIGINT
// stops accepting connections, finishes in-flight requests and exits 0.
import { stat } from 'node:fs/promises';
import { GlyphError } from '@glyph/core';
import { initNodeEngine } from '@glyph/node/engine';
import type { FastifyBaseLogger } from 'fastify';
import { assertSafeExposure } from './auth/exposure';
import { buildGlyphApp } from './build-app';
import { parseServerConfig, type ServerConfig } from './config/server-config';
import { productionDependencies } from './default-dependencies';
import { reloadModels } from './lifecycle/model-reload';
import { reportFatal, tellParent } from './lifecycle/parent-channel';
import { sweepStaleTemp, type SweepReport } from './lifecycle/sweep-stale-temp';

/** How long in-flight work may take after a shutdown signal before the process gives up. */
const shutdownGraceMs = 15_000;

async function main(): Promise<number> {
  // Installed first, so a SIGHUP during start-up never falls back to Node's default (exit).
  let onHangup = () => {};
  process.on('SIGHUP', () => onHangup());
  let config: ServerConfig;
  let swept: SweepReport;
  try {
    config = parseServerConfig(process.argv.slice(2), process.env, process.cwd());
    await assertDirectory(config.modelsDir);
    await assertSafeExposure(config);
    // Started here even with inference threads, so a bad --backend fails at once.
    await initNodeEngine({ backend: config.backend });
    // Before models load: an upload that died mid-replace has its old model moved back first.
    swept = await sweepStaleTemp(config);
  } catch (error) {
    return reportFatal(error);
  }
  let built: Awaited<ReturnType<typeof buildGlyphApp>>;
  try {
    // A feedback database that cannot be reached or migrated stops the start here, with one clear line.
    built = await buildGlyphApp({
      ...config,
      logger: { level: config.logLevel },
      dependencies: productionDependencies(config),
    });
  } catch (error) {
    return reportFatal(error);
  }
  const { app, context } = built;
  logSweep(app.log, swept);
  onHangup = () => {
    app.log.info(
      { signal: 'SIGHUP' },
      'reloading API keys and the models directory; requests keep being answered',
    );
    // A keys file that no longer parses keeps the keys in force.
    app.reloadApiKeys().then(
      () => app.log.info('API keys reloaded'),
      (error: unknown) =>
        app.log.error({ err: error }, 'API keys not reloaded; the previous keys stay in force'),
    );
    reloadModels(context.registry, app.log, 'SIGHUP').catch((error: unknown) =>
      app.log.error({ err: error }, 'models directory not reloaded'),
    );
  };
  try {
    const url = await app.listen({ port: config.port, host: config.host });
    app.log.info(
      { url, models: config.modelsDir, feedback: context.feedback.description },
      `Glyph serving at ${url}`,
    );
    // A parent that started this process with an IPC channel (`glyph serve`, tests) is told.
    await tellParent({ type: 'listening', url });
  } catch (error) {
    await app.close();
    return reportFatal(listenError(error, config));
  }
  const signal = await nextShutdownSignal();
  if (config.drainSeconds > 0) {
    // Readiness goes first, so a proxy stops sending before requests would be refused.
    context.registry.startDraining();
    app.log.info(
      { signal, drainSeconds: config.drainSeconds },
      'draining: /readyz answers 503, requests still served',
    );
    await new Promise((resolve) => setTimeout(resolve, config.drainSeconds * 1000));
  }
  app.log.info({ signal }, 'shutting down: finishing in-flight requests');
  setTimeout(() => {
    app.log.error(`in-flight work did not finish within ${shutdownGraceMs} ms; exiting anyway`);
    process.exit(1);
  }, shutdownGraceMs).unref();
  await app.close();
  app.log.info('stopped');
  return 0;
}

function logSweep(log: FastifyBaseLogger, swept: SweepReport): void {
  const { removedFiles, removedFolders, restoredFolders } = swept;
  const count = removedFiles.length + removedFolders.length + restoredFolders.length;
  const message = `start-up sweep: ${removedFiles.length} temporary file(s) and ${removedFolders.length} upload folder(s) left by an interrupted run removed, ${restoredFolders.length} model folder(s) restored`;
  if (count > 0) log.warn({ removedFiles, removedFolders, restoredFolders }, message);
  else log.info(message);
}

/** SIGTERM, SIGINT, or — when started by a parent over IPC (`glyph serve`) — the parent going away. */
function nextShutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (reason: string) => {
      // A second Ctrl-C means "now".
      process.once('SIGINT', () => process.exit(130));
      resolve(reason);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    if (process.send) process.once('disconnect', () => stop('parent disconnected'));
  });
}

async function assertDirectory(dir: string): Promise<void> {
  const isDir = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new GlyphError(
      'MODEL_NOT_FOUND',
      `The models directory ${dir} does not exist. Pass --models <dir> with one sub-folder per model (model.json, weights, metadata.json).`,
    );
  }
}

function listenError(error: unknown, config: ServerConfig): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new GlyphError(
      'BAD_USAGE',
      `Cannot listen on ${config.host}:${config.port} (${code}). Pick another --port or --host.`,
      { cause: error },
    );
  }
  return error;
}

const exitCode = await main();
if (process.connected) process.disconnect();
process.exit(exitCode);
