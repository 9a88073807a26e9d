import { z } from 'zod';
import { HelperType, PointId, PointStatus } from './points.ts';
import { SubareaId } from './subareas.ts';
import { plainText } from './text.ts';

/**
 * "Poproś o kontakt": a resident asks the subarea's ambassador to connect them with a helper. The messages are
 * Polish because the form shows them as they are (the resident may not read English).
 */
export const CONTACT_LIMITS = {
  name: 80,
  message: 500,
  note: 500,
  phone: 40,
  email: 254,
  /** A person needs longer than this to read and fill in the form; a script posting at once does not. */
  minFillMs: 3000,
} as const;

// The rules of common/text.ts (control, text-direction and invisible-only text), worded for the form.
const hidden = (label: string) =>
  `${label}: tekst zawiera niewidoczne znaki specjalne (na przykład wklejone z innego programu). Wpisz go jeszcze raz.`;
const polishText = (max: number, empty: string, tooLong: string, label: string, multiline = false) =>
  z
    .string({ error: empty })
    .normalize('NFC')
    .trim()
    .min(1, empty)
    .max(max, tooLong)
    .check(plainText(label, { multiline, required: true, message: hidden(label) }));

const phone = z
  .string({ error: 'Numer telefonu musi być tekstem.' })
  .trim()
  .max(CONTACT_LIMITS.phone, `Numer telefonu może mieć najwyżej ${CONTACT_LIMITS.phone} znaków.`)
  .regex(/^(|\+?[0-9 ()-]{5,})$/, 'Numer telefonu: same cyfry, spacje oraz + - ( ), co najmniej 5 znaków.');
const email = z
  .string({ error: 'Adres e-mail musi być tekstem.' })
  .trim()
  .max(CONTACT_LIMITS.email, 'Adres e-mail jest za długi.')
  .refine((v) => v === '' || z.email().safeParse(v).success, 'To nie wygląda na adres e-mail (np. jan@example.pl).');

/** POST /api/points/:id/contact-requests. `homepage` is a honeypot (hidden from people); `fillMs` the time spent. */
export const ContactRequestCreate = z
  .strictObject({
    name: polishText(
      CONTACT_LIMITS.name,
      'Podaj imię lub pseudonim.',
      `Imię lub pseudonim może mieć najwyżej ${CONTACT_LIMITS.name} znaków.`,
      'Imię lub pseudonim',
    ),
    phone: phone.optional(),
    email: email.optional(),
    message: polishText(
      CONTACT_LIMITS.message,
      'Napisz krótko, w czym potrzebujesz pomocy.',
      `Wiadomość może mieć najwyżej ${CONTACT_LIMITS.message} znaków.`,
      'Wiadomość',
      true,
    ),
    consent: z.literal(true, { error: 'Zaznacz zgodę na przekazanie tych danych ambasadorowi i pomocnikowi.' }),
    /** "Możecie przekazać mój kontakt bezpośrednio pomocnikowi": only then does the helper's e-mail carry it. */
    shareDirect: z.boolean({ error: 'shareDirect: prawda albo fałsz.' }).optional(),
    homepage: z.string().max(300).optional(),
    fillMs: z
      .number({ error: 'Brakuje czasu wypełniania formularza (fillMs).' })
      .int()
      .nonnegative()
      .max(86_400_000 * 7),
  })
  .refine((b) => !!b.phone || !!b.email, {
    path: ['phone'],
    message: 'Podaj telefon lub e-mail — choć jedno, żeby ambasador mógł się z Tobą skontaktować.',
  });
export type ContactRequestCreate = z.infer<typeof ContactRequestCreate>;
export type ContactRequestCreateInput = z.input<typeof ContactRequestCreate>;

/** The 201 answer: nothing the resident typed comes back, only who will call. */
export const ContactRequestCreated = z.object({
  id: z.string(),
  status: z.literal('open'),
  subarea: SubareaId,
  ambassador: z.string(),
});
export type ContactRequestCreated = z.infer<typeof ContactRequestCreated>;

export const REQUEST_STATUSES = ['open', 'handed-over', 'failed'] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a request id');

/** One request in the ambassador's inbox. `helperContact` only while open: each such answer is audited. */
export const InboxRequest = z.object({
  id: RequestId,
  status: RequestStatus,
  subarea: SubareaId,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  name: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  message: z.string(),
  shareDirect: z.boolean(),
  note: z.string().nullable(),
  offer: z.object({
    id: PointId,
    name: z.string().optional(),
    helperType: HelperType.optional(),
    status: PointStatus,
    paused: z.boolean().optional(),
  }),
  helperContact: z
    .object({ phone: z.string().optional(), email: z.string().optional(), www: z.string().optional() })
    .nullable(),
  /** An e-mail notice about this request could not be sent (yet): "nie wysłano powiadomienia". */
  mailFailed: z.boolean(),
});
export type InboxRequest = z.infer<typeof InboxRequest>;
export const Inbox = z.object({ requests: z.array(InboxRequest) });
export type Inbox = z.infer<typeof Inbox>;

/** PATCH /api/ambassador/requests/:id: "Przekazano", "Nie udało się" (with a note), reopen. */
export const RequestAction = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('handed-over') }),
    z.strictObject({
      action: z.literal('failed'),
      note: polishText(
        CONTACT_LIMITS.note,
        'Napisz krótko, co się nie udało.',
        `Notatka może mieć najwyżej ${CONTACT_LIMITS.note} znaków.`,
        'Notatka',
        true,
      ),
    }),
    z.strictObject({ action: z.literal('reopen') }),
  ],
  { error: 'action: "handed-over", "failed" albo "reopen"' },
);
export type RequestAction = z.infer<typeof RequestAction>;

/** GET /api/points/:id/contact-requests with the edit token: what the helper may know — that someone asked. */
export const HelperRequests = z.object({
  requests: z.array(z.object({ createdAt: z.iso.datetime(), status: RequestStatus })),
});
export type HelperRequests = z.infer<typeof HelperRequests>;
