import { z } from 'zod';
import { Contact, text } from './points.ts';
import type { Ambassador } from './subareas.ts';

/** What an ambassador edits in the app: their contact card and the planned activities (one per line in the form). */
export const AMBASSADOR_EDITABLE = ['seat', 'phone', 'email', 'website', 'hours', 'activities'] as const;

export const CARD_LIMITS = { seat: 200, hours: 300, activity: 400, activities: 30 } as const;

// '' clears a field: the card then shows nothing for it (never the file's value, never a made-up one).
const orEmpty = <T extends z.ZodType>(s: T) => z.union([z.literal(''), s]);

/** PUT /api/ambassador/cards/:subarea — the whole editable part at once. */
export const AmbassadorCardEdit = z.strictObject({
  seat: orEmpty(text(CARD_LIMITS.seat, 1, 'address')),
  phone: orEmpty(Contact.shape.phone.unwrap()),
  email: orEmpty(Contact.shape.email.unwrap()),
  website: orEmpty(Contact.shape.www.unwrap()),
  hours: orEmpty(text(CARD_LIMITS.hours, 1, 'opening hours')),
  activities: z
    .array(text(CARD_LIMITS.activity, 1, 'activity'), { error: 'activities must be a list of texts' })
    .min(1, 'name at least one planned activity')
    .max(CARD_LIMITS.activities, `at most ${CARD_LIMITS.activities} activities`),
});
export type AmbassadorCardEdit = z.infer<typeof AmbassadorCardEdit>;
export type AmbassadorCardEditInput = z.input<typeof AmbassadorCardEdit>;

/** The file's ambassador with an edit laid over it; an emptied field disappears. */
export function applyCardEdit(base: Ambassador, edit: AmbassadorCardEdit | undefined): Ambassador {
  if (!edit) return base;
  const out: Ambassador = { ...base, activities: edit.activities };
  for (const key of ['seat', 'phone', 'email', 'website', 'hours'] as const) {
    if (edit[key] === '') delete out[key];
    else out[key] = edit[key];
  }
  return out;
}

/** The form's starting values: what the card shows now. */
export function cardEditOf(a: Ambassador): AmbassadorCardEdit {
  return {
    seat: a.seat ?? '',
    phone: a.phone ?? '',
    email: a.email ?? '',
    website: a.website ?? '',
    hours: a.hours ?? '',
    activities: a.activities,
  };
}
