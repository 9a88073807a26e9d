// npm run moderator:add -- <login>
// The older shortcut for `account:add -- <login> --role moderator`: creates a moderator (or sets a new password,
// makes the login a moderator and ends its sessions). The password comes from env MODERATOR_PASSWORD or is asked
// twice on the terminal without echo. Uses DATABASE_URL or DATA_DIR like the server; an entry point, so it may read
// the environment.
import { openStore } from './open-store.ts';
import { AccountError, setModeratorPassword } from '../accounts.ts';
import { passwordFrom } from './ask-password.ts';

async function main() {
  const login = process.argv[2];
  if (!login || process.argv.length > 3) {
    throw new AccountError('usage: npm run moderator:add -- <login>   (password from MODERATOR_PASSWORD or asked)');
  }
  const password = await passwordFrom('MODERATOR_PASSWORD', login);
  const { store, where: file } = await openStore(process.env);
  try {
    const result = await setModeratorPassword(store.auth, login, password);
    console.log(
      result === 'created'
        ? `Moderator "${login}" created in ${file}.`
        : `Moderator "${login}" already existed: password replaced, open sessions ended (${file}).`,
    );
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof AccountError ? `moderator:add: ${e.message}` : e);
  process.exit(1);
});
