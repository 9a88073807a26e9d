import { z } from 'zod';
import { Lat, LIMITS, Lng, PointRecord, text } from './points.ts';

/** POST /api/auth/login. Logins are what `npm run moderator:add -- <login>` created. */
export const LoginBody = z.strictObject({
  login: text(64, 1, 'login'),
  // Not trimmed or normalised: a password is compared byte for byte with what was set.
  password: z.string({ error: 'password is required' }).min(1, 'password is required').max(256, 'password is too long'),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** GET /api/auth/me and the answer to a successful login (defined with the roles). */
export { Me } from './accounts.ts';

/** POST /api/moderation/points/:id/reject — hiding always says why (docs/product.md). */
export const RejectBody = z.strictObject({ reason: text(LIMITS.reason, 1, 'reason', { multiline: true }) });
export type RejectBody = z.infer<typeof RejectBody>;

/**
 * POST /api/moderation/points/:id/move — a moderator puts a misplaced walk pin or organisation's offer where it
 * belongs. Never a private person's offer: their position is theirs to set (and it decides what is published of it).
 */
export const MoveBody = z.strictObject({ lng: Lng, lat: Lat });
export type MoveBody = z.infer<typeof MoveBody>;

/** POST /api/moderation/points/:id/remove — erasing on request (RODO art. 17) also says why; no personal data in it. */
export const RemoveBody = RejectBody;
export type RemoveBody = RejectBody;

/** GET /api/moderation/queue: pending points, oldest first, with exact position and subarea. */
export const ModerationQueue = z.object({ points: z.array(PointRecord) });
export type ModerationQueue = z.infer<typeof ModerationQueue>;

/** `remove`: erased by its author or a moderator; `expire`: erased by the retention job (server/retention.ts). */
export const AUDIT_ACTIONS = [
  'create',
  'edit',
  'remove',
  'approve',
  'reject',
  'moderator-edit',
  'confirm',
  'expire',
] as const;
/** One line of a point's history: who, what, when and why — never the content, which erasure must be able to remove. */
export const AuditEntry = z.object({
  at: z.iso.datetime(),
  /** A staff login, "author" for the edit-token holder, or "retention" for the retention job. */
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  reason: z.string().nullable(),
  /** The fields an edit changed (names only, e.g. ["title", "description"]); empty for other actions. */
  changed: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const PointHistory = z.object({ id: z.string(), entries: z.array(AuditEntry) });
export type PointHistory = z.infer<typeof PointHistory>;
