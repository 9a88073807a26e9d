import type { z } from 'zod';
import type { FieldIssue } from '../../common/points.ts';

/** An issue from the server (`FieldIssue`) or from zod in the browser, which also says what kind of problem it is. */
export type Issue = FieldIssue & { code?: z.core.$ZodIssue['code']; params?: Record<string, unknown> };

/** zod's issues with their paths joined as the API joins them ("contact.phone"), so both sides map alike. */
export const fromZod = (issues: readonly z.core.$ZodIssue[]): Issue[] =>
  issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
    code: i.code,
    ...('params' in i && i.params ? { params: i.params } : {}),
  }));

/**
 * Issues sorted onto a form's fields, the first for each field kept (one message per field). An issue whose path
 * the form does not show goes to `other`, never dropped: the form names it, or the developer sees it.
 */
export function issuesByField<F extends string>(
  issues: readonly Issue[],
  fieldOf: (path: string) => F | null,
): { fields: Partial<Record<F, Issue>>; other: Issue[] } {
  const fields: Partial<Record<F, Issue>> = {};
  const other: Issue[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field === null) other.push(issue);
    else fields[field] ??= issue;
  }
  return { fields, other };
}

/** The fields' messages, one per field: `message` words each field's issue for the resident. */
export function fieldMessages<F extends string>(
  fields: Partial<Record<F, Issue>>,
  message: (field: F, issue: Issue) => string,
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const [field, issue] of Object.entries(fields) as [F, Issue][]) out[field] = message(field, issue);
  return out;
}
