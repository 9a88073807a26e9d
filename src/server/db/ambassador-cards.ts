import type { Db } from './open.ts';
import { AmbassadorCardEdit } from '../../shared/ambassador-card.ts';

/** The ambassadors' own edits of their card and activities, one row per subarea, checked with zod on the way out. */
export class AmbassadorCardStore {
  constructor(private readonly db: Db) {}

  all(): Map<string, AmbassadorCardEdit> {
    const rows = this.db.prepare('SELECT subarea, data FROM ambassador_cards').all() as {
      subarea: string;
      data: string;
    }[];
    return new Map(rows.map((r) => [r.subarea, AmbassadorCardEdit.parse(JSON.parse(r.data))]));
  }

  put(subarea: string, edit: AmbassadorCardEdit, by: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO ambassador_cards (subarea, data, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (subarea) DO UPDATE SET data = excluded.data, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(subarea, JSON.stringify(edit), by, at);
  }
}
