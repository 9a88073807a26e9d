import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export interface SecurityOptions {
  /** The online basemap style (BASEMAP_STYLE_URL); its origin may serve tiles, glyphs and sprites. null: offline. */
  basemapStyleUrl: string | null;
  /** Served over https (the same switch as Secure cookies): only then is HSTS meaningful. */
  https: boolean;
}

/** The origin of the online basemap style; OpenFreeMap keeps its TileJSON, tiles, glyphs and sprites on that host. */
export function basemapOrigin(styleUrl: string | null): string | null {
  if (!styleUrl) return null;
  const url = new URL(styleUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`basemap style must be http(s): ${styleUrl}`);
  return url.origin;
}

/**
 * Response headers for every answer, page or API ("hostile input").
 *
 * CSP: nothing inline may run. The production build has no inline script (Vite emits module files) and Svelte
 * sets dynamic styles through the CSSOM (`element.style`), which style-src does not govern, so style-src stays
 * 'self' too. MapLibre runs its worker from our own file (setWorkerUrl), and blob: covers its fallback worker and
 * photo previews made with URL.createObjectURL. data: images: MapLibre's and qrcode's generated images.
 *
 * Referrer-Policy no-referrer: the edit token rides in the URL fragment, which a Referer never carries, but paths
 * and queries (a walk session code, a subarea, a search) would still tell the helper's website or the tile server
 * which page a resident was on. Nothing here needs the Referer, so send none.
 */
export function securityHeaders({ basemapStyleUrl, https }: SecurityOptions): MiddlewareHandler {
  const basemap = basemapOrigin(basemapStyleUrl);
  const remote = basemap ? [basemap] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...remote],
      connectSrc: ["'self'", ...remote],
      fontSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // Behind plain http (a laptop at a workshop) HSTS would be ignored at best and sticky at worst.
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    // "Jestem tutaj" needs geolocation on our own origin; nothing else is asked of the browser.
    permissionsPolicy: { geolocation: ['self'], camera: [], microphone: [], payment: [], usb: [] },
  });
}
