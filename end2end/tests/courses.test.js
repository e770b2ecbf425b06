// Courses on a phone: an anonymous visitor filters the catalogue; the demo egresso asks for a
// place; the provider, the caseworker and the admin see their pages. Every page passes axe-core
// and fits the screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

test("an anonymous visitor filters courses that count for remição", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.origin}/cursos`);
  await accessibleAndFits(page);
  await page.getByText("Filtros").click();
  await page.getByLabel("Só cursos que contam para remição").check();
  await page.getByLabel("Só cursos gratuitos").check();
  await page.getByRole("button", { name: "Buscar cursos" }).click();
  await page.waitForURL(/remicao=1/);
  const items = await page.locator(".item").count();
  assert.ok(items > 0);
  assert.equal(await page.locator(".item .tag").count(), items, "every result counts for remição");
  await accessibleAndFits(page);
  await page.locator(".item-title a").first().click();
  await page.getByRole("link", { name: "Entrar para se inscrever" }).waitFor();
  await accessibleAndFits(page);
  await context.close();
});

test("the egresso asks for a place; provider, caseworker and admin see their pages", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.origin}/cursos/1`);
  await page.getByRole("link", { name: "Entrar para se inscrever" }).click();
  await page.getByLabel("CPF ou e-mail").fill("529.982.247-25");
  await page.getByLabel("Senha", { exact: true }).fill("esv-demo-2026");
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.waitForURL(/\/cursos\/1$/);
  // Without the consent: the error is beside the box and accessible.
  await page.getByRole("button", { name: "Quero me inscrever" }).click();
  await page.getByText("marque a autorização abaixo").waitFor();
  await accessibleAndFits(page);
  await page.getByLabel(/Autorizo enviar meu nome e contato/).check();
  await page.getByRole("button", { name: "Quero me inscrever" }).click();
  await page.getByText("Pedido enviado. A organização do curso vai entrar em contato.").waitFor();
  await accessibleAndFits(page);
  await context.close();

  for (const [who, path, text] of [
    ["parceiro@exemplo.org", "/parceiro/inscricoes", "Maria Aparecida dos Santos"],
    ["tecnica@exemplo.org", "/equipe/inscricoes", "Maria Aparecida dos Santos"],
    ["admin@exemplo.org", "/admin/cursos", "Eletricista instalador predial"],
    ["admin@exemplo.org", "/admin/cursos/novo", "Organização que oferece"],
  ]) {
    const s = await phone(env.browser);
    await login(s.page, env.server.origin, who);
    await s.page.goto(`${env.server.origin}${path}`);
    await s.page.getByText(text).first().waitFor();
    await accessibleAndFits(s.page);
    await s.context.close();
  }
});

test("every page of the person's own menu passes axe-core and fits the phone", async () => {
  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "529.982.247-25");
  for (const path of ["/inicio", "/inicio/agenda", "/inicio/candidaturas", "/inicio/salvas", "/inicio/cursos", "/inicio/encaminhamentos", "/inicio/perfil", "/inicio/meus-dados"]) {
    await page.goto(`${env.server.origin}${path}`);
    await page.locator("h1").waitFor();
    await accessibleAndFits(page);
  }
  await context.close();
});
