import { z } from 'zod';
import type { Categories } from './categories.ts';
import { KRAKOW_BBOX } from './geo/bounds.ts';
import { SubareaId } from './subareas.ts';
import { PhotoMeta } from './photos.ts';
import { SessionCode } from './sessions.ts';
import { text, textProblem } from './text.ts';

// Re-exported: the other request schemas import text() from here.
export { text };

/**
 * Contributions: request bodies are strict (unknown keys rejected, sizes capped, text trimmed and
 * NFC-normalised); response schemas are lenient objects so the server can add fields without breaking clients.
 * Request schemas are built from data/categories.json (editable data), hence makePointSchemas(categories).
 */

/** Size caps, declared once; the client shows the same limits next to its fields. */
export const LIMITS = {
  title: 120,
  description: 2000,
  nickname: 40,
  name: 120,
  availability: 300,
  language: 8,
  languages: 12,
  phone: 40,
  email: 254,
  www: 300,
  reason: 500,
} as const;

export const LAYERS = ['walk', 'help'] as const;
export const Layer = z.enum(LAYERS);
export type Layer = z.infer<typeof Layer>;
export const WalkKind = z.enum(['keep', 'change']);
export type WalkKind = z.infer<typeof WalkKind>;
export const HelperType = z.enum(['organisation', 'person']);
export type HelperType = z.infer<typeof HelperType>;
export const PointStatus = z.enum(['pending', 'published', 'rejected', 'removed']);
export type PointStatus = z.infer<typeof PointStatus>;
/** Opaque, URL-safe point id (the server makes them random so ids do not reveal submission counts). */
export const PointId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a point id');

const [W, S, E, N] = KRAKOW_BBOX;
const OUTSIDE = `Punkt musi leżeć w Krakowie / the point must lie within Kraków`;
const coord = (lo: number, hi: number, what: string) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? `${what} is required` : `${what} must be a number`) })
    .min(lo, `${OUTSIDE} (${what} ${lo}–${hi})`)
    .max(hi, `${OUTSIDE} (${what} ${lo}–${hi})`);
export const Lng = coord(W, E, 'longitude');
export const Lat = coord(S, N, 'latitude');

const consent = z.literal(true, { error: 'consent to publication is required (must be true)' });
const Language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'a language code like "pl", "uk" or "en"');

export const Contact = z.strictObject({
  phone: text(LIMITS.phone, 1, 'phone')
    .regex(/^\+?[0-9 ()-]{5,}$/, 'phone: digits, spaces, +, -, ( ) only')
    .optional(),
  email: z.email('not an e-mail address').max(LIMITS.email).optional(),
  www: z
    .url({ protocol: /^https?$/, error: 'an http(s) address, e.g. https://example.org' })
    .max(LIMITS.www)
    .refine((v) => !textProblem(v, 'www'), 'www contains a control or text-direction character')
    .optional(),
});
export type Contact = z.infer<typeof Contact>;
/** Per-field publication consent for a private person's contacts; organisations publish theirs. */
export const ContactConsent = z.strictObject({
  phone: z.boolean().optional(),
  email: z.boolean().optional(),
  www: z.boolean().optional(),
});
export type ContactConsent = z.infer<typeof ContactConsent>;

export const uniq = (xs: readonly string[]) => new Set(xs).size === xs.length;

/** A help kind's id, one of data/categories.json's (editable data). */
export function helpKind(categories: Categories) {
  const kindIds = categories.helpKinds.map((c) => c.id) as [string, ...string[]];
  return z.enum(kindIds, { error: `kind of help must be one of: ${kindIds.join(', ')}` });
}

