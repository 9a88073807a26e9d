import { Activity, ActivityInput, type ActivityPatch, type ActivityQuery } from '../common/activities.ts';
import type { SubareaId } from '../common/subareas.ts';
import type { ActivityRepository, SessionAccount } from './store/types.ts';
import { assertSubarea } from './middleware/roles.ts';
import { warsawDayOrTimeToUtc, warsawToUtc } from '../common/warsaw-time.ts';
import type { EventBus } from './events.ts';
import { randomId } from './crypto.ts';
import { ApiError } from './http-error.ts';
import { fieldIssues } from './middleware/validate.ts';

const utc = (local: string) => warsawToUtc(local)!.toISOString();

/**
 * The ambassadors' activities: published at once, every change audited and announced on the event stream.
 * Writes take the signed-in account; whether it may act in the activity's subarea is the roles module's one rule
 * (an ambassador only in their own subarea), checked here because the subarea of a stored activity is known only here.
 */
export class Activities {
  constructor(
    private readonly repo: ActivityRepository,
    private readonly bus: EventBus,
    private readonly now: () => Date,
  ) {}

  /** Still going on at `from` (default: now), starting before `to`; cancelled ones too. */
  list(query: ActivityQuery): Promise<Activity[]> {
    const from = query.from ? warsawDayOrTimeToUtc(query.from)! : this.now();
    const to = query.to ? warsawDayOrTimeToUtc(query.to)! : undefined;
    return this.repo.list({ subarea: query.subarea, from: from.toISOString(), to: to?.toISOString() });
  }

  /** Every activity, past ones too: the open-data export and the calendar feeds. */
  all(subarea?: SubareaId): Promise<Activity[]> {
    return this.repo.list({ subarea });
  }

  async require(id: string): Promise<Activity> {
    const activity = await this.repo.get(id);
    if (!activity) throw new ApiError(404, 'no such activity');
    return activity;
  }

  /** The audit trail, for those who may edit the activity; still there after a removal. */
  async history(id: string, account: SessionAccount) {
    const entries = await this.repo.history(id);
    const last = entries.at(-1);
    const subarea = last?.after?.subarea ?? last?.before?.subarea;
    if (!subarea) throw new ApiError(404, 'no such activity');
    assertSubarea(account, subarea);
    return entries;
  }

  async create(input: ActivityInput, account: SessionAccount): Promise<Activity> {
    assertSubarea(account, input.subarea);
    const at = this.now().toISOString();
    const activity = Activity.parse({
      ...input,
      id: randomId(),
      startUtc: utc(input.start),
      endUtc: utc(input.end),
      sequence: 0,
      createdAt: at,
      updatedAt: at,
    });
    await this.repo.save(activity, { at, actor: account.login, action: 'create', before: null });
    this.bus.publishActivity({ id: activity.id, subarea: activity.subarea, change: 'created' });
    return activity;
  }

  async patch(id: string, patch: ActivityPatch, account: SessionAccount): Promise<Activity> {
    const before = await this.require(id);
    assertSubarea(account, before.subarea);
    // null removes an optional text; the merged whole is checked again (an end before a new start, a reason for a
    // cancellation), with the issues named by field as on creation.
    const { id: _i, startUtc: _s, endUtc: _e, sequence, createdAt, updatedAt: _u, ...fields } = before;
    const merged: Record<string, unknown> = { ...fields };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    if (patch.status === 'zaplanowane' && patch.cancelReason === undefined) delete merged['cancelReason'];
    const checked = ActivityInput.safeParse(merged);
    if (!checked.success) throw new ApiError(400, 'invalid request body', fieldIssues(checked.error));
    const at = this.now().toISOString();
    const after = Activity.parse({
      ...checked.data,
      id,
      startUtc: utc(checked.data.start),
      endUtc: utc(checked.data.end),
      sequence: sequence + 1,
      createdAt,
      updatedAt: at,
    });
    await this.repo.save(after, { at, actor: account.login, action: 'update', before });
    this.bus.publishActivity({ id, subarea: after.subarea, change: 'updated' });
    return after;
  }

  async remove(id: string, account: SessionAccount): Promise<void> {
    const before = await this.require(id);
    assertSubarea(account, before.subarea);
    await this.repo.remove(id, { at: this.now().toISOString(), actor: account.login, action: 'delete', before });
    this.bus.publishActivity({ id, subarea: before.subarea, change: 'removed' });
  }
}
