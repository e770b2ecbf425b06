// The job board on a phone: an anonymous visitor searches and opens a vacancy; the pages pass
// axe-core and fit the screen; the search works without JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

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

test("search, open a vacancy, log in, fill the profile, apply, see the candidatura", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.origin}/vagas?q=pedreiro`);
  await page.locator(".item-title a").first().click();
  const vacancyUrl = page.url();
  await page.getByRole("link", { name: "Entrar para se candidatar" }).click();
  await page.getByLabel("CPF ou e-mail").fill("529.982.247-25");
  await page.getByLabel("Senha", { exact: true }).fill("esv-demo-2026");
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.waitForURL(vacancyUrl);
  await page.getByRole("link", { name: "Preencher meu perfil" }).click();
  assert.deepEqual(await axeViolations(page), []);
  await fitsTheScreen(page);
  await page.getByLabel("Escolaridade").selectOption("medio");
  await page.getByLabel("O que você sabe fazer").fill("Assentar piso e azulejo");
  await page.getByLabel("Como a empresa fala com você").selectOption("whatsapp");
  await page.getByLabel("Telefone com DDD").fill("(61) 99876-5432");
  await page.getByRole("button", { name: "Salvar perfil" }).click();
  await page.waitForURL(vacancyUrl);
  await page.getByLabel(/Autorizo enviar meu perfil profissional/).check();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole("button", { name: "Candidatar-me" }).click();
  await page.getByText("Candidatura enviada.").waitFor();
  assert.ok(await page.getByText("Enviada", { exact: true }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
  await fitsTheScreen(page);
  await context.close();

  // The company sees the candidate's professional profile; that page is accessible too.
  const company = await phone(env.browser);
  await login(company.page, env.server.origin, "rh@exemplo.org");
  await company.page.getByRole("link", { name: "Minhas vagas" }).first().click();
  assert.deepEqual(await axeViolations(company.page), []);
  await company.page.locator('a[href$="/candidatos"]').first().click();
  assert.deepEqual(await axeViolations(company.page), []);
  await company.context.close();
});

test("'Salvar vaga' saves in place with JavaScript, through the server function", async () => {
  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "529.982.247-25");
  await page.goto(`${env.server.origin}/vagas/3`);
  // The page has an action island: it loads the larger bundle, not the login page's one.
  const bundle = await page.locator('link[rel="modulepreload"]').getAttribute("href");
  assert.match(bundle, /\/pkg\/esv-acoes\./);
  await page.locator("form[data-pronto]").waitFor();
  await page.evaluate(() => { window.samePage = true; });
  await page.getByRole("button", { name: "Salvar vaga" }).click();
  await page.getByRole("status").filter({ hasText: "Vaga salva." }).waitFor();
  assert.ok(await page.getByRole("button", { name: "Tirar das salvas" }).isVisible());
  assert.equal(await page.evaluate(() => window.samePage), true, "no page load");
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole("button", { name: "Tirar das salvas" }).click();
  await page.getByRole("status").filter({ hasText: "Vaga tirada das salvas." }).waitFor();
  await page.goto(`${env.server.origin}/inicio/salvas`);
  assert.ok(await page.getByText("Nenhuma vaga salva.").isVisible());
  await context.close();
});

test("'Salvar vaga' works without JavaScript", async () => {
  const { context, page } = await phone(env.browser, { javaScriptEnabled: false });
  await login(page, env.server.origin, "529.982.247-25");
  await page.goto(`${env.server.origin}/vagas/4`);
  await page.getByRole("button", { name: "Salvar vaga" }).click();
  await page.waitForURL(/\/vagas\/4$/);
  assert.ok(await page.getByRole("button", { name: "Tirar das salvas" }).isVisible());
  await page.getByRole("button", { name: "Tirar das salvas" }).click();
  await page.getByRole("button", { name: "Salvar vaga" }).waitFor();
  await context.close();
});

test("the read-aloud button appears with a Portuguese voice and reads the page", async () => {
  // Headless Chromium has no voices: the button must stay hidden there.
  const plain = await phone(env.browser);
  await plain.page.goto(`${env.server.origin}/vagas/1`);
  assert.equal(await plain.page.locator("[data-ouvir]").count(), 1, "the button is on the page");
  await plain.page.waitForTimeout(300);
  assert.ok(await plain.page.locator("[data-ouvir]").isHidden(), "hidden without a pt-BR voice");
  await plain.context.close();

  const { context, page } = await phone(env.browser);
  await context.addInitScript(() => {
    const voice = { lang: "pt-BR", name: "Teste", default: true, localService: true, voiceURI: "teste" };
    window.__spoken = [];
    Object.defineProperty(window.speechSynthesis, "getVoices", { value: () => [voice] });
    Object.defineProperty(window.speechSynthesis, "speak", { value: (u) => window.__spoken.push({ text: u.text, lang: u.lang }) });
  });
  await page.goto(`${env.server.origin}/vagas/1`);
  const button = page.getByRole("button", { name: "Ouvir" });
  await button.waitFor({ state: "visible" });
  const box = await button.boundingBox();
  assert.ok(box.height >= 44, `target is ${box.height}px high`);
  await button.click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.equal(spoken[0].lang, "pt-BR");
  assert.ok(spoken[0].text.includes("Pedreiro") && spoken[0].text.includes("Sobre a vaga"), spoken[0].text.slice(0, 200));
  assert.ok(!spoken[0].text.includes("Ouvir"), "the button itself is not read");
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
