// The rest of the case file in the browser, at 360 × 740 and 1280 × 800: contacts with a
// confidential note, a stigma episode completed later, a hire and its first check-in, the
// dashboard, the language list. Every page passes axe-core, also with errors on the form.
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
  const d = new Date(Date.now() + days * 86400000 - 3 * 3600000);
  return d.toISOString().slice(0, 10);
}

for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
  test(`follow-up, stigma, work and the dashboard (${viewport.width} px)`, async () => {
    const { context, page } = await phone(env.browser, { viewport });
    const origin = env.server.origin;
    await login(page, origin, "tecnica@exemplo.org");
    await page.getByRole("heading", { level: 2, name: "Ações atrasadas" }).waitFor();
    assert.ok(await page.getByRole("link", { name: "Maria Aparecida dos Santos" }).first().isVisible());
    await accessibleAndFits(page);

    await page.goto(`${origin}/equipe/pessoas/1`);
    await accessibleAndFits(page);
    await page.getByRole("link", { name: "Acompanhamento" }).click();
    await page.getByLabel("Como foi o contato").selectOption("presencial");
    await page.getByRole("button", { name: "Registrar contato" }).click();
    await page.getByText("Escreva o que foi conversado.").first().waitFor();
    await accessibleAndFits(page);
    await page.getByLabel("O que foi conversado").fill(`Conversa sobre a rotina (${viewport.width}).`);
    await page.getByLabel(/Nota técnica sigilosa/).check();
    await page.getByRole("button", { name: "Registrar contato" }).click();
    await page.getByText("Contato registrado.").waitFor();
    assert.ok(await page.getByText("Nota técnica sigilosa").first().isVisible());
    await accessibleAndFits(page);

    await page.goto(`${origin}/equipe/pessoas/1/estigma`);
    await page.getByLabel("Tipo de estigma").selectOption("antecipado");
    await page.getByLabel("Onde aconteceu").selectOption("saude");
    await page.getByLabel("O que aconteceu").fill("Deixou de ir ao posto com medo de ser reconhecida.");
    await page.getByRole("button", { name: "Registrar episódio" }).click();
    await page.getByText("Episódio salvo.").waitFor();
    await accessibleAndFits(page);
    await page.getByRole("link", { name: "Registrar ação e desfecho" }).first().click();
    await page.getByLabel("Como terminou (opcional)").fill("Foi ao posto acompanhada pela equipe.");
    await page.getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Foi ao posto acompanhada pela equipe.").first().waitFor();
    await accessibleAndFits(page);

    await page.goto(`${origin}/equipe/pessoas/1/emprego`);
    await page.getByRole("button", { name: "Registrar contratação" }).click();
    await page.getByText("Digite o nome da empresa").first().waitFor();
    await accessibleAndFits(page);
    await page.getByLabel("Empresa").fill("Restaurante Sabor de Casa");
    await page.getByLabel("Função").fill("Auxiliar de cozinha");
    await page.getByLabel("Primeiro dia de trabalho").fill(isoDaysFromNow(-26));
    await page.getByRole("button", { name: "Registrar contratação" }).click();
    await page.getByText("Contratação registrada.").waitFor();
    await accessibleAndFits(page);
    await page.goto(`${origin}/equipe`);
    await page.getByText("Conversa dos 30 dias · Restaurante Sabor de Casa").first().waitFor();
    await page.goto(`${origin}/equipe/pessoas/1/emprego`);
    await page.getByLabel("A pessoa ainda está no trabalho?").selectOption("sim");
    await page.getByRole("button", { name: "Registrar conversa" }).click();
    await page.getByText("Conversa registrada.").waitFor();
    await accessibleAndFits(page);

    await page.goto(`${origin}/equipe/pessoas/1/plano/historico`);
    await accessibleAndFits(page);
    await context.close();

    const admin = await phone(env.browser, { viewport });
    await login(admin.page, origin, "admin@exemplo.org");
    await admin.page.getByRole("link", { name: "Linguagem" }).first().click();
    await admin.page.getByRole("button", { name: "Incluir" }).click();
    await admin.page.getByText("Escreva a palavra ou expressão").first().waitFor();
    await accessibleAndFits(admin.page);
    await admin.context.close();
  });
}
