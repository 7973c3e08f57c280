// The reader's service worker (scripts/post-build.mjs writes it as sw.js at the app root, with
// this build's id and files): its scope is the app's folder, whatever sub-path that is.
//
// - The app shell of THIS build (index.html and the hashed files it and published pages load) is
//   cached when the worker installs, in a cache named after the build. A new build's worker waits
//   until no page of the old one is open (no skipWaiting), then deletes the old build's caches:
//   a page never gets files of two builds.
// - Digests, site.json and the library are fetched from the network first and kept, so every
//   episode opened online reads offline; published episode pages too, per build.
// - The first page a reader opens, before this worker existed, is kept when it asks (below).
// - Offline, an app address (`?episode=…`) gets the cached index.html, which boots from the shell
//   and reads the kept digest.
const BUILD = '__BUILD__';
const SHELL = __SHELL__;
const shell = `shell-${BUILD}`;
const pages = `pages-${BUILD}`;
const data = 'data';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(shell).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== shell && name !== pages && name !== data).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** Whether `path` (inside the app's folder) is the app's own page, whatever its query. */
const isAppPage = (path) => path === '' || path === 'index.html';

/** The path of `url` inside the app's folder, or null outside it. */
function appPath(url) {
  const scope = new URL(self.registration.scope);
  return url.origin === scope.origin && url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
}

// The first page a reader opens loads before this worker exists: that page (src/reader.js) sends
// its address and the digests it read, fetched again here into the caches a reload reads offline.
// The app's own page needs nothing more (offline it is the shell's index.html).
self.addEventListener('message', (event) => {
  const keep = Array.isArray(event.data?.keep) ? event.data.keep : [];
  event.waitUntil(Promise.all(keep.map(async (href) => {
    const url = new URL(String(href));
    url.hash = '';
    const path = appPath(url);
    if (path === null || isAppPage(path) || SHELL.includes(path)) return;
    const response = await fetch(url);
    if (response.ok) await (await caches.open(path.endsWith('.json') ? data : pages)).put(url, response);
  })).catch(() => {}));
});

/** Network first; what comes back is kept in `cacheName`; offline, the kept copy (or `fallback`). */
async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(request, response.clone());
    return response;
  } catch (error) {
    const kept = (await caches.match(request, { cacheName })) ?? (fallback && (await fallback()));
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  const path = appPath(url);
  if (request.method !== 'GET' || path === null) return;
  if (request.mode === 'navigate') {
    // The app's own page (any query) falls back to this build's index.html.
    event.respondWith(networkFirst(request, pages, isAppPage(path) ? () => caches.match('index.html', { cacheName: shell, ignoreSearch: true }) : null));
  } else if (SHELL.includes(path)) {
    event.respondWith(caches.match(path, { cacheName: shell }).then((kept) => kept ?? fetch(request)));
  } else if (path.endsWith('.json')) {
    event.respondWith(networkFirst(request, data));
  }
});
