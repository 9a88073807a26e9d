import { GeocodeAnswer, ReverseAnswer } from '../../common/geocode.ts';
import { request } from './http.ts';

/** GET /api/geocode: addresses, streets and landmarks for what the resident typed. */
export const searchAddresses = (q: string, signal?: AbortSignal) =>
  request(GeocodeAnswer, `/api/geocode?q=${encodeURIComponent(q)}`, { signal });

/** GET /api/geocode/reverse: the address line under a placed pin. */
export const reverseGeocode = (lng: number, lat: number, signal?: AbortSignal) =>
  request(ReverseAnswer, `/api/geocode/reverse?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`, { signal });
