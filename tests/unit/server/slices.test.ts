import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import {
  csvInSlices,
  jsonInSlices,
  mapInSlices,
  mapInSlicesAsync,
  SLICE,
  bytesOf,
} from '../../../src/server/slices.ts';
import { AnswerCache, CachedAnswer } from '../../../src/server/answer-cache.ts';

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, title: `Punkt nr ${i} — żółć`, at: [19.9 + i / 1e4, 50.05] }));

/** Counts turns of the event loop (setImmediate rounds) until `work` settles. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work();
  done = true;
  return { value, turns };
}

describe('building big answers a slice at a time', () => {
  it('makes exactly the JSON that stringifying the whole object would', async () => {
    for (const n of [0, 1, SLICE, SLICE + 1, 3 * SLICE + 7]) {
      const list = items(n);
      const head = { type: 'FeatureCollection', version: 42 };
      const { body, digest } = await jsonInSlices(head, 'features', list);
      expect(body.toString()).toBe(JSON.stringify({ ...head, features: list }));
      expect(digest).toBe(createHash('sha256').update(body).digest('base64url').slice(0, 27));
    }
    expect((await jsonInSlices({}, 'features', items(2))).body.toString()).toBe(JSON.stringify({ features: items(2) }));
  });

  it('makes exactly the CSV that stringifying every record at once would: one BOM, one header row', async () => {
    const columns = ['id', 'title'];
    for (const n of [0, 1, SLICE, 2 * SLICE + 5]) {
      const records = items(n).map((r) => [r.id, r.title]);
      const { body } = await csvInSlices(records, columns);
      const whole = stringify(records, { bom: true, header: true, columns, record_delimiter: 'windows' });
      expect(body.toString()).toBe(whole);
    }
  });

  it('gives the event loop back between slices, so other requests run while a 10,000-item answer is built', async () => {
    const list = items(10_000);
    const slices = Math.ceil(list.length / SLICE);
    const json = await turnsDuring(() => jsonInSlices({}, 'features', list));
    expect(json.turns).toBeGreaterThanOrEqual(slices - 1);
    const mapped = await turnsDuring(() => mapInSlices(list, (x) => x.id));
    expect(mapped.value).toEqual(list.map((x) => x.id));
    expect(mapped.turns).toBeGreaterThanOrEqual(slices - 1);
    const awaited = await turnsDuring(() => mapInSlicesAsync(list, async (x) => x.title));
    expect(awaited.value).toEqual(list.map((x) => x.title));
    expect(awaited.turns).toBeGreaterThanOrEqual(slices - 1);
    const csv = await turnsDuring(() =>
      csvInSlices(
        list.map((x) => [x.id]),
        ['id'],
      ),
    );
    expect(csv.turns).toBeGreaterThanOrEqual(slices - 1);
  });
});

describe('the answer cache', () => {
  const answer = (text: string) => new CachedAnswer(bytesOf(text));

  it('requests arriving while an answer is built share that one build', async () => {
    const cache = new AnswerCache();
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setImmediate(r));
      return answer('[1]');
    };
    const all = await Promise.all(Array.from({ length: 10 }, () => cache.get(1, 'k', build)));
    expect(builds).toBe(1);
    expect(new Set(all).size).toBe(1);
  });

  it('a new data version builds again; a failed build is not kept', async () => {
    const cache = new AnswerCache();
    const first = await cache.get(1, 'k', async () => answer('[1]'));
    expect(await cache.get(1, 'k', async () => answer('[other]'))).toBe(first);
    const second = await cache.get(2, 'k', async () => answer('[2]'));
    expect(second.body.toString()).toBe('[2]');
    await expect(cache.get(3, 'k', async () => Promise.reject(new Error('database gone')))).rejects.toThrow();
    expect((await cache.get(3, 'k', async () => answer('[3]'))).body.toString()).toBe('[3]');
  });

  it('drops the oldest answers past its byte limit, keeping the one just built', async () => {
    const cache = new AnswerCache(64, 100);
    const a = await cache.get(1, 'a', async () => answer('x'.repeat(60)));
    const b = await cache.get(1, 'b', async () => answer('y'.repeat(60)));
    expect(await cache.get(1, 'b', async () => answer('rebuilt'))).toBe(b);
    expect((await cache.get(1, 'a', async () => answer('rebuilt'))).body.toString()).toBe('rebuilt');
    expect(a.body.toString()).toBe('x'.repeat(60));
  });

  it('its brotli and gzip copies decode to the very bytes of the plain answer, each with its own ETag', async () => {
    const a = new CachedAnswer(await jsonInSlices({ version: 1 }, 'features', items(3 * SLICE)));
    const br = await a.bytes('br');
    const gz = await a.bytes('gzip');
    expect(brotliDecompressSync(br).equals(a.body)).toBe(true);
    expect(gunzipSync(gz).equals(a.body)).toBe(true);
    expect(br.length).toBeLessThan(a.body.length / 3);
    // Made once: the second request gets the same buffer.
    expect(await a.bytes('br')).toBe(br);
    expect(new Set([a.tag(null), a.tag('br'), a.tag('gzip')]).size).toBe(3);
  });
});
