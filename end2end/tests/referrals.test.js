// Encaminhamentos in the browser: the caseworker refers Maria to the demo partner with her
// consent (on a desktop, 1280 × 800), the partner accepts and records the outcome (phone), and
// Maria sees the answer and who looked (phone). Every page passes axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations, pickPerson } from "../support.js";

const env = serverAndBrowser();

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

test("refer, answer, follow: caseworker, partner and the person", async () => {
  const desk = await phone(env.browser, { viewport: { width: 1280, height: 800 } });
  await login(desk.page, env.server.origin, "tecnica@exemplo.org");
  await desk.page.getByRole("link", { name: "Encaminhamentos" }).first().click();
  await accessibleAndFits(desk.page);
  await desk.page.getByRole("link", { name: "Novo encaminhamento" }).click();
  await pickPerson(desk.page, "Maria Aparecida dos Santos");
  await desk.page.getByLabel("Do que a pessoa precisa").fill("Quer retomar contato com a filha.");
  // No list of the whole directory: search it; what was typed stays.
  await desk.page.getByLabel("Buscar serviço").fill("recomeco");
  await desk.page.getByRole("button", { name: "Buscar serviço" }).click();
  await desk.page.getByText(/serviços? encontrados?/).first().waitFor();
  await accessibleAndFits(desk.page);
  assert.equal(await desk.page.getByLabel("Do que a pessoa precisa").inputValue(), "Quer retomar contato com a filha.");
  await desk.page.getByLabel(/Apoio a familiares e mediação de vínculos – Coletivo Recomeço/).check();
  await desk.page.getByLabel("Enviar este texto para a organização").check();
  // Without consent or justification: the error is beside the box.
  await desk.page.getByRole("button", { name: "Encaminhar" }).click();
  await desk.page.getByText("marque que a pessoa autorizou").first().waitFor();
  await accessibleAndFits(desk.page);
  assert.equal(await desk.page.getByLabel("Do que a pessoa precisa").inputValue(), "Quer retomar contato com a filha.");
  await desk.page.getByLabel("A pessoa autorizou enviar o caso para esta organização").check();
  await desk.page.getByRole("button", { name: "Encaminhar" }).click();
  await desk.page.getByText("Encaminhamento enviado.").waitFor();
  await desk.page.getByRole("link", { name: "Maria Aparecida dos Santos" }).click();
  await desk.page.getByText("A demanda foi enviada com autorização da pessoa.").waitFor();
  await accessibleAndFits(desk.page);
  await desk.context.close();

  const partner = await phone(env.browser);
  await login(partner.page, env.server.origin, "parceiro@exemplo.org");
  await partner.page.getByRole("link", { name: "Encaminhamentos recebidos" }).first().click();
  await accessibleAndFits(partner.page);
  await partner.page.getByRole("link", { name: "Maria Aparecida dos Santos" }).click();
  await partner.page.getByText("Quer retomar contato com a filha.").waitFor();
  await accessibleAndFits(partner.page);
  await partner.page.getByLabel("Nova situação").selectOption("aceito");
  await partner.page.getByRole("button", { name: "Salvar" }).click();
  await partner.page.getByText("Resposta registrada.").waitFor();
  await partner.page.getByLabel("Nova situação").selectOption("concluido");
  await partner.page.getByRole("button", { name: "Salvar" }).click();
  await partner.page.getByText("Conte como terminou o atendimento.").first().waitFor();
  await accessibleAndFits(partner.page);
  await partner.page.getByLabel("Observação").fill("Três encontros; voltaram a se falar.");
  await partner.page.getByRole("button", { name: "Salvar" }).click();
  await partner.page.getByText("Resposta registrada.").waitFor();
  await partner.context.close();

  const maria = await phone(env.browser);
  await login(maria.page, env.server.origin, "529.982.247-25");
  await maria.page.getByRole("link", { name: "Encaminhamentos" }).first().click();
  await maria.page.getByText("Concluído").waitFor();
  assert.ok(await maria.page.getByText("voltaram a se falar").isVisible());
  await accessibleAndFits(maria.page);
  await maria.page.goto(`${env.server.origin}/inicio/meus-dados`);
  await maria.page.getByText("Paulo Nascimento (Coletivo Recomeço) viu seu encaminhamento").first().waitFor();
  assert.ok(await maria.page.getByText("Compartilhar meu caso com Coletivo Recomeço (encaminhamento)").isVisible());
  await accessibleAndFits(maria.page);
  await maria.context.close();
});

test("person and service are found without JavaScript, and nothing typed is lost", async () => {
  const { context, page } = await phone(env.browser, { javaScriptEnabled: false });
  await login(page, env.server.origin, "tecnica@exemplo.org");
  await page.goto(`${env.server.origin}/equipe/encaminhamentos/novo`);
  await page.getByLabel("Do que a pessoa precisa").fill("Precisa tirar a segunda via do RG.");
  await pickPerson(page, "Maria Aparecida dos Santos");
  await page.getByLabel("Buscar serviço").fill("documentos");
  await page.getByRole("button", { name: "Buscar serviço" }).click();
  await page.getByText(/serviços encontrados/).waitFor();
  assert.ok((await page.locator('input[name="servico"]').count()) > 1, "the matches are offered");
  assert.ok(await page.getByRole("radio", { name: /^Maria Aparecida dos Santos/ }).isChecked(), "the person stays chosen");
  assert.equal(await page.getByLabel("Do que a pessoa precisa").inputValue(), "Precisa tirar a segunda via do RG.");
  await context.close();
});

test("a partner creates an API key on a phone, its system reads with it, and it is revoked", async () => {
  // Without JavaScript: the form is plain HTML, and the key is shown once.
  const { context, page } = await phone(env.browser, { javaScriptEnabled: false });
  await login(page, env.server.origin, "parceiro@exemplo.org");
  await page.getByRole("link", { name: "Integrações" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Integrações" }).waitFor();
  await page.getByRole("button", { name: "Criar chave" }).click();
  await page.getByText("Dê um nome à chave").first().waitFor();
  await page.getByLabel("Nome da chave").fill("Sistema da casa");
  await page.getByRole("button", { name: "Criar chave" }).click();
  const key = (await page.locator("code.secret").innerText()).trim();
  assert.match(key, /^esv_[A-Za-z0-9_-]{43}$/);
  await context.close();

  // With JavaScript, for axe: the list of keys, and the page fits the phone.
  const partner = await phone(env.browser);
  await login(partner.page, env.server.origin, "parceiro@exemplo.org");
  await partner.page.goto(`${env.server.origin}/parceiro/integracoes`);
  await partner.page.getByText("Sistema da casa").waitFor();
  await accessibleAndFits(partner.page);

  // The organisation's system, with the key.
  const api = `${env.server.origin}/api/v1/encaminhamentos`;
  const read = await partner.page.request.get(api, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(read.status(), 200);
  assert.ok(Array.isArray((await read.json()).itens));

  await partner.page.getByRole("button", { name: "Revogar a chave Sistema da casa" }).click();
  await partner.page.getByText("Chave revogada.").waitFor();
  await accessibleAndFits(partner.page);
  const refused = await partner.page.request.get(api, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(refused.status(), 401);
  assert.match((await refused.json()).erro, /Chave de acesso/);
  await partner.context.close();
});
