import type { ModeratorPatchInput, PointRecord } from '../../common/points.ts';
import * as api from '../api/moderation.ts';
import { ApiFailure } from '../api/http.ts';
import { StaffSession } from './staff-session.svelte.ts';

/** The moderator's session and review queue; every action re-reads the queue so two moderators never clash silently. */
export class ModerationState extends StaffSession {
  queue = $state.raw<PointRecord[]>([]);
  loading = $state(false);
  /** Announced in a live region after each action ("Zatwierdzono: …"). */
  notice = $state('');

  async checkSession(): Promise<void> {
    if (await this.check()) await this.refresh();
  }

  override async login(login: string, password: string): Promise<void> {
    await super.login(login, password);
    await this.refresh();
  }

  override async logout(): Promise<void> {
    await super.logout();
    this.queue = [];
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      this.queue = (await api.fetchQueue()).points;
      this.error = null;
    } catch (e) {
      this.#fail(e);
    } finally {
      this.loading = false;
    }
  }

  async approve(point: PointRecord, label: string): Promise<void> {
    await this.#act(() => api.approve(point.id), label);
  }

  async reject(point: PointRecord, reason: string, label: string): Promise<void> {
    await this.#act(() => api.reject(point.id, reason), label);
  }

  /** Erases the point for good (a person asking to be removed); the reason goes to the history, not the point. */
  async remove(point: PointRecord, reason: string, label: string): Promise<void> {
    await this.#act(() => api.removePoint(point.id, reason), label);
  }

  async edit(point: PointRecord, patch: ModeratorPatchInput, label: string): Promise<void> {
    await this.#act(() => api.editPoint(point.id, patch), label);
  }

  async move(point: PointRecord, to: { lng: number; lat: number }, label: string): Promise<void> {
    await this.#act(() => api.movePoint(point.id, to.lng, to.lat), label);
  }

  async #act(action: () => Promise<unknown>, label: string): Promise<void> {
    try {
      await action();
      this.notice = label;
    } catch (e) {
      this.#fail(e);
      throw e;
    }
    await this.refresh();
  }

  #fail(e: unknown): void {
    if (e instanceof ApiFailure && e.status === 401) this.me = null;
    this.error = (e as Error).message;
  }
}
