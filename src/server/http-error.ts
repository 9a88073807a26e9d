import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldIssue {
  path: string;
  message: string;
}

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
