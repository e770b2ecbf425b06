// First-visit bytes, as Chromium receives them (brotli where offered), per resource kind.
// Usage: node perf.js  (after `make site server`); prints a Markdown table.
// Reports bytes, which are repeatable; no timing is asserted anywhere.
import { startServer, launchBrowser, login } from "./support.js";

const KINDS = ["HTML", "CSS", "JS", "WASM", "other"];

function kindOf(type, mime, url) {
  if (type === "Document") return "HTML";
  if (mime.includes("css")) return "CSS";
  if (mime.includes("wasm") || url.endsWith(".wasm")) return "WASM";
  if (mime.includes("javascript")) return "JS";
  return "other";
}

async function measure(browser, origin, path, setup) {
  // A first visit has no service worker yet (and requests a worker answers show 0 bytes).
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  const page = await context.newPage();
  if (setup) await setup(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const seen = new Map();
  cdp.on("Network.responseReceived", (e) => seen.set(e.requestId, { kind: kindOf(e.type, e.response.mimeType, e.response.url), url: e.response.url, raw: 0, wire: 0 }));
  cdp.on("Network.dataReceived", (e) => { const r = seen.get(e.requestId); if (r) r.raw += e.dataLength; });
  cdp.on("Network.loadingFinished", (e) => { const r = seen.get(e.requestId); if (r) r.wire = e.encodedDataLength; });
  await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
  // Islands hydrate on idle: wait for the WASM too.
  await page.waitForTimeout(1500);
  await context.close();
  const totals = Object.fromEntries(KINDS.map((k) => [k, { raw: 0, wire: 0 }]));
  for (const r of seen.values()) {
    if (r.url.endsWith("/sw.js")) continue; // the service worker is fetched by the browser, not the page
    totals[r.kind].raw += r.raw;
    totals[r.kind].wire += r.wire;
  }
  return totals;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  const rows = [];
  rows.push(["/entrar", await measure(browser, server.origin, "/entrar")]);
  rows.push(["/vagas (anonymous)", await measure(browser, server.origin, "/vagas")]);
  rows.push(["/inicio (egresso home, after login)", await measure(browser, server.origin, "/inicio", (page) => login(page, server.origin, "529.982.247-25"))]);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`| page | ${KINDS.map((k) => `${k} raw / wire KiB`).join(" | ")} | total raw / wire KiB |`);
  console.log(`|---|${KINDS.map(() => "---:").join("|")}|---:|`);
  for (const [name, t] of rows) {
    const raw = KINDS.reduce((a, k) => a + t[k].raw, 0);
    const wire = KINDS.reduce((a, k) => a + t[k].wire, 0);
    console.log(`| ${name} | ${KINDS.map((k) => `${kb(t[k].raw)} / ${kb(t[k].wire)}`).join(" | ")} | ${kb(raw)} / ${kb(wire)} |`);
  }
} finally {
  await browser.close();
  await server.stop();
}
