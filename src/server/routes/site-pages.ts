import { Hono } from 'hono';
import type { AboutFile } from '../../common/about.ts';
import type { PrivacyAnswer } from '../../common/privacy-notice.ts';
import type { Retention } from '../../common/retention.ts';
import type { SiteData } from '../site-data.ts';

/**
 * The content of /prywatnosc and /o-mapie: site data each deployment edits. The privacy notice travels with the
 * retention periods the server really applies, so the page never promises a period the deployment changed.
 */
export function sitePageRoutes(site: SiteData, retention: Retention) {
  const privacy: PrivacyAnswer = { notice: site.privacy, retention };
  const about: AboutFile = site.about;
  return new Hono().get('/privacy', (c) => c.json(privacy)).get('/about', (c) => c.json(about));
}
