/** Whether the browser believes it has a network (navigator.onLine and its online/offline events). */
export class Connection {
  online = $state(globalThis.navigator?.onLine ?? true);

  /** Follows the browser's events; returns the cleanup for an $effect. */
  start(): () => void {
    const update = () => (this.online = navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }
}
