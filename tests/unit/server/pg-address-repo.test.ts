import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../../src/server/db/open.ts';
import { SqliteAddressRepository } from '../../../src/server/db/addresses.ts';
import { openPostgres, type PgPool } from '../../../src/server/db/pg/open.ts';
import { PgSql } from '../../../src/server/db/pg/sql.ts';
import { ADDRESS_SQL, PgAddressRepository } from '../../../src/server/db/pg/addresses.ts';
import { importAddresses } from '../../../src/server/geocode/import.ts';
import { numberKey, parseAddressQuery, streetWords, withinOneEdit } from '../../../src/common/address-text.ts';
import type { AddressRepository, ImportStreet, StreetRow, StreetTerm } from '../../../src/server/store/types.ts';
import { prgGml } from '../../support/prg-fixture.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';

let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let pool: PgPool;
let pg: PgAddressRepository;
let sqliteDb: Db;
let sqlite: SqliteAddressRepository;
beforeAll(async () => {
  db = await freshPostgresDatabase();
  pool = await openPostgres(db.url);
  pg = new PgAddressRepository(new PgSql(pool));
  sqliteDb = openDb(':memory:');
  sqlite = new SqliteAddressRepository(sqliteDb);
});
afterAll(async () => {
  sqliteDb?.close();
  await pool?.end();
  await db?.drop();
});

/** Real Kraków street names: shared words, prefixes of one another, numbers, one-letter differences. */
const NAMES = [
  'ul. Józefa',
  'ul. Józefa Dietla',
  'ul. Józefińska',
  'ul. Józefitów',
  'ul. Miodowa',
  'ul. Miodowa Boczna',
  'ul. Szeroka',
  'ul. Krakowska',
  'ul. Krowoderska',
  'ul. Kraka',
  'ul. Krakusa',
  'al. 29 Listopada',
  'ul. 3 Maja',
  'ul. 18 Stycznia',
  'ul. Świętego Wawrzyńca',
  'ul. Świętego Sebastiana',
  'ul. Świętej Gertrudy',
  'ul. Świętego Krzyża',
  'pl. Wolnica',
  'pl. Nowy',
  'ul. Nowa',
  'ul. Nowowiejska',
  'os. Centrum A',
  'os. Centrum B',
  'os. Centrum C',
  'os. Centrum D',
  'os. Centrum E',
  'os. Zgody',
  'os. Szklane Domy',
  'al. Róż',
  'ul. Bożego Ciała',
  'ul. Bocheńska',
  'ul. Brzozowa',
  'ul. Ciemna',
  'ul. Dajwór',
  'ul. Estery',
  'ul. Gazowa',
  'ul. Halicka',
  'ul. Izaaka',
  'ul. Jakuba',
  'ul. Kupa',
  'ul. Lewkowa',
  'ul. Meiselsa',
  'ul. Paulińska',
  'ul. Skałeczna',
  'ul. Starowiślna',
  'ul. Stradomska',
  'ul. Warszauera',
  'ul. Węgłowa',
  'ul. Wąska',
  'ul. Lubomirskiego',
  'ul. Grzegórzecka',
  'ul. Wesoła',
  'ul. Kopernika',
  'ul. Mikołaja Kopernika',
  'al. Jana Pawła II',
  'ul. Jana',
  'ul. Jana Kantego',
  'ul. Stanisława',
  'ul. Bolesława Prusa',
  'ul. Bolesława Limanowskiego',
  'ul. Księcia Józefa',
  'ul. Józefa Sarego',
  'ul. Józefa Conrada',
  'ul. Kazimierza Wielkiego',
  'ul. Kazimierza Brodzińskiego',
  'ul. Kazimierza Morawskiego',
  'ul. Mogilska',
  'ul. Ułanów',
  'ul. Łokietka',
  'ul. Żółkiewskiego',
  'ul. Sienna',
  'ul. Siemiradzkiego',
  'ul. Smolki',
  'ul. Smoleńsk',
  'ul. Na Zjeździe',
  'ul. Na Groblach',
  'ul. Nad Drwiną',
  'ul. Pod Wawelem',
  'ul. Pod Sową',
  'ul. Pod Kopcem',
  'ul. Jana Pawła Woronicza',
];

