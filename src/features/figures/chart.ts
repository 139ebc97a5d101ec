import { monthLabel } from "../../lib/durations.js";

/** One month of the chart: what was received, answered and resolved in it. */
export interface ChartMonth {
  month: number;
  received: number;
  answered: number;
  resolved: number;
}

/**
 * Bar positions for the server-rendered SVG (three bars a month), all plain numbers, for the twelve
 * months ending with `thisMonth`; a month with no row is a month of zeros.
 */
export function chartGeometry(rows: readonly ChartMonth[], thisMonth: number) {
  const byMonth = new Map(rows.map((m) => [m.month, m]));
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = thisMonth - 11 + i;
    const m = byMonth.get(month);
    return {
      label: monthLabel(month),
      received: m?.received ?? 0,
      answered: m?.answered ?? 0,
      resolved: m?.resolved ?? 0,
    };
  });
  const width = 720;
  const height = 200;
  const top = 10;
  const bottom = 30;
  const max = Math.max(1, ...months.flatMap((m) => [m.received, m.answered, m.resolved]));
  const slot = width / months.length;
  const bar = (slot - 12) / 3;
  const scale = (n: number) => ((height - top - bottom) * n) / max;
  return {
    width,
    height,
    max,
    baseline: height - bottom,
    months: months.map((m, i) => ({
      ...m,
      x: i * slot + 6,
      labelX: i * slot + slot / 2,
      short: m.label.slice(0, 3),
      bars: (["received", "answered", "resolved"] as const).map((series, j) => ({
        series,
        x: i * slot + 6 + j * bar,
        width: bar - 1,
        height: scale(m[series]),
        y: height - bottom - scale(m[series]),
      })),
    })),
  };
}
