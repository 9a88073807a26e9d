import i18next, { type TOptions } from 'i18next';
import { createContext } from 'svelte';
import { Locale, LOCALES } from '../../common/categories.ts';
import { messages, type Messages } from './messages.ts';

/** Message keys, derived from the Polish messages (the complete ones): a typo is a type error. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K extends `${infer Base}_${'one' | 'few' | 'many' | 'other'}` ? Base : K}`
    : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

const STORAGE_KEY = 'mapa.locale';

/** The stored choice, else the browser's language if we have it, else Polish. */
export function initialLocale(): Locale {
  const stored = Locale.safeParse(globalThis.localStorage?.getItem(STORAGE_KEY));
  if (stored.success) return stored.data;
  const fromBrowser = Locale.safeParse(globalThis.navigator?.language?.slice(0, 2));
  return fromBrowser.success ? fromBrowser.data : 'pl';
}

/**
 * The one i18n layer: i18next does lookup, interpolation and plurals (Polish and Ukrainian have
 * few/many forms); this class makes the current locale reactive, so `t()` in markup re-renders on switch.
 */
export class I18n {
  locale = $state<Locale>('pl');
  readonly locales = LOCALES;
  #engine = i18next.createInstance();
  // i18next's own key typing needs module augmentation; MessageKey already checks keys, so call it plainly.
  #translate = this.#engine.t.bind(this.#engine) as unknown as (key: string, options: TOptions) => string;

  constructor(locale: Locale = initialLocale()) {
    void this.#engine.init({
      lng: locale,
      fallbackLng: 'pl',
      resources: {
        pl: { translation: messages.pl },
        en: { translation: messages.en },
        uk: { translation: messages.uk },
      },
      initAsync: false,
      // Svelte escapes text itself; escaping here would show &quot; to residents.
      interpolation: { escapeValue: false },
      // i18next 25 otherwise advertises its vendor's product in every resident's browser console.
      showSupportNotice: false,
    });
    this.set(locale);
  }

  t = (key: MessageKey, options?: TOptions): string => {
    // Reading this.locale makes every t() call in markup depend on it, so a switch re-renders the text.
    const opts: TOptions = { ...options, lng: this.locale };
    return this.#translate(key, opts);
  };

  set(locale: Locale): void {
    this.locale = locale;
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    if (globalThis.document) document.documentElement.lang = locale;
  }
}

const [getI18n, setI18n, hasI18n] = createContext<I18n>();
export { setI18n };

export function useI18n(): I18n {
  if (!hasI18n()) throw new Error('I18n context not found: App.svelte must call setI18n(new I18n()) first');
  return getI18n();
}
