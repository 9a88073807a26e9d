import { LIMITS } from '../../../shared/points.ts';
import type { MessageKey } from '../../i18n/i18n.svelte.ts';
import { fieldOf, type DraftField } from './offer-draft.svelte.ts';

type T = (key: MessageKey, options?: Record<string, unknown>) => string;
const MAX: Partial<Record<DraftField, number>> = {
  name: LIMITS.name,
  description: LIMITS.description,
  availability: LIMITS.availability,
};

/**
 * zod or API issues → one plain-language message per form field, in the resident's language ("Polish
 * messages next to the fields"). An issue on a path the form does not show is kept under `other`, never dropped.
 */
export function fieldErrors(issues: readonly { path: string; message: string }[], t: T) {
  const errors: Partial<Record<DraftField, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!field) {
      other.push(`${issue.path}: ${issue.message}`);
      continue;
    }
    errors[field] ??= t(`help.form.errors.${field}` as MessageKey, { max: MAX[field] });
  }
  return { errors, other };
}

/** zod's issues with their paths joined like the API's ("contact.phone"). */
export const zodIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
