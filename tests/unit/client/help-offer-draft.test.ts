import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { Categories } from '../../../src/common/categories.ts';
import { makePointSchemas } from '../../../src/common/points.ts';
import { OfferDraft, fieldOf, withScheme } from '../../../src/client/views/help/offer-draft.svelte.ts';
import { languageChoices, languageName } from '../../../src/client/views/help/languages.ts';

const schemas = makePointSchemas(Categories.parse(JSON.parse(readFileSync('data/categories.json', 'utf8'))));
const day = (d: string) => ({ mon: 'pn', tue: 'wt', wed: 'śr', thu: 'czw', fri: 'pt', sat: 'sob', sun: 'nd' })[d]!;
const PLAC_NOWY = { lng: 19.9447, lat: 50.0514 };

function filled() {
  const d = new OfferDraft();
  d.helperType = 'organisation';
  d.name = 'Fundacja';
  d.kinds = ['zakupy'];
  d.consent = true;
  return d;
}

describe('the help offer draft', () => {
  it('becomes a body the shared schema accepts', () => {
    expect(schemas.HelpCreate.safeParse(filled().toBody(PLAC_NOWY, day)).success).toBe(true);
  });

  it('starts with no answer to who offers help, and validation names that question', () => {
    const d = filled();
    d.helperType = null;
    expect(new OfferDraft().helperType).toBeNull();
    const r = schemas.HelpCreate.safeParse(d.toBody(PLAC_NOWY, day));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => fieldOf(i.path.join('.')))).toEqual(['helperType']);
  });

  it('appends weekdays in week order and hours to the availability text', () => {
    const d = filled();
    d.availability = 'po telefonie';
    d.days = ['fri', 'mon'];
    d.from = '09:00';
    d.to = '12:00';
    expect(d.toBody(PLAC_NOWY, day).availability).toBe('po telefonie; pn, pt 09:00–12:00');
  });

  it('sends each chosen language once', () => {
    const d = filled();
    d.languages = ['pl', 'uk', 'cs', 'uk'];
    expect(d.toBody(PLAC_NOWY, day).languages).toEqual(['pl', 'uk', 'cs']);
  });

  it('adds https:// to a web address typed without it, and keeps one that has it', () => {
    const d = filled();
    d.contact = { phone: '', email: '', www: ' fablab.krakow.pl ' };
    expect(d.toBody(PLAC_NOWY, day).contact).toEqual({ www: 'https://fablab.krakow.pl' });
    expect(withScheme('http://example.org/a')).toBe('http://example.org/a');
    expect(withScheme('HTTPS://Example.org')).toBe('HTTPS://Example.org');
    expect(withScheme('ftp://example.org')).toBe('ftp://example.org');
    expect(withScheme('')).toBe('');
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

describe('languages offered by name', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names languages in the interface language, sorted as that language sorts', () => {
    expect(languageName('de', 'pl')).toBe('niemiecki');
    expect(languageName('yi', 'uk')).toBe('їдиш');
    const names = languageChoices([], 'pl').map((l) => l.name);
    expect(names).toContain('czeski');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'pl')));
  });

  it('does not offer the common languages or one already chosen', () => {
    const codes = languageChoices(['cs'], 'en').map((l) => l.code);
    expect(codes).not.toContain('cs');
    expect(codes).not.toContain('uk');
    expect(codes).toContain('sk');
  });

  it('folds language codes typed into a draft kept before the picker into the chosen languages', () => {
    const kept = {
      helperType: 'person',
      name: 'Ola',
      kinds: [],
      description: '',
      availability: '',
      days: [],
      from: '',
      to: '',
      languages: ['pl'],
      otherLanguages: 'de, CS',
      contact: { phone: '', email: '', www: '' },
      publish: { phone: false, email: false, www: false },
      point: null,
    };
    vi.stubGlobal('localStorage', { getItem: () => JSON.stringify(kept) });
    const d = OfferDraft.restore();
    expect(d.name).toBe('Ola');
    expect(d.languages).toEqual(['pl', 'de', 'cs']);
  });
});
