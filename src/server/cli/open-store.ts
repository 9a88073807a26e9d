// The command-line tools' store: the database the server would use with the same environment — PostgreSQL when
// DATABASE_URL is set, else the SQLite file in DATA_DIR — so an account or an address import lands where the running
// server reads it.
import { join } from 'node:path';
import { configFromEnv } from '../config.ts';
import { openDb } from '../db/open.ts';
import { sqliteStore } from '../db/store.ts';
import { openPostgres } from '../db/pg/open.ts';
import { pgStore } from '../db/pg/store.ts';
import type { Store } from '../store/types.ts';

/** The store and where it is, for messages (a PostgreSQL address without its password). */
export async function openStore(env: NodeJS.ProcessEnv): Promise<{ store: Store; where: string }> {
  const config = configFromEnv(env);
  if (config.databaseUrl) {
    const where = new URL(config.databaseUrl);
    if (where.password) where.password = '***';
    return { store: pgStore(await openPostgres(config.databaseUrl, { max: 2 })), where: where.toString() };
  }
  const file = join(config.dataDir, 'mapa.sqlite');
  return { store: sqliteStore(openDb(file)), where: file };
}
