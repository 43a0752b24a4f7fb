// Yidi's service worker. The list and the build id are filled in by src/sw/post-build.mjs.
const CACHE = 'yidi-__BUILD__';
const PRECACHE = __PRECACHE__;
const INDEX = __INDEX__;

self.addEventListener('install', (event) => {
  // Precache everything now: the hashed files are only requested by a page this worker controls
  // later, and the first offline reload must not miss them.
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)));
  // A first install takes over at once; an update waits for the user's consent (the page shows
  // "新版本可用，点击刷新" and sends 'skip-waiting').
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('yidi-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The API is never cached: straight to the network. This includes /api/attachments, whose
  // bytes (ID cards, medical papers) must never sit in a cache, and the review console's calls.
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // A prerendered route has its own page (its first view in the HTML); any other client route
    // is the bare app shell, which the wasm fills.
    const page = url.pathname === INDEX ? INDEX : url.pathname.replace(/\/$/, '') + '/index.html';
    event.respondWith(
      caches.open(CACHE).then(async (cache) =>
        (await cache.match(page)) || (await cache.match(INDEX + 'shell.html')) ||
        (await cache.match(INDEX)) || fetch(req),
      ),
    );
    return;
  }
  event.respondWith(caches.match(req, { cacheName: CACHE }).then((hit) => hit || fetch(req)));
});