export function makePointSchemas(categories: Categories) {
  // z.enum needs a non-empty tuple; Categories guarantees at least one entry of each.
  const themeIds = categories.walkThemes.map((c) => c.id) as [string, ...string[]];
  const Theme = z.enum(themeIds, { error: `theme must be one of: ${themeIds.join(', ')}` });
  const Kind = helpKind(categories);

  const walkFields = {
    lng: Lng,
    lat: Lat,
    kind: z.enum(['keep', 'change'], { error: 'kind must be "keep" or "change"' }),
    theme: Theme,
    title: text(LIMITS.title, 1, 'title'),
    description: text(LIMITS.description, 0, 'description', { multiline: true }).optional(),
    nickname: text(LIMITS.nickname, 0, 'nickname').optional(),
  };
  const helpFields = {
    lng: Lng,
    lat: Lat,
    helperType: z.enum(['organisation', 'person'], { error: 'helperType must be "organisation" or "person"' }),
    name: text(LIMITS.name, 1, 'name'),
    kinds: z
      .array(Kind, { error: 'kinds must be a list of help kinds' })
      .min(1, 'choose at least one kind of help')
      .max(categories.helpKinds.length)
      .refine(uniq, 'each kind of help once'),
    description: text(LIMITS.description, 0, 'description', { multiline: true }).optional(),
    availability: text(LIMITS.availability, 0, 'availability').optional(),
    languages: z.array(Language).max(LIMITS.languages).refine(uniq, 'each language once').optional(),
    contact: Contact.optional(),
    contactConsent: ContactConsent.optional(),
    /** "Powiadamiaj mnie o prośbach": e-mail the helper when a resident asks for contact (needs contact.email). */
    notifyRequests: z.boolean({ error: 'notifyRequests must be true or false' }).optional(),
  };

  const layerError = { error: 'layer must be "walk" or "help"' };
  // `session` only on create: a pin joins a walk session when sent, an edit never moves it to another.
  const WalkCreate = z.strictObject({
    layer: z.literal('walk'),
    ...walkFields,
    session: SessionCode.optional(),
    consent,
  });
  const HelpCreate = z.strictObject({ layer: z.literal('help'), ...helpFields, consent });
  const PointCreate = z.discriminatedUnion('layer', [WalkCreate, HelpCreate], layerError);

  /** PATCH (author or moderator): `layer` names which fields apply and must match the stored point. */
  const WalkPatch = z.strictObject({ layer: z.literal('walk'), ...partial(walkFields) });
  const HelpPatch = z.strictObject({
    layer: z.literal('help'),
    ...partial(helpFields),
    /** "Still valid" (freshness): refreshes confirmedAt without changing anything else. */
    confirm: z.literal(true).optional(),
    /** The author pauses the offer ("not now") or resumes it; shown as paused, stays published. */
    paused: z.boolean({ error: 'paused must be true or false' }).optional(),
  });
  const PointPatch = z.discriminatedUnion('layer', [WalkPatch, HelpPatch], layerError);

  /** A moderator's PATCH: the author's PATCH with every field outside MODERATOR_FIELDS refused by name. */
  const ModeratorPatch = z.discriminatedUnion(
    'layer',
    [authorOnlyExcept(WalkPatch, MODERATOR_FIELDS.walk), authorOnlyExcept(HelpPatch, MODERATOR_FIELDS.help)],
    layerError,
  );

  return { WalkCreate, HelpCreate, PointCreate, WalkPatch, HelpPatch, PointPatch, ModeratorPatch };
}

/**
 * What a moderator may correct: what residents wrote and how it is classified. Never who offers help, contact
 * consent, contacts, position, confirmation or pausing: switching a person to an organisation, or ticking a consent,
 * would publish their door or phone at once, so only the author, holding the edit token, decides those. A field
 * added to the author's PATCH later is author-only until it is listed here (tests/api/moderator-patch.test.ts
 * fails until it is classified).
 */
export const MODERATOR_FIELDS = {
  walk: ['title', 'description', 'nickname', 'kind', 'theme'],
  help: ['name', 'description', 'availability', 'kinds', 'languages'],
} as const satisfies Record<Layer, readonly string[]>;

const AUTHOR_ONLY =
  'only the author may change this, with their private edit link; a moderator may correct text or reject';

