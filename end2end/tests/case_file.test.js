// The whole case in the browser, at 360 × 740 and at 1280 × 800: the caseworker registers a
// pré-egresso, records the interview and documents, builds the exit plan with two areas, refers
// him to the demo partner; he leaves prison and gets his access; the partner accepts and records
// the outcome; he logs in and sees his plan (his own steps first), the referral's status and
// who read his file. Every page passes axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations, pickPerson } from "../support.js";

const env = serverAndBrowser();

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

function isoDaysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

const PEOPLE = {
  360: { name: "José Carlos Pereira", cpf: "111.444.777-35", password: "senha-do-jose-2026" },
  1280: { name: "João Batista Correia", cpf: "123.456.789-09", password: "senha-do-joao-2026" },
};

for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
  const who = PEOPLE[viewport.width];
  test(`register, interview, plan, refer, answer, read (${viewport.width} px)`, async () => {
    const staff = await phone(env.browser, { viewport });
    const page = staff.page;
    await login(page, env.server.origin, "tecnica@exemplo.org");
    await page.goto(`${env.server.origin}/equipe/pessoas/nova`);
    await page.getByLabel("Nome de registro").fill(who.name);
    await page.getByLabel("Quem é a pessoa").selectOption("pre_egresso");
    await page.getByLabel("CPF (opcional)").fill(who.cpf);
    await page.getByLabel("Unidade prisional").fill("Penitenciária do Distrito Federal I");
    await page.getByLabel("Saída prevista").fill(isoDaysFromNow(45));
    await page.getByLabel("Regime atual").selectOption("semiaberto");
    await page.getByRole("button", { name: "Cadastrar" }).click();
    await page.getByRole("heading", { level: 1, name: who.name }).waitFor();
    const recordUrl = page.url();

    // Interview: one area, with an emergency; a stigmatising word is refused first.
    await page.getByRole("link", { name: "Acolhimento e entrevista" }).click();
    await accessibleAndFits(page);
    await page.getByRole("link", { name: "Registrar: Documentação civil" }).click();
    await page.getByLabel("Situação: o que a pessoa contou").fill("Foi preso sem documentos; ex-presidiário sem RG.");
    await page.getByLabel("Demandas: o que a pessoa pede").fill("Sair com RG e CPF.");
    await page.getByRole("button", { name: "Salvar" }).click();
    await page.getByText("palavra que estigmatiza pessoas").first().waitFor();
    await accessibleAndFits(page);
    assert.equal(await page.getByLabel("Demandas: o que a pessoa pede").inputValue(), "Sair com RG e CPF.");
    await page.getByLabel("Situação: o que a pessoa contou").fill("Foi preso sem documentos. Não tem RG.");
    await page.getByLabel("É uma emergência").check();
    await page.getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Entrevista salva.").waitFor();
    await page.getByText("Emergências: resolva primeiro").waitFor();
    await page.getByLabel("RG ou Carteira de Identidade Nacional (CIN)").selectOption("providenciando");
    await page.getByLabel("CPF", { exact: true }).selectOption("tem");
    await page.getByRole("button", { name: "Salvar documentos" }).click();
    await page.getByText("Documentos salvos.").waitFor();
    await accessibleAndFits(page);

    // The exit plan: two areas.
    await page.goto(recordUrl);
    await page.getByRole("link", { name: "Plano Individual de Saída" }).click();
    await page.getByRole("heading", { level: 1, name: "Plano Individual de Saída" }).waitFor();
    await accessibleAndFits(page);
    for (const [area, demand, goal, action, by] of [
      ["documentacao", "Sair com documentos", "Ter RG no dia da saída", "Levar a certidão ao posto de identificação", "pessoa"],
      ["familia", "Retomar contato com a filha", "Visitar a filha uma vez por mês", "Encaminhar ao Coletivo Recomeço", "equipe"],
    ]) {
      await page.getByLabel("Área").selectOption(area);
      await page.getByRole("button", { name: "Incluir área" }).click();
      await page.getByLabel("Demanda: o que a pessoa precisa").fill(demand);
      await page.getByLabel("Objetivo combinado").fill(goal);
      await page.locator("#campo-acao_0").fill(action);
      await page.locator("#campo-quem_0").selectOption(by);
      await page.locator("#campo-prazo_0").fill(isoDaysFromNow(20));
      await accessibleAndFits(page);
      await page.getByRole("button", { name: "Salvar nova versão do plano" }).click();
      await page.getByText("Plano salvo.").waitFor();
    }
    assert.ok(await page.getByText("Versão 2").isVisible());
    await accessibleAndFits(page);
    await page.getByRole("link", { name: "Ver o histórico do plano" }).click();
    await page.getByText("Incluiu a área Família e vínculos.").waitFor();
    await accessibleAndFits(page);

    // The referral to the demo partner, with his consent.
    await page.goto(`${env.server.origin}/equipe/encaminhamentos/novo`);
    await pickPerson(page, who.name);
    await page.getByLabel("Buscar serviço").fill("familiares Recomeço");
    await page.getByRole("button", { name: "Buscar serviço" }).click();
    await page.getByLabel(/Apoio a familiares e mediação de vínculos – Coletivo Recomeço/).check();
    await page.getByLabel("Do que a pessoa precisa").fill("Quer retomar contato com a filha.");
    await page.getByLabel("Enviar este texto para a organização").check();
    await page.getByLabel("A pessoa autorizou enviar o caso para esta organização").check();
    await page.getByRole("button", { name: "Encaminhar" }).click();
    await page.getByText("Encaminhamento enviado.").waitFor();

    // He leaves prison; access at the office.
    await page.goto(recordUrl);
    await page.getByRole("button", { name: "Registrar saída" }).click();
    await page.getByText("Saída registrada.").waitFor();
    await accessibleAndFits(page);
    await page.getByRole("button", { name: "Criar acesso" }).click();
    const code = (await page.locator(".code").textContent()).trim();
    await staff.context.close();

    const partner = await phone(env.browser, { viewport });
    await login(partner.page, env.server.origin, "parceiro@exemplo.org");
    await partner.page.goto(`${env.server.origin}/parceiro/encaminhamentos`);
    await partner.page.getByRole("link", { name: who.name }).click();
    await partner.page.getByLabel("Nova situação").selectOption("aceito");
    await partner.page.getByRole("button", { name: "Salvar" }).click();
    await partner.page.getByText("Resposta registrada.").waitFor();
    await partner.page.getByLabel("Nova situação").selectOption("concluido");
    await partner.page.getByLabel("Observação").fill("Dois encontros com a família.");
    await partner.page.getByRole("button", { name: "Salvar" }).click();
    await partner.page.getByText("Resposta registrada.").waitFor();
    await accessibleAndFits(partner.page);
    await partner.context.close();

    const person = await phone(env.browser, { viewport });
    const me = person.page;
    await me.goto(`${env.server.origin}/definir-senha`);
    await me.getByLabel("CPF ou e-mail").fill(who.cpf);
    await me.getByLabel("Código").fill(code);
    await me.getByLabel("Nova senha", { exact: true }).fill(who.password);
    await me.getByLabel("Repita a nova senha").fill(who.password);
    await me.getByRole("button", { name: "Salvar senha" }).click();
    await login(me, env.server.origin, who.cpf, who.password);
    await me.getByRole("link", { name: "Meu plano" }).first().click();
    await me.getByRole("heading", { level: 2, name: "O que você precisa fazer" }).waitFor();
    const text = await me.locator("main").innerText();
    const own = text.indexOf("Levar a certidão ao posto de identificação");
    const team = text.indexOf("O que a equipe e os parceiros vão fazer");
    assert.ok(own > 0 && own < team, "his own step comes first");
    assert.ok(text.includes("Apoio a familiares e mediação de vínculos — Concluído"), "the referral under its area");
    await accessibleAndFits(me);
    await me.getByRole("link", { name: "Encaminhamentos" }).first().click();
    await me.getByText("Concluído").first().waitFor();
    await accessibleAndFits(me);
    await me.goto(`${env.server.origin}/inicio/meus-dados`);
    for (const line of [
      "Carla Mendes (Equipe técnica) salvou uma nova versão do seu plano",
      "Carla Mendes (Equipe técnica) registrou parte da sua entrevista de acolhimento",
      "Carla Mendes (Equipe técnica) registrou sua saída da prisão",
      "Paulo Nascimento (Coletivo Recomeço) viu seu encaminhamento",
    ]) {
      await me.getByText(line).first().waitFor();
    }
    await accessibleAndFits(me);
    await person.context.close();
  });
}
