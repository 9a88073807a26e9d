import { describe, expect, it, vi } from 'vitest';
import { PageLoad } from '../../../src/client/state/page-load.svelte.ts';

/** A fetch the test answers by hand, one call at a time, recording the signal each call got. */
function manualFetch<T>() {
  const calls: { signal: AbortSignal; resolve: (v: T) => void; reject: (e: Error) => void }[] = [];
  const fetch = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { calls, fetch };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('PageLoad', () => {
  it('shows the data once it arrives, and an error with a working retry when it does not', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { calls, fetch } = manualFetch<string>();
    const page = new PageLoad('test page', fetch);
    page.load();
    calls[0]!.reject(new Error('offline'));
    await settle();
    expect(page.failed).toBe(true);
    expect(page.data).toBeNull();
    page.load();
    expect(page.failed).toBe(false);
    calls[1]!.resolve('dane');
    await settle();
    expect(page.data).toBe('dane');
  });

  it('lets a newer load win: the older request is cancelled and its late answer ignored', async () => {
    const { calls, fetch } = manualFetch<string>();
    const page = new PageLoad('test page', fetch);
    page.load();
    page.load();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
    calls[1]!.resolve('nowe');
    calls[0]!.resolve('stare');
    await settle();
    expect(page.data).toBe('nowe');
  });

  it('cancels what is in flight when the page goes, and shows no error for it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warn.mockClear();
    const { calls, fetch } = manualFetch<string>();
    const page = new PageLoad('test page', fetch);
    const stop = page.start();
    stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.reject(new DOMException('aborted', 'AbortError'));
    await settle();
    expect(page.failed).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the last data on screen while a refresh runs', async () => {
    const { calls, fetch } = manualFetch<number>();
    const page = new PageLoad('test page', fetch);
    page.load();
    calls[0]!.resolve(1);
    await settle();
    page.load();
    expect(page.data).toBe(1);
    calls[1]!.resolve(2);
    await settle();
    expect(page.data).toBe(2);
  });
});
