import { z } from 'zod';
import { AreaGeometry } from './geojson.ts';

/** The three subarea ids are the API's vocabulary (docs/product.md); boundaries may be replaced, ids stay. */
export const SubareaId = z.enum(['grzegorzki-wesola', 'stara-nowa-huta', 'kazimierz-stradom']);
export type SubareaId = z.infer<typeof SubareaId>;

/** Properties as kept in data/subareas.geojson: ours plus provenance, which must survive a replacement. */
export const SubareaFileProperties = z
  .object({
    id: SubareaId,
    name: z.string().min(1),
    districts: z.array(z.string()).default([]),
    status: z.string().min(1, 'say whether the boundary is an ESTIMATE or OFFICIAL'),
    confidence: z.string().optional(),
    official_source: z.string().optional(),
  })
  .loose();

export const SubareaFileFeature = z.object({
  type: z.literal('Feature'),
  properties: SubareaFileProperties,
  geometry: AreaGeometry,
});

export const SubareaFile = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(SubareaFileFeature).length(3, 'expected exactly the three subareas'),
});
export type SubareaFile = z.infer<typeof SubareaFile>;

/**
 * data/ambassadors.json: the panel content, taken from the city's article. The contact card (seat = address, phone,
 * email, website, hours) shows only what is filled: a field the article does not give stays absent, never invented.
 * Ambassadors may edit the card and the activities in the app (AMBASSADOR_EDITABLE); their edit overrides the file.
 */
export const Ambassador = z.strictObject({
  subarea: SubareaId,
  organisation: z.string().min(1),
  since: z.number().int().optional(),
  about: z.string().min(1),
  seat: z.string().optional(),
  phone: z.string().optional(),
  email: z.email().optional(),
  website: z.url().optional(),
  hours: z.string().optional(),
  facebook: z.url().optional(),
  activities: z.array(z.string().min(1)).min(1),
  mapActivity: z.enum(['help', 'walk']).optional(),
});
export type Ambassador = z.infer<typeof Ambassador>;
export const AmbassadorFile = z.strictObject({ source: z.string(), ambassadors: z.array(Ambassador).length(3) });

/** Pins per layer and kind; zero until contributions exist. */
export const SubareaCounts = z.strictObject({
  help: z.number().int().nonnegative(),
  keep: z.number().int().nonnegative(),
  change: z.number().int().nonnegative(),
});
export type SubareaCounts = z.infer<typeof SubareaCounts>;

/** GET /api/subareas: what a client may rely on. */
export const SubareaProperties = z.object({
  id: SubareaId,
  name: z.string(),
  districts: z.array(z.string()),
  areaHa: z.number().positive(),
  approximate: z.boolean(),
  boundarySource: z.string(),
  ambassador: Ambassador,
  counts: SubareaCounts,
});
export type SubareaProperties = z.infer<typeof SubareaProperties>;

export const SubareaFeature = z.object({
  type: z.literal('Feature'),
  id: SubareaId,
  properties: SubareaProperties,
  geometry: AreaGeometry,
});
export type SubareaFeature = z.infer<typeof SubareaFeature>;

export const SubareaCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(SubareaFeature),
});
export type SubareaCollection = z.infer<typeof SubareaCollection>;
