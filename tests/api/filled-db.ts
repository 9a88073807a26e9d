import { expect } from 'vitest';
import type { Db } from '../../src/server/db/open.ts';
import { gpsJpeg } from '../fixtures/photo.ts';
import { activityBody, createActivity } from './activity-helpers.ts';
import {
  accountCookie,
  approve,
  bearer,
  contactBody,
  createPoint,
  helpBody,
  json,
  moderatorCookie,
  walkBody,
  type TestApp,
} from './helpers.ts';

/** A database with a row in every table the app writes, made through the API as residents and staff make them. */
export async function fill(app: TestApp, db: Db) {
  const mod = await moderatorCookie(app, db);
  const walk = await createPoint(app, walkBody());
  await app.request(`/api/points/${walk.id}/photo`, {
    method: 'PUT',
    headers: { 'Content-Type': 'image/jpeg', ...bearer(walk.editToken) },
    body: new Uint8Array(await gpsJpeg(800, 600)),
  });
  await approve(app, mod, walk.id);
  await app.request(`/api/points/${walk.id}/votes`, { method: 'POST', headers: { 'X-Device-Id': 'a'.repeat(32) } });
  await createPoint(app, walkBody({ title: 'Czeka na moderację' }), { 'Idempotency-Key': 'k'.repeat(32) });
  const helper = await createPoint(app, helpBody({ helperType: 'person', name: 'Pani Ewa' }));
  await approve(app, mod, helper.id);
  const amb = await accountCookie(app, db, 'ania', { role: 'ambassador', subarea: 'kazimierz-stradom' });
  const asked = await app.request(`/api/points/${helper.id}/contact-requests`, json(contactBody()));
  expect(asked.status).toBe(201);
  await createActivity(app, amb, activityBody());
  const card = await app.request(
    '/api/ambassador/cards/kazimierz-stradom',
    json(
      { seat: 'ul. Józefa 1', phone: '', email: '', website: '', hours: 'wt 10–14', activities: ['Spacery'] },
      { Cookie: amb },
      'PUT',
    ),
  );
  expect(card.status).toBe(200);
  const session = await app.request(
    '/api/sessions',
    json(
      { name: 'Spacer', subarea: 'kazimierz-stradom', date: '2026-12-05', publishMode: 'moderated' },
      { Cookie: mod },
    ),
  );
  expect(session.status).toBe(201);
  await app.request(`/api/sessions/${(await session.json()).code}`, json({ closed: true }, { Cookie: mod }, 'PATCH'));
}
