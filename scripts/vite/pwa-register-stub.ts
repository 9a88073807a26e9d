// The build-time render never registers a service worker: it draws markup only (scripts/vite/prerender.ts).
export function registerSW(): (reload?: boolean) => Promise<void> {
  return async () => {};
}
