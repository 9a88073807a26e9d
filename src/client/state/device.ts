/**
 * A random id for this browser, kept in localStorage: it lets the server count one "me too" per device
 * without accounts. It identifies nothing about the person and is never shown.
 */
const KEY = 'mapa.deviceId';

export function deviceId(): string {
  let id = localStorage.getItem(KEY);
  if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
    id = crypto.randomUUID().replaceAll('-', '');
    localStorage.setItem(KEY, id);
  }
  return id;
}

export const newIdempotencyKey = () => crypto.randomUUID();
