import { z } from 'zod';
import { Retention, RETENTION_TOKENS } from './retention.ts';

/** One text in the three UI languages; Polish is the binding version of the notice. */
export const LocalText = z.strictObject({
  pl: z.string().trim().min(1).max(2000),
  uk: z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000),
});
export type LocalText = z.infer<typeof LocalText>;

/**
 * A fact only the deployment knows (who the controller is, how to reach the DPO). The file ships with these
 * instead of an invented name or address; `todo` tells whoever edits the file what to write, and the page shows
 * a visible "not filled in" note in its place.
 */
export const Todo = z.strictObject({ todo: z.string().min(1).max(300) });
export type Todo = z.infer<typeof Todo>;
export const isTodo = (v: unknown): v is Todo => typeof v === 'object' && v !== null && 'todo' in v;

const fillable = <S extends z.ZodType>(s: S) =>
  z.union([s, Todo], {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? 'expected the real value, or { "todo": "…" } while it is not known yet'
        : undefined,
  });
const Line = z.string().trim().min(1).max(300);

/** `{rejectedDays}` and friends in a retention text are replaced by the deployment's configured periods. */
const TOKEN = /\{([^{}]*)\}/g;
const RetentionText = LocalText.superRefine((text, ctx) => {
  for (const [lang, s] of Object.entries(text)) {
    for (const [, name] of s.matchAll(TOKEN)) {
      if (!(RETENTION_TOKENS as string[]).includes(name!)) {
        ctx.addIssue({
          code: 'custom',
          path: [lang],
          message: `unknown placeholder {${name}}; use one of ${RETENTION_TOKENS.map((t) => `{${t}}`).join(', ')}`,
        });
      }
    }
  }
});

/** data/privacy.json: the information clause of RODO art. 13, edited by each deployment. */
export const PrivacyNotice = z.strictObject({
  /** When the text was last changed (shown on the page). */
  updated: z.iso.date(),
  /** Administrator danych (art. 13(1)(a)). */
  controller: z.strictObject({
    name: fillable(Line),
    address: fillable(Line),
    email: fillable(z.email()),
    phone: fillable(Line).optional(),
  }),
  /** Inspektor ochrony danych (art. 13(1)(b)); a controller without one says so in `name`. */
  dpo: z.strictObject({
    name: fillable(Line).optional(),
    email: fillable(z.email()),
    address: fillable(Line).optional(),
  }),
  /** What the app collects. */
  data: z.array(LocalText).min(1).max(20),
  /** Purposes with their legal basis (art. 13(1)(c)). */
  purposes: z
    .array(z.strictObject({ purpose: LocalText, basis: LocalText }))
    .min(1)
    .max(20),
  /** Recipients (art. 13(1)(e)); a processor the deployment has not named yet is a placeholder. */
  recipients: z.array(fillable(LocalText)).min(1).max(20),
  /** Retention (art. 13(2)(a)). */
  retention: z.array(RetentionText).min(1).max(20),
  /** Rights (art. 13(2)(b)–(c)). */
  rights: z.array(LocalText).min(1).max(20),
  /** The right to complain to the supervisory authority (art. 13(2)(d)). */
  complaint: LocalText,
  /** Whether giving data is required, transfers outside the EEA, automated decisions (art. 13(1)(f), 13(2)(e)–(f)). */
  other: z.array(fillable(LocalText)).max(20),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

/** GET /api/privacy: the notice and the retention periods this deployment actually applies. */
export const PrivacyAnswer = z.strictObject({ notice: PrivacyNotice, retention: Retention });
export type PrivacyAnswer = z.infer<typeof PrivacyAnswer>;

/** Fills `{rejectedDays}` and friends with the configured numbers. */
export const fillRetention = (text: string, retention: Retention) =>
  text.replace(TOKEN, (whole, name: string) =>
    name in retention ? String(retention[name as keyof Retention]) : whole,
  );

/** Dotted paths of every placeholder still in the notice: start-up lists them so a deployment notices. */
export function unfilled(value: unknown, path = ''): string[] {
  if (isTodo(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unfilled(v, `${path}.${i}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => unfilled(v, path ? `${path}.${k}` : k));
  }
  return [];
}
