// npm run moderator:add -- <login>
// Creates a moderator (or sets a new password for an existing login). The password comes from env
// MODERATOR_PASSWORD or is asked twice on the terminal without echo. Uses DATA_DIR like the server.
// Like index.ts, this is an entry point, so it may read the environment.
import { join } from 'node:path';
import { configFromEnv } from '../config.ts';
import { openDb } from '../db/open.ts';
import { AccountError, MIN_PASSWORD_LENGTH, setModeratorPassword } from '../moderator-accounts.ts';

function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(new AccountError('no terminal to ask for the password on: set MODERATOR_PASSWORD instead'));
  }
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (fn: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(() => resolve(value));
        if (ch === '\u0003') return done(() => reject(new AccountError('cancelled')));
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main() {
  const login = process.argv[2];
  if (!login || process.argv.length > 3) {
    throw new AccountError('usage: npm run moderator:add -- <login>   (password from MODERATOR_PASSWORD or asked)');
  }
  let password = process.env.MODERATOR_PASSWORD;
  if (password === undefined) {
    password = await askHidden(`Password for ${login} (at least ${MIN_PASSWORD_LENGTH} characters): `);
    if ((await askHidden('Repeat the password: ')) !== password) throw new AccountError('the passwords differ');
  }
  const file = join(configFromEnv(process.env).dataDir, 'mapa.sqlite');
  const db = openDb(file);
  try {
    const result = await setModeratorPassword(db, login, password);
    console.log(result === 'created'
      ? `Moderator "${login}" created in ${file}.`
      : `Moderator "${login}" already existed: password replaced, open sessions ended (${file}).`);
  } finally {
    db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof AccountError ? `moderator:add: ${e.message}` : e);
  process.exit(1);
});
