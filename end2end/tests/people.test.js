// Pessoas atendidas in the browser: the caseworker registers a pré-egresso (phone and
// desktop), finds him by name without accents, creates access for Maria's family member
// later; every page passes axe-core, with and without errors on the form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

function isoDaysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
  test(`the caseworker registers a pré-egresso and finds him (${viewport.width} px)`, async () => {
    const { context, page } = await phone(env.browser, { viewport });
    await login(page, env.server.origin, "tecnica@exemplo.org");
    await page.getByRole("link", { name: "Pessoas atendidas" }).first().click();
    await accessibleAndFits(page);
    await page.getByRole("link", { name: "Cadastrar pessoa" }).click();
    await accessibleAndFits(page);
    const name = viewport.width === 360 ? "José Carlos Pereira" : "João Batista Correia";
    await page.getByLabel("Nome de registro").fill(name);
    await page.getByLabel("Quem é a pessoa").selectOption("pre_egresso");
    await page.getByRole("button", { name: "Cadastrar" }).click();
    await page.getByText("Digite a unidade prisional onde a pessoa está.").first().waitFor();
    await accessibleAndFits(page);
    assert.equal(await page.getByLabel("Nome de registro").inputValue(), name);
    await page.getByLabel("Unidade prisional").fill("Penitenciária do Distrito Federal I");
    await page.getByLabel("Saída prevista").fill(isoDaysFromNow(60));
    await page.getByLabel("Regime atual").selectOption("semiaberto");
    await page.getByLabel("Cor ou raça, como a pessoa se declara").selectOption("parda");
    await page.getByRole("button", { name: "Cadastrar" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    assert.ok(await page.getByText("Penitenciária do Distrito Federal I").isVisible());
    await accessibleAndFits(page);
    await page.getByRole("link", { name: "← Pessoas atendidas" }).click();
    await page.getByLabel("Nome ou CPF").fill(name.split(" ")[0].normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
    await page.getByRole("button", { name: "Buscar" }).click();
    await page.getByRole("link", { name }).waitFor();
    await accessibleAndFits(page);
    await context.close();
  });
}
