// Baseline server for measurement 5: node:http + better-sqlite3 with the app's durability settings (WAL,
// synchronous=FULL, see src/server/db/open.ts) doing the least a durable write needs — parse the JSON body,
// one INSERT (its own transaction, so one WAL sync), answer 201 with the id. No validation, no audit log,
// no idempotency record, no token hashing. DATA_DIR holds its own database.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const dir = process.env.DATA_DIR;
if (!dir) throw new Error('DATA_DIR must name a folder for the baseline database');
mkdirSync(dir, { recursive: true });
const db = new Database(join(dir, 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE IF NOT EXISTS points (id TEXT PRIMARY KEY, lng REAL NOT NULL, lat REAL NOT NULL, data TEXT NOT NULL)',
);
const insert = db.prepare('INSERT INTO points (id, lng, lat, data) VALUES (?, ?, ?, ?)');

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return void res.writeHead(200).end('ok');
  if (req.method !== 'POST') return void res.writeHead(405).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: { lng?: unknown; lat?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { lng?: unknown; lat?: unknown };
    } catch (e) {
      return void res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: String(e) }));
    }
    const id = randomBytes(12).toString('base64url');
    insert.run(id, Number(body.lng), Number(body.lat), JSON.stringify(body));
    res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id }));
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () =>
  server.close(() => {
    db.close();
    process.exit(0);
  }),
);
