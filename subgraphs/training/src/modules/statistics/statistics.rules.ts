/** Trainees a plan and programme sent, by mode (what rule 3 compares). */
export interface SelectionCounts {
  concentrated: number;
  nonConcentrated: number;
}

/**
 * Rule 3 (Điện Biên's 1 : 1.2): for each cadre sent to a concentrated course, `allowedRatio` may be
 * sent to a non-concentrated one. The allowance is rounded up (a part of a trainee allows a whole
 * one; the epsilon keeps 5 × 1.2 = 6.000…1 at 6) and the ratio shown to three decimals, null
 * without a concentrated trainee to divide by.
 */
export function selectionRatio<C extends SelectionCounts>(
  counts: C,
  allowedRatio: number,
): C & { ratio: number | null; allowedRatio: number; allowedNonConcentrated: number; compliant: boolean } {
  // At least 0: with no concentrated trainee the epsilon would round up to -0.
  const allowedNonConcentrated = Math.max(0, Math.ceil(counts.concentrated * allowedRatio - 1e-9));
  return {
    ...counts,
    ratio: counts.concentrated ? Math.round((counts.nonConcentrated / counts.concentrated) * 1000) / 1000 : null,
    allowedRatio,
    allowedNonConcentrated,
    compliant: counts.nonConcentrated <= allowedNonConcentrated,
  };
}
