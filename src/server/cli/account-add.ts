// npm run account:add -- <login> --role admin|moderator|ambassador [--subarea <id>] [--email <address>]
// Creates a staff account, or updates an existing login (password, role, subarea, e-mail) and ends its sessions.
// The password comes from env ACCOUNT_PASSWORD or is asked twice on the terminal without echo. Uses DATABASE_URL or
// DATA_DIR like the server. Like index.ts, this is an entry point, so it may read the environment.
import { parseArgs } from 'node:util';
import { openStore } from './open-store.ts';
import { AccountError, setAccount } from '../accounts.ts';
import { Role } from '../../common/accounts.ts';
import { passwordFrom } from './ask-password.ts';

const USAGE =
  'usage: npm run account:add -- <login> --role admin|moderator|ambassador [--subarea <id>] [--email <address>]';

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { role: { type: 'string' }, subarea: { type: 'string' }, email: { type: 'string' } },
    });
  } catch (e) {
    throw new AccountError(`${(e as Error).message}\n${USAGE}`);
  }
  const [login, ...extra] = parsed.positionals;
  const role = Role.safeParse(parsed.values.role);
  if (!login || extra.length > 0 || !role.success) throw new AccountError(USAGE);
  const password = await passwordFrom('ACCOUNT_PASSWORD', login);
  const { store, where: file } = await openStore(process.env);
  try {
    const where = parsed.values.subarea ? ` in ${parsed.values.subarea}` : '';
    const result = await setAccount(store.auth, {
      login,
      password,
      role: role.data,
      subarea: parsed.values.subarea,
      email: parsed.values.email,
    });
    console.log(
      result === 'created'
        ? `Account "${login}" (${role.data}${where}) created in ${file}.`
        : `Account "${login}" updated (${role.data}${where}); its open sessions ended (${file}).`,
    );
  } finally {
    await store.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof AccountError ? `account:add: ${e.message}` : e);
  process.exit(1);
});
