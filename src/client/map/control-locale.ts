import type { Locale } from '../../shared/categories.ts';

/** MapLibre's control tooltips (read by screen readers) in the resident's language. */
const STRINGS: Record<Locale, Record<string, string>> = {
  pl: {
    'NavigationControl.ZoomIn': 'Przybliż',
    'NavigationControl.ZoomOut': 'Oddal',
    'GeolocateControl.FindMyLocation': 'Pokaż moje położenie',
    'GeolocateControl.LocationNotAvailable': 'Położenie niedostępne',
    'FullscreenControl.Enter': 'Pełny ekran',
    'FullscreenControl.Exit': 'Zamknij pełny ekran',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Map.Title': 'Mapa',
  },
  uk: {
    'NavigationControl.ZoomIn': 'Наблизити',
    'NavigationControl.ZoomOut': 'Віддалити',
    'GeolocateControl.FindMyLocation': 'Показати моє місцезнаходження',
    'GeolocateControl.LocationNotAvailable': 'Місцезнаходження недоступне',
    'FullscreenControl.Enter': 'Повний екран',
    'FullscreenControl.Exit': 'Вийти з повного екрана',
    'ScaleControl.Meters': 'м',
    'ScaleControl.Kilometers': 'км',
    'Map.Title': 'Мапа',
  },
  en: {},
};

export const controlLocale = (locale: Locale) => STRINGS[locale];
