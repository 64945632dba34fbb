// Chorus service worker: keeps the young people's apps (HTML, JS, wasm, CSS and the chosen
// language) so they open without a connection. Installed by the welcome page, it fetches the voice
// app too, so the pages after signing in are on the phone before they are needed. It never caches the API: children's words are not
// kept by the worker. The staff apps (/staff/, /staff-door/) are left to the network.
const CACHE = 'chorus-shell-v4';

// The page that draws a path (shared/src/web_app.rs has the same rule): the welcome page for / and
// /sign-in, the front door's for /join, /reset-pin and /privacy, the panels app's for /panels...,
// the voice app's for the rest.
function shellFor(pathname) {
  const first = pathname.split('/')[1];
  if (['', 'sign-in'].includes(first)) return '/';
  if (['join', 'reset-pin', 'privacy', 'door'].includes(first)) return '/door/';
  return first === 'panels' ? '/panels/' : '/voice/';
}

// An app's page and the files it loads.
async function cacheShell(cache, shell) {
  const response = await fetch(shell, { cache: 'no-store' });
  await cache.put(shell, response.clone());
  const html = await response.text();
  const assets = [...html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']?([^"'\s>]+\.(?:js|wasm|css|svg|webmanifest))/g)]
    .map((m) => m[1])
    .filter((u) => u.startsWith('/'));
  await cache.addAll([...new Set(assets)]);
}

async function cacheShells() {
  const cache = await caches.open(CACHE);
  await Promise.all(['/', '/voice/'].map((shell) => cacheShell(cache, shell)));
}

// Network first, so a new version shows at once; what was kept when offline.
async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(key, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = await caches.match(key);
    if (kept) return kept;
    throw offline;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShells().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/staff' || url.pathname.startsWith('/staff/') || url.pathname.startsWith('/staff-door/')) return;
  if (event.request.mode === 'navigate') {
    event.respondWith(networkFirst(event.request, shellFor(url.pathname)));
    return;
  }
  if (url.pathname.startsWith('/locales/')) {
    // Translations change without a new app: fresh when online, kept for offline.
    event.respondWith(networkFirst(event.request, event.request));
    return;
  }
  // Built files have a hash in their names, so a kept copy is always right.
  event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request).then((response) => {
    if (response.ok) caches.open(CACHE).then((c) => c.put(event.request, response.clone()));
    return response.clone();
  })));
});

// A push only ever says that there is news (the server sends the same words to everyone); the
// notification opens the news page.
self.addEventListener('push', (event) => {
  const words = event.data ? event.data.text() : 'You have news in Chorus';
  event.waitUntil(self.registration.showNotification('Chorus', { body: words, icon: '/icon.svg', tag: 'chorus-news' }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      if ('navigate' in client) return client.navigate('/news').then((c) => c?.focus());
    }
    return self.clients.openWindow('/news');
  })());
});
