import type { InboxRequest, RequestAction } from '../../../common/contact-requests.ts';
import { actOnRequest, fetchInbox } from '../../api/contact.ts';
import { StaffSession } from '../../state/staff-session.svelte.ts';

/** The ambassador's session and inbox; every action re-reads the inbox so two people never overwrite each other. */
export class InboxState extends StaffSession {
  requests = $state.raw<InboxRequest[]>([]);
  loading = $state(false);
  /** Announced in a live region after each action. */
  notice = $state('');

  /** Ambassadors and admins see requests; a moderator's account is told so instead of getting a 403. */
  get mayBroker(): boolean {
    return this.me?.role === 'ambassador' || this.me?.role === 'admin';
  }

  async checkSession(): Promise<void> {
    if (await this.check()) await this.refresh();
  }

  override async login(login: string, password: string): Promise<void> {
    await super.login(login, password);
    await this.refresh();
  }

  override async logout(): Promise<void> {
    await super.logout();
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
