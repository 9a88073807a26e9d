import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldIssue } from '../common/points.ts';

/** One shape for a field's problem on both sides: the shared schema's, which the client parses error bodies with. */
export type { FieldIssue };

/** Every error body is `{ error, issues? }` (docs/architecture.md); throw this from a handler to answer with one. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly error: string,
    readonly issues?: FieldIssue[],
  ) {
    super(status, { message: error });
  }
}
