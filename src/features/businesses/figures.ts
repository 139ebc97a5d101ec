import type { Business } from "../../db/businesses.js";
import type { FiguresDb } from "../../db/figures.js";
import { medianBucket, monthLabel, monthNumber, REPLY_BUCKETS } from "../../lib/durations.js";
import { MIN_COMPLAINTS_FOR_RATES } from "../complaints/counts.js";

const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;

export interface Rate {
  value: string | undefined;
  basis: string;
}

/**
 * A business's reputation figures as the pages show them, read from the kept counts (a handful of
 * rows, never the business's complaints). Definitions live on /about/figures.
 */
export function businessFigures(input: {
  business: Business;
  figures: FiguresDb;
  statusCounts: Record<string, number>;
  now: number;
}) {
  const { business, figures, statusCounts, now } = input;
  const row = figures.get(business.id);
  const total = business.complaintCount;
  const thisMonth = monthNumber(now);
  const months = figures.months(business.id, thisMonth - 11);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const chart = Array.from({ length: 12 }, (_, i) => {
    const month = thisMonth - 11 + i;
    const m = byMonth.get(month);
    return {
      label: monthLabel(month),
      received: m?.received ?? 0,
      answered: m?.answered ?? 0,
      resolved: m?.resolved ?? 0,
    };
  });
  const counts = Array.from({ length: REPLY_BUCKETS.length }, () => 0);
  for (const r of figures.replyTimes(business.id, thisMonth - 11)) counts[r.bucket] = r.n;
  const median = medianBucket(counts);
  const enough = total >= MIN_COMPLAINTS_FOR_RATES;
  const resolved = (statusCounts.resolved ?? 0) + (statusCounts.confirmed ?? 0);
  const confirmed = statusCounts.confirmed ?? 0;
  const matured = row?.maturedCount ?? 0;
  const ratings = row?.ratingsCount ?? 0;
  const rate = (part: number, whole: number, basis: string): Rate => ({
    value: whole >= MIN_COMPLAINTS_FOR_RATES ? percent(part, whole) : undefined,
    basis,
  });
  return {
    enough,
    receivedTotal: total,
    receivedLastYear: chart.reduce((sum, m) => sum + m.received, 0),
    responseRate: rate(
      row?.maturedAnswered ?? 0,
      matured,
      `of ${matured} complaint${matured === 1 ? "" : "s"} older than 15 days`,
    ),
    typicalReply: median === undefined ? undefined : `typically answers within ${REPLY_BUCKETS[median]!.label}`,
    resolutionRate: rate(resolved, total, `${resolved} of ${total} marked resolved`),
    confirmedRate: rate(confirmed, total, `${confirmed} of ${total} confirmed by the consumer`),
    rating:
      enough && ratings > 0 ? { average: ((row?.ratingsSum ?? 0) / ratings).toFixed(1), count: ratings } : undefined,
    wouldReturn:
      enough && ratings > 0 ? { value: percent(row?.wouldReturnCount ?? 0, ratings), count: ratings } : undefined,
    chart: chartGeometry(chart),
  };
}

/** Bar positions for the server-rendered SVG (three bars a month), all plain numbers. */
function chartGeometry(months: { label: string; received: number; answered: number; resolved: number }[]) {
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
