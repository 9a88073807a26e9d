import { z } from 'zod';
import { SubareaId } from './subareas.ts';

/**
 * Staff roles (residents and helpers have no accounts):
 * - admin: everything, in every subarea, and the accounts themselves;
 * - moderator: the review queue, walk sessions and stale offers, in every subarea;
 * - ambassador: one subarea — its moderation, its contact requests, its panel text.
 */
export const ROLES = ['admin', 'moderator', 'ambassador'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** The logged-in account as GET /api/auth/me and the login answer describe it. */
export const Me = z.object({ login: z.string(), role: Role, subarea: SubareaId.nullable() });
export type Me = z.infer<typeof Me>;

/** GET /api/accounts (admin): who can log in; never a password hash or an e-mail in a list. */
export const AccountList = z.object({
  accounts: z.array(z.object({ login: z.string(), role: Role, subarea: SubareaId.nullable(), hasEmail: z.boolean() })),
});
export type AccountList = z.infer<typeof AccountList>;
