/**
 * All UI strings, one folder per feature (core/, walk/, help/, …) with pl.json, uk.json and en.json each,
 * so features add their words without editing each other's files. core/ keys sit at the top level;
 * every other folder's keys live under its own name (e.g. "walk.form.title").
 * tests/unit/client/i18n.test.ts fails when any language misses a key that Polish has.
 */
import corePl from './core/pl.json';
import coreUk from './core/uk.json';
import coreEn from './core/en.json';
import moderationPl from './moderation/pl.json';
import moderationUk from './moderation/uk.json';
import moderationEn from './moderation/en.json';
import walkPl from './walk/pl.json';
import walkUk from './walk/uk.json';
import walkEn from './walk/en.json';
import placementPl from './placement/pl.json';
import placementUk from './placement/uk.json';
import placementEn from './placement/en.json';
import helpPl from './help/pl.json';
import helpUk from './help/uk.json';
import helpEn from './help/en.json';
import presentationPl from './presentation/pl.json';
import presentationUk from './presentation/uk.json';
import presentationEn from './presentation/en.json';
import sessionPl from './session/pl.json';
import sessionUk from './session/uk.json';
import sessionEn from './session/en.json';
import statsPl from './stats/pl.json';
import statsUk from './stats/uk.json';
import statsEn from './stats/en.json';
import offlinePl from './offline/pl.json';
import offlineUk from './offline/uk.json';
import offlineEn from './offline/en.json';
import sitePl from './site/pl.json';
import siteUk from './site/uk.json';
import siteEn from './site/en.json';
import activitiesPl from './activities/pl.json';
import activitiesUk from './activities/uk.json';
import activitiesEn from './activities/en.json';

import contactPl from './contact/pl.json';
import contactUk from './contact/uk.json';
import contactEn from './contact/en.json';

export const messages = {
  pl: {
    ...corePl,
    moderation: moderationPl,
    walk: walkPl,
    placement: placementPl,
    help: helpPl,
    presentation: presentationPl,
    session: sessionPl,
    stats: statsPl,
    offline: offlinePl,
    site: sitePl,
    contact: contactPl,
    activities: activitiesPl,
  },
  uk: {
    ...coreUk,
    moderation: moderationUk,
    walk: walkUk,
    placement: placementUk,
    help: helpUk,
    presentation: presentationUk,
    session: sessionUk,
    stats: statsUk,
    offline: offlineUk,
    site: siteUk,
    contact: contactUk,
    activities: activitiesUk,
  },
  en: {
    ...coreEn,
    moderation: moderationEn,
    walk: walkEn,
    placement: placementEn,
    help: helpEn,
    presentation: presentationEn,
    session: sessionEn,
    stats: statsEn,
    offline: offlineEn,
    site: siteEn,
    contact: contactEn,
    activities: activitiesEn,
  },
};

export type Messages = typeof messages.pl;
