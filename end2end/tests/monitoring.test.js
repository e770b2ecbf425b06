// Monitoring (issue 14) on a 360 × 740 phone, with the demo year of activity: the chart, its
// table and the CSV for the coordination and the administration; the printed yearly report;
// the form without JavaScript. axe-core finds no WCAG 2.2 A/AA violation on any of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser({ ESV_DEMO_ANO: "1" });

test("the coordination sees its unit's numbers as a chart and a table", async () => {
  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "coordenacao@exemplo.org");
  await page.getByRole("link", { name: "Monitoramento" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Monitoramento" }).waitFor();
  const chart = page.getByRole("img", { name: /Acolhimentos por mês/ });
  await chart.waitFor();
  assert.ok(await chart.isVisible());
  await page.getByRole("table", { name: /Acolhimentos por cor ou raça/ }).waitFor();
  assert.match(await page.locator("p.lead").first().innerText(), /^Total: \d+ pessoas\./);
  assert.deepEqual(await axeViolations(page), []);

  // Another indicator, split by its outcome and by gender.
  await page.getByLabel("Indicador").selectOption("encaminhamentos");
  await page.getByLabel("Dividir por").selectOption("raca");
  await page.getByLabel("E também por (opcional)").selectOption("genero");
  await page.getByRole("button", { name: "Ver os números" }).click();
  await page.getByRole("table", { name: /Encaminhamentos por cor ou raça e gênero/ }).waitFor();
  assert.ok((await page.getByRole("cell", { name: "< 5" }).count()) > 0, "small groups are hidden");
  assert.deepEqual(await axeViolations(page), []);

  // The CSV: UTF-8 with a BOM, `;` between fields, "< 5" as on the page.
  const href = await page.getByRole("link", { name: "Baixar esta tabela (CSV)" }).getAttribute("href");
  const res = await page.request.get(`${env.server.origin}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-type"], /^text\/csv; charset=utf-8/);
  const body = await res.body();
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = body.toString("utf8");
  assert.ok(text.includes(";Total\r\n"), text.slice(0, 200));
  assert.ok(text.includes("< 5"));
  await context.close();
});

test("the administration compares the cities of a state, and prints the year", async () => {
  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "admin@exemplo.org");
  await page.goto(`${env.server.origin}/monitoramento?indicador=atendimentos&uf=MG&corte=municipio`);
  const table = page.getByRole("table", { name: /Atendimentos por município/ });
  await table.waitFor();
  for (const city of ["Belo Horizonte (MG)", "Contagem (MG)", "Uberlândia (MG)"]) {
    assert.ok(await table.getByRole("rowheader", { name: city }).isVisible(), city);
  }
  assert.match(await page.locator("p.lead").first().innerText(), /por pessoa/);
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole("link", { name: "Relatório do ano para imprimir" }).click();
  await page.getByRole("heading", { level: 1, name: /Relatório de monitoramento \d{4} — Minas Gerais/ }).waitFor();
  assert.equal(await page.getByRole("img").filter({ has: page.locator("title") }).count(), 11);
  assert.deepEqual(await axeViolations(page), []);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("form.filters").count(), 0);
  assert.ok(!(await page.locator("header.top, .top").first().isVisible()), "the menu is not printed");
  await context.close();
});

test("the monitoring form works without JavaScript", async () => {
  const { context, page } = await phone(env.browser, { javaScriptEnabled: false });
  await login(page, env.server.origin, "coordenacao@exemplo.org");
  await page.goto(`${env.server.origin}/monitoramento`);
  await page.getByLabel("Indicador").selectOption("permanencia_3");
  await page.getByRole("button", { name: "Ver os números" }).click();
  await page.getByRole("table", { name: /Permanência no trabalho aos 3 meses por situação aos 3 meses/ }).waitFor();
  // A wrong year: the error beside the field, the typed value kept.
  await page.getByLabel("Ano", { exact: true }).fill("1999");
  await page.getByRole("button", { name: "Ver os números" }).click();
  await page.getByText("Digite um ano com 4 números").first().waitFor();
  assert.equal(await page.getByLabel("Ano", { exact: true }).inputValue(), "1999");
  await context.close();
});
