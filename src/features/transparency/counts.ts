import { moderationDb, type ReportReason, type TargetType } from "../../db/moderation.js";
import type { Db } from "../../db/open.js";
import { transparencyDb } from "../../db/transparency.js";
import { monthNumber } from "../../lib/durations.js";
import { nothingChanges, TAGS, type PageChanges } from "../cache/tags.js";

/**
 * The acts /transparency counts: each is one audit-log row, counted under its action's name (the
 * rebuild's statement in db/transparency.ts names the same list).
 */
type CountedAct =
  | "complaint.hide"
  | "complaint.restore"
  | "complaint.redact"
  | "reply.hide"
  | "reply.restore"
  | "claim.approve"
  | "claim.reject"
  | "claim.verify"
  | "user.suspend"
  | "user.unsuspend";

/** Reports are counted from the reports table, by the reason they were made for. */
export type ReportMetric = "reports.received" | "reports.actioned" | "reports.dismissed";

/**
 * Every count /transparency shows, changed here and only here, inside the transaction of the act
 * being counted (never recounted per page view). The audit entry of a counted act is written here
 * too, so an act and its count cannot part. rebuild.ts recomputes the same numbers from the audit
 * log and the reports; a test requires the two to be equal.
 */
export function moderationCounts(db: Db, changes: PageChanges = nothingChanges) {
  const audit = moderationDb(db);
  const kept = transparencyDb(db);
  const shown = () => changes.touched([TAGS.moderation]); // /transparency shows every count
  return {
    /** A moderation, claim or suspension act: its audit entry and its count. */
    act(entry: {
      actorId: number | null;
      action: CountedAct;
      targetType: TargetType | "claim" | "user";
      targetId: number;
      reason?: string | null;
      reasonCode?: ReportReason | null;
      at: number;
    }) {
      audit.audit(entry);
      kept.bump(entry.action, entry.reasonCode ?? "", monthNumber(entry.at));
      shown();
    },

    /** The reason of the hiding that a restore undoes, which the restore is counted under. */
    hideReasonOf: (type: "complaint" | "reply", id: number) => kept.hideReasonOf(type, id) as ReportReason | null,

    /** Reports made, acted on (the item was hidden) or dismissed, each under its own reason. */
    reports(metric: ReportMetric, reasons: readonly ReportReason[], at: number) {
      for (const reason of reasons) kept.bump(metric, reason, monthNumber(at));
      if (reasons.length) shown();
    },
  };
}
