// The job board on a phone: an anonymous visitor searches and opens a vacancy; the pages pass
// axe-core and fit the screen; the search works without JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, axeViolations } from "../support.js";

const env = serverAndBrowser();

async function fitsTheScreen(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

test("an anonymous visitor searches and opens a vacancy", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.origin}/vagas`);
  assert.deepEqual(await axeViolations(page), []);
  await fitsTheScreen(page);
  await page.getByLabel("O que você procura?").fill("manutencao");
  await page.getByText("Filtros").click();
  await page.getByLabel("Estado").selectOption("MG");
  await page.getByRole("button", { name: "Buscar vagas" }).click();
  await page.getByText(/vagas? encontradas?\./).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const first = page.locator(".item-title a").first();
  const title = await first.textContent();
  await first.click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  assert.ok(await page.getByText("Inscrições até").isVisible());
  assert.deepEqual(await axeViolations(page), []);
  await fitsTheScreen(page);
  await context.close();
});

test("the search works without JavaScript", async () => {
  const { context, page } = await phone(env.browser, { javaScriptEnabled: false });
  await page.goto(`${env.server.origin}/vagas`);
  await page.getByLabel("O que você procura?").fill("Pedreiro");
  await page.getByRole("button", { name: "Buscar vagas" }).click();
  await page.waitForURL(/q=Pedreiro/);
  assert.ok((await page.locator(".item-title").count()) > 0);
  await context.close();
});
