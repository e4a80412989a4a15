import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './route';

describe('routes', () => {
  it('parses every view and defaults to drawing', () => {
    expect(parseRoute('')).toEqual({ view: 'draw' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'draw' });
    expect(parseRoute('#/upload')).toEqual({ view: 'upload' });
    expect(parseRoute('#/models')).toEqual({ view: 'models' });
    expect(parseRoute('#/models/my%20model')).toEqual({ view: 'model', modelId: 'my model' });
    expect(parseRoute('#/review')).toEqual({ view: 'review' });
    expect(parseRoute('#/projects')).toEqual({ view: 'projects' });
    expect(parseRoute('#/projects/my-symbols-0a1b')).toEqual({
      view: 'project',
      projectId: 'my-symbols-0a1b',
    });
  });

  it('round-trips through links', () => {
    const routes: Route[] = [
      { view: 'draw' },
      { view: 'upload' },
      { view: 'model', modelId: 'a/b' },
      { view: 'review' },
      { view: 'projects' },
      { view: 'project', projectId: 'ticks-0a1b' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
