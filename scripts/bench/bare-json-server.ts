// Baseline server for measurement 4: node:http answering each known URL with bytes read once at start-up
// (the very bytes the app sent for it, plain and in the encoding the app chose for a browser) — no routing
// framework, no validation, no database, no serialisation. BARE_ROUTES = JSON { "<path?query>": { plain: "<file>",
// encoded?: { encoding: "br", file: "<file>" } } }; GET /health for start-up.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

interface Route {
  plain: string;
  encoded?: { encoding: string; file: string };
}
const routes = new Map(
  Object.entries(JSON.parse(process.env.BARE_ROUTES ?? '{}') as Record<string, Route>).map(([url, r]) => [
    url,
    {
      plain: readFileSync(r.plain),
      encoded: r.encoded && { encoding: r.encoded.encoding, body: readFileSync(r.encoded.file) },
    },
  ]),
);
if (routes.size === 0) throw new Error('BARE_ROUTES must name at least one URL and its file');
const server = createServer((req, res) => {
  if (req.url === '/health') return void res.writeHead(200).end('ok');
  const route = routes.get(req.url ?? '');
  if (!route) return void res.writeHead(404).end();
  // The same negotiation the app does, at its simplest: the encoded copy when the client names its encoding.
  const accepts = route.encoded && (req.headers['accept-encoding'] ?? '').includes(route.encoded.encoding);
  const body = accepts ? route.encoded!.body : route.plain;
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    Vary: 'Accept-Encoding',
    ...(accepts ? { 'Content-Encoding': route.encoded!.encoding } : {}),
  });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
