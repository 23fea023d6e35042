import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * The service worker (vite-plugin-pwa) keeps the playground working offline.
 * When a new build has been deployed it waits, and this says so: reloading
 * is the user's choice, so a running simulation is never thrown away.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div role="status" className="banner update-prompt">
      <p>
        <strong>A new version of Kube Playground is available.</strong> Reloading restarts the simulation.
      </p>
      <button type="button" className="primary" onClick={() => void updateServiceWorker(true)}>
        Reload to update
      </button>{' '}
      <button type="button" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
