// Registers the service worker on every page (offline page, cached assets, installable app).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}
