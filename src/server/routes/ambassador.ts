import { Hono } from 'hono';
import { z } from 'zod';
import type { ContactRequests } from '../contact-requests.ts';
import type { Ambassadors } from '../ambassadors.ts';
import { validate } from '../middleware/validate.ts';
import { capBody, requireJson } from '../middleware/guards.ts';
import { requireSubarea, type RequireRole, type StaffEnv } from '../middleware/roles.ts';
import { RequestAction, RequestId } from '../../common/contact-requests.ts';
import { AmbassadorCardEdit } from '../../common/ambassador-card.ts';
import { SubareaId } from '../../common/subareas.ts';

const RequestParam = z.strictObject({ id: RequestId });
const SubareaParam = z.strictObject({ subarea: SubareaId });

/**
 * /api/ambassador: the brokering inbox and the ambassador's own panel text. For the subarea's ambassador and admins;
 * moderators do not see residents' requests or helpers' private contacts (they have no need to).
 */
export function ambassadorRoutes(requireRole: RequireRole, requests: ContactRequests, ambassadors: Ambassadors) {
  const brokers = requireRole('admin', 'ambassador');
  const json = [requireJson, capBody(16 * 1024)] as const;
  return new Hono<StaffEnv>()
    .get('/requests', brokers, async (c) => c.json(await requests.inbox(c.var.account)))
    .patch(
      '/requests/:id',
      brokers,
      ...json,
      validate('param', RequestParam),
      requireSubarea('id', (id) => requests.subareaOf(id)),
      validate('json', RequestAction),
      async (c) => c.json(await requests.act(c.var.account, c.req.valid('param').id, c.req.valid('json'))),
    )
    .put(
      '/cards/:subarea',
      brokers,
      ...json,
      validate('param', SubareaParam),
      requireSubarea('subarea', (s) => s),
      validate('json', AmbassadorCardEdit),
      async (c) => {
        const { subarea } = c.req.valid('param');
        return c.json(await ambassadors.edit(subarea, c.req.valid('json'), c.var.moderator));
      },
    );
}
