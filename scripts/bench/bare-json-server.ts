// Baseline server for measurement 4: node:http answering each known URL with bytes read once at start-up
// (the very bytes the app sent for it) — no routing framework, no validation, no database, no serialisation.
// BARE_ROUTES = JSON { "<path?query>": "<file>" }; GET /health for start-up.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const routes = new Map(
  Object.entries(JSON.parse(process.env.BARE_ROUTES ?? '{}') as Record<string, string>).map(([url, file]) => [
    url,
    readFileSync(file),
  ]),
);
if (routes.size === 0) throw new Error('BARE_ROUTES must name at least one URL and its file');
const server = createServer((req, res) => {
  if (req.url === '/health') return void res.writeHead(200).end('ok');
  const body = routes.get(req.url ?? '');
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