function handMade(): ImportStreet[] {
  return NAMES.map((name, i) => ({
    name,
    words: streetWords(name).join(' '),
    points: Array.from({ length: 1 + (i % 4) }, (_, n) => ({
      number: n === 2 ? `${n + 1} A` : String(n + 1),
      numberKey: numberKey(n === 2 ? `${n + 1} A` : String(n + 1)),
      postcode: n === 3 ? null : `31-${String(100 + i).padStart(3, '0')}`,
      // Some points share a latitude, so the order within a box also rests on the longitude.
      lng: 19.93 + (i % 9) * 0.002 + n * 0.0003,
      lat: 50.04 + Math.floor(i / 9) * 0.002,
    })),
  }));
}

/** Terms as the geocoder builds them: each word as a prefix, or one of its one-typo neighbours from words(). */
function termsOf(store: { vocabulary: string[] }, typed: string): StreetTerm[] {
  return parseAddressQuery(typed).words.map((w) => ({
    prefix: w,
    alternatives: w.length >= 5 ? store.vocabulary.filter((v) => v !== w && withinOneEdit(w, v)) : [],
  }));
}

const withoutId = (rows: StreetRow[]) => rows.map(({ id: _id, ...rest }) => rest);

async function sameMatches(queries: (StreetTerm[] | string)[], limits = [5, 100]) {
  const vocabulary = await sqlite.words();
  for (const query of queries) {
    const terms = typeof query === 'string' ? termsOf({ vocabulary }, query) : query;
    for (const limit of limits) {
      const [a, b] = await Promise.all([sqlite.matchStreets(terms, limit), pg.matchStreets(terms, limit)]);
      expect({ query, limit, rows: withoutId(b) }).toEqual({ query, limit, rows: withoutId(a) });
    }
  }
}

async function replaceBoth(streets: ImportStreet[], meta: Record<string, string>) {
  await Promise.all([sqlite.replaceAll(streets, meta), pg.replaceAll(streets, meta)]);
}

