import { describe, expect, it } from 'vitest';
import { fresh } from './helpers.ts';
import { PrivacyAnswer } from '../../src/common/privacy-notice.ts';
import { AboutFile } from '../../src/common/about.ts';
import { DEFAULT_RETENTION } from '../../src/common/retention.ts';

describe('the privacy notice and the about page', () => {
  it('serves the privacy notice with the default retention periods (30 / 30 / 180 days)', async () => {
    const { app } = fresh();
    const res = await app.request('/api/privacy');
    expect(res.status).toBe(200);
    const body = PrivacyAnswer.parse(await res.json());
    expect(body.retention).toEqual({ rejectedDays: 30, closedContactRequestDays: 30, staleHelpDays: 180 });
    expect(body.notice.complaint.pl).toContain('Prezesa Urzędu Ochrony Danych Osobowych');
  });

  it('quotes the retention periods the deployment configured', async () => {
    const { app } = fresh({ retention: { ...DEFAULT_RETENTION, rejectedDays: 14, staleHelpDays: 365 } });
    const body = PrivacyAnswer.parse(await (await app.request('/api/privacy')).json());
    expect(body.retention).toMatchObject({ rejectedDays: 14, staleHelpDays: 365 });
  });

  it('ships placeholders for the controller and the DPO instead of an invented name or address', async () => {
    const { app } = fresh();
    const { notice } = PrivacyAnswer.parse(await (await app.request('/api/privacy')).json());
    expect(notice.controller.name).toHaveProperty('todo');
    expect(notice.controller.address).toHaveProperty('todo');
    expect(notice.dpo.email).toHaveProperty('todo');
  });

  it('names the legal basis, every right and the supervisory authority in all three languages', async () => {
    const { app } = fresh();
    const { notice } = PrivacyAnswer.parse(await (await app.request('/api/privacy')).json());
    expect(notice.purposes.map((p) => p.basis.pl).join(' ')).toContain('art. 6 ust. 1 lit. a');
    const rights = notice.rights.map((r) => r.pl).join(' ');
    for (const article of ['art. 15', 'art. 16', 'art. 17', 'art. 7 ust. 3']) expect(rights).toContain(article);
    for (const lang of ['pl', 'uk', 'en'] as const) expect(notice.complaint[lang]).toContain('Stawki 2');
  });

  it('serves the programme and links to the city only over https', async () => {
    const { app } = fresh();
    const res = await app.request('/api/about');
    expect(res.status).toBe(200);
    const about = AboutFile.parse(await res.json());
    expect(about.programme.resolution).toContain('XCVII/2644/22');
    for (const link of about.links) expect(new URL(link.url).hostname).toMatch(/(^|\.)krakow\.pl$/);
  });
});
