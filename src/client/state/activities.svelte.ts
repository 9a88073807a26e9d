import { createContext } from 'svelte';
import type { Activity } from '../../common/activities.ts';
import type { SubareaId } from '../../common/subareas.ts';
import { utcToWarsaw } from '../../common/warsaw-time.ts';
import { fetchActivities } from '../api/activities.ts';
import { ApiFailure } from '../api/http.ts';
import { openPointStream } from './point-stream.ts';

const DAY = 86_400_000;
/** How far back "pokaż minione" reaches: a season of past activities is history enough for a panel. */
const PAST_DAYS = 365;

/**
 * The ambassadors' activities as every view of a page shares them: loaded once, again on every change announced on
 * the event stream (its own connection, reusing the points stream's reconnecting), and on demand with past ones.
 */
export class ActivityFeed {
  list = $state.raw<Activity[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  /** Past activities are hidden unless asked for. */
  showPast = $state(false);
  /** The "Wydarzenia" map layer. */
  onMap = $state(true);
  /** The instant "upcoming" is measured from; moves on every load, so a page left open does not go stale. */
  now = $state(Date.now());

  async load(): Promise<void> {
    const from = this.showPast ? utcToWarsaw(new Date(Date.now() - PAST_DAYS * DAY)).slice(0, 10) : undefined;
    try {
      const { activities } = await fetchActivities(from ? { from } : {});
      this.now = Date.now();
      this.list = activities;
      this.status = 'ready';
    } catch (e) {
      // Offline with nothing cached yet is expected (the banner says so); anything else is a bug to see.
      if (e instanceof ApiFailure && e.status === 0) console.warn('activities unavailable offline:', e.message);
      else console.error('loading activities failed', e);
      this.status = 'error';
    }
  }

  setShowPast(value: boolean): void {
    this.showPast = value;
    void this.load();
  }

  /** Returns the cleanup for an $effect. */
  connect(): () => void {
    return openPointStream({
      onopen: () => void this.load(),
      onactivity: () => void this.load(),
      // Without a stream (offline, a proxy refusing it) the list is still loaded once.
      onerror: () => {
        if (this.status === 'loading') void this.load();
      },
    });
  }

  /** Not yet over (or, with showPast, all loaded), of one subarea or of all, by start. */
  shown(subarea: SubareaId | null): Activity[] {
    return this.list.filter(
      (a) => (!subarea || a.subarea === subarea) && (this.showPast || Date.parse(a.endUtc) > this.now),
    );
  }

  /** The next `n` activities still to come (cancelled ones too: people must learn they are off). */
  next(subarea: SubareaId | null, n: number): Activity[] {
    return this.list.filter((a) => (!subarea || a.subarea === subarea) && Date.parse(a.endUtc) > this.now).slice(0, n);
  }

  find(id: string | null): Activity | undefined {
    return id ? this.list.find((a) => a.id === id) : undefined;
  }
}

const [getFeed, setFeed, hasFeed] = createContext<ActivityFeed>();
export { setFeed as setActivityFeed };
export function useActivityFeed(): ActivityFeed {
  if (!hasFeed())
    throw new Error('ActivityFeed context not found: the page must call setActivityFeed(new ActivityFeed()) first');
  return getFeed();
}
