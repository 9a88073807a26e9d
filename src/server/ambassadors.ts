import type { AmbassadorCardRepository } from './store/types.ts';
import type { SiteData } from './site-data.ts';
import { applyCardEdit, type AmbassadorCardEdit } from '../common/ambassador-card.ts';
import type { Ambassador, SubareaId } from '../common/subareas.ts';

/**
 * The ambassadors as the public sees them: data/ambassadors.json with each ambassador's own edit laid over it.
 * Edits are few and read on every /api/subareas, so they are kept in memory (loaded at start-up) and written through.
 */
export class Ambassadors {
  private edits = new Map<string, AmbassadorCardEdit>();

  constructor(
    private readonly store: AmbassadorCardRepository,
    private readonly site: SiteData,
    private readonly now: () => Date,
  ) {}

  /** Reads the stored edits; createApp awaits it before the first request. */
  async load(): Promise<void> {
    this.edits = await this.store.all();
  }

  of(subarea: SubareaId): Ambassador {
    const s = this.site.subareas.find((x) => x.id === subarea);
    if (!s) throw new Error(`no subarea ${subarea} in the site data`);
    return applyCardEdit(s.ambassador, this.edits.get(subarea));
  }

  /**
   * Where contact requests for an offer go: its subarea's ambassador; outside every subarea, the ambassador who runs
   * the help map (the map's panel says the same).
   */
  brokerFor(subarea: SubareaId | null): SubareaId | null {
    if (subarea) return subarea;
    return this.site.subareas.find((s) => s.ambassador.mapActivity === 'help')?.id ?? null;
  }

  async edit(subarea: SubareaId, edit: AmbassadorCardEdit, actor: string): Promise<Ambassador> {
    const at = this.now().toISOString();
    await this.store.put(subarea, edit, { at, actor, action: 'card-edit', subject: `subarea:${subarea}` });
    this.edits.set(subarea, edit);
    return this.of(subarea);
  }
}
