import { complaintTags, TAGS, type PageChanges } from "../cache/tags.js";
import type { Clock } from "../../clock.js";
import { complaintEventsDb } from "../../db/complaint-events.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import { moderationDb, type ReportReason, type TargetType } from "../../db/moderation.js";
import type { Db } from "../../db/open.js";
import { sessionsDb } from "../../db/sessions.js";
import { usersDb, type User } from "../../db/users.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";
import { badge, complaintUrl, excerptOf } from "../complaints/present.js";
import { complaintAccess, entryVisible } from "../complaints/visibility.js";
import { requireVerifiedEmail } from "../accounts/verified.js";
import { rebuildFigures } from "../figures/rebuild.js";
import { privateMessagesDb } from "../../db/private-messages.js";
import type { Attachments } from "../attachments/attachments.js";
import type { PrivateSide } from "../complaints/private-side.js";
import { moderationCounts } from "../transparency/counts.js";
import { reasonOf } from "./reasons.js";

const REDACTED = "[removed by moderators]";

/** What a removal notice says: the rule broken, then the moderator's note. */
const publicReason = (code: ReportReason, note: string) => `${reasonOf(code)?.rule ?? "Other"} — ${note}`;

/**
 * Moderation: reports, hiding with a public reason, restoring, redacting, suspensions. Nothing is
 * deleted; every action is written to the append-only audit log in its own transaction. After a
 * change of what is public, that business's figures are recomputed from its timelines.
 */
