import { describe, expect, it } from 'vitest';
import { startTestApp } from '../test-support/test-app';

describe('OpenAPI document and docs page', () => {
  it('describes every API route from the route schemas, and serves a docs page', async () => {
    const test = await startTestApp();
    const response = await test.app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/feedback',
      '/api/feedback/delete',
      '/api/feedback/files/{model}/{label}/{file}',
      '/api/feedback/operations',
      '/api/feedback/relabel',
      '/api/feedback/review',
      '/api/feedback/sequence',
      '/api/feedback/undo',
      '/api/models',
      '/api/models/reload',
      '/api/models/{id}',
      '/api/models/{id}/predict',
      '/api/models/{id}/report',
      '/api/review-folder',
      '/api/review-folder/files/{*}',
      '/healthz',
      '/metrics',
      '/models/{id}/{file}',
      '/predict/',
      '/readyz',
    ]);
    expect(Object.keys(document.paths['/api/models/{id}'].put.requestBody.content)).toEqual([
      'application/zip',
    ]);
    const predict = document.paths['/api/models/{id}/predict'].post;
    expect(predict.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'charset',
      'debug',
      'id',
      'sequence',
      'top',
    ]);
    expect(Object.keys(predict.requestBody.content)).toEqual(
      expect.arrayContaining(['application/octet-stream', 'multipart/form-data', 'application/json']),
    );
    expect(Object.keys(predict.responses)).toEqual(['200', '400', '404', '413', '415', '422', '429', '503']);
    const answer = predict.responses['200'].content['application/json'].schema;
    expect(answer.properties.rejected.properties.reason.enum).toEqual([
      'not-a-character',
      'several-characters',
      'uncertain',
    ]);
    expect(document.components.schemas.ErrorResponse.properties.error.properties.code.enum).toContain(
      'OVERLOADED',
    );
    expect(
      document.paths['/api/feedback'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['model', 'label', 'image']);
    const listFeedback = document.paths['/api/feedback'].get;
    expect(listFeedback.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'limit',
      'model',
    ]);
    expect(listFeedback.responses['200'].content['application/json'].schema.required).toEqual([
      'samples',
      'counts',
      'total',
      'truncated',
    ]);
    expect(Object.keys(document.paths['/api/models/{id}/report'].get.responses)).toEqual([
      '200',
      '404',
      '422',
      '429',
      '503',
    ]);

    const page = await test.app.inject('/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    await test.app.close();
  });
});
