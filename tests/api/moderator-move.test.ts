import { describe, expect, it } from 'vitest';
import { createPoint, fresh, helpBody, moderatorCookie, walkBody } from './helpers.ts';

/** The position a moderator moves pins to: ul. Józefa 12, Kazimierz. */
const J12 = { lng: 19.946032, lat: 50.051626 };

async function withModerator() {
  const t = fresh();
  return { ...t, cookie: await moderatorCookie(t.app, t.db) };
}

describe('a moderator moving a misplaced pin', () => {
  const move = (app: ReturnType<typeof fresh>['app'], cookie: string, id: string, to: { lng: number; lat: number }) =>
    app.request(`/api/moderation/points/${id}/move`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify(to),
    });
  const history = async (app: ReturnType<typeof fresh>['app'], cookie: string, id: string) =>
    (
      (await (await app.request(`/api/moderation/points/${id}/history`, { headers: { Cookie: cookie } })).json()) as {
        entries: { actor: string; action: string; changed: string[] }[];
      }
    ).entries;

  it("moves a walk pin and an organisation's offer, audited under the moderator's login", async () => {
    const t = await withModerator();
    for (const body of [walkBody(), helpBody()]) {
      const { id } = await createPoint(t.app, body);
      const res = await move(t.app, t.cookie, id, { lng: J12.lng, lat: J12.lat });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ lng: J12.lng, lat: J12.lat });
      expect((await history(t.app, t.cookie, id)).at(-1)).toMatchObject({
        actor: 'ola',
        action: 'moderator-edit',
        changed: ['lat', 'lng'],
      });
    }
  });

  it("never moves a private person's offer", async () => {
    const t = await withModerator();
    const { id } = await createPoint(t.app, helpBody({ helperType: 'person', name: 'Pani Ewa', contact: undefined }));
    const res = await move(t.app, t.cookie, id, { lng: J12.lng, lat: J12.lat });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/only the author/);
    expect((await history(t.app, t.cookie, id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a position outside Kraków, naming the field', async () => {
    const t = await withModerator();
    const { id } = await createPoint(t.app, walkBody());
    const res = await move(t.app, t.cookie, id, { lng: 21, lat: J12.lat });
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([expect.objectContaining({ path: 'lng' })]);
  });
});
