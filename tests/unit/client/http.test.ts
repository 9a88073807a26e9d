import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiFailure, getJson } from '../../../src/client/api/http.ts';

/** A fetch that never answers by itself: it fails only when its signal is aborted, or at once when told to. */
function stubFetch(fail = false) {
  vi.stubGlobal(
    'fetch',
    (_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        if (fail) reject(new TypeError('Failed to fetch'));
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
  const dispatched = vi.fn();
  vi.stubGlobal('dispatchEvent', dispatched);
  return dispatched;
}

describe('request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('does not report the server unreachable when its caller cancelled the request', async () => {
    const dispatched = stubFetch();
    const abort = new AbortController();
    const pending = getJson(z.object({}), '/api/config', abort.signal);
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('reports the server unreachable when a request got no answer at all', async () => {
    const dispatched = stubFetch(true);
    await expect(getJson(z.object({}), '/api/config')).rejects.toBeInstanceOf(ApiFailure);
    expect(dispatched).toHaveBeenCalledOnce();
  });
});
