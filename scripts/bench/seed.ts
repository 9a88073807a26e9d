// 50,000 published walk pins written straight into a database through the server's own db module (openDb runs the
// migrations and pragmas, the SQLite store's create is the write the API uses), so GET /api/points reads real rows.
import { join } from 'node:path';
import { openDb } from '../../src/server/db/open.ts';
import { sqliteStore } from '../../src/server/db/store.ts';
import { publicPosition } from '../../src/server/privacy.ts';
import { loadSiteData } from '../../src/server/site-data.ts';
import { sha256 } from '../../src/server/crypto.ts';
import { subareaAt } from '../../src/common/geo/index.ts';
import type { PointRecord } from '../../src/common/points.ts';
import { ROOT } from './lib.ts';

export interface SeedResult {
  rows: number;
  /** What openDb set on the connection: the durability POST /api/points pays for (measurement 5). */
  journalMode: string;
  synchronous: string;
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export async function seedPoints(
  dataDir: string,
  points: readonly [number, number][],
  /** The first pin's number and creation time (more pins into a seeded database: a later change). */
  from = { n: 0, at: Date.parse('2026-05-01T08:00:00Z') },
): Promise<SeedResult> {
  const site = loadSiteData(join(ROOT, 'data'));
  const areas = site.subareas.map((s) => ({ properties: { id: s.id }, geometry: s.geometry }));
  const themes = site.categories.walkThemes.map((t) => t.id);
  const db = openDb(join(dataDir, 'mapa.sqlite'));
  try {
    const store = sqliteStore(db);
    // Queued together, so the group commit writes them all in one transaction.
    await Promise.all(
      points.map(([lng, lat], k) => {
        const i = from.n + k;
        const at = new Date(from.at + k * 60_000).toISOString();
        const record: PointRecord = {
          id: `bench${String(i).padStart(6, '0')}`,
          layer: 'walk',
          status: 'published',
          lng,
          lat,
          subarea: subareaAt([lng, lat], areas),
          kind: i % 3 ? 'change' : 'keep',
          theme: themes[i % themes.length]!,
          title: `Punkt spaceru badawczego nr ${i}`,
          ...(i % 2
            ? { description: 'Za mało ławek i cienia; chodnik zastawiony samochodami w godzinach szczytu.' }
            : {}),
          ...(i % 5 ? {} : { nickname: 'Mieszkanka' }),
          createdAt: at,
          updatedAt: at,
          confirmedAt: null,
          rejectReason: null,
          votes: 0,
        };
        const [publicLng, publicLat] = publicPosition(record);
        return store.points.create({
          point: { record, publicLng, publicLat, editTokenHash: sha256(`bench-token-${i}`) },
          audit: { at, actor: 'bench', action: 'create', pointId: record.id },
        });
      }),
    );
    return {
      rows: db.prepare("SELECT COUNT(*) FROM points WHERE status = 'published'").pluck().get() as number,
      journalMode: String(db.pragma('journal_mode', { simple: true })).toUpperCase(),
      synchronous: SYNCHRONOUS[Number(db.pragma('synchronous', { simple: true }))] ?? '?',
    };
  } finally {
    db.close();
  }
}
