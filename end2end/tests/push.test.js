// Notices in the browser: "Minha agenda" never asks for notification permission on load; the
// switch explains first; an iPhone outside the Home Screen gets the explanation instead. A push
// delivered to the page's service worker through the DevTools protocol
// (ServiceWorker.deliverPushMessage) shows a pt-BR notification, and a click on it brings the
// person to the appointment. The agenda pages pass axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, launchProfile, phone, login, axeViolations, pickPerson } from "../support.js";

const env = serverAndBrowser();

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

test("the switch asks nothing on load, explains first, and the agenda pages pass axe", async () => {
  // An appointment to see (and save to a calendar).
  const staff = await phone(env.browser);
  await login(staff.page, env.server.origin, "tecnica@exemplo.org");
  await staff.page.goto(`${env.server.origin}/equipe/agenda`);
  await pickPerson(staff.page, "Maria Aparecida dos Santos");
  const day = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
  await staff.page.getByLabel("Data e hora (horário de Brasília)").fill(`${day}T10:00`);
  await staff.page.getByLabel("Onde").fill("Sala 2");
  await staff.page.getByLabel("Com quem").fill("Carla Mendes");
  await staff.page.getByRole("button", { name: "Marcar" }).click();
  await staff.page.getByText("Atendimento marcado.").waitFor();
  await staff.context.close();

  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "529.982.247-25");
  await page.goto(`${env.server.origin}/inicio/agenda`);
  const save = page.getByRole("link", { name: /^Salvar no calendário/ });
  await save.waitFor();
  assert.match(await save.getAttribute("href"), /^\/inicio\/agenda\/\d+\.ics$/);
  const on = page.getByRole("button", { name: "Ligar avisos neste aparelho" });
  await on.waitFor();
  assert.equal(await page.evaluate(() => Notification.permission), "default", "no prompt on load");
  assert.deepEqual(await axeViolations(page), []);
  await on.click();
  await page.getByText("Agora o celular vai perguntar").waitFor();
  assert.equal(await page.evaluate(() => Notification.permission), "default", "still nothing asked");
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole("button", { name: "Agora não" }).click();
  await on.waitFor();

  // The private calendar address, made and shown.
  await page.getByRole("button", { name: "Criar endereço do calendário" }).click();
  await page.getByText("Endereço do calendário pronto").waitFor();
  const address = await page.getByLabel("Endereço do calendário").inputValue();
  assert.match(address, /\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.deepEqual(await axeViolations(page), []);

  // The link under the switch (the menu has one too).
  await page.locator("#conteudo").getByRole("link", { name: "Meus dispositivos" }).click();
  await page.getByRole("heading", { name: "Meus dispositivos" }).waitFor();
  await page.getByText("Nenhum aparelho recebe avisos.").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("on an iPhone outside the Home Screen the page explains how to add the app", async () => {
  const { context, page } = await phone(env.browser, { userAgent: IPHONE });
  await login(page, env.server.origin, "529.982.247-25");
  await page.goto(`${env.server.origin}/inicio/agenda`);
  await page.getByText("Adicionar à Tela de Início").waitFor();
  assert.ok(await page.getByText("Adicionar à Tela de Início").isVisible());
  assert.equal(await page.getByRole("button", { name: "Ligar avisos neste aparelho" }).count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("a push shows a neutral pt-BR notification and a tap opens the appointment", async () => {
  const profile = await launchProfile();
  const { context } = profile;
  const origin = env.server.origin;
  await context.grantPermissions(["notifications"], { origin });
  const page = await context.newPage();
  await login(page, origin, "529.982.247-25");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // Controlled by the worker (the first load is not), so the worker can navigate it.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const cdp = await context.newCDPSession(page);
  const registrations = new Promise((resolve) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const live = registrations.find((r) => !r.isDeleted && r.scopeURL === `${origin}/`);
      if (live) resolve(live.registrationId);
    })
  );
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registrations;
  // What the server sends (see app::domain::notifications), as the push service hands it over.
  const message = {
    title: "Lembrete",
    body: "Você tem um compromisso amanhã às 14h. Toque para ver.",
    url: "/inicio/agenda#compromisso-1",
    tag: "compromisso-1",
  };
  await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data: JSON.stringify(message) });
  const notifications = () =>
    page.evaluate(async () => {
      const list = await (await navigator.serviceWorker.ready).getNotifications();
      return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, lang: n.lang, url: n.data.url }));
    });
  let shown = [];
  for (let i = 0; i < 100 && shown.length === 0; i++) {
    shown = await notifications();
    if (shown.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(shown.length, 1, "one notification shown");
  const [notification] = shown;
  assert.equal(notification.title, "Lembrete");
  assert.equal(notification.body, "Você tem um compromisso amanhã às 14h. Toque para ver.");
  assert.equal(notification.tag, "compromisso-1");
  assert.equal(notification.url, "/inicio/agenda#compromisso-1");
  assert.equal(notification.lang, "pt-BR");
  assert.ok(notification.icon.endsWith("/icons/icon-192.png"));

  // A second notice about the same appointment replaces the first (same tag).
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin,
    registrationId,
    data: JSON.stringify({ ...message, title: "Compromisso mudou", body: "Seu compromisso agora é hoje às 16h. Toque para ver." }),
  });
  for (let i = 0; i < 100 && (shown = await notifications())[0]?.title !== "Compromisso mudou"; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(shown.map((n) => n.title), ["Compromisso mudou"], "replaced, not piled up");

  // The tap: the worker's notificationclick handler takes the person to the appointment.
  const [worker] = context.serviceWorkers();
  assert.ok(worker, "the service worker is running");
  await worker.evaluate(async () => {
    const [n] = await self.registration.getNotifications();
    // eslint-disable-next-line no-undef
    self.dispatchEvent(new NotificationEvent("notificationclick", { notification: n }));
  });
  await page.waitForURL(`${origin}/inicio/agenda#compromisso-1`);
  await page.getByRole("heading", { name: "Minha agenda" }).waitFor();
  const left = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length);
  assert.equal(left, 0, "the tapped notification is closed");
  await profile.close();
});
