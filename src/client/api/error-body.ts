import { z } from 'zod';

/** Every API error is `{ error, issues? }` (architecture.md). */
export const ErrorBody = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
