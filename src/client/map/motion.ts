import { untrack } from 'svelte';
import { MediaQuery } from 'svelte/reactivity';

/**
 * The resident's "reduce motion" setting, read in one place for every layer and followed live: turning it on in
 * the system settings stops the next camera move and the arrivals' pulse without a reload. False on the server.
 */
export const reducedMotion = new MediaQuery('(prefers-reduced-motion: reduce)', false);

/**
 * An animation's length in milliseconds: `ms`, or 0 with reduced motion. Read untracked, so an effect that starts a
 * camera move does not run (and move the camera) again when only the setting changed.
 */
export const motionMs = (ms: number): number => (untrack(() => reducedMotion.current) ? 0 : ms);
