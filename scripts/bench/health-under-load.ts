// Measurement 6: does the server stay responsive while it sends big answers? 10 clients download a 10,000-pin
// layer over and over (compressed, as browsers ask) while one client asks GET /api/health; its p95 is the figure.
// The baseline is the same health check on the same server with nothing else to do: the check itself writes to
// the database and syncs a file (routes/health.ts), which takes what the disk takes, loaded or not.
import { loadTest, type LoadResult } from './load.ts';
import { PORTS } from './lib.ts';

export const HEAVY_CLIENTS = 10;

export interface HealthResult {
  /** The health check alone. */
  idle: LoadResult;
  health: LoadResult;
  heavy: LoadResult;
}

const healthCheck = () => ({ method: 'GET' as const, path: '/api/health' });

/** The app server must already run on PORTS.app over a database with the layer seeded. */
export async function measureHealthUnderLoad(seconds: number, layerPath: string): Promise<HealthResult> {
  const idle = await loadTest(PORTS.app, healthCheck, { seconds, concurrency: 1 });
  const heavy = loadTest(
    PORTS.app,
    () => ({ method: 'GET', path: layerPath, headers: { 'Accept-Encoding': 'br, gzip' } }),
    {
      seconds,
      concurrency: HEAVY_CLIENTS,
    },
  );
  const health = loadTest(PORTS.app, healthCheck, { seconds, concurrency: 1 });
  const [h, l] = await Promise.all([health, heavy]);
  return { idle, health: h, heavy: l };
}
