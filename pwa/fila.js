// Writes kept on this phone while there was no network (sw.js, "Offline writes"), on a
// logged-in person's pages (`data-fila-conta`, that account only; pwa.js loads this file):
// sent when the page opens online and when the network comes back. The list and its buttons
// (fila-lista.js) are fetched only when something is kept.
const queueMain = document.querySelector("main[data-fila-conta]");
if (queueMain && "serviceWorker" in navigator) {
  const conta = queueMain.dataset.filaConta;
  const tell = (message) =>
    navigator.serviceWorker.ready.then((r) => r.active && r.active.postMessage({ ...message, conta }));
  let list = null;
  navigator.serviceWorker.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.tipo === "fila") tell({ tipo: "listar" });
    if (data.tipo !== "lista" || (!list && !(data.itens || []).length)) return;
    list = list || import("/fila-lista.js");
    list.then((m) => m.show(queueMain, data.itens || [], tell)).catch(() => {});
  });
  tell({ tipo: navigator.onLine ? "enviar" : "listar" });
  window.addEventListener("online", () => tell({ tipo: "enviar" }));
}
