// Service worker of the Escritório Social Virtual. The site builder fills in the version and
// the precache list (content-hashed assets).
//
// Pages: network first. Only pages the server marks as public (`x-esv-offline: public`: a
// vacancy seen without logging in, no personal data) are kept for offline reading, at most 30;
// every other page is never stored — pages can hold personal data and phones are shared.
// Offline, a navigation gets its kept copy or the offline page. Hashed assets: cache first.
const CACHE = "esv-__VERSION__";
const PAGES = "esv-pages";
const MAX_PAGES = 30;
const PRECACHE = __PRECACHE__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("esv-") && k !== CACHE && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && response.headers.get("x-esv-offline") === "public") {
            const copy = response.clone();
            event.waitUntil(keepPage(request, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(request, { cacheName: PAGES })) || caches.match("/offline.html"))
    );
    return;
  }
  if (PRECACHE.includes(url.pathname) || url.pathname.startsWith("/pkg/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

async function keepPage(request, response) {
  const cache = await caches.open(PAGES);
  await cache.put(request, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    await cache.delete(old);
  }
}

// Web Push (RFC 8030/8291): the server sends {title, body, url, tag} — neutral words only, the
// lock screen is public. The tag makes a newer notice about the same appointment replace the
// older one instead of piling up.
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  const title = data.title || "Aviso";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || "Toque para ver.",
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      tag: data.tag || "aviso",
      renotify: Boolean(data.tag),
      lang: "pt-BR",
      data: { url: safeUrl(data.url) },
    })
  );
});

// A tap focuses an open window of the app on that page, or opens one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(safeUrl(event.notification.data && event.notification.data.url), self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if (new URL(w.url).origin === self.location.origin && "focus" in w) {
          return w.navigate(url).then((c) => (c || w).focus()).catch(() => w.focus());
        }
      }
      return self.clients.openWindow(url);
    })
  );
});

// Only paths of this app: a push can never send the person elsewhere.
function safeUrl(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : "/inicio";
}
