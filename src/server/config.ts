import { resolve } from 'node:path';

/** Every setting the server reads from the environment, with its default; index.ts is the only reader of env. */
export interface ServerConfig {
  port: number;
  dataDir: string;
  /** Online basemap; null forces the offline style. */
  basemapStyleUrl: string | null;
  /** Behind an https proxy: mark cookies Secure. */
  secureCookies: boolean;
}

export const DEFAULT_BASEMAP = 'https://tiles.openfreemap.org/styles/positron';

export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  const basemap = env.BASEMAP_STYLE_URL ?? DEFAULT_BASEMAP;
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './var'),
    basemapStyleUrl: basemap === '' || basemap === 'offline' ? null : basemap,
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
  };
}
