import { Hono } from 'hono';
import type { AuthRepository } from '../store/types.ts';
import type { RequireRole, StaffEnv } from '../middleware/roles.ts';
import type { AccountList } from '../../common/accounts.ts';

/** /api/accounts (admin): who can log in, in which role and where. Accounts are created with `npm run account:add`. */
export function accountRoutes(store: AuthRepository, requireRole: RequireRole) {
  return new Hono<StaffEnv>().get('/', requireRole('admin'), async (c) =>
    c.json({
      accounts: (await store.list()).map(({ login, role, subarea, email }) => ({
        login,
        role,
        subarea,
        hasEmail: email !== null,
      })),
    } satisfies AccountList),
  );
}
