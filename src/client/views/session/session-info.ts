import type { SubareaCollection } from '../../../common/subareas.ts';

export const subareaName = (subareas: SubareaCollection, id: string | null) =>
  subareas.features.find((f) => f.id === id)?.properties.name ?? id ?? '';
