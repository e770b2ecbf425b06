// Shared helpers for the browser tests: start the real release server on a free port with a
// fresh SQLite database and the demo data, and launch Debian's Chromium (never a downloaded
// browser) with the flags this machine needs.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..");
export const DEMO_PASSWORD = "esv-demo-2026";
export const ROLES = [
  { login: "admin@exemplo.org", home: "/admin", name: "Administração ESV", heading: "Administração" },
  { login: "coordenacao@exemplo.org", home: "/equipe", name: "Joana Ribeiro", heading: "Escritório Social de Brasília" },
  { login: "tecnica@exemplo.org", home: "/equipe", name: "Carla Mendes", heading: "Escritório Social de Brasília" },
  { login: "rh@exemplo.org", home: "/empresa", name: "Roberto Lima", heading: "Construtora Horizonte Ltda." },
  { login: "parceiro@exemplo.org", home: "/parceiro", name: "Paulo Nascimento", heading: "Coletivo Recomeço" },
  { login: "529.982.247-25", home: "/inicio", name: "Maria Aparecida dos Santos", heading: "Olá, Maria" },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the release server on a free port with the demo data; `env` adds settings (the
 * small demo by default: `ESV_DEMO_ANO=1` adds the year of activity in 7 cities). */
export async function startServer(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "esv-e2e-"));
  const bin = process.env.ESV_SERVER_BIN || join(ROOT, "target/release/esv-server");
  const child = spawn(bin, [], {
    cwd: ROOT,
    env: {
      ...process.env,
      ESV_BIND: `127.0.0.1:${port}`,
      ESV_DATA_DIR: dataDir,
      ESV_DEMO_DATA: "1",
      ESV_DEMO_ANO: "0",
      ESV_SITE_DIR: join(ROOT, "target/site"),
      ESV_LOG: "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`esv-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${origin}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 30000) throw new Error("esv-server did not answer /health in 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
};

export async function launchBrowser() {
  return chromium.launch(CHROMIUM);
}

/** A browser profile on disk (a fresh one): Chromium only offers installation outside incognito. */
export async function launchProfile() {
  const dir = mkdtempSync(join(tmpdir(), "esv-profile-"));
  const context = await chromium.launchPersistentContext(dir, { ...CHROMIUM, viewport: { width: 360, height: 740 }, locale: "pt-BR" });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A phone-sized page: 360 × 740, pt-BR. */
export async function phone(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "pt-BR", ...options });
  const page = await context.newPage();
  return { context, page };
}

export async function login(page, origin, identifier, password = DEMO_PASSWORD) {
  await page.goto(`${origin}/entrar`);
  await page.getByLabel("CPF ou e-mail").fill(identifier);
  await page.getByLabel("Senha", { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/entrar")), page.getByRole("button", { name: "Entrar" }).click()]);
}

const AXE = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page for WCAG 2.0/2.1/2.2 A and AA; returns the violations. */
/// Chooses a person of the unit on a form's person picker: types the name, searches (a plain
/// form POST that keeps everything typed), checks the match. No list of the whole unit.
export async function pickPerson(page, name, searchLabel = "Buscar pessoa") {
  await page.getByLabel(searchLabel, { exact: true }).fill(name);
  await page.getByRole("button", { name: "Buscar pessoa", exact: true }).click();
  await page.getByText(/pessoas? encontradas?/).first().waitFor();
  await page.getByRole("radio", { name: new RegExp(`^${name}`) }).check();
}

export async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } })
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Starts one server and one browser for the test file; returns an object that holds them. */
export function serverAndBrowser(serverEnv = {}) {
  const env = {};
  before(async () => {
    env.server = await startServer(serverEnv);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
