import { z } from 'zod';
import { Lat, Lng } from './points.ts';
import { SubareaId } from './subareas.ts';
import { plainText } from './text.ts';
import { LOCAL_DATE_TIME, warsawDayOrTimeToUtc, warsawToUtc } from './warsaw-time.ts';

/**
 * The ambassadors' dated activities: what is on, where and when. Published at once (ambassadors are accountable;
 * every change is in the activity audit trail). Times are Kraków wall-clock times as the ambassador typed them.
 */

export const AUDIENCES = ['dzieci', 'mlodziez', 'dorosli', 'seniorzy', 'wszyscy'] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

/** A cancelled activity stays listed (struck through, with its reason), so nobody comes to an empty square. */
export const ActivityStatus = z.enum(['zaplanowane', 'odwolane']);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

export const ActivityId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not an activity id');

export const LocalDateTime = z
  .string()
  .regex(LOCAL_DATE_TIME, 'give the date and time as YYYY-MM-DDTHH:MM (Kraków time)')
  .refine((s) => warsawToUtc(s) !== null, 'this time does not exist in Kraków (clocks move forward that night)');

/** How to sign up: a link, an e-mail address, or nothing to do ("bez zapisów"). */
export const Registration = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('link'),
    url: z.url({ protocol: /^https?$/, error: 'give a web address (https://…)' }).max(500),
  }),
  z.strictObject({ type: z.literal('email'), email: z.email('give an e-mail address').max(254) }),
]);
export type Registration = z.infer<typeof Registration>;

/** A point on the map or one of the named places (data/places.geojson); the name is what people read. */
export const ActivityPlace = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2)
    .max(200)
    .check(plainText('place.name', { required: true })),
  lng: Lng,
  lat: Lat,
});
export type ActivityPlace = z.infer<typeof ActivityPlace>;

// Control and text-direction characters are refused as in residents' text (text.ts); `multiline` keeps line breaks.
const text = (max: number, what: string, multiline = false) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .check(plainText(what, { multiline, required: true }));

const fields = {
  title: text(140, 'title').min(3, 'give a title of at least 3 characters'),
  subarea: SubareaId,
  place: ActivityPlace,
  start: LocalDateTime,
  end: LocalDateTime,
  description: text(4000, 'description', true).optional(),
  /** Step-free access, hearing loop, sign-language interpreter… */
  accessibility: text(1000, 'accessibility', true).optional(),
  audience: z.array(Audience).min(1, 'choose who it is for').max(AUDIENCES.length),
  registration: Registration,
  status: ActivityStatus,
  cancelReason: text(500, 'cancelReason', true).optional(),
  /** The undated planned item (the ambassador's list in the subarea panel) this activity gives a date to. */
  fromPlan: text(500, 'fromPlan').optional(),
};

type Checked = {
  start: string;
  end: string;
  status: ActivityStatus;
  cancelReason?: string | undefined;
  audience: Audience[];
};

/** Rules across fields, named by the field the person has to change. */
function crossCheck(a: Checked, ctx: z.RefinementCtx) {
  const start = warsawToUtc(a.start);
  const end = warsawToUtc(a.end);
  if (start && end && end <= start)
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'the end must be after the start' });
  if (a.status === 'odwolane' && !a.cancelReason) {
    ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: 'say why it is cancelled' });
  }
  if (a.status !== 'odwolane' && a.cancelReason) {
    ctx.addIssue({ code: 'custom', path: ['cancelReason'], message: 'only a cancelled activity has a reason' });
  }
  if (new Set(a.audience).size !== a.audience.length) {
    ctx.addIssue({ code: 'custom', path: ['audience'], message: 'each audience once' });
  }
}

/** POST /api/activities, and every activity as it is stored. */
export const ActivityInput = z
  .strictObject({ ...fields, status: fields.status.default('zaplanowane') })
  .superRefine(crossCheck);
export type ActivityInput = z.infer<typeof ActivityInput>;
export type ActivityInputDraft = z.input<typeof ActivityInput>;

/**
 * PATCH /api/activities/:id: any field but the subarea (moving an activity to another subarea is a new activity of
 * that subarea's ambassador). Optional texts are removed with null. The merged result is checked as a whole.
 */
export const ActivityPatch = z.strictObject({
  title: fields.title.optional(),
  place: fields.place.optional(),
  start: fields.start.optional(),
  end: fields.end.optional(),
  description: fields.description.nullable(),
  accessibility: fields.accessibility.nullable(),
  audience: fields.audience.optional(),
  registration: fields.registration.optional(),
  status: fields.status.optional(),
  cancelReason: fields.cancelReason.nullable(),
  fromPlan: fields.fromPlan.nullable(),
});
export type ActivityPatch = z.infer<typeof ActivityPatch>;

/** What the API answers: the input plus its identity, the instants in UTC, and its revision for calendars. */
export const Activity = z.strictObject({
  ...fields,
  id: ActivityId,
  startUtc: z.iso.datetime(),
  endUtc: z.iso.datetime(),
  /** Bumped on every change (iCalendar SEQUENCE), so calendars replace their copy. */
  sequence: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityList = z.strictObject({ activities: z.array(Activity) });
export type ActivityList = z.infer<typeof ActivityList>;

const DayOrTime = z
  .string()
  .refine((s) => warsawDayOrTimeToUtc(s) !== null, 'give a date YYYY-MM-DD or YYYY-MM-DDTHH:MM (Kraków time)');

/**
 * GET /api/activities: those still going on at `from` (default: now) and starting before `to`, cancelled ones
 * included. Past activities are listed only when `from` asks for them.
 */
export const ActivityQuery = z
  .strictObject({ subarea: SubareaId.optional(), from: DayOrTime.optional(), to: DayOrTime.optional() })
  .refine((q) => !q.from || !q.to || warsawDayOrTimeToUtc(q.from)! < warsawDayOrTimeToUtc(q.to)!, {
    path: ['to'],
    message: '`to` must be after `from`',
  });
export type ActivityQuery = z.infer<typeof ActivityQuery>;

/** SSE `event: activity` on GET /api/events: something changed in this subarea's activities; fetch them again. */
export const ACTIVITY_EVENT = 'activity';
export const ActivityEvent = z.strictObject({
  id: ActivityId,
  subarea: SubareaId,
  change: z.enum(['created', 'updated', 'removed']),
});
export type ActivityEvent = z.infer<typeof ActivityEvent>;

/** "The next 30 days" are drawn larger on the map and named first in lists. */
export const SOON_DAYS = 30;
const DAY_MS = 86_400_000;
export const isSoon = (a: Activity, now: number) => Date.parse(a.startUtc) - now < SOON_DAYS * DAY_MS;
export const isPast = (a: Activity, now: number) => Date.parse(a.endUtc) <= now;
