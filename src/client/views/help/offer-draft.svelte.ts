import { z } from 'zod';
import type { HelpCreate, PointRecord } from '../../../common/points.ts';
import type { PlacedPoint } from '../../map/placement/placement.svelte.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Languages offered as checkboxes; others are picked by name (languages.ts). Polish and Ukrainian first
 * (docs/product.md). */
export const COMMON_LANGUAGES = ['pl', 'uk', 'en', 'ru', 'de'] as const;
const CONTACTS = ['phone', 'email', 'www'] as const;
export type ContactField = (typeof CONTACTS)[number];
/** The form's fields a message can be attached to (the API's paths folded onto them). */
export type DraftField =
  | 'helperType'
  | 'name'
  | 'kinds'
  | 'description'
  | 'availability'
  | 'languages'
  | ContactField
  | 'location'
  | 'consent';

type HelperType = HelpCreate['helperType'];
/** Like the API body, but with what the resident has not answered yet left open, so validation names it. */
type Body = Omit<HelpCreate, 'consent' | 'lng' | 'lat' | 'helperType'> & {
  helperType: HelperType | null;
  consent?: boolean;
  lng?: number;
  lat?: number;
};

const STORAGE_KEY = 'mapa.helpDraft';
const text = z.string().max(2000);
/** What survives a reload: everything typed except the publication consent, which is given again on purpose. */
const Stored = z.object({
  helperType: z.enum(['organisation', 'person']).nullable(),
  name: text,
  kinds: z.array(z.string()).max(30),
  description: text,
  availability: text,
  days: z.array(z.enum(WEEKDAYS)),
  from: z.string().max(5),
  to: z.string().max(5),
  // otherLanguages: typed codes, from drafts kept before languages were picked by name; folded into languages.
  languages: z.array(z.string()).max(12),
  otherLanguages: text.optional(),
  contact: z.object({ phone: text, email: text, www: text }),
  publish: z.object({ phone: z.boolean(), email: z.boolean(), www: z.boolean() }),
  // Optional: drafts saved before the contact-request notices existed still restore.
  notify: z.boolean().optional(),
  point: z
    .object({
      lng: z.number(),
      lat: z.number(),
      source: z.enum(['tap', 'gps', 'keyboard', 'search', 'existing']),
      label: z.string().optional(),
    })
    .nullable(),
});

/**
 * Everything typed into the offer form, kept in one object that outlives a failed submission and a switch to the
 * search screen (nothing typed is lost). Plain strings as typed; `toBody` turns them into the API shape.
 */
export class OfferDraft {
  /**
   * Not answered until the helper answers: a preselected "organisation" let a hurried private person publish the
   * exact place of their home.
   */
  helperType = $state<HelperType | null>(null);
  name = $state('');
  kinds = $state<string[]>([]);
  description = $state('');
  availability = $state('');
  days = $state<Weekday[]>([]);
  from = $state('');
  to = $state('');
  languages = $state<string[]>(['pl']);
  contact = $state<Record<ContactField, string>>({ phone: '', email: '', www: '' });
  publish = $state<Record<ContactField, boolean>>({ phone: false, email: false, www: false });
  consent = $state(false);
  /** "Powiadamiaj mnie o prośbach": an e-mail when a resident asks the ambassador for contact (needs the e-mail). */
  notify = $state(false);
  /** The place chosen in the location picker, kept while the form is off screen. */
  point = $state<PlacedPoint | null>(null);

  /** The weekdays/hours chosen, as text appended to the availability (the API keeps one availability text). */
  schedule(dayLabel: (d: Weekday) => string): string {
    const days = WEEKDAYS.filter((d) => this.days.includes(d))
      .map(dayLabel)
      .join(', ');
    const hours = this.from || this.to ? `${this.from || '…'}–${this.to || '…'}` : '';
    return [days, hours].filter(Boolean).join(' ');
  }

