import type { SubareaId } from '../../../common/subareas.ts';

/**
 * Where the QR code is: in a corner while the map is discussed, full screen when a workshop starts and everyone
 * should scan it (with the address and code in large type), or hidden. Q steps through them in this order.
 */
export const QR_STATES = ['corner', 'full', 'hidden'] as const;
export type QrState = (typeof QR_STATES)[number];

/** Seconds per subarea in the slideshow: long enough to read the counters aloud. */
export const SLIDESHOW_SECONDS = 15;

/**
 * What the projector shows, driven by the facilitator's keyboard: 1–3 a subarea, 0 all, W/H layers,
 * Q the QR code (corner → full screen → hidden), E the next activities, F full screen, S slideshow, ? the list of
 * shortcuts. Single keys, no modifiers: a facilitator presses them from across the room on a wireless keyboard or a
 * presenter remote.
 */
export class Presentation {
  subarea = $state<SubareaId | null>(null);
  walk = $state(true);
  help = $state(true);
  qr = $state<QrState>('corner');
  /** The corner with the next three activities of the shown subarea. */
  events = $state(true);
  shortcuts = $state(false);
  slideshow = $state(false);

  constructor(private readonly order: () => SubareaId[]) {}

  /** Handles a key press; true when it was one of ours (the caller then prevents the default). */
  key(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]')) return false;
    const k = e.key.toLowerCase();
    const order = this.order();
    if (/^[1-9]$/.test(k) && order[Number(k) - 1]) {
      this.subarea = order[Number(k) - 1]!;
      this.slideshow = false;
    } else if (k === '0') {
      this.subarea = null;
      this.slideshow = false;
    } else if (k === 'w') this.walk = !this.walk;
    else if (k === 'h') this.help = !this.help;
    else if (k === 'q') this.qr = QR_STATES[(QR_STATES.indexOf(this.qr) + 1) % QR_STATES.length]!;
    else if (k === 'e') this.events = !this.events;
    else if (k === 's') this.slideshow = !this.slideshow;
    else if (k === '?') this.shortcuts = !this.shortcuts;
    else if (k === 'escape' && this.shortcuts) this.shortcuts = false;
    else if (k === 'f') toggleFullscreen();
    else return false;
    return true;
  }

  /** Slideshow step: all → first → second → … → all. */
  next(): void {
    const order = this.order();
    const i = this.subarea ? order.indexOf(this.subarea) : -1;
    this.subarea = i + 1 < order.length ? order[i + 1]! : null;
  }
}

function toggleFullscreen(): void {
  const request = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
  // Browsers refuse full screen without a user gesture or inside some frames; the page works the same without it.
  request.catch((e: Error) => console.warn('full screen refused:', e.message));
}
