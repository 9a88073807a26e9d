import type { z } from 'zod';
import { PHOTO } from '../../../common/photos.ts';
import { LIMITS, type FieldIssue } from '../../../common/points.ts';
import type { TextProblemKind } from '../../../common/text.ts';
import type { I18n } from '../../i18n/i18n.svelte.ts';
import { fieldMessages, fromZod, issuesByField, type Issue } from '../../state/field-issues.ts';

/** Form fields that can carry a message; `place` stands for lng/lat. */
export type WalkField = 'place' | 'kind' | 'theme' | 'title' | 'description' | 'nickname' | 'consent' | 'photo';
export type FieldErrors = Partial<Record<WalkField, string>>;

const FIELDS = new Set<string>(['kind', 'theme', 'title', 'description', 'nickname', 'consent']);
const MAX: Partial<Record<WalkField, number>> = {
  title: LIMITS.title,
  description: LIMITS.description,
  nickname: LIMITS.nickname,
};

/** An issue path from zod or the server ("title", "lng", …) → the form field it belongs to. */
export function fieldOf(path: string): WalkField | null {
  const head = path.split('.')[0] ?? '';
  if (head === 'lng' || head === 'lat') return 'place';
  return FIELDS.has(head) ? (head as WalkField) : null;
}

/**
 * The shared schema's issues (the same WalkCreate the server uses) as Polish/Ukrainian/English sentences next to
 * each field. zod's own English messages stay for developers; residents read these.
 */
export function walkErrors(issues: readonly z.core.$ZodIssue[], i18n: I18n): FieldErrors {
  const { fields } = issuesByField(fromZod(issues), fieldOf);
  return fieldMessages(fields, (field, issue) => messageFor(field, issue, i18n));
}

function messageFor(field: WalkField, issue: Issue, i18n: I18n): string {
  if (field === 'place')
    return issue.code === 'invalid_type' ? i18n.t('walk.errors.place') : i18n.t('walk.errors.outside');
  if (field === 'kind') return i18n.t('walk.errors.kind');
  if (field === 'theme') return i18n.t('walk.errors.theme');
  if (field === 'consent') return i18n.t('walk.errors.consent');
  if (issue.code === 'too_big') return i18n.t('walk.errors.tooLong', { max: MAX[field] });
  if (field === 'title' && (issue.code === 'too_small' || issue.code === 'invalid_type'))
    return i18n.t('walk.errors.titleRequired');
  if (issue.code === 'custom') {
    const kind = issue.params?.['text'] as TextProblemKind | undefined;
    if (kind === 'invisible' && field === 'title') return i18n.t('walk.errors.titleRequired');
    if (kind === 'lines') return i18n.t('walk.errors.oneLine');
    return i18n.t('walk.errors.control');
  }
  return i18n.t('walk.errors.other', { message: issue.message });
}

/** Server-side issues ({path, message}) for fields the client could not check (or a newer server rule). */
export function serverErrors(issues: readonly FieldIssue[], i18n: I18n): FieldErrors {
  const { fields } = issuesByField(issues, (path) => fieldOf(path) ?? (path === 'photo' ? 'photo' : null));
  return fieldMessages(fields, (_field, { message }) => i18n.t('walk.errors.other', { message }));
}

export function photoError(file: File | null, i18n: I18n): string | undefined {
  if (!file) return undefined;
  if (!(PHOTO.types as readonly string[]).includes(file.type)) return i18n.t('walk.errors.photoType');
  if (file.size > PHOTO.maxBytes) return i18n.t('walk.errors.photoSize', { mb: PHOTO.maxBytes / 1024 / 1024 });
  return undefined;
}
