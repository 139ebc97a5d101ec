import { MIN_COMPLAINTS_FOR_RATES } from "./counts.js";

/**
 * A business's verdict: one word for how it treats complaints, worked out from two kept figures
 * (never from reading its complaints), and explained on /about/figures from these same constants.
 *
 *   score = 60 × (share answered within 15 days) + 40 × (share whose resolution the consumer confirmed)
 *
 * The first share is over the public complaints older than 15 days (the response rate); the second
 * over all public complaints. Both are all-time: every public complaint the business has had.
 * The response rate weighs most because it is the one thing fully in the business's hands; a
 * confirmation needs the consumer too, and a business cannot mark its own work as confirmed.
 * Until MIN_COMPLAINTS_FOR_RATES complaints are older than 15 days there is no verdict.
 */

export const VERDICT_WEIGHTS = { answeredInTime: 60, confirmed: 40 } as const;

/** The complaints older than the response window a verdict needs (the response rate's minimum). */
export const VERDICT_MIN_COMPLAINTS = MIN_COMPLAINTS_FOR_RATES;

export type VerdictKey = "excellent" | "good" | "fair" | "poor" | "too-few";

/** Each verdict from its lowest score (out of 100), best first. */
export const VERDICT_THRESHOLDS: readonly { key: Exclude<VerdictKey, "too-few">; label: string; from: number }[] = [
  { key: "excellent", label: "Excellent", from: 80 },
  { key: "good", label: "Good", from: 65 },
  { key: "fair", label: "Fair", from: 45 },
  { key: "poor", label: "Poor", from: 0 },
];

export const TOO_FEW_LABEL = "Not enough complaints yet";

export interface VerdictFigures {
  /** Public complaints older than the response window. */
  matured: number;
  /** Of those, the ones the business answered within the window. */
  answeredInTime: number;
  /** Every public complaint. */
  complaints: number;
  /** Public complaints whose resolution the consumer confirmed. */
  confirmed: number;
}

export interface Verdict {
  key: VerdictKey;
  label: string;
  /** The score out of 100, rounded down (so the shown score never reaches a threshold the verdict did not). */
  score: number | undefined;
}

export function verdict(f: VerdictFigures): Verdict {
  if (f.matured < VERDICT_MIN_COMPLAINTS || f.complaints < VERDICT_MIN_COMPLAINTS)
    return { key: "too-few", label: TOO_FEW_LABEL, score: undefined };
  // Exact in integers: score >= from  <=>  60·a·T + 40·c·M >= from·M·T (no rounding at a threshold).
  const points =
    VERDICT_WEIGHTS.answeredInTime * f.answeredInTime * f.complaints +
    VERDICT_WEIGHTS.confirmed * f.confirmed * f.matured;
  const scale = f.matured * f.complaints;
  const level = VERDICT_THRESHOLDS.find((t) => points >= t.from * scale) ?? VERDICT_THRESHOLDS.at(-1)!;
  return { key: level.key, label: level.label, score: Math.floor(points / scale) };
}
