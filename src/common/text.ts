import { z } from 'zod';

/**
 * Residents' text fields, one rule for the API and the forms. Text is trimmed and NFC-normalised, capped, and refused
 * when it carries characters that hide or disguise what a moderator or a reader sees:
 *
 * - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F). Multi-line fields (descriptions, reasons) keep
 *   line feed, carriage return and tab: a textarea produces them and they show as what they are. One-line fields
 *   (titles, names, phone numbers) refuse those too — a line break in a title splits list rows, CSV lines and
 *   notifications.
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what follows, so
 *   "gnp.exe" can read as "exe.png" and a phone number can show its digits backwards. The plain marks U+200E, U+200F
 *   and U+061C stay allowed: they cannot reorder anything and Arabic or Hebrew text may need them.
 * - A required field (a title, a name, a reason) made only of invisible characters: zero-width and other
 *   default-ignorable code points, format characters, spaces and the Braille blank render as nothing.
 *
 * Every message names the field, so the answer's `issues` say which one to fix even where the path alone would not.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const C0_C1 = /[\u0000-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex -- as above, line breaks allowed
const C0_C1_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\u2800]/gu;

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export interface TextOptions {
  /** Allows line breaks and tabs (descriptions, reasons); one-line fields refuse them. */
  multiline?: boolean;
}

/** Why a text was refused, carried in the zod issue's params so forms can word it for residents. */
export type TextProblemKind = 'control' | 'lines' | 'direction' | 'invisible';

/** The first problem with already trimmed text, as a sentence naming the field; undefined when it is fine. */
export function textProblem(
  value: string,
  what: string,
  { multiline = false }: TextOptions = {},
): { kind: TextProblemKind; message: string } | undefined {
  const control = (multiline ? C0_C1_EXCEPT_LINES : C0_C1).exec(value);
  if (control) {
    return !multiline && /[\t\n\r]/.test(control[0])
      ? { kind: 'lines', message: `${what} must be one line (no line breaks or tabs)` }
      : { kind: 'control', message: `${what} contains a control character (${hex(control[0])})` };
  }
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return {
      kind: 'direction',
      message: `${what} contains a text-direction control character (${hex(bidi[0])}) that can disguise the text`,
    };
  return undefined;
}

/** True when nothing in the text would be seen. */
export const invisible = (value: string) => value.replace(INVISIBLE, '') === '';

const required = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `${what} is required` : `${what} must be text`;

/**
 * The character rules as a zod check, for schemas that build their own strings (other messages, other caps):
 * `z.string().trim().max(200).check(plainText('place name', { required: true }))`. `message` replaces the English
 * sentence, e.g. with a Polish one for a form that shows the server's words as they are.
 */
export function plainText(
  what: string,
  { required = false, message, ...options }: TextOptions & { required?: boolean; message?: string } = {},
) {
  return (ctx: { value: string; issues: unknown[] }) => {
    let problem = textProblem(ctx.value, what, options);
    if (!problem && required && ctx.value !== '' && invisible(ctx.value)) {
      problem = { kind: 'invisible', message: `${what} has no visible characters` };
    }
    if (problem)
      ctx.issues.push({
        code: 'custom',
        message: message ?? problem.message,
        input: ctx.value,
        params: { text: problem.kind },
      });
  };
}

/** Trimmed, NFC text of at most max characters; `min` 1 for required fields, which must also have something visible. */
export function text(max: number, min = 0, what = 'this field', options: TextOptions = {}) {
  let s = z
    .string({ error: required(what) })
    .normalize('NFC')
    .trim();
  if (min > 0) s = s.min(min, `${what} must not be empty`);
  return s
    .max(max, `${what} is too long (at most ${max} characters)`)
    .check(plainText(what, { ...options, required: min > 0 }));
}
