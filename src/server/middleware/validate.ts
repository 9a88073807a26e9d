import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { $ZodError } from 'zod/v4/core';
import { ApiError, type FieldIssue } from '../http-error.ts';

/** Zod issues → `{path, message}` naming each field; unknown keys become one issue per key (path = the key). */
export function fieldIssues(error: $ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'unknown field' }));
    }
    // A body that is not an object at all (null, a number, a list) has no field to name.
    return [{ path: base || 'body', message: issue.message }];
  });
}

/**
 * zValidator with the project's error shape (docs/architecture.md): `400 {error, issues}` instead of the raw ZodError.
 * Note a json target only parses bodies whose Content-Type is JSON; requireJson() runs first to refuse others.
 */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result) => {
    if (!result.success)
      throw new ApiError(400, `invalid ${target === 'json' ? 'request body' : target}`, fieldIssues(result.error));
  });
}
