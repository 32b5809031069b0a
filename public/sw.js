// The service worker of the hosted build (dist/): after one visit the app opens with the
// network off. scripts/pwa.mjs (a Trunk post_build hook) fills in VERSION and ASSETS — every
// file of the build, hashed names included — so this file changes with every new build and
// the browser installs the new worker on the next visit.
//
// Rules (ARCHITECTURE.md, "The service worker"):
// - install: download every asset of this version into the cache `rectify <scope> <VERSION>`
//   (bypassing the HTTP cache), then take over at once (skipWaiting);
// - activate: delete this scope's caches of other versions, control open pages (claim); a
//   page that an older version served hears `controllerchange` and says
//   "新版本已下载，刷新后生效"; after the reload it says "已更新到新版本";
// - fetch: the page (the scope URL or index.html, any query) and every precached file come
//   from this version's cache first, the network only if missing; anything else (other
//   origins, POSTs, files not in the build) is left to the browser.
// URLs are relative to this file, so the app works under any sub-path.

const VERSION = '__RECTIFY_VERSION__';
const ASSETS = [/* __RECTIFY_ASSETS__ */];

if (VERSION.startsWith('__')) {
  // an unprocessed template: refuse to install rather than cache nothing
  throw new Error('sw.js was not processed by scripts/pwa.mjs');
}

const SCOPE = self.registration.scope;
const PREFIX = `rectify ${SCOPE} `;
const CACHE = PREFIX + VERSION;
const PRECACHED = new Set(ASSETS.map((a) => new URL(a, SCOPE).href));
const PAGES = new Set([SCOPE, new URL('index.html', SCOPE).href]);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS.map((a) => new Request(new URL(a, SCOPE), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function cachedOrFetched(key, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(key)) ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const bare = url.origin + url.pathname;
  if (request.mode === 'navigate' && PAGES.has(bare)) {
    event.respondWith(cachedOrFetched(SCOPE, request));
  } else if (PRECACHED.has(bare)) {
    event.respondWith(cachedOrFetched(bare, request));
  }
});
