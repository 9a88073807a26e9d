/**
 * "350 m", "1,2 km": metres rounded to 10 below a kilometre, one decimal of kilometres above, with the
 * locale's decimal separator. Approximate on purpose: persons are shown ±150 m anyway.
 */
export function formatDistance(m: number, locale: string): string {
  if (!Number.isFinite(m) || m < 0) throw new RangeError(`formatDistance: expected metres ≥ 0, got ${m}`);
  if (m < 995) return `${Math.max(10, Math.round(m / 10) * 10)} m`;
  const km = new Intl.NumberFormat(locale, {
    maximumFractionDigits: m < 9_950 ? 1 : 0,
    minimumFractionDigits: m < 9_950 ? 1 : 0,
  });
  return `${km.format(m / 1000)} km`;
}
