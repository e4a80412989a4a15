/**
 * Registers /sw.js (production builds only: in `vite dev` it would cache modules being edited).
 * The build id in the URL makes each new build install a fresh cache.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`/sw.js?build=${__BUILD_ID__}`).catch(() => {
      // Offline use is a bonus: the app works the same without it.
    });
  });
}
