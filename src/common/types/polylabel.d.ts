// polylabel 2 ships no types; this is its whole API (https://github.com/mapbox/polylabel).
declare module 'polylabel' {
  export default function polylabel(
    polygon: number[][][],
    precision?: number,
    debug?: boolean,
  ): [number, number] & { distance: number };
}