export function moderation(deps: {
  db: Db;
  clock: Clock;
  privateSide: PrivateSide;
  attachments: Attachments;
  changes?: PageChanges;
}) {
  const { db, clock, privateSide } = deps;
  const messages = privateMessagesDb(db);
  const rows = moderationDb(db);
  const complaints = complaintsDb(db);
  const events = complaintEventsDb(db);
  const users = usersDb(db);
  const sessions = sessionsDb(db);
  const counts = moderationCounts(db, deps.changes);

  const requireModerator = (user: User) => {
    if (user.role !== "moderator" && user.role !== "admin") throw new Forbidden("Only moderators can do that.");
  };
  const requireAdmin = (user: User) => {
    if (user.role !== "admin") throw new Forbidden("Only admins can do that.");
  };

  function complaintOr404(id: number): Complaint {
    const complaint = complaints.byId(id);
    if (!complaint) throw new NotFound();
    return complaint;
  }

  /** A reportable/hideable timeline entry: anything with words in it, not the filing itself. */
  function replyOr404(id: number) {
    const event = rows.eventById(id);
    if (!event || event.type === "filed" || event.public_body === null) throw new NotFound();
    return event;
  }

  /**
   * What a report is about, as the report form and the queue show it: undefined when it does not
   * exist or the viewer may not see it (the visibility function decides, as on the complaint page).
   */
  function reportTarget(type: string, targetId: number, viewer: User) {
    if (type === "message") return messageTarget(targetId, viewer);
    const complaintId = type === "reply" ? rows.eventById(targetId)?.complaint_id : targetId;
    const complaint = complaintId === undefined ? undefined : complaints.byId(complaintId);
    const entry =
      type === "reply" && complaint ? events.byComplaint(complaint.id).find((e) => e.id === targetId) : undefined;
    if (!complaint || (type === "reply" && !entry)) return undefined;
    if (complaintAccess(complaint, viewer) !== "full") return undefined;
    if (entry && !entryVisible(entry, complaint, viewer)) return undefined;
    return {
      type,
      id: targetId,
      complaintId: complaint.id,
      url: complaintUrl(complaint) + (entry ? `#event-${entry.id}` : ""),
      title: complaint.publicTitle,
      text: excerptOf(entry ? (entry.publicBody ?? "") : complaint.publicBody, 400),
      hidden: entry ? entry.hiddenAt !== null : complaint.visibility === "hidden",
      businessName: complaint.businessName,
      businessUrl: `/businesses/${complaint.businessSlug}`,
      /** Who wrote the item: the complaint's author, or the reply's (a business speaks as itself). */
      authorName: entry
        ? entry.type === "business_reply"
          ? complaint.businessName
          : (entry.actorName ?? complaint.authorName)
        : complaint.authorName,
      status: badge(complaint, clock.now()),
    };
  }

  /**
   * A private message as a report's target: only its parties may report it, and the queue names it
   * without its words (a moderator reads it on the complaint's page, where the view is audited).
   */
  function messageTarget(id: number, viewer: User) {
    const message = messages.byId(id);
    const complaint = message && complaints.byId(message.complaintId);
    if (!message || !complaint || privateSide.accessTo(complaint, viewer) === "none") return undefined;
    return {
      type: "message",
      id,
      complaintId: complaint.id,
      url: `${complaintUrl(complaint)}#message-${id}`,
      title: complaint.publicTitle,
      text: "A private message between the consumer and the business. Open the complaint to read it and its thread: your view is written to the audit log.",
      hidden: message.hiddenAt !== null || message.erasedAt !== null,
      businessName: complaint.businessName,
      businessUrl: `/businesses/${complaint.businessSlug}`,
      authorName: message.side === "business" ? complaint.businessName : complaint.authorName,
      status: badge(complaint, clock.now()),
    };
  }

  return {
    report(
      user: User,
      input: { targetType: TargetType; targetId: number; reason: ReportReason; details: string | null },
    ) {
      requireVerifiedEmail(user, "before reporting");
      db.transaction(() => {
        // Only what the reporter can see, and not what moderators already removed.
        const about = reportTarget(input.targetType, input.targetId, user);
        if (!about || about.hidden) throw new NotFound();
        if (!rows.report({ ...input, reporterId: user.id, at: clock.now() }))
          throw new Conflict(
            "You have already reported this, and a moderator has not looked at it yet.",
            "Already reported",
          );
        counts.reports("reports.received", [input.reason], clock.now());
      })();
    },

    queue: () => rows.openReports(),

    /** Hides a complaint for one of the rules (reasons.ts), with a public note. */
    hideComplaint(moderator: User, id: number, reason: { code: ReportReason; note: string }) {
      requireModerator(moderator);
      db.transaction(() => {
        const c = complaintOr404(id);
        const at = clock.now();
        if (!rows.hideComplaint(id, publicReason(reason.code, reason.note), at))
          throw new Conflict("Only a public complaint can be hidden.");
        counts.reports("reports.actioned", rows.closeReportsFor("complaint", id, moderator.id, at), at);
        counts.act({
          actorId: moderator.id,
          action: "complaint.hide",
          targetType: "complaint",
          targetId: id,
          reason: reason.note,
          reasonCode: reason.code,
          at,
        });
        rebuildFigures(db, clock, c.businessId);
        deps.changes?.touched([...complaintTags(c), TAGS.moderation]);
      })();
    },

    restoreComplaint(moderator: User, id: number) {
      requireModerator(moderator);
      db.transaction(() => {
        const c = complaintOr404(id);
        if (!rows.restoreComplaint(id, clock.now())) throw new Conflict("This complaint is not hidden.");
        counts.act({
          actorId: moderator.id,
          action: "complaint.restore",
          targetType: "complaint",
          targetId: id,
          reasonCode: counts.hideReasonOf("complaint", id),
          at: clock.now(),
        });
        rebuildFigures(db, clock, c.businessId);
        deps.changes?.touched([...complaintTags(c), TAGS.moderation]);
      })();
    },

    /** Replaces every occurrence of the passage in the public title and story. */
    redact(moderator: User, id: number, passage: string, reason: { code: ReportReason; note: string }) {
      requireModerator(moderator);
      db.transaction(() => {
        const c = complaintOr404(id);
        if (!c.publicTitle.includes(passage) && !c.publicBody.includes(passage)) {
          throw new Conflict(
            "That passage is not in the complaint's public text. Copy it exactly as it appears.",
            "Passage not found",
          );
        }
        rows.redact(
          id,
          c.publicTitle.split(passage).join(REDACTED),
          c.publicBody.split(passage).join(REDACTED),
          clock.now(),
        );
        counts.act({
          actorId: moderator.id,
          action: "complaint.redact",
          targetType: "complaint",
          targetId: id,
          reason: reason.note,
          reasonCode: reason.code,
          at: clock.now(),
        });
        rebuildFigures(db, clock, c.businessId); // the search index holds the public text
        deps.changes?.touched([...complaintTags(c), TAGS.moderation]);
      })();
    },

    hideReply(moderator: User, id: number, reason: { code: ReportReason; note: string }) {
      requireModerator(moderator);
      db.transaction(() => {
        const e = replyOr404(id);
        const at = clock.now();
        if (!rows.hideEvent(id, publicReason(reason.code, reason.note), at))
          throw new Conflict("This is already hidden.");
        counts.reports("reports.actioned", rows.closeReportsFor("reply", id, moderator.id, at), at);
        counts.act({
          actorId: moderator.id,
          action: "reply.hide",
          targetType: "reply",
          targetId: id,
          reason: reason.note,
          reasonCode: reason.code,
          at,
        });
        const c = complaintOr404(e.complaint_id);
        rebuildFigures(db, clock, c.businessId);
        deps.changes?.touched([...complaintTags(c), TAGS.moderation]);
      })();
    },

    restoreReply(moderator: User, id: number) {
      requireModerator(moderator);
      db.transaction(() => {
        const e = replyOr404(id);
        if (!rows.restoreEvent(id)) throw new Conflict("This is not hidden.");
        counts.act({
          actorId: moderator.id,
          action: "reply.restore",
          targetType: "reply",
          targetId: id,
          reasonCode: counts.hideReasonOf("reply", id),
          at: clock.now(),
        });
        const c = complaintOr404(e.complaint_id);
        rebuildFigures(db, clock, c.businessId);
        deps.changes?.touched([...complaintTags(c), TAGS.moderation]);
      })();
    },

    dismissReport(moderator: User, id: number) {
      requireModerator(moderator);
      db.transaction(() => {
        const report = rows.reportById(id);
        if (!report) throw new NotFound();
        if (!rows.closeReport(id, "dismissed", moderator.id, clock.now()))
          throw new Conflict("This report was already handled.");
        counts.reports("reports.dismissed", [report.reason], clock.now());
        rows.audit({
          actorId: moderator.id,
          action: "report.dismiss",
          targetType: report.target_type,
          targetId: report.target_id,
          at: clock.now(),
        });
      })();
    },

    /** A suspended account cannot log in or post; its sessions end now. Its public content stays. */
    setSuspended(admin: User, userId: number, suspended: boolean, reason: string | null) {
      requireAdmin(admin);
      db.transaction(() => {
        const user = users.byId(userId);
        if (!user || user.deletedAt !== null) throw new NotFound();
        if (user.id === admin.id) throw new Conflict("You can't suspend your own account.");
        if ((user.suspendedAt !== null) === suspended)
          throw new Conflict(suspended ? "This account is already suspended." : "This account is not suspended.");
        users.setSuspended(userId, suspended ? clock.now() : null, clock.now());
        if (suspended) sessions.endAllFor(userId);
        counts.act({
          actorId: admin.id,
          action: suspended ? "user.suspend" : "user.unsuspend",
          targetType: "user",
          targetId: userId,
          reason,
          at: clock.now(),
        });
      })();
    },

    audit: (entry: {
      actorId: number | null;
      action: string;
      targetType?: string;
      targetId?: number;
      reason?: string | null;
    }) => rows.audit({ ...entry, at: clock.now() }),
    auditLog: (
      filter: { actor: string | null; targetType: string | null; targetId: number | null },
      limit: number,
      offset: number,
    ) => rows.auditLog(filter, limit, offset),

    /** Hides a private message for one of the rules; the two parties read the rule and the note in its place. */
    hideMessage(moderator: User, id: number, reason: { code: ReportReason; note: string }) {
      requireModerator(moderator);
      db.transaction(() => {
        const at = clock.now();
        if (!messages.byId(id)) throw new NotFound();
        const shown = reason.note ? publicReason(reason.code, reason.note) : (reasonOf(reason.code)?.rule ?? "Other");
        if (!messages.hide(id, shown, at)) throw new Conflict("This message is already hidden.");
        counts.reports("reports.actioned", rows.closeReportsFor("message", id, moderator.id, at), at);
        // Audited, not in the public log: the message was never public.
        rows.audit({
          actorId: moderator.id,
          action: "message.hide",
          targetType: "message",
          targetId: id,
          reason: reason.note,
          at,
        });
      })();
    },

    restoreMessage(moderator: User, id: number) {
      requireModerator(moderator);
      db.transaction(() => {
        if (!messages.byId(id)) throw new NotFound();
        if (!messages.restore(id)) throw new Conflict("This message is not hidden.");
        rows.audit({
          actorId: moderator.id,
          action: "message.restore",
          targetType: "message",
          targetId: id,
          at: clock.now(),
        });
      })();
    },

    /** Redaction of one file: its row says why; its bytes go once the change is committed. */
    removeAttachment(moderator: User, id: number, reason: ReportReason) {
      requireModerator(moderator);
      const removed = db.transaction(() => {
        const file = deps.attachments.remove(id, reasonOf(reason)?.rule ?? "Other");
        rows.audit({
          actorId: moderator.id,
          action: "attachment.remove",
          targetType: "attachment",
          targetId: id,
          reason,
          at: clock.now(),
        });
        return file;
      })();
      deps.attachments.sweep([removed.fileHash, ...(removed.thumbnailHash ? [removed.thumbnailHash] : [])]);
      return complaintUrl(complaintOr404(removed.complaintId));
    },

    /** Where a message sits, for the moderator's redirect back to it. */
    messageUrl(id: number) {
      const message = messages.byId(id);
      if (!message) throw new NotFound();
      return `${complaintUrl(complaintOr404(message.complaintId))}#message-${id}`;
    },

    reportTarget,

    /** The account with this address, for the admins' suspension page. */
    accountByEmail: (email: string) => users.byEmail(email),
  };
}
