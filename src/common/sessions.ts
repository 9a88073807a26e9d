import { z } from 'zod';
import { SubareaId } from './subareas.ts';
import { text } from './text.ts';

/**
 * Walk sessions: a facilitator opens one for a research walk or a workshop; residents join with a short
 * code and their pins carry it. The alphabet leaves out 0/O, 1/I/L and U/V look-alikes, so a code read aloud in a
 * community room or copied from a projector is typed right the first time.
 */
export const SESSION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const SESSION_CODE_LENGTH = 6;
const CODE_RE = new RegExp(`^[${SESSION_CODE_ALPHABET}]{${SESSION_CODE_LENGTH}}$`);

/** Case-insensitive on input (phones capitalise differently); always upper case once parsed. */
export const SessionCode = z
  .string({ error: 'session must be a join code' })
  .trim()
  .toUpperCase()
  .regex(CODE_RE, `a session code is ${SESSION_CODE_LENGTH} characters from ${SESSION_CODE_ALPHABET}`);
export type SessionCode = z.infer<typeof SessionCode>;

/** moderated: pins wait in the queue as usual; immediate: published the moment they arrive (docs/product.md). */
export const PublishMode = z.enum(['moderated', 'immediate'], {
  error: 'publishMode must be "moderated" or "immediate"',
});
export type PublishMode = z.infer<typeof PublishMode>;

export const SESSION_NAME_MAX = 120;
const SessionName = text(SESSION_NAME_MAX, 1, 'name');

/** POST /api/sessions (moderators). */
export const SessionCreate = z.strictObject({
  name: SessionName,
  subarea: SubareaId,
  date: z.iso.date('date must be YYYY-MM-DD'),
  publishMode: PublishMode,
});
export type SessionCreate = z.infer<typeof SessionCreate>;
export type SessionCreateInput = z.input<typeof SessionCreate>;

/** PATCH /api/sessions/:code: a facilitator switches the mode mid-walk or closes the session. */
export const SessionPatch = z.strictObject({
  publishMode: PublishMode.optional(),
  closed: z.boolean({ error: 'closed must be true or false' }).optional(),
});
export type SessionPatch = z.infer<typeof SessionPatch>;

/** What anyone holding the code may see (the join page); who created it stays with the moderators. */
export const PublicSession = z.object({
  code: SessionCode,
  name: z.string(),
  subarea: SubareaId,
  date: z.iso.date(),
  publishMode: PublishMode,
  closed: z.boolean(),
  /** True when a pin sent now is published at once (immediate, open, and within a day of its date). */
  publishesNow: z.boolean(),
});
export type PublicSession = z.infer<typeof PublicSession>;

export const WalkSession = PublicSession.extend({
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  /** Pins sent through the session, by status (moderators' overview). */
  counts: z.object({ pending: z.number().int(), published: z.number().int(), rejected: z.number().int() }),
});
export type WalkSession = z.infer<typeof WalkSession>;
export const SessionList = z.object({ sessions: z.array(WalkSession) });

/** The join page's address for a code: phones open it from the QR code. */
export const joinPath = (code: string) => `/spacer/${code}`;

/**
 * Immediate publishing is a facilitator's choice for one walk, not a standing open door: outside the session's
 * day (±1 day for time zones and late evenings) or once closed, pins through the code go to moderation again.
 */
export function publishesNow(s: { publishMode: PublishMode; closed: boolean; date: string }, now: Date): boolean {
  if (s.publishMode !== 'immediate' || s.closed) return false;
  const day = Date.parse(`${s.date}T12:00:00Z`);
  return Math.abs(now.getTime() - day) <= 36 * 3_600_000;
}
