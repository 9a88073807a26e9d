import type { Map as MlMap } from 'maplibre-gl';
import type { Locale } from '../../common/categories.ts';

/** MapLibre's control tooltips (read by screen readers) in the resident's language; every language names every key. */
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
  en: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'GeolocateControl.FindMyLocation': 'Show my location',
    'GeolocateControl.LocationNotAvailable': 'Location not available',
    'FullscreenControl.Enter': 'Full screen',
    'FullscreenControl.Exit': 'Exit full screen',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Map.Title': 'Map',
  },
};

export const controlLocale = (locale: Locale) => STRINGS[locale];

/** Buttons MapLibre labelled when it created them, and the string each one shows now. */
const BUTTONS: [selector: string, key: (button: HTMLButtonElement) => string][] = [
  ['.maplibregl-ctrl-zoom-in', () => 'NavigationControl.ZoomIn'],
  ['.maplibregl-ctrl-zoom-out', () => 'NavigationControl.ZoomOut'],
  [
    '.maplibregl-ctrl-geolocate',
    (b) => (b.disabled ? 'GeolocateControl.LocationNotAvailable' : 'GeolocateControl.FindMyLocation'),
  ],
  ['.maplibregl-ctrl-fullscreen', () => 'FullscreenControl.Enter'],
  ['.maplibregl-ctrl-shrink', () => 'FullscreenControl.Exit'],
];

/**
 * MapLibre reads its UI strings once, when the map is made; the language switch keeps the map, so the
 * table is patched for labels MapLibre sets later (scale, geolocation states) and the existing buttons relabelled.
 */
export function relabelControls(map: MlMap, locale: Locale): void {
  const strings = STRINGS[locale];
  Object.assign(map._locale, strings);
  const root = map.getContainer();
  for (const [selector, key] of BUTTONS) {
    for (const button of root.querySelectorAll<HTMLButtonElement>(selector)) {
      const label = strings[key(button)]!;
      button.setAttribute('aria-label', label);
      button.title = label;
    }
  }
  map.getCanvas().setAttribute('aria-label', strings['Map.Title']!);
}
