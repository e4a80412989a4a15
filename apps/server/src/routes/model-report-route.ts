import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { readModelReport } from '../models/read-model-report';
import { errorResponses } from './schemas';

const anyObject = { type: 'object', additionalProperties: true } as const;
const arrayOfObjects = { type: 'array', items: anyObject } as const;

/** The report's main fields; the rest pass through as written by `glyph eval --report`. */
const reportSchema = {
  type: 'object',
  description:
    'The evaluation report as `glyph eval --report` writes it (report.json): the source of the CLI table, report.html and the web model page. Class-indexed arrays follow `labels`.',
  required: ['format', 'version', 'model', 'dataset', 'n', 'accuracy', 'labels', 'perClass', 'confusion'],
  additionalProperties: true,
  properties: {
    format: { type: 'string', enum: ['glyph-evaluation-report'] },
    version: { type: 'integer', enum: [1] },
    createdAt: { type: 'string' },
    model: anyObject,
    dataset: { ...anyObject, description: 'What was evaluated; `partition.statement` says which samples.' },
    n: { type: 'integer', description: 'Number of evaluated samples.' },
    accuracy: { type: 'number', minimum: 0, maximum: 1 },
    macroAverage: anyObject,
    weightedAverage: anyObject,
    labels: { type: 'array', items: { type: 'string' } },
    perClass: { ...arrayOfObjects, description: 'Precision, recall, F1 and support per class.' },
    confusion: {
      type: 'array',
      items: { type: 'array', items: { type: 'integer' } },
      description: 'confusion[t][p]: samples of true class labels[t] predicted as labels[p].',
    },
    mostConfused: arrayOfObjects,
    topLosses: arrayOfObjects,
    timing: anyObject,
  },
} as const;

/** `GET /api/models/:id/report`: the model's evaluation report, for the web model page. */
export function registerModelReportRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: { id: string } }>(
    '/api/models/:id/report',
    {
      schema: {
        summary: "A served model's evaluation report",
        tags: ['models'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: { 200: reportSchema, ...errorResponses(404, 422, 503) },
      },
    },
    async (request, reply) => {
      const report = await readModelReport(context.registry.require(request.params.id));
      // Re-evaluating a model rewrites its report in place.
      return reply.header('cache-control', 'no-cache').send(report);
    },
  );
}
