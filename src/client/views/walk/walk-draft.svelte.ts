import type { WalkKind } from '../../../common/points.ts';
import { newIdempotencyKey } from '../../state/device.ts';
import type { PlacedPoint } from '../../map/placement/placement.svelte.ts';

/**
 * What the resident is typing into the walk form. It lives in WalkState (above the form), so switching tabs,
 * an error or a failed send never loses it (docs/product.md: nothing a resident typed is lost).
 */
export class WalkDraft {
  kind = $state<WalkKind | ''>('');
  theme = $state('');
  title = $state('');
  description = $state('');
  nickname = $state('');
  consent = $state(false);
  photo = $state.raw<File | null>(null);
  /** Kept until the point is stored: a retry after a lost answer stores one point, not two. */
  idempotencyKey = newIdempotencyKey();

  /** The request body as the resident typed it; the shared zod schema trims and checks it. */
  body(point: PlacedPoint | null) {
    return {
      layer: 'walk' as const,
      lng: point?.lng,
      lat: point?.lat,
      kind: this.kind || undefined,
      theme: this.theme || undefined,
      title: this.title,
      ...(this.description.trim() ? { description: this.description } : {}),
      ...(this.nickname.trim() ? { nickname: this.nickname } : {}),
      consent: this.consent || undefined,
    };
  }

  reset(): void {
    this.kind = '';
    this.theme = '';
    this.title = '';
    this.description = '';
    this.nickname = '';
    this.consent = false;
    this.photo = null;
    this.idempotencyKey = newIdempotencyKey();
  }
}
