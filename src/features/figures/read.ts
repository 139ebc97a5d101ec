import type { Business, BusinessesDb } from "../../db/businesses.js";
import type { FiguresDb } from "../../db/figures.js";
import { medianBucket, monthNumber, REPLY_BUCKETS } from "../../lib/durations.js";
import { chartGeometry } from "./chart.js";
import { MIN_COMPLAINTS_FOR_RATES } from "./counts.js";
import { NO_RESPONSE_DAYS } from "../complaints/status.js";
import { verdict, type Verdict } from "./verdict.js";

/** The dashboard's "typical time to first reply" covers this month and the two before. */
const DASHBOARD_REPLY_MONTHS = 3;

const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
/** A share that may rest on nothing: the dashboard shows "–" then. */
const share = (part: number, whole: number) => (whole ? percent(part, whole) : "–");

export interface Rate {
  value: string | undefined;
  /** The same share as a whole number of percent, for a meter's length. */
  percent: number | undefined;
  basis: string;
}

const rate = (part: number, whole: number, basis: string): Rate => {
  const enough = whole >= MIN_COMPLAINTS_FOR_RATES;
  return {
    value: enough ? percent(part, whole) : undefined,
    percent: enough ? Math.round((100 * part) / whole) : undefined,
    basis,
  };
};

/** The compact card beside a complaint, in search results and in the directory. */
export interface BusinessCardFigures {
  verdict: Verdict;
  answeredInTime: string | undefined;
  typicalReply: string | undefined;
  complaints: number;
}

/**
 * Every figure a page shows, read from the kept counts (a handful of rows, never a business's
 * complaints) and formatted here, so no route or template works out a share, a median or a rate.
 * counts.ts writes these tables; definitions live on /about/figures.
 */
export function figures(tables: { businesses: BusinessesDb; figures: FiguresDb }) {
  const { businesses, figures: kept } = tables;

  /** "within 3 days": the reply-time bucket holding the median, over complaints published since `from`. */
  function typicalReply(businessId: number, from: number): string | undefined {
    const counts = REPLY_BUCKETS.map(() => 0);
    for (const r of kept.replyTimes(businessId, from)) counts[r.bucket] = r.n;
    const median = medianBucket(counts);
    return median === undefined ? undefined : `within ${REPLY_BUCKETS[median]!.label}`;
  }

  const resolvedOf = (counts: Record<string, number>) => (counts.resolved ?? 0) + (counts.confirmed ?? 0);

  /** The verdict (verdict.ts) from the kept figures: one row of business_figures and the status counts. */
  function verdictOf(business: Business, counts = businesses.statusCounts(business.id)): Verdict {
    const row = kept.get(business.id);
    return verdict({
      matured: row?.maturedCount ?? 0,
      answeredInTime: row?.maturedAnswered ?? 0,
      complaints: business.complaintCount,
      confirmed: counts.confirmed ?? 0,
    });
  }

  return {
    /** A business's reputation figures and 12-month chart, as its public page and dashboard show them. */
    forBusiness(business: Business, now: number) {
      const row = kept.get(business.id);
      const counts = businesses.statusCounts(business.id);
      const total = business.complaintCount;
      const thisMonth = monthNumber(now);
      const chart = chartGeometry(kept.months(business.id, thisMonth - 11), thisMonth);
      const enough = total >= MIN_COMPLAINTS_FOR_RATES;
      const resolved = resolvedOf(counts);
      const confirmed = counts.confirmed ?? 0;
      const matured = row?.maturedCount ?? 0;
      const ratings = row?.ratingsCount ?? 0;
      const rated = enough && ratings > 0;
      return {
        verdict: verdictOf(business, counts),
        enough,
        receivedTotal: total,
        maturedTotal: matured,
        receivedLastYear: chart.months.reduce((sum, m) => sum + m.received, 0),
        responseRate: rate(
          row?.maturedAnswered ?? 0,
          matured,
          `of ${matured} complaint${matured === 1 ? "" : "s"} older than ${NO_RESPONSE_DAYS} days`,
        ),
        typicalReply: typicalReply(business.id, thisMonth - 11),
        resolutionRate: rate(resolved, total, `${resolved} of ${total} marked resolved`),
        confirmedRate: rate(confirmed, total, `${confirmed} of ${total} confirmed by the consumer`),
        rating: rated ? { average: ((row?.ratingsSum ?? 0) / ratings).toFixed(1), count: ratings } : undefined,
        wouldReturn: rated
          ? {
              value: percent(row?.wouldReturnCount ?? 0, ratings),
              percent: Math.round((100 * (row?.wouldReturnCount ?? 0)) / ratings),
              count: ratings,
            }
          : undefined,
        chart,
      };
    },

    /** The compact card's figures: a row of business_figures, the status counts and the reply times. */
    card(business: Business, now: number): BusinessCardFigures {
      const row = kept.get(business.id);
      const matured = row?.maturedCount ?? 0;
      return {
        verdict: verdictOf(business),
        answeredInTime: matured >= MIN_COMPLAINTS_FOR_RATES ? percent(row?.maturedAnswered ?? 0, matured) : undefined,
        typicalReply: typicalReply(business.id, monthNumber(now) - 11),
        complaints: business.complaintCount,
      };
    },

    /** The headline numbers above a business's dashboard inbox. */
    forDashboard(business: Business, now: number) {
      const counts = businesses.statusCounts(business.id);
      const total = business.complaintCount;
      const since = monthNumber(now) - DASHBOARD_REPLY_MONTHS + 1;
      return {
        open: (counts.open ?? 0) + (counts.answered ?? 0),
        medianFirstReply: typicalReply(business.id, since) ?? "no replies yet",
        answered: share(total - (counts.open ?? 0), total),
        resolved: share(resolvedOf(counts), total),
      };
    },

    /**
     * The response rate the rankings sort by ("83%"), from the stored per-mille value: undefined
     * until it rests on enough complaints.
     */
    rankedResponseRate(businessId: number): string | undefined {
      const permille = kept.get(businessId)?.responseRate;
      return permille === null || permille === undefined ? undefined : `${Math.round(permille / 10)}%`;
    },
  };
}
