/**
 * Demand classes by Syntetos, Boylan and Croston (2005): ADI, the average number of observed
 * days per day with demand, and CV², the squared coefficient of variation of the non-zero
 * demand sizes. Cut-offs 1.32 and 0.49:
 *
 *                  CV² < 0.49      CV² >= 0.49
 *   ADI < 1.32     smooth          erratic
 *   ADI >= 1.32    intermittent    lumpy
 */
import type { Demand } from './series.ts';

export const DEMAND_CLASSES = ['smooth', 'erratic', 'intermittent', 'lumpy', 'none'] as const;
export type DemandClass = (typeof DEMAND_CLASSES)[number];

export interface Classification {
  demandClass: DemandClass;
  /** Average demand interval: observed days per day with demand (Infinity with none). */
  adi: number;
  /** Squared coefficient of variation of the non-zero demands (0 with fewer than two). */
  cv2: number;
}

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export function classifyDemand(history: readonly Demand[]): Classification {
  let observed = 0;
  const sizes: number[] = [];
  for (const y of history) {
    if (y === null) continue;
    observed++;
    if (y > 0) sizes.push(y);
  }
  if (sizes.length === 0) return { demandClass: 'none', adi: Infinity, cv2: 0 };
  const adi = observed / sizes.length;
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / (mean * mean);
  const intermittent = adi >= ADI_CUTOFF;
  const variable = cv2 >= CV2_CUTOFF;
  const demandClass = intermittent ? (variable ? 'lumpy' : 'intermittent') : variable ? 'erratic' : 'smooth';
  return { demandClass, adi, cv2 };
}
