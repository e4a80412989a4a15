import { errorCodes } from '@glyph/core';
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * JSON schemas shared by the routes. They validate requests, serialise answers and are the source
 * of the OpenAPI document, so they are the API's single description.
 */
export const errorSchema = {
  $id: 'ErrorResponse',
  type: 'object',
  description: 'Every error answer. `code` is stable; see docs/errors.md for the table of codes.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCodes) },
        message: { type: 'string', description: 'What happened, what was expected, how to fix it.' },
      },
    },
  },
} as const;

export const errorRef = { $ref: 'ErrorResponse#' } as const;

/** Error answers a route can give, for its `response` schema. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(statuses.map((status) => [status, errorRef]));
}

export const predictionSchema = {
  type: 'object',
  required: ['label', 'confidence'],
  properties: {
    label: { type: 'string' },
    confidence: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description:
        'Softmax probability, calibrated (temperature scaling) when the model folder has a calibration.json.',
    },
  },
} as const;

export const predictionsSchema = { type: 'array', items: predictionSchema } as const;

/** Why a single-character answer should not be taken as read (present only then). */
export const rejectionSchema = {
  type: 'object',
  required: ['reason', 'hint'],
  description:
    'Present when the answer should not be taken as read; predictions are still given. several-characters: ink of several characters side by side (use sequence=1); not-a-character: a dot, line or scribble; uncertain: the calibrated top confidence is low.',
  properties: {
    reason: { type: 'string', enum: ['not-a-character', 'several-characters', 'uncertain'] },
    hint: { type: 'string', description: 'One sentence for the writer, e.g. "… try sequence mode."' },
  },
} as const;

export const boxSchema = {
  type: 'object',
  required: ['x', 'y', 'width', 'height'],
  description: 'Pixels of the posted image; origin top-left.',
  properties: {
    x: { type: 'number' },
    y: { type: 'number' },
    width: { type: 'number' },
    height: { type: 'number' },
  },
} as const;

/** A model folder or version that is not served, and why (`/readyz`, `POST /api/models/reload`). */
export const modelProblemSchema = {
  type: 'object',
  required: ['folder', 'code', 'message'],
  properties: {
    folder: { type: 'string' },
    version: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
  },
} as const;

export const modelSummarySchema = {
  type: 'object',
  required: ['id', 'version', 'versions', 'name', 'task', 'labels', 'input', 'metrics'],
  properties: {
    id: { type: 'string' },
    version: {
      type: 'integer',
      minimum: 1,
      description:
        'The version serving: the pinned one, else the highest that loads (a plain model folder is version 1).',
    },
    versions: {
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      description: 'The versions on disk (models/<id>/<n>/), highest first.',
    },
    name: { type: 'string' },
    task: { type: 'string', enum: ['character', 'image'] },
    labels: {
      type: 'array',
      items: { type: 'string' },
      description: 'labels[i] is the class of output unit i.',
    },
    input: {
      type: 'object',
      required: ['width', 'height', 'channels'],
      properties: {
        width: { type: 'integer' },
        height: { type: 'integer' },
        channels: { type: 'integer', enum: [1, 3] },
      },
    },
    metrics: {
      type: 'object',
      required: ['accuracy'],
      additionalProperties: true,
      properties: { accuracy: { type: 'number' } },
    },
  },
} as const;

/**
 * Request validation: query strings and path parameters arrive as text, so their numbers and
 * booleans are coerced (`top=5`); JSON bodies are taken as sent, so `"label": 7` or `["7"]` is a
 * 400 rather than a label silently made of something else.
 */
export function strictBodyValidation(): NonNullable<FastifyServerOptions['schemaController']> {
  const fromPool = AjvCompiler();
  return {
    compilersFactory: {
      buildValidator(externalSchemas, options) {
        const coercing = fromPool(externalSchemas, options);
        // The server never uses JTD mode, so these are Ajv options, where coerceTypes exists.
        const strictOptions = {
          ...options,
          customOptions: { ...options?.customOptions, coerceTypes: false },
        } as Parameters<typeof fromPool>[1];
        const strict = fromPool(externalSchemas, strictOptions);
        return (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
      },
    },
  };
}
