// "Serviços e rede" on a phone: with the position shared (mocked), services come nearest
// first; without it the person picks a city; "Informar erro" works; every page passes axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();

async function accessibleAndFits(page) {
  assert.deepEqual(await axeViolations(page), []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

function kilometres(text) {
  const [, n, unit] = text.match(/A ([\d,]+) (m|km) de você/);
  const value = Number(n.replace(",", "."));
  return unit === "m" ? value / 1000 : value;
}

test("with the position shared, the nearest services come first", async () => {
  // Praça XV, Rio de Janeiro.
  const { context, page } = await phone(env.browser, {
    geolocation: { latitude: -22.9035, longitude: -43.1745 },
    permissions: ["geolocation"],
  });
  await page.goto(`${env.server.origin}/servicos`);
  await accessibleAndFits(page);
  const near = page.getByRole("button", { name: "Usar minha localização" });
  await near.waitFor({ state: "visible" });
  const box = await near.boundingBox();
  assert.ok(box.height >= 44, `target is ${box.height}px high`);
  await near.click();
  await page.waitForURL(/lat=-22\.90/);
  await page.getByText("Do mais perto para o mais longe de onde você está.").waitFor();
  const first = page.locator(".item").first();
  assert.match(await first.textContent(), /Rio de Janeiro, RJ/);
  const distances = await page.locator(".item .distance").allTextContents();
  assert.equal(distances.length, 20);
  const km = distances.map(kilometres);
  for (let i = 1; i < km.length; i++) assert.ok(km[i - 1] <= km[i], `sorted: ${distances.join(" | ")}`);
  assert.ok(km[0] < 10);
  // Each line: open-now state, a tel: link and "Como chegar".
  assert.match(await first.textContent(), /(Aberto|Fechado) agora/);
  assert.match(await first.locator('a[href^="tel:+55"]').getAttribute("href"), /^tel:\+5521/);
  assert.ok(await first.getByRole("link", { name: "Como chegar" }).isVisible());
  await accessibleAndFits(page);
  await context.close();
});

test("without the position, the person picks a city; a denied prompt says so", async () => {
  const { context, page } = await phone(env.browser, { permissions: [] });
  await page.goto(`${env.server.origin}/servicos`);
  await page.getByRole("button", { name: "Usar minha localização" }).click();
  await page.getByText("Não foi possível saber onde você está. Escolha a cidade.").waitFor();
  await page.getByLabel("Do que você precisa?").selectOption("documentacao");
  await page.getByLabel("Cidade").selectOption("5300108");
  await page.getByRole("button", { name: "Buscar serviços" }).click();
  await page.getByText("1 serviço encontrado.").waitFor();
  await accessibleAndFits(page);
  await page.locator(".item-title a").first().click();
  await page.getByRole("heading", { level: 2, name: "Alguma informação está errada?" }).waitFor();
  await accessibleAndFits(page);
  await page.getByText("Informar erro").click();
  await page.getByRole("button", { name: "Enviar" }).click();
  await page.getByText("Conte o que está errado.").first().waitFor();
  await accessibleAndFits(page);
  await page.getByLabel("O que está errado?").fill("O posto mudou de endereço.");
  await page.getByRole("button", { name: "Enviar" }).click();
  await page.getByText("Obrigado! A equipe vai conferir a informação.").waitFor();
  await context.close();

  const admin = await phone(env.browser);
  await login(admin.page, env.server.origin, "admin@exemplo.org");
  await admin.page.goto(`${env.server.origin}/admin/servicos`);
  await admin.page.getByText("O posto mudou de endereço.").waitFor();
  await accessibleAndFits(admin.page);
  await admin.page.goto(`${env.server.origin}/admin/servicos/1/editar`);
  await accessibleAndFits(admin.page);
  await admin.context.close();
});
