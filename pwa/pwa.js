// Registers the service worker on every page (offline page, cached assets, installable app).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}

// "Usar minha localização" on /servicos: shown only where the browser can tell the position,
// asked only when the person taps it. The position is rounded to about 100 m before it is
// sent, and only to sort the list.
const near = document.querySelector("[data-perto]");
if (near && "geolocation" in navigator) {
  const form = near.closest("form");
  const failed = form.querySelector("[data-perto-erro]");
  near.hidden = false;
  near.addEventListener("click", () => {
    near.disabled = true;
    failed.hidden = true;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        form.elements.lat.value = pos.coords.latitude.toFixed(3);
        form.elements.lon.value = pos.coords.longitude.toFixed(3);
        form.elements.cidade.value = "";
        form.submit();
      },
      () => {
        near.disabled = false;
        failed.hidden = false;
        form.elements.cidade.focus();
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
    );
  });
}

// Writes kept on this phone while there was no network (sw.js, "Offline writes"): listed at
// the top of the account's pages — "Aguardando conexão", or why the server did not take one,
// with what the person typed and a way to put it back in the form. Only this account's
// (`data-fila-conta`); sent when the page opens online and when the network comes back.
const main = document.querySelector("main[data-fila-conta]");
const account = main ? main.dataset.filaConta : "";
if (account && "serviceWorker" in navigator) {
  let kept = [];
  const tell = (message) =>
    navigator.serviceWorker.ready.then((r) => r.active && r.active.postMessage({ ...message, conta: account }));
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.tipo === "lista") {
      kept = data.itens || [];
      showKept(kept, tell);
    } else if (data.tipo === "fila") {
      tell({ tipo: "listar" });
    }
  });
  tell({ tipo: navigator.onLine ? "enviar" : "listar" });
  window.addEventListener("online", () => tell({ tipo: "enviar" }));
  // Logging out clears this phone's kept writes: never without saying so.
  for (const form of document.querySelectorAll("form[data-sair]")) {
    form.addEventListener("submit", (event) => {
      if (!kept.length) return;
      const n = kept.length;
      const what = n === 1 ? "1 mudança guardada neste celular ainda não foi enviada" : `${n} mudanças guardadas neste celular ainda não foram enviadas`;
      if (!window.confirm(`${what}. Se sair agora, ela${n === 1 ? "" : "s"} será${n === 1 ? "" : "ão"} apagada${n === 1 ? "" : "s"}. Sair mesmo assim?`)) {
        event.preventDefault();
      }
    });
  }
}

const FIELD_NAMES = {
  escolaridade: "Escolaridade",
  habilidades: "O que você sabe fazer",
  experiencia: "Onde já trabalhou",
  cursos: "Cursos que fez",
  disponibilidade: "Quando pode trabalhar",
  contato: "Como a empresa fala com você",
  telefone: "Telefone",
  email: "E-mail",
  resposta: "Como está o trabalho",
  recado: "Recado",
};
const ANSWERS = { bem: "Está tudo bem", dificil: "Está difícil. Quero conversar com a equipe", saiu: "Não trabalho mais lá" };

function keptTitle(item) {
  if (item.kind === "vaga") {
    const save = item.fields.salvar === true || item.fields.salvar === "true" || item.fields.salvar === "1";
    return save ? "Salvar a vaga" : "Tirar a vaga das salvas";
  }
  return item.kind === "perfil" ? "Seu perfil profissional" : "Sua resposta sobre o trabalho";
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function showKept(items, tell) {
  let box = document.getElementById("fila");
  if (!items.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = element("section", { id: "fila", class: "fila", "aria-labelledby": "fila-titulo" });
    const h1 = main.querySelector("h1");
    if (h1) h1.after(box);
    else main.prepend(box);
  }
  const waiting = items.filter((i) => i.state === "aguardando").length;
  const refused = items.length - waiting;
  const summary = [
    waiting ? `${waiting} aguardando conexão` : "",
    refused ? `${refused} não ${refused === 1 ? "foi enviada" : "foram enviadas"}` : "",
  ].filter(Boolean).join(", ");
  const list = element("ul");
  for (const item of items) {
    const li = element("li", {}, element("strong", {}, keptTitle(item)), ": ");
    if (item.state === "aguardando") {
      li.append(item.reason ? `Aguardando. ${item.reason}` : "Aguardando conexão. Enviamos quando a internet voltar.");
    } else {
      li.append(element("span", { class: "erro-fila" }, `Não foi enviada. ${item.reason}`));
    }
    const typed = Object.entries(item.fields).filter(([k, v]) => FIELD_NAMES[k] && String(v).trim());
    if (typed.length) {
      const dl = element("dl");
      for (const [k, v] of typed) {
        dl.append(element("dt", {}, FIELD_NAMES[k]), element("dd", {}, k === "resposta" ? ANSWERS[v] || v : String(v)));
      }
      li.append(element("details", {}, element("summary", {}, "Ver o que você escreveu"), dl));
    }
    const actions = element("div", { class: "fila-acoes" });
    const form = document.querySelector(`form[data-fila="${item.kind}"][action="${item.path}"]`);
    if (form && item.kind !== "vaga") {
      const refill = element("button", { type: "button", class: "secondary" }, "Pôr no formulário");
      refill.addEventListener("click", () => {
        // The page's own version and account stay: saving now is over what the person saw.
        for (const [k, v] of Object.entries(item.fields)) {
          if (k in FIELD_NAMES && form.elements[k]) form.elements[k].value = String(v);
        }
        const first = form.querySelector("select, textarea, input:not([type=hidden])");
        if (first) first.focus();
      });
      actions.append(refill);
    }
    const drop = element("button", { type: "button", class: "secondary" }, "Descartar");
    drop.addEventListener("click", () => tell({ tipo: "descartar", id: item.id }));
    actions.append(drop);
    li.append(actions);
    list.append(li);
  }
  box.replaceChildren(
    element("h2", { id: "fila-titulo" }, "Guardado no seu celular"),
    element("p", { role: "status" }, `${summary}.`),
    list
  );
}
