// Agendamentos on a phone: the caseworker marks a meeting with Maria (an error first), Maria
// sees it in "Minha agenda". Both pages pass axe-core and fit the screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations, pickPerson } from "../support.js";

const env = serverAndBrowser();

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

test("the caseworker marks a meeting and Maria sees it", async () => {
  const staff = await phone(env.browser);
  await login(staff.page, env.server.origin, "tecnica@exemplo.org");
  await staff.page.getByRole("link", { name: "Agenda" }).first().click();
  await accessibleAndFits(staff.page);
  await pickPerson(staff.page, "Maria Aparecida dos Santos");
  await accessibleAndFits(staff.page);
  const day = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
  await staff.page.getByLabel("Data e hora (horário de Brasília)").fill(`${day}T14:30`);
  await staff.page.getByRole("button", { name: "Marcar" }).click();
  await staff.page.getByText("Digite onde vai ser.").first().waitFor();
  await accessibleAndFits(staff.page);
  await staff.page.getByLabel("Onde").fill("Escritório Social, sala 2");
  await staff.page.getByLabel("Com quem").fill("Carla Mendes");
  await staff.page.getByRole("button", { name: "Marcar" }).click();
  await staff.page.getByText("Atendimento marcado.").waitFor();
  await staff.context.close();

  const maria = await phone(env.browser);
  await login(maria.page, env.server.origin, "529.982.247-25");
  await maria.page.getByRole("link", { name: "Minha agenda" }).first().click();
  const [y, m, d] = day.split("-");
  await maria.page.getByText(`${d}/${m}/${y} às 14:30`).waitFor();
  assert.ok(await maria.page.getByText("Onde: Escritório Social, sala 2").isVisible());
  await accessibleAndFits(maria.page);
  await maria.context.close();
});
