import { Hono } from 'hono';
import type { AuthStore } from '../db/auth.ts';
import type { RequireRole, StaffEnv } from '../middleware/roles.ts';
import type { AccountList } from '../../shared/accounts.ts';

/** /api/accounts (admin): who can log in, in which role and where. Accounts are created with `npm run account:add`. */
export function accountRoutes(store: AuthStore, requireRole: RequireRole) {
  return new Hono<StaffEnv>().get('/', requireRole('admin'), (c) =>
    c.json({
      accounts: store
        .list()
        .map(({ login, role, subarea, email }) => ({ login, role, subarea, hasEmail: email !== null })),
    } satisfies AccountList),
  );
}
