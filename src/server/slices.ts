import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';

/**
 * How many items a big answer handles between two turns of the event loop. A 10,000-pin layer is then about forty
 * slices of a few milliseconds each, and a health check or a small read waiting behind it waits for one slice, not
 * for the whole list. Counted in items rather than milliseconds so that how often a build yields does not depend on
 * how busy the machine is.
 */
export const SLICE = 256;

/** Lets everything already waiting (sockets, timers, other requests) run before the next slice. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `items.map(fn)`, a slice at a time. */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await nextTurn();
    for (const item of items.slice(i, i + SLICE)) out.push(fn(item));
  }
  return out;
}

/** Like mapInSlices for a step that awaits per item (microtasks alone never let the event loop move on). */
export async function mapInSlicesAsync<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await nextTurn();
    out.push(...(await Promise.all(items.slice(i, i + SLICE).map(fn))));
  }
  return out;
}

/** Serialized bytes with a strong validator, hashed as they are made so no single step hashes megabytes at once. */
export interface Bytes {
  body: Buffer;
  /** sha256 of the body, base64url, 27 characters. */
  digest: string;
}

class Collector {
  private readonly parts: Buffer[] = [];
  private readonly hash = createHash('sha256');

  push(text: string): void {
    const b = Buffer.from(text);
    this.parts.push(b);
    this.hash.update(b);
  }

  done(): Bytes {
    return { body: Buffer.concat(this.parts), digest: this.hash.digest('base64url').slice(0, 27) };
  }
}

export function digestOf(body: Buffer): Bytes {
  return { body, digest: createHash('sha256').update(body).digest('base64url').slice(0, 27) };
}

export function bytesOf(text: string): Bytes {
  const c = new Collector();
  c.push(text);
  return c.done();
}

/**
 * `JSON.stringify({ ...head, [key]: items })`, byte for byte, made a slice of items at a time. The list comes last,
 * as in every collection we send (GeoJSON's `features`).
 */
export async function jsonInSlices(
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
): Promise<Bytes> {
  const c = new Collector();
  const open = JSON.stringify(head);
  c.push(`${open.slice(0, -1)}${open === '{}' ? '' : ','}${JSON.stringify(key)}:[`);
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await nextTurn();
    const text = items
      .slice(i, i + SLICE)
      .map((item) => JSON.stringify(item))
      .join(',');
    c.push(i > 0 ? `,${text}` : text);
  }
  c.push(']}');
  return c.done();
}

/**
 * A CSV file for spreadsheets (UTF-8 with a BOM, so Excel reads Polish letters instead of guessing the Windows code
 * page; header row; CRLF), made a slice of records at a time. Same bytes as stringifying all records at once.
 */
export async function csvInSlices(records: readonly string[][], columns: string[]): Promise<Bytes> {
  const c = new Collector();
  const options = { record_delimiter: 'windows', columns } as const;
  c.push(stringify(records.slice(0, SLICE), { ...options, bom: true, header: true }));
  for (let i = SLICE; i < records.length; i += SLICE) {
    await nextTurn();
    c.push(stringify(records.slice(i, i + SLICE), options));
  }
  return c.done();
}
