import { fetchMe, login } from '../../api/moderation.ts';
import { ApiFailure } from '../../api/http.ts';

/** Facilitators' pages need the moderator session cookie; 401 means "show the login form". */
export class ModeratorGate {
  me = $state<string | null>(null);
  checked = $state(false);
  error = $state<string | null>(null);

  async check(): Promise<void> {
    try {
      this.me = (await fetchMe()).login;
    } catch (e) {
      if (!(e instanceof ApiFailure && e.status === 401)) this.error = (e as Error).message;
      this.me = null;
    } finally {
      this.checked = true;
    }
  }

  async login(user: string, password: string): Promise<void> {
    this.me = (await login(user, password)).login;
  }
}
