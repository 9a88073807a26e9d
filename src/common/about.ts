import { z } from 'zod';
import { LocalText } from './privacy-notice.ts';

/** data/about.json: the facts behind /o-mapie that a deployment may update (the programme, the city's own pages). */
export const AboutFile = z.strictObject({
  /** The resolution that set up the programme and its subareas. */
  programme: z.strictObject({
    resolution: z.string().trim().min(1).max(300),
    publication: z.string().trim().min(1).max(300).optional(),
  }),
  /** Links to the city's pages; only addresses taken from the city's own material, never guessed. */
  links: z.array(z.strictObject({ label: LocalText, url: z.url({ protocol: /^https$/ }) })).max(10),
});
export type AboutFile = z.infer<typeof AboutFile>;
