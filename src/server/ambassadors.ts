import type { Db } from './db/open.ts';
import { AmbassadorCardStore } from './db/ambassador-cards.ts';
import { StaffAuditStore } from './db/staff-audit.ts';
import type { SiteData } from './site-data.ts';
import { applyCardEdit, type AmbassadorCardEdit } from '../shared/ambassador-card.ts';
import type { Ambassador, SubareaId } from '../shared/subareas.ts';

/**
 * The ambassadors as the public sees them: data/ambassadors.json with each ambassador's own edit laid over it.
 * Edits are few and read on every /api/subareas, so they are kept in memory and written through.
 */
export class Ambassadors {
  private readonly store: AmbassadorCardStore;
  private readonly audit: StaffAuditStore;
  private readonly edits: Map<string, AmbassadorCardEdit>;

  constructor(
    private readonly db: Db,
    private readonly site: SiteData,
    private readonly now: () => Date,
  ) {
    this.store = new AmbassadorCardStore(db);
    this.audit = new StaffAuditStore(db);
    this.edits = this.store.all();
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

  edit(subarea: SubareaId, edit: AmbassadorCardEdit, actor: string): Ambassador {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.store.put(subarea, edit, actor, at);
      this.audit.append({ at, actor, action: 'card-edit', subject: `subarea:${subarea}` });
    })();
    this.edits.set(subarea, edit);
    return this.of(subarea);
  }
}
