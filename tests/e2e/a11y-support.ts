import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { axeBuilder, currentData, expect, MODERATOR, walkPin, WCAG_TAGS } from './fixtures.ts';
import { helpOffer } from './help-helpers.ts';

/**
 * Shared by the accessibility and language tests: the app's messages read from its own files, an audit of
 * one view (axe serious/critical, <html lang>, raw keys, Polish text left untranslated), the language a resident
 * chose earlier, and the data the views show.
 */

export const LOCALES = ['pl', 'uk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
type Tree = { [key: string]: string | Tree };

/** The UI messages as the app bundles them (src/client/i18n/messages.ts): core at the top, features by name. */
const FEATURES = [
  'moderation',
  'walk',
  'placement',
  'help',
  'presentation',
  'session',
  'stats',
  'offline',
  'site',
  'contact',
  'activities',
];
const read = (ns: string, locale: Locale) =>
  JSON.parse(readFileSync(`src/client/i18n/${ns}/${locale}.json`, 'utf8')) as Tree;
const MESSAGES = Object.fromEntries(
  LOCALES.map((l) => [l, { ...read('core', l), ...Object.fromEntries(FEATURES.map((ns) => [ns, read(ns, l)])) }]),
) as Record<Locale, Tree>;

/** A message by its key, with {{placeholders}} filled; throws on a key that does not exist (a typo in this test). */
export function t(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = MESSAGES[locale];
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no message ${key} in ${locale}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Every leaf message with its key (plural forms included). */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
}

/**
 * Polish interface sentences that a Ukrainian or English page must not show: whole messages without placeholders
 * that differ from the translation and are long enough not to be a name or a code shared by all languages.
 */
function polishLeftovers(locale: Locale): string[] {
  const other = new Map(leaves(MESSAGES[locale]));
  return leaves(MESSAGES.pl)
    .filter(([key, text]) => !text.includes('{{') && text.length >= 12 && other.get(key) !== text)
    .map(([, text]) => text);
}

/** One view's problems: axe (serious/critical), the lang attribute, raw keys and untranslated Polish text. */
export async function audit(page: Page, locale: Locale, view: string): Promise<string[]> {
  const problems: string[] = [];
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== locale) problems.push(`${locale} ${view}: <html lang="${lang}">`);
  const results = await axeBuilder(page).withTags(WCAG_TAGS).analyze();
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const where = v.nodes
      .slice(0, 4)
      .map(
        (n) =>
          `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`,
      )
      .join('; ');
    problems.push(`${locale} ${view}: axe ${v.id} (${v.impact}) — ${v.help}: ${where}`);
  }
  const texts = await visibleTexts(page);
  for (const text of texts) {
    if (/^[a-z]+(\.[a-zA-Z0-9_]+)+$/.test(text) && !/\.(pl|org|com|eu|json|csv|geojson|png|pbf)$/.test(text)) {
      problems.push(`${locale} ${view}: raw message key shown: "${text}"`);
    }
  }
  if (locale !== 'pl') {
    const polish = new Set(polishLeftovers(locale));
    for (const text of texts)
      if (polish.has(text)) problems.push(`${locale} ${view}: Polish text left untranslated: "${text}"`);
  }
  return problems;
}

/** Text a person sees or hears: visible text nodes plus accessible names set in attributes. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const parent = n.parentElement;
      if (!text || !parent || parent.closest('script, style')) continue;
      if (parent.checkVisibility() || parent.closest('.visually-hidden')) out.add(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.add(value);
      }
    }
    return [...out];
  });
}

/** Opens the app in a language, as a resident who chose it earlier (the switch remembers it on the device). */
export async function useLocale(
  page: Page,
  locale: Locale,
  mine: { id: string; editToken: string; title: string }[] = [],
) {
  await page.addInitScript(
    ([locale, mine]) => {
      localStorage.setItem('mapa.locale', locale);
      const now = new Date().toISOString();
      if (!localStorage.getItem('mapa.myPoints'))
        localStorage.setItem(
          'mapa.myPoints',
          JSON.stringify(mine.map((p) => ({ ...p, layer: 'walk', createdAt: now }))),
        );
    },
    [locale, mine] as const,
  );
}

const today = () => new Date().toLocaleDateString('sv', { timeZone: 'Europe/Warsaw' });

export interface Seed {
  walk: { id: string; editToken: string; title: string };
  help: { id: string; editToken: string; name: string };
  session: string;
}
/** The seed, once per test file: every file starts from fresh data, so another file's seed is gone. */
let seeded: { data: string | undefined; seed: Promise<Seed> } | null = null;

/**
 * What the views show: a published walk pin in a moderated session, a pending one, a published and a pending help
 * offer.
 */
export function seed(request: APIRequestContext): Promise<Seed> {
  if (seeded && seeded.data === currentData()) return seeded.seed;
  const seed = (async () => {
    expect((await request.post('/api/auth/login', { data: MODERATOR })).status()).toBe(200);
    const made = await request.post('/api/sessions', {
      data: { name: 'Spacer dostępności', subarea: 'kazimierz-stradom', date: today(), publishMode: 'moderated' },
    });
    expect(made.status(), await made.text()).toBe(201);
    const { code } = (await made.json()) as { code: string };
    const post = async (body: Record<string, unknown>) => {
      const res = await request.post('/api/points', { data: body });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as { id: string; editToken: string };
    };
    const title = `Ławki przy Szerokiej ${Date.now()}`;
    const walk = await post(walkPin({ title, lng: 19.9482, lat: 50.0526, session: code, nickname: 'Ala' }));
    await post(
      walkPin({ title: `Dziura w chodniku ${Date.now()}`, kind: 'change', theme: 'bezpieczenstwo', session: code }),
    );
    const name = `Fundacja Dostępna ${Date.now()}`;
    const help = await post(helpOffer({ name, description: 'Pomagamy w urzędach i u lekarza.' }));
    await post(
      helpOffer({
        name: `Sąsiad ${Date.now()}`,
        helperType: 'person',
        kinds: ['zakupy'],
        contact: { phone: '+48 600 700 800' },
      }),
    );
    for (const id of [walk.id, help.id]) {
      const res = await request.post(`/api/moderation/points/${id}/approve`);
      expect(res.status(), await res.text()).toBe(200);
    }
    return { walk: { ...walk, title }, help: { ...help, name }, session: code };
  })();
  seeded = { data: currentData(), seed };
  return seed;
}
