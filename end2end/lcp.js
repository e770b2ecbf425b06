// Largest Contentful Paint of the public pages on a cheap phone's conditions: 360 × 740,
// Lighthouse's mobile throttling (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) and 4× CPU
// slowdown, first visit (empty cache, no service worker). Median of 3 runs per page.
// Usage: node lcp.js (after `make site server`); prints a Markdown table. Reports figures
// and their ratio to the "good" LCP budget (2.5 s); nothing passes or fails on a time.
import { startServer, launchBrowser } from "./support.js";

const PAGES = ["/vagas", "/vagas/1", "/cursos", "/servicos", "/servicos?lat=-15.799&lon=-47.864"];
const RUNS = 3;
const GOOD_LCP_MS = 2500;

async function lcpOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp = e.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(1000);
  const lcp = await page.evaluate(() => window.__lcp);
  await context.close();
  return lcp;
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log("| page | LCP median (ms) | runs (ms) | LCP / 2.5 s budget |");
  console.log("|---|---:|---|---:|");
  for (const path of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lcpOnce(browser, `${server.origin}${path}`));
    const median = [...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    console.log(`| ${path} | ${median.toFixed(0)} | ${runs.map((r) => r.toFixed(0)).join(", ")} | ${((100 * median) / GOOD_LCP_MS).toFixed(0)} % |`);
  }
} finally {
  await browser.close();
  await server.stop();
}
