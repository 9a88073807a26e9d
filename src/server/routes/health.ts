import { Hono } from 'hono';

/**
 * Liveness for a monitor: 200 only when the store answers *and* can be written (a full disk or a read-only
 * directory otherwise looks healthy while every contribution fails). Never cached: each call probes again.
 * `writeProblem` is Store.writeProblem: why a write would fail now, or undefined.
 */
export function healthRoutes(writeProblem: () => Promise<string | undefined>) {
  return new Hono().get('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    let problem: string | undefined;
    try {
      problem = await writeProblem();
    } catch (e) {
      problem = `the database did not answer: ${(e as Error).message}`;
    }
    if (!problem) return c.json({ ok: true as const });
    // The details (paths, error codes) go to the log, not to whoever asks.
    console.error(`health check failed: ${problem}`);
    return c.json({ ok: false as const, error: 'storage unavailable: the database cannot be read or written' }, 503);
  });
}
