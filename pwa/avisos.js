// "Avisos neste aparelho": turns Web Push on for this device, only after the person taps
// "Ligar avisos" and then "Continuar" under a short explanation — the browser's permission
// prompt never appears by itself. On an iPhone or iPad, web push works only in the app added to
// the Home Screen, so the page explains that instead of showing the button.
const box = document.querySelector("[data-avisos]");
if (box) setUp(box);

function setUp(box) {
  const $ = (name) => box.querySelector(`[data-avisos-${name}]`);
  const status = $("estado");
  const on = $("ligar");
  const explain = $("explica");
  $("sem-js").hidden = true;

  const ios = /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const installed = navigator.standalone === true || window.matchMedia("(display-mode: standalone)").matches;
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

  if (ios && !installed) {
    $("ios").hidden = false;
    return;
  }
  if (!supported) {
    status.textContent = "Este navegador não recebe avisos. Tente o Chrome, o Firefox ou o Samsung Internet.";
    return;
  }
  if (Notification.permission === "denied") {
    status.textContent = "Os avisos estão bloqueados neste navegador. Para ligar, libere as notificações nas configurações do site.";
    return;
  }
  on.hidden = false;
  navigator.serviceWorker.ready
    .then((reg) => reg.pushManager.getSubscription())
    .then((sub) => {
      if (sub && Notification.permission === "granted") {
        status.textContent = "Este aparelho já recebe avisos.";
      }
    })
    .catch(() => {});

  on.addEventListener("click", () => {
    on.hidden = true;
    explain.hidden = false;
    explain.focus();
  });
  $("cancelar").addEventListener("click", () => {
    explain.hidden = true;
    on.hidden = false;
    on.focus();
  });
  $("continuar").addEventListener("click", async () => {
    explain.hidden = true;
    status.textContent = "Aguarde…";
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        status.textContent = "Tudo bem. Os avisos ficaram desligados. Você pode ligar depois.";
        on.hidden = false;
        return;
      }
      const reg = await navigator.serviceWorker.ready;
      const sub = (await reg.pushManager.getSubscription()) ||
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(box.dataset.chave) }));
      const answer = await fetch("/conta/dispositivos", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(sub.toJSON()),
      });
      const body = await answer.json().catch(() => ({}));
      status.textContent = body.mensagem || (answer.ok ? "Pronto." : "Não deu certo. Tente de novo mais tarde.");
      if (!answer.ok) on.hidden = false;
    } catch (e) {
      status.textContent = "Não deu certo. Confira a internet e tente de novo.";
      on.hidden = false;
    }
  });
}

function fromBase64Url(text) {
  const base64 = (text + "=".repeat((4 - (text.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
