import type { Categories } from '../../common/categories.ts';
import type { SubareaCollection } from '../../common/subareas.ts';
import { DEFAULT_FRESHNESS, type FreshnessLimits } from '../../common/freshness.ts';
import { fetchCategories, fetchConfig, fetchSubareas } from '../api/site.ts';
import { chooseBasemap, offlineStyle, type BasemapChoice } from '../map/basemap.ts';
import type { Boot } from '../boot.ts';

/** How long the online basemap style may take before the map is drawn on the offline style instead. */
const ONLINE_STYLE_WAIT_MS = 1500;

/**
 * Everything the app needs before it can draw, with one loading and one error state. With the site data written
 * into the page at build time (boot.ts) it is ready at once and refreshes in the background; the basemap is chosen
 * separately, so the lists and forms never wait for a style server.
 */
export class SiteState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  subareas = $state.raw<SubareaCollection | null>(null);
  categories = $state.raw<Categories | null>(null);
  basemap = $state.raw<BasemapChoice | null>(null);
  /** When unconfirmed help offers fade / leave the list (server config). */
  helpFreshness = $state.raw<FreshnessLimits>(DEFAULT_FRESHNESS);

  constructor(boot: Boot | null = null) {
    if (boot) {
      this.subareas = boot.subareas;
      this.categories = boot.categories;
      this.status = 'ready';
    }
  }

  async load(): Promise<void> {
    const shown = this.status === 'ready';
    if (!shown) this.status = 'loading';
    this.error = null;
    try {
      const [config, subareas, categories] = await Promise.all([fetchConfig(), fetchSubareas(), fetchCategories()]);
      this.subareas = subareas;
      this.helpFreshness = config.helpFreshness;
      this.categories = categories;
      this.status = 'ready';
      this.basemap = await chooseBasemap(config, window.location.origin, ONLINE_STYLE_WAIT_MS);
    } catch (e) {
      console.error('loading the site data failed', e);
      this.error = (e as Error).message;
      // Drawn from the pre-rendered data already: keep it on screen, with a map on the offline style.
      if (shown) this.basemap ??= { style: offlineStyle(window.location.origin), offline: true, failed: true };
      else this.status = 'error';
    }
  }
}
