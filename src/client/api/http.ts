import type { z } from 'zod';
import { ErrorBody, type FieldIssue } from '../../common/points.ts';
import { reportNetworkFailure } from '../offline/connection.svelte.ts';

/** A failed request, with the server's own message and field issues when it sent them. */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** Seconds to wait before trying again, from a 429's Retry-After; undefined otherwise. */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

/**
 * The one way the client talks to the API: every response body is parsed with zod, so a server or
 * proxy answering something unexpected fails here, loudly, instead of deep inside a component.
 */
export async function request<S extends z.ZodType>(schema: S, path: string, init?: RequestInit): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  } catch (e) {
    // Cancelled by its caller (a component went away): not a sign that the server is unreachable.
    if (init?.signal?.aborted) throw e;
    reportNetworkFailure();
    throw new ApiFailure(0, `network error: ${(e as Error).message}`);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(body);
    const retryAfter = Number(res.headers.get('Retry-After') ?? NaN);
    const wait = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
    throw parsed.success
      ? new ApiFailure(res.status, parsed.data.error, parsed.data.issues, wait)
      : new ApiFailure(res.status, `HTTP ${res.status} from ${path}`, [], wait);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiFailure(res.status, `unexpected response from ${path}: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}

export const getJson = <S extends z.ZodType>(schema: S, path: string, signal?: AbortSignal) =>
  request(schema, path, { signal });
