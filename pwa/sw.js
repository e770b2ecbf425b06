// Service worker of the Escritório Social Virtual. The site builder fills in the version and
// the precache list (content-hashed assets).
//
// Pages: network first. Only pages the server marks as public (`x-esv-offline: public`: a
// vacancy seen without logging in, no personal data) are kept for offline reading, at most 30;
// every other page is never stored — pages can hold personal data and phones are shared.
// Offline, a navigation gets its kept copy or the offline page. Hashed assets: cache first.
// Three of the egresso's writes are kept on the phone when there is no network and sent
// later: see "Offline writes" below.
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
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST") {
    const kind = keptKind(url.pathname);
    if (kind) event.respondWith(sendOrKeep(request, url.pathname, kind));
    else if (LOGOUT.includes(url.pathname)) event.respondWith(logOut(request));
    return;
  }
  if (request.method !== "GET") return;
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

// ---- Offline writes (issue 15, point 8; the server's side is app/src/server/offline.rs) ----
// Saving a vacancy, answering "Como está o trabalho?" and saving the professional profile may
// be done without network. The write is kept here (IndexedDB "esv-fila"), the page says
// "Aguardando conexão", and it is sent when the network is back: by Background Sync where the
// browser has it, and otherwise when a page of the app opens or comes back online (fila.js
// asks). The server's answer decides: done (removed), not logged in (kept until the person
// logs in), or refused (409 conflict, 422, 404: kept and shown with the reason from the
// `x-esv-motivo` header, with what the person typed, until they put it back in the form or
// discard it). Never dropped without the person seeing it.
// Each write carries its account's mark (`conta`): only that account's pages list it, only a
// session of that account sends it (the server refuses another with 409 and
// `x-esv-outra-conta`), and logging out clears it — phones are shared.
const KEPT = [
  [/^\/vagas\/\d+\/salvar$/, "vaga"],
  [/^\/api\/salvar-vaga$/, "vaga"],
  [/^\/inicio\/perfil$/, "perfil"],
  [/^\/inicio\/trabalho\/\d+$/, "conversa"],
];
const LOGOUT = ["/sair", "/sair-de-todos"];
const REFUSED = {
  404: "Não encontramos mais o que esta mudança pedia. A vaga pode ter saído do ar.",
  422: "Falta corrigir alguma coisa no que você escreveu. Abra o formulário para ver.",
  409: "Isto mudou no servidor enquanto você estava sem internet.",
  403: "Sua conta não pode fazer esta mudança.",
};

function keptKind(path) {
  const hit = KEPT.find(([pattern]) => pattern.test(path));
  return hit ? hit[1] : null;
}

async function sendOrKeep(request, path, kind) {
  const copy = request.clone();
  let response;
  try {
    response = await fetch(request);
  } catch (e) {
    return keep(copy, path, kind);
  }
  // Sent now: an older kept write of the same thing is behind what the server has.
  if (response.ok || response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    const entry = await entryOf(copy, path, kind);
    await removeEntry(entry.id);
    await tellPages();
  }
  return response;
}

async function entryOf(request, path, kind) {
  const type = request.headers.get("content-type") || "application/x-www-form-urlencoded";
  const body = await request.text();
  const fields = readFields(type, body);
  const conta = String(fields.conta || "");
  const subject = kind === "vaga" ? `vaga:${fields.id || path.split("/")[2]}` : path;
  return {
    id: `${conta}|${subject}`,
    conta,
    kind,
    path,
    type,
    body,
    fields,
    at: Date.now(),
    state: "aguardando",
    reason: "",
  };
}

function readFields(type, body) {
  try {
    if (type.includes("json")) return JSON.parse(body) || {};
    return Object.fromEntries(new URLSearchParams(body));
  } catch (e) {
    return {};
  }
}

