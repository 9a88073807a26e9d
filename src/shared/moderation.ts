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

/** POST /api/moderation/points/:id/reject — hiding always says why (product.md). */
export const RejectBody = z.strictObject({ reason: text(LIMITS.reason, 1, 'reason', { multiline: true }) });
export type RejectBody = z.infer<typeof RejectBody>;

/**
 * POST /api/moderation/points/:id/move — a moderator puts a misplaced walk pin or organisation's offer where it
 * belongs. Never a private person's offer: their position is theirs to set (and it decides what is published of it).
 */
export const MoveBody = z.strictObject({ lng: Lng, lat: Lat });
export type MoveBody = z.infer<typeof MoveBody>;

/** GET /api/moderation/queue: pending points, oldest first, with exact position and subarea. */
export const ModerationQueue = z.object({ points: z.array(PointRecord) });
export type ModerationQueue = z.infer<typeof ModerationQueue>;

export const AUDIT_ACTIONS = ['create', 'edit', 'remove', 'approve', 'reject', 'moderator-edit', 'confirm'] as const;
export const AuditEntry = z.object({
  at: z.iso.datetime(),
  /** A moderator's login, or "author" for the edit-token holder. */
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  reason: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const PointHistory = z.object({ id: z.string(), entries: z.array(AuditEntry) });
export type PointHistory = z.infer<typeof PointHistory>;
