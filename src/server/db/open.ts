import Database, { type Statement } from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 * ':memory:' gives a private database: every test gets its own.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers never block the writer (the map keeps reading while pins arrive).
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: an acknowledged pin must survive a power cut, not only a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Erasure must leave no bytes behind: deleted rows and freed pages are overwritten with zeros, not just unlinked.
  // Set before migrating, so a migration that drops personal data wipes it too.
  db.pragma('secure_delete = ON');
  const applied = migrate(db);
  if (applied > 0) checkpointWal(db);
  return db;
}

/**
 * Copies the WAL into the database file and truncates it to zero bytes. Until then the -wal file still holds the
 * page images written before an erasure (the inserted name, the old phone): called after erasing, so "removed"
 * means gone from both files. Harmless on ':memory:'. Another connection reading at that moment (a CLI, the tile
 * worker reading a layer) makes it wait for that read, up to the busy timeout; one that outlasts it keeps it from
 * finishing, and the next erasure or start-up finishes it.
 */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Applies migrations/NNN_name.sql in order, each once, each in its own transaction; returns how many ran. */
export function migrate(db: Db): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  let ran = 0;
  for (const name of files) {
    if (applied.has(name)) continue;
    ran += 1;
    const sql = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(name, new Date().toISOString());
    })();
  }
  return ran;
}

/**
 * Why the database cannot take a write right now, or undefined when it can. A read (SELECT 1) answers happily on a
 * full disk or a read-only file while every contribution fails, so the probe writes twice: the database header
 * (setting user_version, unused otherwise, to its own value still commits a page) and a 4 KiB file, synced, in the
 * database's directory — the page SQLite can often still squeeze into its WAL, the file not when the disk is full.
 * Built once per store, so its statements are prepared once, not on every health check.
 */
export function writeProbe(db: Db): () => string | undefined {
  const ping = db.prepare('SELECT 1 AS ok');
  const version = db.prepare('PRAGMA user_version').pluck();
  // PRAGMA takes no parameters: one statement per value met, which is the first one unless someone sets it by hand.
  const rewrite = new Map<number, Statement>();
  const prepareRewrite = (v: number) => {
    const set = db.prepare(`PRAGMA user_version = ${v}`);
    rewrite.set(v, set);
    return set;
  };
  prepareRewrite(version.get() as number);
  return () => {
    try {
      if (ping.get() === undefined) return 'the database did not answer';
    } catch (e) {
      return `the database did not answer: ${(e as Error).message}`;
    }
    try {
      const v = version.get() as number;
      (rewrite.get(v) ?? prepareRewrite(v)).run();
    } catch (e) {
      return `the database refuses writes: ${(e as Error).message}`;
    }
    return fileProblem(db);
  };
}

/** writeProbe for a single use (start-up). */
export const writeProblem = (db: Db): string | undefined => writeProbe(db)();

function fileProblem(db: Db): string | undefined {
  if (db.memory) return undefined;
  const probe = join(dirname(db.name), `.write-probe-${process.pid}`);
  try {
    const fd = openSync(probe, 'w');
    try {
      writeSync(fd, Buffer.alloc(4096));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
  } catch (e) {
    return `cannot write in ${dirname(db.name)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  return undefined;
}
