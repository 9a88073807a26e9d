import {
  ActivityInput,
  AUDIENCES,
  type Activity,
  type ActivityPatch,
  type Audience,
} from '../../../../common/activities.ts';
import type { Place } from '../../../../common/places.ts';
import type { SubareaId } from '../../../../common/subareas.ts';

/** Fields the form names an error for; anything else falls back to a general message. */
export const FORM_FIELDS = ['title', 'place', 'start', 'end', 'audience', 'registration', 'cancelReason'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/**
 * The ambassador's form as plain strings, checked with the same zod schema the server uses before anything is sent.
 * A planned item from the panel's list arrives as `fromPlan` and fills the title.
 */
export class ActivityDraft {
  title = $state('');
  placeName = $state('');
  lng = $state<number | null>(null);
  lat = $state<number | null>(null);
  start = $state('');
  end = $state('');
  description = $state('');
  accessibility = $state('');
  audience = $state<Audience[]>(['wszyscy']);
  registration = $state<'none' | 'link' | 'email'>('none');
  url = $state('');
  email = $state('');
  status = $state<'zaplanowane' | 'odwolane'>('zaplanowane');
  cancelReason = $state('');
  fromPlan = $state<string | null>(null);

  constructor(
    readonly subarea: SubareaId,
    from: { activity?: Activity; plan?: string } = {},
  ) {
    const a = from.activity;
    if (a) {
      this.title = a.title;
      this.placeName = a.place.name;
      [this.lng, this.lat] = [a.place.lng, a.place.lat];
      [this.start, this.end] = [a.start, a.end];
      this.description = a.description ?? '';
      this.accessibility = a.accessibility ?? '';
      this.audience = [...a.audience];
      this.registration = a.registration.type;
      if (a.registration.type === 'link') this.url = a.registration.url;
      if (a.registration.type === 'email') this.email = a.registration.email;
      this.status = a.status;
      this.cancelReason = a.cancelReason ?? '';
      this.fromPlan = a.fromPlan ?? null;
    } else if (from.plan) {
      // Planned items are long sentences; a title is at most 140 characters.
      this.title = from.plan.length > 140 ? `${from.plan.slice(0, 139)}…` : from.plan;
      this.fromPlan = from.plan;
    }
  }

  choosePlace(p: Place): void {
    this.placeName = p.properties.name;
    [this.lng, this.lat] = p.geometry.coordinates;
  }

  toggleAudience(a: Audience, on: boolean): void {
    const set = new Set(this.audience);
    if (on) set.add(a);
    else set.delete(a);
    this.audience = AUDIENCES.filter((x) => set.has(x));
  }

  /** The request body as the API takes it, unchecked. */
  body(): Record<string, unknown> {
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    return {
      title: this.title.trim(),
      subarea: this.subarea,
      place:
        this.lng === null || this.lat === null
          ? undefined
          : { name: this.placeName.trim(), lng: this.lng, lat: this.lat },
      start: this.start,
      end: this.end,
      description: opt(this.description),
      accessibility: opt(this.accessibility),
      audience: this.audience,
      registration:
        this.registration === 'link'
          ? { type: 'link', url: this.url.trim() }
          : this.registration === 'email'
            ? { type: 'email', email: this.email.trim() }
            : { type: 'none' },
      status: this.status,
      cancelReason: this.status === 'odwolane' ? opt(this.cancelReason) : undefined,
      fromPlan: this.fromPlan ?? undefined,
    };
  }

  /** Field → true when zod refuses it; `ok` with the parsed input otherwise. */
  check(): { ok: true; input: ActivityInput } | { ok: false; fields: Set<FormField | 'other'> } {
    const parsed = ActivityInput.safeParse(this.body());
    if (parsed.success) return { ok: true, input: parsed.data };
    const fields = new Set<FormField | 'other'>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      fields.add((FORM_FIELDS as readonly string[]).includes(field) ? (field as FormField) : 'other');
    }
    return { ok: false, fields };
  }
}

/** An edit sends every field, optional texts as null when emptied (the API then removes them). */
export function toPatch(input: ActivityInput): ActivityPatch {
  const { subarea: _s, ...rest } = input;
  return {
    ...rest,
    description: rest.description ?? null,
    accessibility: rest.accessibility ?? null,
    cancelReason: rest.cancelReason ?? null,
    fromPlan: rest.fromPlan ?? null,
  };
}