/** `schema` with every field but `layer` and `keep` turned into one that refuses any value, naming the field. */
function authorOnlyExcept<S extends z.ZodObject, K extends string>(schema: S, keep: readonly K[]) {
  const refused = Object.keys(schema.shape)
    .filter((k) => k !== 'layer' && !(keep as readonly string[]).includes(k))
    .map((k) => [k, z.never({ error: AUTHOR_ONLY }).optional()] as const);
  return schema.extend(Object.fromEntries(refused)) as unknown as z.ZodObject<
    Pick<S['shape'], K | 'layer'>,
    z.core.$strict
  >;
}

function partial<T extends Record<string, z.ZodType>>(fields: T) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

export type PointSchemas = ReturnType<typeof makePointSchemas>;
export type PointCreate = z.infer<PointSchemas['PointCreate']>;
export type WalkCreate = z.infer<PointSchemas['WalkCreate']>;
export type HelpCreate = z.infer<PointSchemas['HelpCreate']>;
export type PointPatch = z.infer<PointSchemas['PointPatch']>;
export type ModeratorPatch = z.infer<PointSchemas['ModeratorPatch']>;
/** What the client sends (before trimming/normalising). */
export type PointCreateInput = z.input<PointSchemas['PointCreate']>;
export type PointPatchInput = z.input<PointSchemas['PointPatch']>;
export type ModeratorPatchInput = z.input<PointSchemas['ModeratorPatch']>;

// ——— responses ———

/** `published` only when sent through a walk session that publishes immediately. */
export const PointCreated = z.object({
  id: PointId,
  status: z.enum(['pending', 'published']),
  editToken: z.string().min(40),
});
export type PointCreated = z.infer<typeof PointCreated>;

