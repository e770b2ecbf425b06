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

// Writes kept offline (sw.js, "Offline writes"): only on a logged-in person's pages.
if (document.querySelector("main[data-fila-conta]")) import("/fila.js").catch(() => {});
