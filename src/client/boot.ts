import { z } from 'zod';
import { Categories } from '../common/categories.ts';
import { SubareaCollection } from '../common/subareas.ts';

/**
 * The site data the first screen is drawn from, written into index.html at build time next to the pre-rendered
 * markup (scripts/vite/prerender.ts), so the page hydrates with exactly what the server renderer saw, before any
 * request. The live figures and any edit made since the build arrive with the first GET /api/subareas.
 */
export const Boot = z.strictObject({ subareas: SubareaCollection, categories: Categories });
export type Boot = z.infer<typeof Boot>;

export const BOOT_ELEMENT_ID = 'boot-data';

/** JSON safe inside <script type="application/json">: no "</script>" or "<!--" can end or confuse the element. */
export function bootJson(boot: Boot): string {
  return JSON.stringify(boot).replace(/</g, '\\u003c');
}

/** The pre-rendered site data, or null (no pre-render, e.g. `npm run dev`, or a file that does not parse). */
export function readBoot(doc: Document): Boot | null {
  const text = doc.getElementById(BOOT_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const parsed = Boot.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.warn('pre-rendered site data does not match the schema; loading it from the API', parsed.error.issues);
  } catch (e) {
    console.warn('pre-rendered site data is not JSON; loading it from the API', e);
  }
  return null;
}
