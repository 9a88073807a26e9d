import { beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { accountCookie, fresh, json, type TestApp } from './helpers.ts';
import { activityBody, createActivity } from './activity-helpers.ts';

let app: TestApp;
let cookie: string;

beforeEach(async () => {
  const made = fresh({ now: () => new Date('2026-05-01T10:00:00Z'), publicUrl: 'https://mapa.example.pl' });
  app = made.app;
  cookie = await accountCookie(app, made.db, 'ada', { role: 'admin' });
});

async function fetchIcs(path: string) {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
  return { text: await res.text(), res };
}

/** ical.js with the feed's own VTIMEZONE registered, so DTSTART;TZID=Europe/Warsaw resolves to an instant. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events };
}

const TRICKY_TITLE = 'Potańcówka, śpiew; „żółć” \\ gęślą — zapraszamy!';

describe('calendar feeds', () => {
  it('parse with ical.js: a title with commas, semicolons, a backslash and Polish letters comes back unchanged', async () => {
    const long = 'Zajęcia dla dzieci i rodziców: gry miejskie, sąsiedzkie śniadanie; ścieżka sensoryczna. '.repeat(6);
    const { id } = await createActivity(app, cookie, activityBody({ title: TRICKY_TITLE, description: long.trim() }));
    const { text } = await fetchIcs('/api/calendar.ics');
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Warsaw');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.summary).toBe(TRICKY_TITLE);
    expect(event!.description).toContain(long.trim());
    expect(event!.location).toBe('Plac Nowy (Okrąglak)');
    expect(event!.uid).toBe(`${id}@mapa-rewitalizacji.krakow.pl`);
    // 10:00–12:00 in Kraków on 16 May is 08:00–10:00 UTC (summer time).
    expect(event!.startDate.toJSDate().toISOString()).toBe('2026-05-16T08:00:00.000Z');
    expect(event!.endDate.toJSDate().toISOString()).toBe('2026-05-16T10:00:00.000Z');
    expect(event!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('end every line with CRLF and fold lines longer than 75 octets without cutting a character', async () => {
    await createActivity(app, cookie, activityBody({ title: 'ź'.repeat(100), description: 'ąę, '.repeat(200) }));
    const { text } = await fetchIcs('/api/calendar.ics');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    expect(parse(text).events[0]!.summary).toBe('ź'.repeat(100));
  });

  it('mark a cancelled activity STATUS:CANCELLED and keep its UID across edits, with a higher SEQUENCE', async () => {
    const { id } = await createActivity(app, cookie);
    const before = parse((await fetchIcs('/api/calendar.ics')).text).events[0]!;
    const res = await app.request(
      `/api/activities/${id}`,
      json({ status: 'odwolane', cancelReason: 'Ulewa' }, { Cookie: cookie }, 'PATCH'),
    );
    expect(res.status).toBe(200);
    const after = parse((await fetchIcs('/api/calendar.ics')).text).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(after.description).toContain('ODWOŁANE: Ulewa');
  });

  it('per subarea list only that subarea, and an unknown subarea is refused', async () => {
    await createActivity(app, cookie);
    const huta = await createActivity(
      app,
      cookie,
      activityBody({
        subarea: 'stara-nowa-huta',
        title: 'Wymianka Sąsiedzka',
        place: { name: 'Plac targowy przy ul. Bulwarowej', lng: 20.05, lat: 50.07 },
      }),
    );
    const { text } = await fetchIcs('/api/calendar/stara-nowa-huta.ics');
    const { calendar, events } = parse(text);
    expect(events.map((e) => e.uid)).toEqual([`${huta.id}@mapa-rewitalizacji.krakow.pl`]);
    expect(String(calendar.getFirstPropertyValue('x-wr-calname'))).toContain('„stara” Nowa Huta');
    expect((await app.request('/api/calendar/krowodrza.ics')).status).toBe(400);
  });

  it('give one activity as a downloadable single-event file', async () => {
    const { id } = await createActivity(app, cookie);
    const { text, res } = await fetchIcs(`/api/activities/${id}/calendar.ics`);
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="wydarzenie-${id}.ics"`);
    const { events } = parse(text);
    expect(events).toHaveLength(1);
    expect(events[0]!.component.getFirstPropertyValue('url')).toBe(
      `https://mapa.example.pl/?subarea=kazimierz-stradom&activity=${id}`,
    );
  });

  it('is a valid empty calendar when nothing is planned', async () => {
    const { calendar, events } = parse((await fetchIcs('/api/calendar.ics')).text);
    expect(events).toEqual([]);
    expect(calendar.getFirstPropertyValue('prodid')).toContain('Mapa Rewitalizacji');
  });
});