describe('the PostgreSQL gazetteer, against SQLite’s', () => {
  it('imports the official register fixture alike: the same size, words and matches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prg-'));
    try {
      const file = join(dir, 'prg.gml');
      writeFileSync(file, prgGml());
      const now = () => new Date('2026-12-01T10:00:00.000Z');
      const [a, b] = await Promise.all([
        importAddresses(sqlite, file, undefined, now),
        importAddresses(pg, file, undefined, now),
      ]);
      expect(b).toEqual(a);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await pg.size()).toEqual(await sqlite.size());
    expect(await pg.words()).toEqual(await sqlite.words());
    await sameMatches(['józefa', 'jozef', 'miodowa', 'Miodowa Boczna', 'szer', 'dietla józefa', 'jozfea', 'x']);
  });

  it('ranks every prefix, alternative and word combination of a larger gazetteer as SQLite’s bm25 does', async () => {
    await replaceBoth(handMade(), { importedAt: '2026-12-01T11:00:00.000Z', source: 'test' });
    expect(await pg.size()).toEqual(await sqlite.size());
    const vocabulary = await sqlite.words();
    expect(await pg.words()).toEqual(vocabulary);
    const prefixes = new Set<string>();
    for (const w of vocabulary) for (let n = 1; n <= Math.min(4, w.length); n++) prefixes.add(w.slice(0, n));
    await sameMatches([...prefixes]);
    await sameMatches([
      'ul. Józefa',
      'Józefa Dietla',
      'dietla',
      'jozefa sarego',
      'józ',
      'Świętego',
      'sw',
      'swietej gertrudy',
      'krakowksa', // a swap
      'krowoderka', // a letter missing
      'miodowaa', // one too many
      'Kopernika Mikołaja',
      '29 listopada',
      'al. 29',
      '3 maja',
      '18',
      'os. centrum',
      'centrum e',
      'jana pawla',
      'jana',
      'ii',
      'pod',
      'na',
      'kazimierza',
      'kazimierza w',
      'bolesława',
      'nowa',
      'now',
      'n',
      'ulanow',
      'zolkiewskiego',
      'lokietka',
      'smol',
      'szklane domy',
      'zupelnie inna',
    ]);
    // Terms by hand: a repeated word, alternatives only, several alternatives per term.
    await sameMatches([
      [
        { prefix: 'jozefa', alternatives: [] },
        { prefix: 'jozefa', alternatives: [] },
      ],
      [{ prefix: 'qqqqq', alternatives: ['miodowa', 'nowa'] }],
      [
        { prefix: 'kra', alternatives: ['krakusa', 'kraka'] },
        { prefix: 'k', alternatives: [] },
      ],
      [{ prefix: 'centrum', alternatives: ['a', 'b'] }],
    ]);
  });

  it('answers an empty query with nothing, and never lets a term’s text into the query syntax', async () => {
    expect(await pg.matchStreets([], 10)).toEqual([]);
    for (const evil of ["jozefa' | '", 'a:*', 'jozefa & !miodowa', "')) OR 1=1 --", 'a b', '']) {
      await expect(pg.matchStreets([{ prefix: evil, alternatives: [] }], 10)).resolves.toEqual([]);
      const rows = await pg.matchStreets([{ prefix: 'jozefa', alternatives: [evil] }], 10);
      expect(rows.map((r) => r.name)).toContain('ul. Józefa');
      const viaAlternative = await pg.matchStreets([{ prefix: evil, alternatives: ['miodowa'] }], 10);
      expect(viaAlternative.map((r) => r.name)).toContain('ul. Miodowa');
    }
  });

  it('finds numbered address points on given streets and points in a box, in SQLite’s order', async () => {
    const names = async (repo: AddressRepository, typed: string) =>
      (await repo.matchStreets(termsOf({ vocabulary: await repo.words() }, typed), 100)).map((s) => s.id);
    for (const [typed, number] of [
      ['józefa', '1'],
      ['centrum', '3a'],
      ['kazimierza', '2'],
      ['pod', '4'],
      ['kr', '9'],
    ] as const) {
      const [a, b] = await Promise.all([
        names(sqlite, typed).then((ids) => sqlite.numbered(ids, number)),
        names(pg, typed).then((ids) => pg.numbered(ids, number)),
      ]);
      expect(b.map(({ streetId: _s, ...r }) => r)).toEqual(a.map(({ streetId: _s, ...r }) => r));
    }
    expect(await pg.numbered([], '1')).toEqual([]);
    for (const box of [
      [19.93, 50.04, 19.95, 50.05],
      [19.9, 50.0, 20.0, 50.1],
      [19.931, 50.042, 19.9353, 50.046],
      [19.94, 50.05, 19.93, 50.04],
    ] as [number, number, number, number][]) {
      const [a, b] = await Promise.all([sqlite.within(...box), pg.within(...box)]);
      expect(b.map(({ streetId: _s, ...r }) => r)).toEqual(a.map(({ streetId: _s, ...r }) => r));
    }
  });

  it('keeps the previous gazetteer when an import fails, and takes a new stamp’s words', async () => {
    const before = await pg.size();
    const broken = [...handMade(), { name: 'ul. Józefa', words: 'jozefa', points: [] }];
    await expect(pg.replaceAll(broken, { importedAt: 'x' })).rejects.toThrow();
    expect(await pg.size()).toEqual(before);
    const duplicate = [...handMade(), handMade()[0]!];
    await expect(pg.replaceAll(duplicate, { importedAt: 'y' })).rejects.toThrow();
    expect(await pg.size()).toEqual(before);
    await replaceBoth(
      [
        {
          name: 'ul. Nowa',
          words: 'nowa',
          points: [{ number: '1', numberKey: '1', postcode: null, lng: 19.9, lat: 50 }],
        },
      ],
      {
        importedAt: '2026-12-02T00:00:00.000Z',
      },
    );
    expect(await pg.words()).toEqual(['nowa']);
    expect(await pg.words()).toEqual(await sqlite.words());
  });

  it('runs two imports at once one after the other, both without an error', async () => {
    const streets = handMade();
    await Promise.all([
      pg.replaceAll(streets, { importedAt: '2026-12-03T00:00:00.000Z' }),
      pg.replaceAll(streets.slice(0, 10), { importedAt: '2026-12-03T00:00:01.000Z' }),
    ]);
    const { streets: n } = await pg.size();
    expect([10, streets.length]).toContain(n);
    await pg.replaceAll(streets, { importedAt: '2026-12-03T00:00:02.000Z' });
    const points = streets.reduce((n, s) => n + s.points.length, 0);
    expect(await pg.size()).toEqual({ streets: streets.length, points });
  });

  it('uses the GIN index on the words and the GiST index on the positions', async () => {
    const c = await pool.connect();
    try {
      await c.query('SET enable_seqscan = off');
      const plan = async (text: string, params: unknown[]) =>
        (await c.query(`EXPLAIN ${text}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(await plan(ADDRESS_SQL.match, ['jozefa:*', ['jozefa'], [true], 10])).toContain('address_streets_words');
      expect(await plan(ADDRESS_SQL.within, [19.9, 50, 20, 50.1])).toContain('address_points_position');
    } finally {
      c.release();
    }
  });
});
