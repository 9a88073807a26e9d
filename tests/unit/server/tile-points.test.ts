import { describe, expect, it } from 'vitest';
import { tilePoint, type TileRow } from '../../../src/server/store/point-rows.ts';

const walkRow: TileRow = {
  id: 'abc',
  lng: 19.94,
  lat: 50.05,
  subarea: 'kazimierz-stradom',
  kind: 'keep',
  firstKind: null,
  theme: 'zielen',
  helperType: null,
  paused: null,
  confirmedAt: null,
  createdAt: '2026-05-01T08:00:00.000Z',
};
const helpRow: TileRow = {
  ...walkRow,
  kind: null,
  firstKind: 'zakupy',
  theme: null,
  helperType: 'person',
  paused: 1,
  confirmedAt: '2026-06-01T08:00:00.000Z',
};

describe('a points row read for the map tiles', () => {
  it('becomes what a walk pin draws, its creation standing in for a confirmation', () => {
    expect(tilePoint(walkRow)).toEqual({
      id: 'abc',
      lng: 19.94,
      lat: 50.05,
      subarea: 'kazimierz-stradom',
      kind: 'keep',
      theme: 'zielen',
      person: false,
      confirmedAt: '2026-05-01T08:00:00.000Z',
      paused: false,
      createdAt: '2026-05-01T08:00:00.000Z',
    });
  });

  it("becomes what a help offer draws, from SQLite's 0/1 and PostgreSQL's booleans alike", () => {
    const expected = { kind: 'zakupy', theme: '', person: true, paused: true, confirmedAt: '2026-06-01T08:00:00.000Z' };
    expect(tilePoint(helpRow)).toMatchObject(expected);
    expect(tilePoint({ ...helpRow, paused: true })).toMatchObject(expected);
    expect(tilePoint({ ...helpRow, paused: false, firstKind: null, helperType: 'organisation' })).toMatchObject({
      kind: '',
      person: false,
      paused: false,
    });
  });

  it('refuses a hand-edited row, naming the column, instead of drawing odd data', () => {
    expect(() => tilePoint({ ...walkRow, lat: 95 })).toThrow(/abc: lat/);
    expect(() => tilePoint({ ...walkRow, lng: '19.9' })).toThrow(/abc: lng/);
    expect(() => tilePoint({ ...walkRow, kind: 7 })).toThrow(/abc: kind/);
    expect(() => tilePoint({ ...helpRow, paused: 'yes' })).toThrow(/abc: paused/);
    expect(() => tilePoint({ ...helpRow, confirmedAt: 'yesterday' })).toThrow(/abc: confirmedAt/);
    expect(() => tilePoint({ ...walkRow, id: null })).toThrow(/null: id/);
  });
});
