import type { Clock } from "../../clock.js";
import type { Db } from "../../db/open.js";
import { transparencyDb, type PublicLogEntry } from "../../db/transparency.js";
import { formatDate } from "../../lib/dates.js";
import { monthLabel, monthNumber } from "../../lib/durations.js";
import { complaintUrl } from "../complaints/present.js";
import { MODERATION_REASONS, reasonOf } from "../moderation/reasons.js";

export const LOG_PAGE_SIZE = 20;
const MONTHS_SHOWN = 12;

const ACT_WORDS: Record<PublicLogEntry["action"], string> = {
  "complaint.hide": "Complaint removed",
  "complaint.restore": "Complaint restored",
  "complaint.redact": "Passage removed from a complaint",
  "reply.hide": "Reply removed",
  "reply.restore": "Reply restored",
};

/** "2026-11" -> its month number; anything else -> undefined. */
export function parseMonth(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined;
}
const monthParam = (month: number) => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;

/**
 * /transparency's read model: the kept moderation counts (counts.ts), summed for the page, and
 * the public moderation log. Reads moderation_counts (a few rows per month) and one page of the
 * log through its index; never the audit log as a whole.
 */
export function transparency(deps: { db: Db; clock: Clock }) {
  const q = transparencyDb(deps.db);

  function figures(scope: number | undefined) {
    const rows = q.all();
    const sum = (metric: string | string[], where: (r: { reason: string; month: number }) => boolean = () => true) => {
      const metrics = Array.isArray(metric) ? metric : [metric];
      return rows.filter((r) => metrics.includes(r.metric) && where(r)).reduce((n, r) => n + r.value, 0);
    };
    const inScope = (r: { month: number }) => scope === undefined || r.month === scope;
    const total = (metric: string | string[]) => sum(metric, inScope);

    const current = monthNumber(deps.clock.now());
    const months = Array.from({ length: MONTHS_SHOWN }, (_, i) => current - i).map((month) => {
      const at = (metric: string | string[]) => sum(metric, (r) => r.month === month);
      return {
        label: monthLabel(month),
        url: `/transparency?month=${monthParam(month)}`,
        current: month === scope,
        reportsReceived: at("reports.received"),
        reportsActioned: at("reports.actioned"),
        reportsDismissed: at("reports.dismissed"),
        complaintsHidden: at("complaint.hide"),
        repliesHidden: at("reply.hide"),
        restored: at(["complaint.restore", "reply.restore"]),
        redactions: at("complaint.redact"),
        claimsApproved: at(["claim.approve", "claim.verify"]),
        claimsRejected: at("claim.reject"),
        suspensions: at("user.suspend"),
      };
    });

    // Acts recorded before reasons were kept count under "" and show as such, when there are any.
    const reasons: { value: string; label: string; url: string | undefined }[] = [
      ...MODERATION_REASONS.map((r) => ({ value: r.value, label: r.rule, url: `/about/rules#${r.value}` })),
      { value: "", label: "Not recorded (before rules were listed)", url: undefined },
    ];
    const byReason = reasons
      .map((r) => {
        const by = (metric: string | string[]) => sum(metric, (row) => row.reason === r.value && inScope(row));
        return {
          ...r,
          reportsReceived: by("reports.received"),
          reportsActioned: by("reports.actioned"),
          reportsDismissed: by("reports.dismissed"),
          complaintsHidden: by("complaint.hide"),
          repliesHidden: by("reply.hide"),
          restored: by(["complaint.restore", "reply.restore"]),
          redactions: by("complaint.redact"),
        };
      })
      .filter((r) => r.value !== "" || r.complaintsHidden + r.repliesHidden + r.restored + r.redactions > 0);

    return {
      scope: scope === undefined ? "All time" : monthLabel(scope),
      scoped: scope !== undefined,
      totals: {
        reportsReceived: total("reports.received"),
        reportsActioned: total("reports.actioned"),
        reportsDismissed: total("reports.dismissed"),
        complaintsHidden: total("complaint.hide"),
        complaintsRestored: total("complaint.restore"),
        repliesHidden: total("reply.hide"),
        repliesRestored: total("reply.restore"),
        redactions: total("complaint.redact"),
        claimsVerified: total("claim.verify"),
        claimsApproved: total("claim.approve"),
        claimsRejected: total("claim.reject"),
        suspensions: total("user.suspend"),
        reinstatements: total("user.unsuspend"),
      },
      reasons: byReason,
      months,
    };
  }

  /** One page of the public log, newest first, before the entry `before` (keyset). */
  function log(before: number | undefined) {
    const rows = q.publicLog(before ?? Number.MAX_SAFE_INTEGER, LOG_PAGE_SIZE + 1);
    const page = rows.slice(0, LOG_PAGE_SIZE);
    return {
      entries: page.map((e) => {
        const c = e.complaint;
        // A complaint's title is shown only while the complaint is public: a hidden one may have
        // been hidden for what its title says.
        const visible = c !== null && c.visibility === "public";
        const rule = reasonOf(e.reasonCode);
        return {
          id: e.id,
          what: ACT_WORDS[e.action],
          date: formatDate(e.at),
          iso: new Date(e.at).toISOString(),
          item: c
            ? {
                lead: e.targetType === "reply" ? "A reply on " : "",
                text: visible
                  ? c.publicTitle
                  : `${e.targetType === "reply" ? "a" : "A"} complaint about ${c.businessName}`,
                url: visible ? complaintUrl(c) : `/complaints/${c.id}`,
                // The business is named in the link's words when the title is not shown.
                business: visible ? { name: c.businessName, url: `/businesses/${c.businessSlug}` } : undefined,
              }
            : undefined,
          rule: rule ? { label: rule.rule, url: `/about/rules#${rule.value}` } : undefined,
          restore: e.action.endsWith(".restore"),
          // Notes were first written for the audit log alone; only those given as public are shown.
          note: rule && !e.action.endsWith(".restore") ? e.note : null,
        };
      }),
      older: rows.length > LOG_PAGE_SIZE ? `/transparency?before=${page.at(-1)!.id}#log` : undefined,
      newest: before === undefined ? undefined : "/transparency#log",
    };
  }

  return { figures, log };
}
