// Writes kept on this phone while there was no network (sw.js, "Offline writes"), listed at
// the top of the account's pages by `show` (fila.js loads this file when something is kept):
// "Aguardando conexão", or why the server did not take one, with what the person typed and a
// way to put it back in the form or discard it.
let kept = [];

// Logging out clears this phone's kept writes (sw.js): never without saying so.
for (const form of document.querySelectorAll("form[data-sair]")) {
  form.addEventListener("submit", (event) => {
    if (!kept.length) return;
    const n = kept.length;
    const what = n === 1 ? "1 mudança guardada neste celular ainda não foi enviada" : `${n} mudanças guardadas neste celular ainda não foram enviadas`;
    const lost = n === 1 ? "ela será apagada" : "elas serão apagadas";
    if (!window.confirm(`${what}. Se sair agora, ${lost}. Sair mesmo assim?`)) event.preventDefault();
  });
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

// A chosen option in words: the page's own list when it has the field, else the code.
function shown(name, value) {
  if (name === "resposta") return ANSWERS[value] || value;
  const select = document.querySelector(`select[name="${name}"]`);
  const option = select && Array.from(select.options).find((o) => o.value === value);
  return option ? option.textContent : value;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

export function show(main, items, tell) {
  kept = items;
  let box = document.getElementById("fila");
  if (!items.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = element("section", { id: "fila", class: "fila", "aria-labelledby": "fila-titulo" });
    // Under the page's heading, or where the page asks (the "Guardado" page, after its text).
    const spot = main.querySelector("[data-fila-aqui]");
    const h1 = main.querySelector("h1");
    if (spot) spot.replaceWith(box);
    else if (h1) h1.after(box);
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
        dl.append(element("dt", {}, FIELD_NAMES[k]), element("dd", {}, shown(k, String(v))));
      }
      li.append(element("details", {}, element("summary", {}, "Ver o que você escreveu"), dl));
    }
    const actions = element("div");
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
    element("h2", { id: "fila-titulo" }, "Mudanças guardadas neste celular"),
    element("p", { role: "status" }, `${summary}.`),
    list
  );
}
