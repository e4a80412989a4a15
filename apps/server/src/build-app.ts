import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context';
import type { AppDependencies } from './app-dependencies';
import { defaultAppOptions, type AppOptions } from './app-options';
import { KeyRing } from './auth/key-ring';
import { registerAuth } from './auth/register-auth';
import { installErrorHandler } from './errors/error-handler';
import { answerFrameworkError, answerProtocolError } from './errors/protocol-errors';
import { refuseWhileClosing } from './errors/refuse-while-closing';
import { openFeedbackStore } from './feedback/open-feedback-store';
import { LossCache } from './feedback/loss-cache';
import { pollModels } from './lifecycle/model-reload';
import { ClientDecodeLimit } from './images/client-decode-limit';
import { EarlyRetryHold } from './images/early-retry-hold';
import { PixelBudget } from './images/pixel-budget';
import { ServerMetrics } from './metrics/server-metrics';
import { ModelRegistry } from './models/model-registry';
import { registerCompatPredictRoute } from './routes/compat-predict-route';
import { registerFeedbackFileRoute } from './routes/feedback-file-route';
import { registerFeedbackListRoute } from './routes/feedback-list-route';
import { registerFeedbackEditRoutes } from './routes/feedback-edit-routes';
import { registerFeedbackReviewRoute } from './routes/feedback-review-route';
import { registerFeedbackRoute } from './routes/feedback-route';
import { registerFeedbackSequenceRoute } from './routes/feedback-sequence-route';
import { registerHealthzRoute } from './routes/healthz-route';
import { registerMetricsRoute } from './routes/metrics-route';
import { registerModelFilesRoute } from './routes/model-files-route';
import { registerModelReportRoute } from './routes/model-report-route';
import { registerModelReloadRoute } from './routes/model-reload-route';
import { registerModelUploadRoute } from './routes/model-upload-route';
import { registerModelsRoute } from './routes/models-route';
import { registerOpenApi, registerOpenApiDocumentRoute } from './routes/openapi-route';
import { registerPredictRoute } from './routes/predict-route';
import { registerReadyzRoute } from './routes/readyz-route';
import { registerRateLimit } from './rate-limit/register-rate-limit';
import { registerReviewFolderRoutes } from './routes/review-folder-routes';
import { errorSchema, strictBodyValidation } from './routes/schemas';
import { registerWebApp } from './routes/web-app-route';
import { registerRequestGuard } from './security/request-guard';
import { registerSecurityHeaders } from './security/security-headers';

/**
 * What `buildApp` takes: the adapters it runs on and any of `AppOptions`, the rest taken from
 * `defaultAppOptions`.
 *
 * @public
 */
export type BuildAppOptions = Partial<Omit<AppOptions, 'dependencies'>> & {
  readonly dependencies: AppDependencies;
};

export interface GlyphApp {
  readonly app: FastifyInstance;
  readonly context: AppContext;
}

