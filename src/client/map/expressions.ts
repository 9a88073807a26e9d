import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * ['case', ['boolean', ['feature-state', k1], false], v1, …, fallback]: the first true state wins,
 * so list states in priority order (selected before hover).
 */
export function byFeatureState<T extends number | string>(
  values: Record<string, T>,
  fallback: T,
): ExpressionSpecification {
  const branches = Object.entries(values).flatMap(([state, value]) => [
    ['boolean', ['feature-state', state], false],
    value,
  ]);
  return ['case', ...branches, fallback] as ExpressionSpecification;
}
