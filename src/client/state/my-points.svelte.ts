import { createContext } from 'svelte';
import { z } from 'zod';
import { Layer, PointId } from '../../common/points.ts';

/** What this device remembers of its own contributions ("Moje punkty"): enough to open, edit or remove them. */
const MyPoint = z.object({
  id: PointId,
  layer: Layer,
  editToken: z.string(),
  title: z.string(),
  createdAt: z.string(),
});
export type MyPoint = z.infer<typeof MyPoint>;
const KEY = 'mapa.myPoints';

/**
 * One per page (App.svelte puts it in context): the forms, the walk list and the offline outbox share it, so a pin
 * the outbox sends later shows in "Moje punkty" at once, not after a reload.
 */
export class MyPoints {
  list = $state<MyPoint[]>(load());

  add(point: MyPoint): void {
    // Re-read first: another tab may have added since this loaded.
    this.list = [point, ...load().filter((p) => p.id !== point.id)];
    save(this.list);
  }

  forget(id: string): void {
    this.list = this.list.filter((p) => p.id !== id);
    save(this.list);
  }
}

function load(): MyPoint[] {
  try {
    const parsed = z.array(MyPoint).safeParse(JSON.parse(localStorage.getItem(KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    // Corrupt storage (hand-edited, another app): start empty rather than break the page.
    return [];
  }
}

const save = (list: MyPoint[]) => localStorage.setItem(KEY, JSON.stringify($state.snapshot(list)));

const [getMyPoints, setMyPoints, hasMyPoints] = createContext<MyPoints>();
export { setMyPoints };

export function useMyPoints(): MyPoints {
  if (!hasMyPoints())
    throw new Error('MyPoints context not found: App.svelte must call setMyPoints(new MyPoints()) first');
  return getMyPoints();
}

/** The private link that opens a contribution for editing; the token is in the fragment, never sent to a server log. */
export function editLink(point: Pick<MyPoint, 'id' | 'editToken' | 'layer'>): string {
  const query = new URLSearchParams({ tab: point.layer, edit: point.id });
  return `${location.origin}/?${query}#token=${encodeURIComponent(point.editToken)}`;
}