async function keep(request, path, kind) {
  const entry = await entryOf(request, path, kind);
  if (!entry.conta) {
    // A form drawn before it carried the mark: it belongs to the account last seen here
    // (without one it would never be listed or sent).
    entry.conta = await lastAccount().catch(() => "");
    entry.id = `${entry.conta}${entry.id}`;
  }
  try {
    await putEntry(entry);
  } catch (e) {
    // The phone could not keep it (storage full or blocked): say there is no network rather
    // than pretend it was kept.
    return (await caches.match("/offline.html")) || Response.error();
  }
  if (self.registration.sync) self.registration.sync.register("esv-fila").catch(() => {});
  await tellPages();
  if (path.startsWith("/api/")) {
    // The island's server function: the same answer shape (actions.rs, SaveAnswer).
    const salvar = entry.fields.salvar === true || entry.fields.salvar === "true";
    return new Response(JSON.stringify({ salva: salvar, aguardando: true }), {
      headers: { "content-type": "application/json" },
    });
  }
  return new Response(keptPage(entry.conta), {
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

// The page shown after a form was kept: the site's style, and pwa.js lists what waits.
function keptPage(conta) {
  const css = PRECACHE.find((p) => p.endsWith(".css")) || "";
  const mark = conta.replace(/[^A-Za-z0-9_-]/g, "");
  return `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guardado no celular · Escritório Social Virtual</title>
<link rel="stylesheet" href="${css}"></head><body>
<header class="top"><p class="brand">Escritório Social Virtual</p></header>
<main id="conteudo" data-fila-conta="${mark}">
<h1>Guardado no seu celular</h1>
<p>Você está sem internet agora. O que você fez ficou guardado neste celular.</p>
<p><strong>Aguardando conexão.</strong> Quando a internet voltar, enviamos sozinho. Você não precisa fazer de novo.</p>
<div data-fila-aqui></div>
<p><a class="button-link" href="/inicio">Voltar para o início</a></p>
</main><script type="module" src="/pwa.js"></script></body></html>`;
}

// Sends what waits for `conta` (the account whose page asked, or the last one seen). One
// run at a time: a sync event and a page coming online together must not send twice.
let flushing = Promise.resolve();
function flush(conta) {
  const run = flushing.then(() => flushOnce(conta));
  flushing = run.catch(() => {});
  return run;
}

async function flushOnce(conta) {
  if (!conta) return;
  const waiting = (await allEntries()).filter((e) => e.conta === conta && e.state === "aguardando");
  let offline = false;
  for (const entry of waiting) {
    let response;
    try {
      response = await fetch(entry.path, {
        method: "POST",
        headers: { "content-type": entry.type, "x-esv-fila": "1" },
        body: entry.body,
        credentials: "same-origin",
        redirect: "follow",
      });
    } catch (e) {
      offline = true;
      break;
    }
    const landed = new URL(response.url || entry.path, self.location.origin).pathname;
    if (response.status === 401 || (response.redirected && landed === "/entrar")) {
      entry.reason = "Entre na sua conta para enviar.";
      await putEntry(entry);
    } else if (response.headers.get("x-esv-outra-conta")) {
      // Another account is logged in now: this waits for its own.
    } else if (response.ok) {
      await removeEntry(entry.id);
    } else if (response.status >= 500 || response.status === 408 || response.status === 429) {
      // The server could not answer now: try again later.
    } else {
      entry.state = "conflito";
      entry.reason = reasonOf(response) || REFUSED[response.status] || "O servidor não aceitou esta mudança.";
      await putEntry(entry);
    }
  }
  await tellPages();
  if (offline) throw new Error("sem conexão");
}

function reasonOf(response) {
  const raw = response.headers.get("x-esv-motivo");
  if (!raw) return "";
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch (e) {
    return "";
  }
}

// Logging out clears that account's kept writes (pwa.js asked first if any were waiting);
// only once the server has answered, so an attempt without network keeps them.
async function logOut(request) {
  const copy = request.clone();
  let response;
  try {
    response = await fetch(request);
  } catch (e) {
    return (await caches.match("/offline.html")) || Response.error();
  }
  const conta = String(readFields("application/x-www-form-urlencoded", await copy.text()).conta || "");
  for (const entry of await allEntries()) {
    if (!conta || entry.conta === conta) await removeEntry(entry.id);
  }
  await setLastAccount("");
  return response;
}

self.addEventListener("sync", (event) => {
  if (event.tag === "esv-fila") event.waitUntil(lastAccount().then(flush));
});

// Pages talk to the queue only through here: list (one account's), send, discard.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const conta = typeof data.conta === "string" ? data.conta : "";
  const reply = async () => {
    const items = (await allEntries())
      .filter((e) => conta && e.conta === conta)
      .sort((a, b) => a.at - b.at);
    if (event.source) event.source.postMessage({ tipo: "lista", itens: items });
  };
  if (data.tipo === "listar") {
    event.waitUntil((conta ? setLastAccount(conta) : Promise.resolve()).then(reply));
  } else if (data.tipo === "enviar") {
    event.waitUntil(flush(conta).catch(() => {}).then(reply));
  } else if (data.tipo === "descartar" && typeof data.id === "string" && data.id.startsWith(`${conta}|`)) {
    event.waitUntil(removeEntry(data.id).then(reply));
  }
});

async function tellPages() {
  const windows = await self.clients.matchAll({ type: "window" });
  for (const w of windows) w.postMessage({ tipo: "fila" });
}

// IndexedDB: "fila" (the kept writes, by id) and "estado" (the last account seen).
function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("esv-fila", 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore("fila", { keyPath: "id" });
      open.result.createObjectStore("estado");
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function withStore(name, mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const result = work(tx.objectStore(name));
    tx.oncomplete = () => {
      db.close();
      resolve(result && "result" in result ? result.result : undefined);
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}

const allEntries = () => withStore("fila", "readonly", (s) => s.getAll()).then((r) => r || []);
const putEntry = (entry) => withStore("fila", "readwrite", (s) => s.put(entry));
const removeEntry = (id) => withStore("fila", "readwrite", (s) => s.delete(id));
const lastAccount = () => withStore("estado", "readonly", (s) => s.get("conta")).then((c) => c || "");
const setLastAccount = (conta) =>
  withStore("estado", "readwrite", (s) => (conta ? s.put(conta, "conta") : s.delete("conta")));
