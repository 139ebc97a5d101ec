import type { AuditEntry } from "../../db/moderation.js";

/**
 * An audit entry as the admins' log reads it: what was done, in words, linked to what it was done
 * to. An action this list does not know shows as its code, so nothing recorded is ever hidden.
 */
export function describeAudit(e: AuditEntry): { words: string; href: string | undefined } {
  const complaint = e.targetId === null ? undefined : `/complaints/${e.targetId}`;
  const reply =
    e.replyComplaintId === null ? undefined : `/complaints/${e.replyComplaintId}#event-${String(e.targetId)}`;
  const account = e.targetUserEmail ? `/admin/users?email=${encodeURIComponent(e.targetUserEmail)}` : undefined;
  const person = e.targetUserName ?? "a former member";
  const business = e.claimBusinessName ?? "a business";
  switch (e.action) {
    case "complaint.hide":
      return { words: "Hid a complaint", href: complaint };
    case "complaint.restore":
      return { words: "Restored a complaint", href: complaint };
    case "complaint.redact":
      return { words: "Removed a passage from a complaint", href: complaint };
    case "reply.hide":
      return { words: "Hid a reply", href: reply };
    case "reply.restore":
      return { words: "Restored a reply", href: reply };
    case "report.dismiss":
      return e.targetType === "reply"
        ? { words: "Dismissed a report on a reply", href: reply }
        : { words: "Dismissed a report on a complaint", href: complaint };
    case "private-details.view":
      return { words: "Read a complaint's private case details", href: complaint };
    case "user.suspend":
      return { words: `Suspended ${person}`, href: account };
    case "user.unsuspend":
      return { words: `Lifted the suspension of ${person}`, href: account };
    case "role.admin":
      return { words: `Made ${person} an admin`, href: account };
    case "role.moderator":
      return { words: `Made ${person} a moderator`, href: account };
    case "role.revoke":
      return { words: `Took ${person}'s role away`, href: account };
    case "account.delete":
      return { words: "Deleted their account", href: undefined };
    case "account.delete_with_complaints":
      return { words: "Deleted their account and hid their complaints", href: undefined };
    case "claim.approve":
      return { words: `Approved a claim of ${business}`, href: "/admin/claims" };
    case "claim.reject":
      return { words: `Rejected a claim of ${business}`, href: "/admin/claims" };
    case "claim.verify":
      return { words: `Proved a claim of ${business} by work email`, href: undefined };
    case "mail.retry":
      return { words: "Sent a failed message again", href: "/admin/mail" };
    default:
      return { words: e.action, href: undefined };
  }
}
