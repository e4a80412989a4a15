// Hash routes (`#/upload`, `#/models/digits`): they work from any static server and offline.
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly view: 'draw' }
  | { readonly view: 'upload' }
  | { readonly view: 'models' }
  | { readonly view: 'model'; readonly modelId: string }
  | { readonly view: 'review' }
  | { readonly view: 'projects' }
  | { readonly view: 'project'; readonly projectId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'upload':
      return { view: 'upload' };
    case 'review':
      return { view: 'review' };
    case 'projects':
      return parts[1] ? { view: 'project', projectId: parts[1] } : { view: 'projects' };
    case 'models':
      return parts[1] ? { view: 'model', modelId: parts[1] } : { view: 'models' };
    default:
      return { view: 'draw' };
  }
}

export function routeHref(route: Route): string {
  if (route.view === 'model') return `#/models/${encodeURIComponent(route.modelId)}`;
  if (route.view === 'project') return `#/projects/${encodeURIComponent(route.projectId)}`;
  return route.view === 'draw' ? '#/' : `#/${route.view}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
