import { AccountError, MIN_PASSWORD_LENGTH } from '../accounts.ts';

function askHidden(prompt: string, envName: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(new AccountError(`no terminal to ask for the password on: set ${envName} instead`));
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

/** The password from env `envName`, or asked twice on the terminal without echo. */
export async function passwordFrom(envName: string, login: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined) return fromEnv;
  const password = await askHidden(`Password for ${login} (at least ${MIN_PASSWORD_LENGTH} characters): `, envName);
  if ((await askHidden('Repeat the password: ', envName)) !== password) throw new AccountError('the passwords differ');
  return password;
}
