import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Categories } from '../../../src/shared/categories.ts';
import { makePointSchemas } from '../../../src/shared/points.ts';
import { OfferDraft, fieldOf } from '../../../src/client/views/help/offer-draft.svelte.ts';

const schemas = makePointSchemas(Categories.parse(JSON.parse(readFileSync('data/categories.json', 'utf8'))));
const day = (d: string) => ({ mon: 'pn', tue: 'wt', wed: 'śr', thu: 'czw', fri: 'pt', sat: 'sob', sun: 'nd' })[d]!;
const PLAC_NOWY = { lng: 19.9447, lat: 50.0514 };

function filled() {
  const d = new OfferDraft();
  d.name = 'Fundacja';
  d.kinds = ['zakupy'];
  d.consent = true;
  return d;
}

describe('the help offer draft', () => {
  it('becomes a body the shared schema accepts', () => {
    expect(schemas.HelpCreate.safeParse(filled().toBody(PLAC_NOWY, day)).success).toBe(true);
  });

  it('appends weekdays in week order and hours to the availability text', () => {
    const d = filled();
    d.availability = 'po telefonie';
    d.days = ['fri', 'mon'];
    d.from = '09:00';
    d.to = '12:00';
    expect(d.toBody(PLAC_NOWY, day).availability).toBe('po telefonie; pn, pt 09:00–12:00');
  });

  it('merges typed language codes with the ticked ones, once each', () => {
    const d = filled();
    d.languages = ['pl', 'uk'];
    d.otherLanguages = 'de, UK  cs';
    expect(d.toBody(PLAC_NOWY, day).languages).toEqual(['pl', 'uk', 'de', 'cs']);
  });

  it('asks a private person for consent per given contact, and an organisation for none', () => {
    const d = filled();
    d.contact = { phone: '+48 600 000 111', email: 'a@example.org', www: '' };
    d.publish = { phone: true, email: false, www: true };
    expect(d.toBody(PLAC_NOWY, day)).not.toHaveProperty('contactConsent');
    d.helperType = 'person';
    const body = d.toBody(PLAC_NOWY, day);
    expect(body.contact).toEqual({ phone: '+48 600 000 111', email: 'a@example.org' });
    expect(body.contactConsent).toEqual({ phone: true, email: false });
  });

  it('leaves the position out until a place is chosen, so validation names the place', () => {
    const r = schemas.HelpCreate.safeParse(filled().toBody(null, day));
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => fieldOf(i.path.join('.')));
    expect(fields).toEqual(['location', 'location']);
  });

  it('folds API paths onto form fields', () => {
    expect(fieldOf('contact.email')).toBe('email');
    expect(fieldOf('lat')).toBe('location');
    expect(fieldOf('kinds.0')).toBe('kinds');
    expect(fieldOf('unknown')).toBeNull();
  });
});
