import type { Me } from '../../common/accounts.ts';
import * as auth from '../api/moderation.ts';
import { ApiFailure } from '../api/http.ts';

/**
 * A staff member's session (the cookie POST /api/auth/login sets): who is logged in, once checked. 401 means "show
 * the login form", not an error. The moderation queue, the ambassador's inbox and the walk facilitator's pages
 * share it; the first two extend it with what they load once someone is logged in.
 */
export class StaffSession {
  me = $state<Me | null>(null);
  /** False until the first check has answered: until then neither the login form nor the page is shown. */
  checked = $state(false);
  error = $state<string | null>(null);

  /** True when someone is logged in. */
  async check(): Promise<boolean> {
    try {
      this.me = await auth.fetchMe();
      return true;
    } catch (e) {
      if (!(e instanceof ApiFailure && e.status === 401)) this.error = (e as Error).message;
      this.me = null;
      return false;
    } finally {
      this.checked = true;
    }
  }

  async login(login: string, password: string): Promise<void> {
    this.me = await auth.login(login, password);
  }

  async logout(): Promise<void> {
    await auth.logout();
    this.me = null;
  }
}
