// Offline writes (issue 15, point 8): with the network cut, the egresso's profile, a saved
// vacancy and the answer to a check-in are kept on the phone and shown as "Aguardando
// conexão"; when the network comes back they are sent. A kept answer the server no longer
// takes (the team recorded the conversation meanwhile) is shown with the reason and what was
// typed, until the person discards it; logging out asks first and then clears it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, phone, login, axeViolations } from "../support.js";

const env = serverAndBrowser();

/** Logs Maria in on a fresh phone whose pages the service worker controls. */
async function mariaWithWorker() {
  const { context, page } = await phone(env.browser);
  await login(page, env.server.origin, "529.982.247-25");
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { context, page };
}

const kept = (page) => page.locator("#fila");

test("a profile saved without network waits on the phone and is sent when the network returns", async () => {
  const { context, page } = await mariaWithWorker();
  await page.goto(`${env.server.origin}/inicio/perfil`);
  await page.getByLabel("Escolaridade").selectOption("medio");
  await page.getByLabel("O que você sabe fazer").fill("Cozinhar para muita gente");
  await page.getByLabel("Como a empresa fala com você").selectOption("whatsapp");
  await page.getByLabel("Telefone com DDD").fill("(61) 99876-5432");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Salvar perfil" }).click();
  await page.getByRole("heading", { level: 1, name: "Guardado no seu celular" }).waitFor();
  await kept(page).getByText("Seu perfil profissional").waitFor();
  assert.match(await kept(page).textContent(), /Aguardando conexão/);
  await kept(page).getByText("Ver o que você escreveu").click();
  await kept(page).getByText("Cozinhar para muita gente").waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await context.setOffline(false);
  await kept(page).waitFor({ state: "detached" });
  await page.goto(`${env.server.origin}/inicio/perfil`);
  assert.equal(await page.getByLabel("O que você sabe fazer").inputValue(), "Cozinhar para muita gente");
  assert.equal(await kept(page).count(), 0);
  await context.close();
});

test("a vacancy saved with the button while offline is saved when the network returns", async () => {
  const { context, page } = await mariaWithWorker();
  await page.goto(`${env.server.origin}/vagas/2`);
  await page.locator("form[data-pronto]").waitFor();
  await context.setOffline(true);
  await page.getByRole("button", { name: "Salvar vaga" }).click();
  await page.getByText("Guardado no celular. Aguardando conexão").waitFor();
  await page.getByRole("button", { name: "Tirar das salvas" }).waitFor();
  await kept(page).getByText("Salvar a vaga").waitFor();

  await context.setOffline(false);
  await kept(page).waitFor({ state: "detached" });
  await page.goto(`${env.server.origin}/inicio/salvas`);
  assert.equal(await page.locator("li.item").count(), 1);
  await context.close();
});

test("an answer kept offline that the server no longer takes is shown, never dropped", async () => {
  // The caseworker records a job that started 28 days ago: its 30-day conversation is due.
  const staff = await phone(env.browser);
  await login(staff.page, env.server.origin, "tecnica@exemplo.org");
  await staff.page.goto(`${env.server.origin}/equipe/pessoas/1/emprego`);
  await staff.page.getByLabel("Empresa").fill("Padaria Pão Quente");
  await staff.page.getByLabel("Função").fill("Padeira");
  const start = new Date(Date.now() - 28 * 86400000).toISOString().slice(0, 10);
  await staff.page.getByLabel("Primeiro dia de trabalho").fill(start);
  await staff.page.getByRole("button", { name: "Registrar contratação" }).click();
  await staff.page.getByText("Contratação registrada.").waitFor();

  const { context, page } = await mariaWithWorker();
  await page.getByRole("link", { name: /como está o seu trabalho/ }).click();
  await page.getByRole("heading", { level: 1, name: "Como está o trabalho?" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel("Como está o trabalho?").selectOption("bem");
  await page.getByLabel("Quer contar algo? (opcional)").fill("Gosto muito da padaria");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Enviar resposta" }).click();
  await page.getByRole("heading", { level: 1, name: "Guardado no seu celular" }).waitFor();
  await kept(page).getByText("Sua resposta sobre o trabalho").waitFor();

  // Meanwhile the team records the conversation.
  await staff.page.getByLabel("A pessoa ainda está no trabalho?").selectOption("sim");
  await staff.page.getByRole("button", { name: "Registrar conversa" }).click();
  await staff.page.getByText("Conversa registrada.").waitFor();

  await context.setOffline(false);
  await kept(page).getByText(/Não foi enviada\. A equipe já registrou esta conversa/).waitFor();
  await kept(page).getByText("Ver o que você escreveu").click();
  await kept(page).getByText("Gosto muito da padaria").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // Still there on the next page: nothing is dropped without the person seeing it.
  await page.goto(`${env.server.origin}/inicio`);
  await kept(page).getByText(/A equipe já registrou esta conversa/).waitFor();

  // Logging out asks first; once confirmed, the phone keeps nothing of hers.
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    dialog.accept();
  });
  await Promise.all([page.waitForURL(/\/entrar/), page.getByRole("button", { name: "Sair", exact: true }).click()]);
  assert.match(asked, /1 mudança guardada neste celular ainda não foi enviada/);
  await login(page, env.server.origin, "529.982.247-25");
  await page.goto(`${env.server.origin}/inicio/trabalho`);
  await page.getByText("Nada para responder agora.").waitFor();
  assert.equal(await kept(page).count(), 0);
  const left = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("esv-fila", 1);
        open.onsuccess = () => {
          const all = open.result.transaction("fila").objectStore("fila").getAll();
          all.onsuccess = () => resolve(all.result.length);
        };
      })
  );
  assert.equal(left, 0);
  await staff.context.close();
  await context.close();
});
