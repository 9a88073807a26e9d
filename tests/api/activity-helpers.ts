import { json, type TestApp } from './helpers.ts';

/** A valid activity body (Kazimierz, 16 May 2026, 10:00–12:00 Kraków time); override any field. */
export const activityBody = (over: Record<string, unknown> = {}) => ({
  title: 'Spacer „Kazimierz pod lupą”',
  subarea: 'kazimierz-stradom',
  place: { name: 'Plac Nowy (Okrąglak)', lng: 19.9447, lat: 50.0514 },
  start: '2026-05-16T10:00',
  end: '2026-05-16T12:00',
  audience: ['wszyscy'],
  registration: { type: 'none' },
  ...over,
});

export async function createActivity(app: TestApp, cookie: string, body: unknown = activityBody()) {
  const res = await app.request('/api/activities', json(body, { Cookie: cookie }));
  if (res.status !== 201) throw new Error(`activity create failed ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; sequence: number; startUtc: string; endUtc: string };
}
