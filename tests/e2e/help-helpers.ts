import { expect, type APIRequestContext } from '@playwright/test';
import { MODERATOR } from './fixtures.ts';

/** A help offer as the API takes it: an organisation at Plac Nowy unless told otherwise. */
export function helpOffer(overrides: Record<string, unknown> = {}) {
  return {
    layer: 'help',
    lng: 19.9447,
    lat: 50.0514,
    helperType: 'organisation',
    name: `Fundacja ${Date.now()}`,
    kinds: ['transport'],
    availability: 'pn–pt 9–17',
    languages: ['pl', 'uk'],
    contact: { phone: '+48 600 100 200', email: 'pomoc@example.org' },
    consent: true,
    ...overrides,
  };
}

/** POST /api/points; returns the id and the edit token. */
export async function postOffer(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post('/api/points', { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; editToken: string };
}

// Log in once per request context (it keeps the session cookie): logins are rate-limited per address.
const loggedIn = new WeakSet<APIRequestContext>();

/** The moderator's part through the API with a session cookie (the UI path is covered by moderation.e2e.ts). */
export async function approveAsModerator(request: APIRequestContext, id: string) {
  if (!loggedIn.has(request)) {
    const login = await request.post('/api/auth/login', { data: MODERATOR });
    expect(login.status(), 'moderator login').toBe(200);
    loggedIn.add(request);
  }
  const res = await request.post(`/api/moderation/points/${id}/approve`);
  expect(res.status(), await res.text()).toBe(200);
}

export const HELP_LAYERS = ['help-points', 'help-person-area'];
