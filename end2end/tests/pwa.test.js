// The PWA: the service worker installs and activates, Chromium reports the app installable,
// and reloading a page while offline shows the pt-BR offline page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, launchProfile, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();

test("the service worker is active and the app is installable", async () => {
  const profile = await launchProfile();
  const context = profile.context;
  const page = await context.newPage();
  await page.goto(`${env.server.origin}/entrar`);
  const state = await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active;
    if (worker.state !== "activated") {
      await new Promise((resolve) => worker.addEventListener("statechange", () => worker.state === "activated" && resolve()));
    }
    return worker.state;
  });
  assert.equal(state, "activated");
  const manifest = await (await fetch(`${env.server.origin}/manifest.webmanifest`)).json();
  assert.equal(manifest.lang, "pt-BR");
  assert.equal(manifest.display, "standalone");
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  await profile.close();
});

test("reloading while offline shows the offline page", async () => {
  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "529.982.247-25");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // The first page load is not yet controlled by the worker; reload once online so it is.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { name: "Você está sem internet" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // Personal pages are never stored for offline use.
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls = [];
    for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  assert.ok(!cached.some((u) => u.startsWith("/inicio")), `cached: ${cached}`);
  await context.setOffline(false);
  await context.close();
});

test("vacancy, course and service pages seen without logging in stay readable offline; personal pages do not", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.origin}/vagas`);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  for (const path of ["/vagas/1", "/cursos/1", "/servicos/1"]) {
    await page.goto(`${env.server.origin}${path}`);
    const title = await page.locator("h1").textContent();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await context.setOffline(false);
  }
  // After logging in, the same page is personal (apply state, name): it is not kept.
  await login(page, env.server.origin, "529.982.247-25");
  await page.goto(`${env.server.origin}/vagas/2`);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { name: "Você está sem internet" }).waitFor();
  await context.setOffline(false);
  await context.close();
});
