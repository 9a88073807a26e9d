import type { Categories } from '../../shared/categories.ts';
import type { SubareaCollection } from '../../shared/subareas.ts';
import { DEFAULT_FRESHNESS, type FreshnessLimits } from '../../shared/freshness.ts';
import { fetchCategories, fetchConfig, fetchSubareas } from '../api/site.ts';
import { chooseBasemap, type BasemapChoice } from '../map/basemap.ts';

/** Everything the app needs before it can draw: loaded together, with one loading and one error state. */
export class SiteState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  subareas = $state.raw<SubareaCollection | null>(null);
  categories = $state.raw<Categories | null>(null);
  basemap = $state.raw<BasemapChoice | null>(null);
  /** When unconfirmed help offers fade / leave the list (server config, issue 5). */
  helpFreshness = $state.raw<FreshnessLimits>(DEFAULT_FRESHNESS);

  async load(): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      const [config, subareas, categories] = await Promise.all([fetchConfig(), fetchSubareas(), fetchCategories()]);
      this.basemap = await chooseBasemap(config, window.location.origin);
      this.subareas = subareas;
      this.helpFreshness = config.helpFreshness;
      this.categories = categories;
      this.status = 'ready';
    } catch (e) {
      console.error('loading the site data failed', e);
      this.error = (e as Error).message;
      this.status = 'error';
    }
  }
}
