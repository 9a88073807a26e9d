import { isPast, isSoon, type Activity } from '../../common/activities.ts';

/** The day of the month in Kraków, drawn inside the symbol. */
const day = new Intl.DateTimeFormat('pl-PL', { timeZone: 'Europe/Warsaw', day: 'numeric' });

export type ActivityState = 'upcoming' | 'cancelled' | 'past';

/** Activities → the GeoJSON the "Wydarzenia" layer draws: plain properties MapLibre expressions can read. */
export function activityFeatures(activities: Activity[], now: number): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: 'FeatureCollection',
    features: activities.map((a) => {
      const state: ActivityState = a.status === 'odwolane' ? 'cancelled' : isPast(a, now) ? 'past' : 'upcoming';
      return {
        type: 'Feature',
        id: a.id,
        geometry: { type: 'Point', coordinates: [a.place.lng, a.place.lat] },
        properties: {
          id: a.id,
          day: day.format(new Date(a.startUtc)),
          state,
          soon: state === 'upcoming' && isSoon(a, now),
        },
      };
    }),
  };
}
