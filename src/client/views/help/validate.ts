import { LIMITS } from '../../../common/points.ts';
import type { MessageKey } from '../../i18n/i18n.svelte.ts';
import { fieldMessages, issuesByField, type Issue } from '../../state/field-issues.ts';
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
export function fieldErrors(issues: readonly Issue[], t: T) {
  const { fields, other } = issuesByField(issues, fieldOf);
  return {
    errors: fieldMessages(fields, (field) => t(`help.form.errors.${field}` as MessageKey, { max: MAX[field] })),
    other: other.map((i) => `${i.path}: ${i.message}`),
  };
}
