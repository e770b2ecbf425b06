// Each demo role logs in on a 360 × 740 phone, lands on its own home, and every page it sees
// passes axe-core (WCAG 2.0/2.1/2.2 A and AA) with no violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ROLES, serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();

test("the login page has no accessibility violations", async () => {
  const { context, page } = await phone(env.browser);
  await page.goto(`${env.server.origin}/entrar`);
  assert.equal(await page.getAttribute("html", "lang"), "pt-BR");
  assert.deepEqual(await axeViolations(page), []);
  // A wrong password: the error summary and the kept identifier must also be accessible.
  await page.getByLabel("CPF ou e-mail").fill("tecnica@exemplo.org");
  await page.getByLabel("Senha", { exact: true }).fill("errada");
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByText("CPF, e-mail ou senha não conferem").waitFor();
  assert.equal(await page.getByLabel("CPF ou e-mail").inputValue(), "tecnica@exemplo.org");
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

for (const role of ROLES) {
  test(`${role.login} logs in and sees its own home`, async () => {
    const { context, page } = await phone(env.browser);
    await login(page, env.server.origin, role.login);
    assert.equal(new URL(page.url()).pathname, role.home);
    await page.getByRole("heading", { level: 1, name: role.heading }).waitFor();
    assert.ok(await page.getByText(role.name).first().isVisible(), `${role.name} is shown`);
    assert.ok(await page.getByRole("button", { name: "Sair de todos os dispositivos" }).isVisible());
    assert.deepEqual(await axeViolations(page), []);
    // Nothing is wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await context.close();
  });
}

test("the login form works without JavaScript", async () => {
  const { context, page } = await phone(env.browser, { javaScriptEnabled: false });
  await login(page, env.server.origin, "529.982.247-25");
  assert.equal(new URL(page.url()).pathname, "/inicio");
  await page.getByRole("link", { name: "Meus dados" }).first().click();
  await page.getByText("529.982.247-25").waitFor();
  await page.getByRole("button", { name: "Sair", exact: true }).click();
  await page.getByText("Você saiu.").waitFor();
  await context.close();
});

test("the password island hydrates and shows the password on request", async () => {
  const { context, page } = await phone(env.browser);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`${env.server.origin}/entrar`);
  const show = page.getByRole("button", { name: "Mostrar" });
  await show.waitFor({ state: "visible", timeout: 15000 });
  const box = await show.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, `target is ${box.width}×${box.height}`);
  await page.getByLabel("Senha", { exact: true }).fill("segredo");
  await show.click();
  assert.equal(await page.getByLabel("Senha", { exact: true }).getAttribute("type"), "text");
  assert.deepEqual(errors, [], "no script errors (CSP, hydration)");
  await context.close();
});
