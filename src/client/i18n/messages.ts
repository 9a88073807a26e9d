/**
 * All UI strings, one folder per feature (core/, walk/, help/, …) with pl.json, uk.json and en.json each,
 * so features add their words without editing each other's files. core/ keys sit at the top level;
 * every other folder's keys live under its own name (e.g. "walk.form.title").
 * tests/unit/client/i18n.test.ts fails when any language misses a key that Polish has.
 */
import corePl from './core/pl.json';
import coreUk from './core/uk.json';
import coreEn from './core/en.json';

export const messages = {
  pl: { ...corePl },
  uk: { ...coreUk },
  en: { ...coreEn },
};

export type Messages = typeof messages.pl;
