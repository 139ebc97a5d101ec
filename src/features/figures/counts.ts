import { businessCountsDb } from "../../db/business-counts.js";
import { businessesDb } from "../../db/businesses.js";
import { figuresDb } from "../../db/figures.js";
import type { Db } from "../../db/open.js";
import { siteCountsDb } from "../../db/site-counts.js";
import { dayNumber } from "../../lib/dates.js";
import { monthNumber, replyBucket } from "../../lib/durations.js";
import { NO_RESPONSE_AFTER, type EventType } from "../complaints/status.js";

export const RECENT_DAYS = 30;
/** Under this many complaints a business shows "not enough complaints yet" instead of rates. */
export const MIN_COMPLAINTS_FOR_RATES = 5;
/** The response rate counts replies within this long, over complaints older than it. */
export const RESPONSE_WINDOW = NO_RESPONSE_AFTER;

export interface PublishedComplaint {
  id: number;
  businessId: number;
  businessName: string;
  categoryId: number;
  status: string;
  waitingOn: string;
  publishedAt: number;
  publicTitle: string;
  publicBody: string;
}

/**
 * Every count and figure pages show about public complaints, changed here and only here, always
 * inside the transaction of the change being counted (never recounted per page view).
 * `npm run figures:rebuild` (db/figures-rebuild.ts) recomputes the same numbers from the events.
 */
export function complaintCounts(db: Db) {
  const businesses = businessesDb(db);
  const kept = businessCountsDb(db);
  const site = siteCountsDb(db);
  const figures = figuresDb(db);
  /**
   * "Recent" means the last RECENT_DAYS UTC days, today included. Rolling forward subtracts the days
   * that left; it runs with every publication and on the server's sweep timer, never on a page view.
   */
  function rollRecentWindow(now: number) {
    const start = dayNumber(now) - RECENT_DAYS + 1;
    const current = kept.recentWindowStart();
    if (current === undefined || start > current) kept.rollRecentWindow(current ?? start, start);
  }

  /** The stored rates (permille) that rankings sort by, from the counts they rest on. */
  function refreshRates(businessId: number) {
    const business = businesses.byId(businessId)!;
    const row = figures.get(businessId);
    if (!row) return;
    const confirmed = businesses.statusCounts(businessId).confirmed ?? 0;
    const response =
      row.maturedCount >= MIN_COMPLAINTS_FOR_RATES ? Math.round((1000 * row.maturedAnswered) / row.maturedCount) : null;
    const confirmedRate =
      business.complaintCount >= MIN_COMPLAINTS_FOR_RATES
        ? Math.round((1000 * confirmed) / business.complaintCount)
        : null;
    figures.setRates(businessId, response, confirmedRate);
  }

  /** Complaints that just turned older than the response window enter the response rate. */
  function matureDue(now: number) {
    const touched = new Set<number>();
    for (;;) {
      const due = figures.dueToMature(now - RESPONSE_WINDOW, 500);
      for (const c of due) {
        figures.bumpMatured(
          c.business_id,
          c.first_reply_at !== null && c.first_reply_at - c.published_at <= RESPONSE_WINDOW,
        );
        figures.markMatured(c.id, now);
        touched.add(c.business_id);
      }
      if (due.length < 500) break;
    }
    for (const id of touched) refreshRates(id);
  }

  return {
    rollRecentWindow,
    matureDue,
    refreshRates,

    /** A complaint became public. */
    published(c: PublishedComplaint) {
      rollRecentWindow(c.publishedAt);
      const business = businesses.byId(c.businessId)!;
      if (business.complaintCount === 0 && business.claimedAt === null) site.bump("businesses", 1); // now listed
      kept.addPublishedComplaint(c.businessId, c.publishedAt);
      kept.bumpStatusCount(c.businessId, c.status, 1);
      kept.bumpWaitingCount(c.businessId, c.waitingOn, 1);
      kept.bumpDailyCount(dayNumber(c.publishedAt), c.businessId, 1);
      kept.bumpRecentCount(c.businessId, 1);
      site.bump("complaints", 1);
      figures.ensure(c.businessId);
      figures.bumpMonthly(c.businessId, monthNumber(c.publishedAt), "received");
      figures.addCategory(c.categoryId, c.businessId);
      figures.index({ id: c.id, title: c.publicTitle, body: c.publicBody, business: c.businessName });
      matureDue(c.publishedAt);
      refreshRates(c.businessId);
    },

    /** A business was claimed for the first time: listed now even without complaints. */
    claimed(business: { complaintCount: number }) {
      if (business.complaintCount === 0) site.bump("businesses", 1);
    },

    /** An event on a public complaint: its status move, and what the figures learn from it. */
    recorded(
      c: { businessId: number; publishedAt: number | null; firstReplyAt: number | null },
      event: {
        type: EventType;
        at: number;
        from: string;
        to: string;
        /** Whose turn it was, and is now (the dashboard's tabs). */
        waiting: { from: string; to: string };
        data?: Record<string, unknown> | undefined;
      },
    ) {
      if (event.from !== event.to) {
        kept.bumpStatusCount(c.businessId, event.from, -1);
        kept.bumpStatusCount(c.businessId, event.to, 1);
      }
      if (event.waiting.from !== event.waiting.to) {
        kept.bumpWaitingCount(c.businessId, event.waiting.from, -1);
        kept.bumpWaitingCount(c.businessId, event.waiting.to, 1);
      }
      if (event.type === "business_reply" && c.firstReplyAt === null && c.publishedAt !== null) {
        figures.bumpMonthly(c.businessId, monthNumber(event.at), "answered");
        figures.addReplyTime(c.businessId, monthNumber(c.publishedAt), replyBucket(event.at - c.publishedAt));
      }
      if (event.type === "resolved") figures.bumpMonthly(c.businessId, monthNumber(event.at), "resolved");
      if (event.type === "confirmed")
        figures.addRating(c.businessId, Number(event.data?.rating), event.data?.wouldReturn === true);
      matureDue(event.at);
      refreshRates(c.businessId);
    },
  };
}
