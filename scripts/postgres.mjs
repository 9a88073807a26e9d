// `npm run postgres [-- command args…]`: a throw-away PostgreSQL with PostGIS (scripts/pg/cluster.mjs).
// With a command: runs it with DATABASE_URL (and PG_ADMIN_URL, the maintenance database) set, then stops the
// server and exits with the command's status. Without one: prints DATABASE_URL and keeps the server until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { startCluster } from './pg/cluster.mjs';

const dash = process.argv.indexOf('--');
const command = dash >= 0 ? process.argv.slice(dash + 1) : process.argv.slice(2);
const pg = await startCluster({ log: true, durable: process.env.PG_DURABLE === '1' });
let stopped = false;
const stop = () => {
  if (!stopped) pg.stop();
  stopped = true;
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stop();
    process.exit(130);
  });
}
if (command.length === 0) {
  console.log(`DATABASE_URL=${pg.url}`);
  console.log('Ctrl-C stops the server and deletes its data.');
  setInterval(() => {}, 1 << 30);
} else {
  const result = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: pg.url, PG_ADMIN_URL: pg.adminUrl },
  });
  stop();
  process.exit(result.status ?? 1);
}