const publicMeta = {
  id: PointId,
  subarea: SubareaId.nullable(),
  status: PointStatus,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
/** Theme and kind ids are plain strings here: a category removed from data must not break old points. */
export const WalkProperties = z.object({
  ...publicMeta,
  layer: z.literal('walk'),
  kind: WalkKind,
  theme: z.string(),
  title: z.string(),
  description: z.string().optional(),
  nickname: z.string().optional(),
  /** "Me too" votes. */
  votes: z.number().int().nonnegative(),
  /** Present when the pin has a photo (bytes at GET /api/points/:id/photo). */
  photo: PhotoMeta.optional(),
});
export const HelpProperties = z.object({
  ...publicMeta,
  layer: z.literal('help'),
  helperType: HelperType,
  name: z.string(),
  kinds: z.array(z.string()),
  description: z.string().optional(),
  availability: z.string().optional(),
  languages: z.array(z.string()).optional(),
  /** Only the contacts that may be published (organisations: all; persons: those with consent). */
  contact: z
    .object({ phone: z.string().optional(), email: z.string().optional(), www: z.string().optional() })
    .optional(),
  confirmedAt: z.iso.datetime(),
  /** True for private persons: the geometry is a coarsened position, never their door. */
  approximate: z.boolean(),
  /** Radius in metres around the geometry within which the real position lies; only when approximate. */
  approxRadiusM: z.number().positive().optional(),
  /** True while its author has paused the offer; absent otherwise. */
  paused: z.boolean().optional(),
});
export const PointProperties = z.discriminatedUnion('layer', [WalkProperties, HelpProperties]);
export type WalkProperties = z.infer<typeof WalkProperties>;
export type HelpProperties = z.infer<typeof HelpProperties>;
export type PointProperties = z.infer<typeof PointProperties>;

export const PointFeature = z.object({
  type: z.literal('Feature'),
  id: PointId,
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: PointProperties,
});
export type PointFeature = z.infer<typeof PointFeature>;
export const PointCollection = z.object({
  type: z.literal('FeatureCollection'),
  /** GET /api/points: the public data's version the list was read at; GET /api/points/changes?since= takes it. */
  version: z.number().int().nonnegative().optional(),
  features: z.array(PointFeature),
});
export type PointCollection = z.infer<typeof PointCollection>;

/** A query parameter that counts things: a whole number from 1 to `max`, arriving as text; errors name `field`. */
export const countParam = (field: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, `${field} is a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `${field}: at least 1`).max(max, `${field}: at most ${max}`));

/** The most GET /api/points?newest= lists: a page of a list, not a download of the layer. */
export const NEWEST_MAX = 500;

/** GET /api/points query. bbox = "minLng,minLat,maxLng,maxLat". */
export const PointsQuery = z
  .strictObject({
    layer: Layer,
    subarea: SubareaId.optional(),
    bbox: z
      .string()
      .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox is minLng,minLat,maxLng,maxLat')
      .transform((s) => s.split(',').map(Number) as [number, number, number, number])
      .refine(([w, s, e, n]) => w <= e && s <= n, 'bbox: min must not exceed max')
      .optional(),
    /**
     * Only the newest this many, newest first: the list of a layer too big to send whole (drawn from tiles), when no
     * map view narrows it down. Not with bbox: the pins in a view are listed whole.
     */
    newest: countParam('newest', NEWEST_MAX).optional(),
  })
  .refine((q) => !(q.newest && q.bbox), { path: ['newest'], message: 'newest cannot be combined with bbox' });
export type PointsQuery = z.infer<typeof PointsQuery>;

const recordMeta = {
  id: PointId,
  status: PointStatus,
  subarea: SubareaId.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  /** Why a moderator rejected (hid) it; shown to its author. */
  rejectReason: z.string().nullable(),
  votes: z.number().int().nonnegative(),
};
/** The full point, exact position and all contacts: only for its author (edit token) and moderators. */
export const PointRecord = z.discriminatedUnion('layer', [
  z.object({
    ...recordMeta,
    layer: z.literal('walk'),
    lng: z.number(),
    lat: z.number(),
    kind: WalkKind,
    theme: z.string(),
    title: z.string(),
    description: z.string().optional(),
    nickname: z.string().optional(),
    /** Set only by PUT/DELETE /api/points/:id/photo, never by a PATCH body. */
    photo: PhotoMeta.optional(),
    /** The walk session it was sent through; not in the public projection (the code lets people post). */
    session: SessionCode.optional(),
  }),
  z.object({
    ...recordMeta,
    layer: z.literal('help'),
    lng: z.number(),
    lat: z.number(),
    helperType: HelperType,
    name: z.string(),
    kinds: z.array(z.string()),
    description: z.string().optional(),
    availability: z.string().optional(),
    languages: z.array(z.string()).optional(),
    contact: Contact.optional(),
    contactConsent: ContactConsent.optional(),
    /** The helper wants an e-mail about each contact request; never public. */
    notifyRequests: z.boolean().optional(),
    /** Set by the author's PATCH {paused}; kept in the JSON data column like every layer-specific field. */
    paused: z.boolean().optional(),
  }),
]);
export type PointRecord = z.infer<typeof PointRecord>;

export const VoteResult = z.object({ id: PointId, votes: z.number().int().nonnegative(), counted: z.boolean() });
export type VoteResult = z.infer<typeof VoteResult>;

/** SSE `event:` names on GET /api/events; `data:` is PointEvent JSON. */
export const POINT_EVENTS = ['published', 'updated', 'removed'] as const;
export type PointEventName = (typeof POINT_EVENTS)[number];
/** `feature` absent: the point left the public map. `version`: the public data's version right after the change. */
export const PointEvent = z.object({
  id: PointId,
  layer: Layer,
  feature: PointFeature.optional(),
  version: z.number().int().nonnegative().optional(),
});
export type PointEvent = z.infer<typeof PointEvent>;

/** GET /api/points/changes?since=N */
export const PointChangesQuery = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,15}$/, 'since is a version number from an earlier answer')
    .transform(Number),
  layer: Layer.optional(),
});
/**
 * What changed on the public map after a version, one entry per point in its current state (same shape as an
 * event). `reset`: the server cannot tell (too far behind, or another database): load the whole lists again.
 */
export const PointChanges = z.object({
  version: z.number().int().nonnegative(),
  reset: z.boolean(),
  changes: z.array(PointEvent.omit({ version: true })),
});
export type PointChanges = z.infer<typeof PointChanges>;

/** One input problem in an error body: the field's path as the API names it ("contact.phone") and why. */
export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  error: z.string(),
  issues: z.array(FieldIssue).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
