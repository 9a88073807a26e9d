import type { Me } from '../../../shared/accounts.ts';
import type { InboxRequest, RequestAction } from '../../../shared/contact-requests.ts';
import * as auth from '../../api/moderation.ts';
import { actOnRequest, fetchInbox } from '../../api/contact.ts';
import { ApiFailure } from '../../api/http.ts';

/** The ambassador's session and inbox; every action re-reads the inbox so two people never overwrite each other. */
export class InboxState {
  me = $state<Me | null>(null);
  checked = $state(false);
  requests = $state.raw<InboxRequest[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Announced in a live region after each action. */
  notice = $state('');

  /** Ambassadors and admins see requests; a moderator's account is told so instead of getting a 403. */
  get mayBroker(): boolean {
    return this.me?.role === 'ambassador' || this.me?.role === 'admin';
  }

  async checkSession(): Promise<void> {
    try {
      this.me = await auth.fetchMe();
      await this.refresh();
    } catch (e) {
      if (!(e instanceof ApiFailure && e.status === 401)) this.error = (e as Error).message;
      this.me = null;
    } finally {
      this.checked = true;
    }
  }

  async login(login: string, password: string): Promise<void> {
    this.me = await auth.login(login, password);
    await this.refresh();
  }

  async logout(): Promise<void> {
    await auth.logout();
    this.me = null;
    this.requests = [];
  }

  async refresh(): Promise<void> {
    if (!this.mayBroker) return;
    this.loading = true;
    try {
      this.requests = (await fetchInbox()).requests;
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
    }
  }

  async act(r: InboxRequest, action: RequestAction, label: string): Promise<boolean> {
    try {
      await actOnRequest(r.id, action);
      this.notice = label;
      this.error = null;
      await this.refresh();
      return true;
    } catch (e) {
      this.error = (e as Error).message;
      return false;
    }
  }
}
