import { monthLabel } from "../../lib/durations.js";

/** One month of the chart: what was received, answered and resolved in it. */
export interface ChartMonth {
  month: number;
  received: number;
  answered: number;
  resolved: number;
}

const CHART_SERIES = ["received", "answered", "resolved"] as const;

/**
 * The y-axis never tops out below this: one complaint in a year is a short bar on a scale of five,
 * not a full-height one that looks like a crisis.
 */
const CHART_MIN_TOP = 5;
/** Under this many complaints received in the chart's twelve months, the chart says it shows few. */
const CHART_FEW = 5;

/** A round step (1, 2 or 5 times a power of ten) giving at most five steps up to `max`. */
export function axisScale(max: number): { top: number; step: number } {
  if (max <= CHART_MIN_TOP) return { top: CHART_MIN_TOP, step: 1 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { top: Math.ceil(max / step) * step, step };
}

interface Layout {
  width: number;
  height: number;
}

/** Positions for one server-rendered SVG of these months: bars, their values, the y-axis ticks. */
function drawing(months: readonly (ChartMonth & { label: string })[], size: Layout) {
  const { width, height } = size;
  const left = 34; // the y-axis labels
  const top = 18; // room for a value label over the tallest bar
  const bottom = 26; // the month labels
  const plot = height - top - bottom;
  const baseline = height - bottom;
  const max = Math.max(0, ...months.flatMap((m) => CHART_SERIES.map((s) => m[s])));
  const { top: axisTop, step } = axisScale(max);
  const scale = (n: number) => (plot * n) / axisTop;
  const slot = (width - left) / months.length;
  const bar = (slot - 10) / 3;
  return {
    width,
    height,
    left,
    baseline,
    ticks: Array.from({ length: axisTop / step + 1 }, (_, i) => ({
      value: i * step,
      y: baseline - scale(i * step),
    })),
    months: months.map((m, i) => {
      const x0 = left + i * slot + 5;
      return {
        label: m.label,
        short: m.label.slice(0, 3),
        labelX: left + i * slot + slot / 2,
        bars: CHART_SERIES.map((series, j) => {
          const value = m[series];
          const h = scale(value);
          return {
            series,
            value,
            x: x0 + j * bar,
            width: bar - 1,
            height: h,
            y: baseline - h,
            // The value sits over its bar; a zero gets no label (the table has every number).
            labelX: x0 + j * bar + (bar - 1) / 2,
            labelY: baseline - h - 4,
          };
        }),
      };
    }),
  };
}

/**
 * The monthly chart for the twelve months ending with `thisMonth` (a month with no row is a month of
 * zeros): a wide drawing of all twelve for larger screens, a narrow one of the last six that stays
 * readable on a phone, and the months themselves for the table that carries every number.
 */
export function chartGeometry(rows: readonly ChartMonth[], thisMonth: number) {
  const byMonth = new Map(rows.map((m) => [m.month, m]));
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = thisMonth - 11 + i;
    const m = byMonth.get(month);
    return {
      month,
      label: monthLabel(month),
      received: m?.received ?? 0,
      answered: m?.answered ?? 0,
      resolved: m?.resolved ?? 0,
    };
  });
  const received = months.reduce((sum, m) => sum + m.received, 0);
  const anything = months.some((m) => CHART_SERIES.some((s) => m[s] > 0));
  return {
    months,
    /** Nothing at all happened in these twelve months: the page says so instead of drawing empty axes. */
    empty: !anything,
    /** So few complaints that the bars are single cases, not a trend: the page says so. */
    few: anything && received < CHART_FEW,
    received,
    wide: drawing(months, { width: 720, height: 240 }),
    narrow: drawing(months.slice(6), { width: 360, height: 240 }),
  };
}
