// Offline support for the Glyph web app. Registered as `/sw.js?build=<id>`, so every build installs
// afresh. On install it caches the files listed in /precache.json (the whole app, lazily loaded
// chunks and TF.js .wasm files included). At run time:
// - hashed files under /assets/ never change: cache first;
// - everything else (the page, /api/models, model files): network first, falling back to the cache,
//   so a retrained model or a new build shows up as soon as the server is reachable.
// POST requests (predictions, feedback) are never cached.
const buildId = new URL(self.location.href).searchParams.get('build') || 'dev';
const cacheName = `glyph-${buildId}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      const response = await fetch('/precache.json', { cache: 'no-store' });
      if (response.ok) {
        const manifest = await response.json();
        await cache.addAll(manifest.files);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith('glyph-') && name !== cacheName)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const shell = await caches.match('/');
      if (shell) return shell;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(url.pathname.startsWith('/assets/') ? cacheFirst(request) : networkFirst(request));
});
