import type { SubareaCollection } from '../../../shared/subareas.ts';

export const subareaName = (subareas: SubareaCollection, id: string | null) =>
  subareas.features.find((f) => f.id === id)?.properties.name ?? id ?? '';

/** Dates as people in the room say them ("16 maja 2026"); the stored date is a plain YYYY-MM-DD. */
export const formatDate = (date: string, locale: string) =>
  new Date(`${date}T12:00:00`).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });
