import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ModelGaugeSource {
  /** Served model ids and versions with their queue depths. */
  queues(): readonly { model: string; version: number; depth: number }[];
  /** Every folder and version tried, with its outcome. */
  loadStates(): readonly { model: string; version?: number; state: 'loading' | 'ready' | 'failed' }[];
}

/**
 * The Prometheus metrics of one app instance, in their own registry (not prom-client's global one,
 * so several apps in one process, as in tests, do not clash).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private source: ModelGaugeSource = { queues: () => [], loadStates: () => [] };

  private readonly requests = new Counter({
    name: 'glyph_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'glyph_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly batchSizes = new Histogram({
    name: 'glyph_batch_size',
    help: 'Predictions stacked into one forward pass, per model.',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  private readonly batchSeconds = new Histogram({
    name: 'glyph_batch_duration_seconds',
    help: 'Time of one batched forward pass (preprocessing included), per model.',
    labelNames: ['model'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'glyph_' });
    const source = (): ModelGaugeSource => this.source;
    new Gauge({
      name: 'glyph_queue_depth',
      help: 'Predictions waiting for a forward pass, per model and served version.',
      labelNames: ['model', 'version'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { model, version, depth } of source().queues()) {
          this.set({ model, version: String(version) }, depth);
        }
      },
    });
    new Gauge({
      name: 'glyph_model_state',
      help: 'Load state of each model folder and version: 1 for its current state (loading, ready, failed).',
      labelNames: ['model', 'version', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { model, version, state } of source().loadStates()) {
          this.set({ model, version: version === undefined ? '' : String(version), state }, 1);
        }
      },
    });
  }

  watchModels(source: ModelGaugeSource): void {
    this.source = source;
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    const labels = { method, route, status_code: String(statusCode) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  observeBatch(model: string, size: number, seconds: number): void {
    this.batchSizes.observe({ model }, size);
    this.batchSeconds.observe({ model }, seconds);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