  toBody(point: { lng: number; lat: number } | null, dayLabel: (d: Weekday) => string): Body {
    const availability = [this.availability.trim(), this.schedule(dayLabel)].filter(Boolean).join('; ');
    const languages = [...new Set(this.languages)];
    const contact = Object.fromEntries(
      CONTACTS.filter((f) => this.contact[f].trim()).map((f) => [
        f,
        f === 'www' ? withScheme(this.contact[f]) : this.contact[f].trim(),
      ]),
    );
    const person = this.helperType === 'person';
    return {
      layer: 'help',
      helperType: this.helperType,
      name: this.name,
      kinds: [...this.kinds],
      ...(this.description.trim() ? { description: this.description } : {}),
      ...(availability ? { availability } : {}),
      ...(languages.length ? { languages } : {}),
      ...(Object.keys(contact).length ? { contact } : {}),
      // Consent is asked per contact of a private person; organisations publish theirs (docs/product.md).
      ...(person
        ? { contactConsent: Object.fromEntries(CONTACTS.filter((f) => contact[f]).map((f) => [f, this.publish[f]])) }
        : {}),
      ...(contact.email ? { notifyRequests: this.notify } : {}),
      ...(point ? { lng: point.lng, lat: point.lat } : {}),
      consent: this.consent,
    };
  }

  /**
   * Kept on this device until the offer is sent (nothing typed is lost — not by an error, not by a reload
   * or a dead battery). It is the helper's own device; the draft is deleted once the server has the offer.
   */
  save(point: PlacedPoint | null = this.point): void {
    const { helperType, name, kinds, description, availability, days, from, to, languages, contact, publish, notify } =
      this;
    const data = {
      helperType,
      name,
      kinds,
      description,
      availability,
      days,
      from,
      to,
      languages,
      contact,
      publish,
      notify,
      point,
    };
    localStorage.setItem(STORAGE_KEY, JSON.stringify($state.snapshot(data)));
  }

  static restore(): OfferDraft {
    const d = new OfferDraft();
    try {
      const parsed = Stored.safeParse(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
      if (parsed.success) {
        const { otherLanguages = '', ...kept } = parsed.data;
        const typed = otherLanguages
          .split(/[\s,;]+/)
          .map((c) => c.trim().toLowerCase())
          .filter(Boolean);
        Object.assign(d, { ...kept, languages: [...new Set([...kept.languages, ...typed])] });
      }
    } catch (e) {
      // A corrupt draft (hand-edited storage) is dropped rather than breaking the form.
      console.warn('help offer draft unreadable, starting empty', e);
    }
    return d;
  }

  static discard(): void {
    localStorage.removeItem(STORAGE_KEY);
  }

  /** An existing offer opened through its private link (weekdays/hours are already part of its availability text). */
  static fromRecord(r: Extract<PointRecord, { layer: 'help' }>): OfferDraft {
    const d = new OfferDraft();
    d.helperType = r.helperType;
    d.name = r.name;
    d.kinds = [...r.kinds];
    d.description = r.description ?? '';
    d.availability = r.availability ?? '';
    const langs = r.languages ?? [];
    d.languages = [...langs];
    d.contact = { phone: r.contact?.phone ?? '', email: r.contact?.email ?? '', www: r.contact?.www ?? '' };
    d.publish = { phone: !!r.contactConsent?.phone, email: !!r.contactConsent?.email, www: !!r.contactConsent?.www };
    d.notify = !!r.notifyRequests;
    d.consent = true;
    return d;
  }
}

/**
 * A web address as residents write it ("fablab.krakow.pl", "www.example.org/kontakt") gets https:// in front; one
 * that already names http or https is kept. Anything else with a scheme is left for the validator to refuse.
 */
export function withScheme(address: string): string {
  const a = address.trim();
  if (!a || /^[a-z][a-z0-9+.-]*:\/\//i.test(a)) return a;
  return `https://${a.replace(/^\/+/, '')}`;
}

/** API/zod issue path → the form field that shows it ("contact.phone" → phone, "lng" → location). */
export function fieldOf(path: string): DraftField | null {
  const [head, sub] = path.split('.');
  if (head === 'lng' || head === 'lat') return 'location';
  if (head === 'contact' && (sub === 'phone' || sub === 'email' || sub === 'www')) return sub;
  if (head === 'contactConsent') return 'consent';
  const known: DraftField[] = ['helperType', 'name', 'kinds', 'description', 'availability', 'languages', 'consent'];
  return known.includes(head as DraftField) ? (head as DraftField) : null;
}
