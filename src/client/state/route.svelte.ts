import { createContext } from 'svelte';
import { z } from 'zod';
import { SubareaId } from '../../common/subareas.ts';
import { SessionCode } from '../../common/sessions.ts';
import { ActivityId } from '../../common/activities.ts';

export const View = z.enum(['map', 'list']);
export type View = z.infer<typeof View>;
/** Side-panel tabs: the subareas, the walk map („Kazimierz pod lupą”), the help map (Sąsiedzka Mapa Pomocy). */
export const Tab = z.enum(['subareas', 'walk', 'help']);
export type Tab = z.infer<typeof Tab>;

/**
 * What is on screen, mirrored in the URL (?subarea=…&view=…) so a facilitator can share or bookmark
 * a link that reopens the same panel. Unknown values in a hand-edited URL fall back to the defaults.
 */
export class Route {
  subarea = $state<SubareaId | null>(null);
  view = $state<View>('map');
  tab = $state<Tab>('subareas');
  /** A point opened through its private edit link (?tab=walk|help&edit=ID#token=…); the token stays in the fragment. */
  edit = $state<{ id: string; token: string } | null>(null);
  /** A walk session joined from its QR code (?sesja=CODE): new walk pins are sent with it. Kept in the URL. */
  session = $state<SessionCode | null>(null);
  /** An ambassador's activity whose details card is open (?activity=ID, the link calendar entries carry). */
  activity = $state<string | null>(null);

  constructor() {
    this.#read();
  }

  select(subarea: SubareaId | null): void {
    this.subarea = subarea;
    this.#write();
  }

  /** Opens an activity's card (null closes it); the subareas tab is where cards live. */
  openActivity(id: string | null): void {
    this.activity = id;
    if (id) this.tab = 'subareas';
    this.#write();
  }

  open(tab: Tab): void {
    this.tab = tab;
    this.edit = null;
    this.#write();
  }

  /** Leaves the edit screen and drops the token from the address bar (it stays in "Moje punkty"). */
  closeEdit(): void {
    this.edit = null;
    this.#write();
  }

  show(view: View): void {
    this.view = view;
    this.#write();
  }

  /** Back/forward buttons move through selections; returns the cleanup for an $effect. */
  listen(): () => void {
    const onPop = () => this.#read();
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }

  #read(): void {
    // The build-time render of the main page (scripts/vite/prerender.ts) has no address: the defaults are its page.
    if (!globalThis.location) return;
    const params = new URL(window.location.href).searchParams;
    this.subarea = SubareaId.safeParse(params.get('subarea')).data ?? null;
    this.view = View.safeParse(params.get('view')).data ?? 'map';
    this.tab = Tab.safeParse(params.get('tab')).data ?? 'subareas';
    this.session = SessionCode.safeParse(params.get('sesja')).data ?? null;
    this.activity = ActivityId.safeParse(params.get('activity')).data ?? null;
    const editId = params.get('edit');
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    this.edit = editId && token ? { id: editId, token } : null;
  }

  #write(): void {
    const url = new URL(window.location.href);
    if (this.subarea) url.searchParams.set('subarea', this.subarea);
    else url.searchParams.delete('subarea');
    if (this.view !== 'map') url.searchParams.set('view', this.view);
    else url.searchParams.delete('view');
    if (this.tab !== 'subareas') url.searchParams.set('tab', this.tab);
    else url.searchParams.delete('tab');
    if (this.activity) url.searchParams.set('activity', this.activity);
    else url.searchParams.delete('activity');
    if (!this.edit) {
      url.searchParams.delete('edit');
      url.hash = '';
    }
    if (url.href !== window.location.href) history.pushState(null, '', url);
  }
}

const [getRoute, setRoute, hasRoute] = createContext<Route>();
export { setRoute };
export function useRoute(): Route {
  if (!hasRoute()) throw new Error('Route context not found: App.svelte must call setRoute(new Route()) first');
  return getRoute();
}