/**
 * The recognition server as a Fastify instance, not listening: `server.ts` listens, tests use
 * `app.inject()`. Models start loading at once, in the background; `GET /readyz` says when they are
 * in. Closing the app finishes queued predictions and frees the models.
 *
 * @public
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  return (await buildGlyphApp(options)).app;
}

/** `buildApp` plus the shared context, for tests that look inside (registry, metrics). */
export async function buildGlyphApp(options: BuildAppOptions): Promise<GlyphApp> {
  const resolved: AppOptions = {
    ...defaultAppOptions,
    ...withoutUndefined(options),
    dependencies: options.dependencies,
    batching: { ...defaultAppOptions.batching, ...options.batching },
  };
  // Read first: a keys file that does not parse stops the start before anything is loaded.
  const keys = new KeyRing({ file: resolved.apiKeysFile, inline: resolved.apiKeys });
  await keys.reload();
  const app = Fastify({
    logger: resolved.logger,
    bodyLimit: resolved.bodyLimitBytes,
    requestTimeout: resolved.requestTimeoutMs,
    // Predictions are cheap; an id per request ties its log lines together.
    genReqId: () => crypto.randomUUID(),
    // Requests arriving while shutting down get our error body (see refuseWhileClosing), not Fastify's.
    return503OnClosing: false,
    schemaController: strictBodyValidation(),
    trustProxy: resolved.trustProxy.length > 0 ? [...resolved.trustProxy] : false,
    // Errors raised before a route runs answer in our shape too.
    clientErrorHandler: answerProtocolError,
    frameworkErrors: answerFrameworkError,
  });
  // Before anything starts loading: a database that cannot be reached stops the start here.
  const feedback = await openFeedbackStore(resolved, app.log).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const metrics = new ServerMetrics();
  const registry = new ModelRegistry({
    modelsDir: resolved.modelsDir,
    loadRecognizer: resolved.dependencies.loadRecognizer,
    batching: resolved.batching,
    log: app.log,
    pinnedVersions: resolved.pinnedVersions,
    onBatch: (model, size, ms) => metrics.observeBatch(model, size, ms / 1000),
  });
  const context: AppContext = {
    options: resolved,
    registry,
    metrics,
    feedback,
    losses: new LossCache(
      (bytes) => resolved.dependencies.decodeImage(bytes, { maxPixels: resolved.maxPixels }),
      resolved.batching.maxBatchSize,
    ),
    pixels: new PixelBudget(4 * resolved.maxPixels),
    clientDecodes: new ClientDecodeLimit(),
    earlyRetries: new EarlyRetryHold(),
  };
  if (resolved.modelPollSeconds > 0) {
    const stopPolling = pollModels(registry, app.log, resolved.modelPollSeconds);
    app.addHook('onClose', async () => stopPolling());
  }
  app.addHook('onClose', async () => {
    await registry.close();
    // After the models: a review listing finishing its forward passes may still read samples.
    await feedback.close();
  });
  refuseWhileClosing(app);

  installErrorHandler(app);
  app.addSchema(errorSchema);
  // Before anything reads a body: headers on every answer, then Host/Origin, then the API key.
  registerSecurityHeaders(app);
  registerRequestGuard(app, resolved);
  keys.watch(app.log);
  registerAuth(app, keys, resolved);
  if (resolved.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: resolved.corsOrigins.includes('*') ? '*' : [...resolved.corsOrigins],
    });
  }
  // Before the routes, which it hooks as they are added; the probes are exempt.
  if (resolved.rateLimit !== null) await registerRateLimit(app, resolved.rateLimit);
  await registerOpenApi(app);
  registerMetricsRoute(app, context);
  registerModelsRoute(app, context);
  registerModelFilesRoute(app, context);
  registerModelReportRoute(app, context);
  await registerModelUploadRoute(app, context);
  registerModelReloadRoute(app, context);
  registerHealthzRoute(app);
  registerReadyzRoute(app, context);
  registerFeedbackRoute(app, context);
  registerFeedbackListRoute(app, context);
  registerFeedbackFileRoute(app, context);
  registerFeedbackSequenceRoute(app, context);
  registerFeedbackReviewRoute(app, context);
  registerFeedbackEditRoutes(app, context);
  registerReviewFolderRoutes(app, context);
  await app.register(async (imageRoutes) => registerImageRoutes(imageRoutes, context));
  registerOpenApiDocumentRoute(app);
  await registerWebApp(app, resolved.webDir);
  return { app, context };
}

/**
 * The routes that take an image body of any Content-Type. In their scope every body arrives as raw
 * bytes (JSON and text included), except multipart, so the image type is decided by magic bytes.
 */
async function registerImageRoutes(scope: FastifyInstance, context: AppContext): Promise<void> {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await scope.register(fastifyMultipart, {
    limits: { fileSize: context.options.bodyLimitBytes, files: 1, fields: 4, parts: 8 },
  });
  registerPredictRoute(scope, context);
  registerCompatPredictRoute(scope, context);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
