import { DAY, HOUR } from "../clock.js";

/**
 * Buckets for "typically answers within ...": each is an upper bound. The median reply time is
 * reported as the bound of the bucket that holds it, which is exactly what "within" promises.
 */
export const REPLY_BUCKETS: readonly { upTo: number; label: string }[] = [
  { upTo: HOUR, label: "an hour" },
  { upTo: 3 * HOUR, label: "3 hours" },
  { upTo: 6 * HOUR, label: "6 hours" },
  { upTo: 12 * HOUR, label: "12 hours" },
  { upTo: DAY, label: "a day" },
  { upTo: 2 * DAY, label: "2 days" },
  { upTo: 3 * DAY, label: "3 days" },
  { upTo: 5 * DAY, label: "5 days" },
  { upTo: 7 * DAY, label: "a week" },
  { upTo: 14 * DAY, label: "2 weeks" },
  { upTo: 30 * DAY, label: "a month" },
  { upTo: Number.POSITIVE_INFINITY, label: "more than a month" },
];

export function replyBucket(ms: number): number {
  return REPLY_BUCKETS.findIndex((b) => ms <= b.upTo);
}

/** The bucket holding the median of these counts (index = bucket), or undefined when empty. */
export function medianBucket(counts: readonly number[]): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const [bucket, n] of counts.entries()) {
    seen += n;
    if (seen * 2 >= total) return bucket;
  }
  return counts.length - 1;
}

/** Months as one number (year * 12 + month index), UTC. */
export function monthNumber(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

const monthFormat = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });
export function monthLabel(month: number): string {
  return monthFormat.format(Date.UTC(Math.floor(month / 12), month % 12, 1));
}
