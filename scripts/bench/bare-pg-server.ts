// Baseline server for measurement 9: node:http + node-postgres on the same PostgreSQL (synchronous_commit on, as the
// app runs it) doing the least a durable write needs — parse the JSON body, one INSERT (its own transaction, so one
// WAL flush), answer 201 with the id. No validation, no audit log, no idempotency record, no token hashing.
// DATABASE_URL names its own database.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must name a database for the baseline');
// As many connections as the app's pool (db/pg/open.ts), so neither side queues for one more than the other.
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(
  'CREATE TABLE IF NOT EXISTS points (id text PRIMARY KEY, lng double precision NOT NULL, lat double precision NOT NULL, data jsonb NOT NULL)',
);

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
    pool
      .query('INSERT INTO points (id, lng, lat, data) VALUES ($1, $2, $3, $4)', [
        id,
        Number(body.lng),
        Number(body.lat),
        JSON.stringify(body),
      ])
      .then(
        () => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id })),
        (e: Error) => res.writeHead(500).end(e.message),
      );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
