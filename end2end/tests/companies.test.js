// Partner companies in the browser: a new company registers (1280 × 800), the coordinator
// approves it, it registers a public contract and posts a quota vacancy, the demo egresso
// applies from her phone (360 × 740), the company moves her to "contratada" under the
// contract, the coordinator confirms, and the quota pages show the hire. Every page of the
// company side passes axe-core, also with errors on the forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();
const desk = { viewport: { width: 1280, height: 800 } };

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

function isoDaysFromNow(days) {
  return new Date(Date.now() + days * 86400000 - 3 * 3600000).toISOString().slice(0, 10);
}

const EMAIL = "helena@limpamais.com.br";
const PASSWORD = "senha-da-limpa-mais-2026";
const TITLE = "Auxiliar de limpeza hospitalar";

test("a company joins, hires under a quota contract, and the quota shows the hire", async () => {
  const origin = env.server.origin;
  // 1. Registration, with errors first.
  const company = await phone(env.browser, desk);
  const c = company.page;
  await c.goto(`${origin}/entrar`);
  await c.getByRole("link", { name: "Cadastre a empresa" }).click();
  await accessibleAndFits(c);
  await c.getByLabel("CNPJ").fill("11.222.333/0001-00");
  await c.getByRole("button", { name: "Cadastrar empresa" }).click();
  await c.getByText("Digite a razão social").first().waitFor();
  await accessibleAndFits(c);
  await c.getByLabel("CNPJ").fill("11.222.333/0001-81");
  await c.getByLabel("Razão social").fill("Limpa Mais Serviços Ltda.");
  await c.getByLabel("CNAE principal (opcional)").fill("8121-4/00");
  await c.getByLabel("Seu nome").fill("Helena Prado");
  await c.getByLabel("Seu e-mail").fill(EMAIL);
  await c.getByLabel("Telefone com DDD").fill("(61) 3333-4444");
  await c.getByLabel("Senha", { exact: true }).fill(PASSWORD);
  await c.getByLabel("Repita a senha").fill(PASSWORD);
  await c.getByRole("button", { name: "Cadastrar empresa" }).click();
  await c.getByText("Cadastro recebido.").waitFor();
  await login(c, origin, EMAIL, PASSWORD);
  await c.getByText("Cadastro em análise pelo Escritório Social.").waitFor();
  await accessibleAndFits(c);

  // 2. The coordination approves.
  const coord = await phone(env.browser, desk);
  await login(coord.page, origin, "coordenacao@exemplo.org");
  await coord.page.getByRole("link", { name: "Empresas" }).first().click();
  await accessibleAndFits(coord.page);
  await coord.page.getByRole("link", { name: "Limpa Mais Serviços Ltda." }).click();
  await coord.page.getByText("8121-4/00").waitFor();
  await accessibleAndFits(coord.page);
  await coord.page.getByRole("button", { name: "Aprovar empresa" }).click();
  await coord.page.getByText("Empresa aprovada.").waitFor();

  // 3. The contract and the quota vacancy.
  await c.goto(`${origin}/empresa/contratos/novo`);
  await c.getByRole("button", { name: "Salvar contrato" }).click();
  await c.getByText("Digite o órgão que contratou.").first().waitFor();
  await accessibleAndFits(c);
  await c.getByLabel("Órgão contratante").fill("Hospital Regional da Asa Norte");
  await c.getByLabel("Número do contrato").fill("45/2026");
  await c.getByLabel("Objeto (o serviço contratado)").fill("Limpeza hospitalar, 24 horas.");
  await c.getByLabel("Valor anual (R$)").fill("450.000,00");
  await c.getByLabel("Trabalhadores que o contrato exige").fill("150");
  await c.getByLabel("Início").fill(isoDaysFromNow(-30));
  await c.getByLabel("Fim").fill(isoDaysFromNow(700));
  await c.getByRole("button", { name: "Salvar contrato" }).click();
  await c.getByText("4 vagas reservadas (3% de 150 trabalhadores = 4,50 exatas)").first().waitFor();
  await accessibleAndFits(c);
  await c.goto(`${origin}/empresa/vagas/nova`);
  await c.getByLabel("Nome da vaga").fill(TITLE);
  await c.getByLabel("Ocupação (CBO)").selectOption({ label: "Faxineiro (5143-20)" });
  await c.getByLabel("Como é o trabalho").fill("Limpar enfermarias e corredores seguindo os protocolos do hospital.");
  await c.getByLabel("O que a pessoa precisa ter ou saber").fill("Trazer certidão de antecedentes criminais.");
  await c.getByLabel("Horas por semana").fill("44");
  await c.getByLabel("Turno").selectOption("manha");
  await c.getByLabel("Contrato", { exact: true }).selectOption("clt");
  await c.getByLabel("Cidade").fill("Brasília");
  await c.getByLabel("Estado (UF)").selectOption("DF");
  await c.getByLabel("Código IBGE do município").fill("5300108");
  await c.getByLabel("Inscrições até").fill(isoDaysFromNow(20));
  await c.getByLabel(/Vaga com cota legal/).check();
  await c.getByRole("button", { name: "Salvar vaga" }).click();
  await c.getByText("TST, Tema 1").first().waitFor();
  await accessibleAndFits(c);
  await c.getByLabel("O que a pessoa precisa ter ou saber").fill("Ensino fundamental.");
  await c.getByRole("button", { name: "Salvar vaga" }).click();
  await c.getByText("Vaga salva.").waitFor();
  await accessibleAndFits(c);

  // 4. The egresso applies from her phone.
  const maria = await phone(env.browser);
  const m = maria.page;
  await login(m, origin, "529.982.247-25");
  await m.goto(`${origin}/inicio/perfil`);
  await m.getByLabel("Escolaridade").selectOption("medio");
  await m.getByLabel("O que você sabe fazer").fill("Limpeza e organização");
  await m.getByLabel("Como a empresa fala com você").selectOption("whatsapp");
  await m.getByLabel("Telefone com DDD").fill("(61) 99876-5432");
  await m.getByRole("button", { name: /Salvar/ }).click();
  await m.goto(`${origin}/vagas?q=limpeza+hospitalar`);
  await m.getByRole("link", { name: TITLE }).first().click();
  await m.getByLabel(/Autorizo enviar meu perfil profissional/).check();
  await m.getByRole("button", { name: "Candidatar-me" }).click();
  await m.getByText("Enviada").first().waitFor();

  // 5. The company moves her along and hires her under the contract.
  await c.goto(`${origin}/empresa/vagas`);
  await accessibleAndFits(c);
  await c.getByRole("link", { name: "1 candidatura" }).click();
  await accessibleAndFits(c);
  await c.getByRole("button", { name: "Analisar: Maria Aparecida dos Santos" }).click();
  await c.getByText("Candidatura atualizada.").waitFor();
  await c.getByRole("link", { name: "Contratar: Maria Aparecida dos Santos" }).click();
  await accessibleAndFits(c);
  await c.getByLabel("Contrato público com cota (se houver)").selectOption({ label: "Contrato 45/2026 · Hospital Regional da Asa Norte" });
  await c.getByRole("button", { name: "Contratar" }).click();
  await c.getByText("Contratação registrada.").waitFor();
  await m.goto(`${origin}/inicio/candidaturas`);
  await m.getByText("Contratada").first().waitFor();
  await accessibleAndFits(m);

  // 6. The coordination confirms; the quota shows the hire.
  await coord.page.getByRole("link", { name: "Contratações a confirmar" }).first().click();
  await accessibleAndFits(coord.page);
  await coord.page.getByRole("link", { name: "Maria Aparecida dos Santos" }).click();
  await accessibleAndFits(coord.page);
  await coord.page.getByRole("button", { name: "Confirmar contratação" }).click();
  await coord.page.getByText("Contratação confirmada.").waitFor();
  await coord.page.getByRole("link", { name: "Cotas" }).first().click();
  await coord.page.getByText("Limpa Mais Serviços Ltda.").waitFor();
  assert.ok(await coord.page.getByRole("cell", { name: "Faltam 3" }).first().isVisible());
  await accessibleAndFits(coord.page);

  await c.goto(`${origin}/empresa/contratos`);
  await accessibleAndFits(c);
  await c.getByRole("link", { name: "Contrato 45/2026 · Hospital Regional da Asa Norte" }).click();
  await c.getByText("Este mês: 1 de 4 contratadas · Faltam 3").waitFor();
  await accessibleAndFits(c);
  await c.getByRole("link", { name: /Lista nominal de/ }).first().click();
  await c.getByRole("rowheader", { name: "Maria Aparecida dos Santos" }).waitFor();
  await accessibleAndFits(c);
  await c.goto(`${origin}/empresa/equipe`);
  await accessibleAndFits(c);
  await company.context.close();
  await coord.context.close();
  await maria.context.close();
});
