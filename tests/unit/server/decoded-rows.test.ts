import { describe, expect, it } from 'vitest';
import { DecodedRows, type PointRow } from '../../../src/server/store/point-rows.ts';

/** A published walk pin's row, as either engine reads it. */
function row(id: string, title = `Ławka ${id}`, votes = 0): PointRow {
  return {
    id: `point-${id}0000`,
    layer: 'walk',
    status: 'published',
    lng: 19.9447,
    lat: 50.0514,
    public_lng: 19.9447,
    public_lat: 50.0514,
    subarea: 'kazimierz-stradom',
    data: JSON.stringify({ kind: 'keep', theme: 'zielen', title }),
    edit_token_hash: `hash-${id}`,
    reject_reason: null,
    created_at: '2026-05-01T08:00:00.000Z',
    updated_at: '2026-05-01T08:00:00.000Z',
    confirmed_at: null,
    votes,
  };
}
const titles = (rows: ReturnType<DecodedRows['decodeAll']>) => rows.map((p) => (p.record as { title: string }).title);

describe('DecodedRows', () => {
  it('reads a list bigger than its cache the same as a small one: every record, its votes and public position', () => {
    const big = new DecodedRows(2);
    const small = new DecodedRows(10);
    const rows = [row('a'), row('b', 'Ławka b', 3), row('c')];
    expect(big.decodeAll(rows)).toEqual(small.decodeAll(rows));
    expect(big.decodeAll(rows).map((p) => p.record.votes)).toEqual([0, 3, 0]);
    expect(big.decodeAll(rows)[1]).toMatchObject({ publicLng: 19.9447, publicLat: 50.0514, editTokenHash: 'hash-b' });
  });

  it('parses a row changed by hand again, whether the read is cached or too big for the cache', () => {
    const decoded = new DecodedRows(2);
    expect(titles(decoded.decodeAll([row('a'), row('b')]))).toEqual(['Ławka a', 'Ławka b']);
    // A cached record is used only while every column it came from is the same.
    expect(titles(decoded.decodeAll([row('a', 'Nowa ławka'), row('b')]))).toEqual(['Nowa ławka', 'Ławka b']);
    expect(titles(decoded.decodeAll([row('a', 'Inna ławka'), row('b'), row('c')]))).toEqual([
      'Inna ławka',
      'Ławka b',
      'Ławka c',
    ]);
  });

  it('refuses a row that does not match the schema on either path', () => {
    const broken = { ...row('x'), data: JSON.stringify({ kind: 'maybe', theme: 'zielen', title: 't' }) };
    expect(() => new DecodedRows(10).decodeAll([broken])).toThrow();
    expect(() => new DecodedRows(0).decodeAll([broken])).toThrow();
  });

  it('hands out a fresh top-level record each time, so a caller changing its copy changes no later read', () => {
    const decoded = new DecodedRows(2);
    const first = decoded.decodeAll([row('a')])[0]!.record as { title: string };
    first.title = 'zmienione';
    expect(titles(decoded.decodeAll([row('a')]))).toEqual(['Ławka a']);
  });
});
