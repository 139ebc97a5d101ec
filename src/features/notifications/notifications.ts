import crypto from "node:crypto";
import type { Clock } from "../../clock.js";
import { complaintsDb, type Complaint } from "../../db/complaints.js";
import { membersDb } from "../../db/members.js";
import { notificationOptOutsDb } from "../../db/notification-opt-outs.js";
import type { Db } from "../../db/open.js";
import { usersDb, type User } from "../../db/users.js";
import type { MailQueue } from "../../mail/mailer.js";
import { notificationMessage } from "../../mail/messages.js";
import type { ComplaintEvent } from "../complaints/complaints.js";
import { complaintUrl } from "../complaints/present.js";
import { CONSUMER_WORD_DAYS } from "../complaints/status.js";

/** The kinds of email a user can switch off, with how the settings page names them. */
export const NOTIFICATION_KINDS = {
  new_complaint: "New complaints about a business you answer for",
  business_activity: "Replies, confirmations and disputes from consumers on complaints about your business",
  complaint_activity: "Replies and resolutions from businesses on your complaints",
  claims: "Decisions on your claims of a business profile",
  private_messages: "New private messages on complaints you are a party to",
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === "string" && value in NOTIFICATION_KINDS;

/**
 * Who hears of what, by email. The messages are queued in the outbox inside the transaction that
 * records what happened (the caller's), so they exist exactly when the change does; the outbox
 * delivers them. Each carries a signed link that switches its kind off, no log-in needed.
 */
export function notifications(deps: { db: Db; mail: MailQueue; baseUrl: string; secret: string; clock: Clock }) {
  const complaints = complaintsDb(deps.db);
  const members = membersDb(deps.db);
  const users = usersDb(deps.db);
  const optOuts = notificationOptOutsDb(deps.db);

  const signature = (userId: number, kind: string) =>
    crypto.createHmac("sha256", deps.secret).update(`${userId}.${kind}`).digest("base64url").slice(0, 32);

  function unsubscribeUrl(userId: number, kind: NotificationKind): string {
    return `${deps.baseUrl}/notifications/unsubscribe?user=${userId}&kind=${kind}&sig=${signature(userId, kind)}`;
  }

  function verify(userId: number, kind: string, sig: string): boolean {
    const expected = Buffer.from(signature(userId, kind));
    const given = Buffer.from(sig);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }

  function send(recipients: User[], kind: NotificationKind, subject: string, lines: string[], path: string) {
    for (const user of recipients) {
      // Deleted and suspended accounts get no mail.
      if (user.deletedAt !== null || user.suspendedAt !== null || optOuts.kindsOptedOut(user.id).has(kind)) continue;
      const message = notificationMessage(
        user.email,
        subject,
        [`Hello ${user.displayName},`, "", ...lines],
        `${deps.baseUrl}${path}`,
        {
          url: unsubscribeUrl(user.id, kind),
          what: NOTIFICATION_KINDS[kind].toLowerCase(),
        },
      );
      deps.mail.enqueue(message);
    }
  }

  const membersOf = (businessId: number) =>
    members
      .ofBusiness(businessId)
      .map((m) => users.byId(m.userId)!)
      .filter(Boolean);

  return {
    unsubscribeUrl,

    /**
     * Emails for what happened on complaints, to the people on the other side of the conversation.
     * Called inside the transaction that recorded the events (complaints' `onEvents`).
     */
    complaintEvents(events: readonly ComplaintEvent[]) {
      for (const event of events) {
        const c = complaints.byId(event.complaintId);
        if (!c || c.visibility !== "public") continue;
        const path = complaintUrl(c);
        const author = users.byId(c.authorId);
        const about = `“${c.publicTitle}”`;
        switch (event.type) {
          case "published":
            send(
              membersOf(c.businessId),
              "new_complaint",
              `New complaint about ${c.businessName}`,
              [
                `${c.authorName} filed a complaint about ${c.businessName}:`,
                about,
                "",
                "Answer it in public from your dashboard.",
              ],
              path,
            );
            break;
          case "business_reply":
            if (author)
              send(
                [author],
                "complaint_activity",
                `${c.businessName} replied to your complaint`,
                [`${c.businessName} replied to your complaint ${about}.`],
                path,
              );
            break;
          case "resolved":
            if (author)
              send(
                [author],
                "complaint_activity",
                `${c.businessName} marked your complaint resolved`,
                [
                  `${c.businessName} marked your complaint ${about} resolved.`,
                  `Please confirm it, or dispute it if it is not, within ${CONSUMER_WORD_DAYS} days.`,
                ],
                path,
              );
            break;
          case "author_reply":
            send(
              membersOf(c.businessId),
              "business_activity",
              `${c.authorName} replied on a complaint about ${c.businessName}`,
              [`${c.authorName} replied on ${about}.`],
              path,
            );
            break;
          case "confirmed":
            send(
              membersOf(c.businessId),
              "business_activity",
              `${c.authorName} confirmed your resolution`,
              [`${c.authorName} confirmed the resolution of ${about}.`],
              path,
            );
            break;
          case "disputed":
            send(
              membersOf(c.businessId),
              "business_activity",
              `${c.authorName} disputed your resolution`,
              [`${c.authorName} disputed the resolution of ${about}.`, "The complaint is open for your answer again."],
              path,
            );
            break;
        }
      }
    },

    /**
     * A private message waits: to the complaint's author, or to the business's members. The email
     * says who wrote and links to it, never what it says: private words stay out of inboxes.
     */
    privateMessage(c: Complaint, to: "consumer" | "business") {
      const path = `${complaintUrl(c)}#private-messages`;
      const about = `“${c.publicTitle}”`;
      if (to === "consumer") {
        const author = users.byId(c.authorId);
        if (author)
          send(
            [author],
            "private_messages",
            `${c.businessName} sent you a private message`,
            [
              `${c.businessName} sent you a private message about your complaint ${about}.`,
              "Only you and the business can read it, once you log in.",
            ],
            path,
          );
        return;
      }
      send(
        membersOf(c.businessId),
        "private_messages",
        `A private message about a complaint about ${c.businessName}`,
        [
          `The consumer sent ${c.businessName} a private message about ${about}.`,
          "Only the consumer and your team can read it, once you log in.",
        ],
        path,
      );
    },

    /** A decision on a claim, to the claimant; inside the transaction that made it. */
    claimDecision(
      user: User,
      business: { name: string; slug: string },
      decision: "verified" | "approved" | "rejected",
      reason?: string,
    ) {
      const lines =
        decision === "rejected"
          ? [
              `Your claim of ${business.name} on Redress was not approved.`,
              ...(reason ? ["", `The reviewer said: ${reason}`] : []),
            ]
          : [
              `You now answer for ${business.name} on Redress.`,
              "Complaints about it are waiting for you in your dashboard.",
            ];
      const subject =
        decision === "rejected"
          ? `Your claim of ${business.name} was not approved`
          : `You now manage ${business.name} on Redress`;
      send(
        [user],
        "claims",
        subject,
        lines,
        decision === "rejected" ? `/businesses/${business.slug}` : `/dashboard/${business.slug}`,
      );
    },

    settingsOf: (userId: number) => {
      const off = optOuts.kindsOptedOut(userId);
      return (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).map((kind) => ({
        kind,
        label: NOTIFICATION_KINDS[kind],
        on: !off.has(kind),
      }));
    },
    save(userId: number, on: ReadonlySet<string>) {
      deps.db.transaction(() => {
        for (const kind of Object.keys(NOTIFICATION_KINDS)) {
          if (on.has(kind)) optOuts.optIn(userId, kind);
          else optOuts.optOut(userId, kind, deps.clock.now());
        }
      })();
    },
    optOut: (userId: number, kind: NotificationKind) => optOuts.optOut(userId, kind, deps.clock.now()),

    /** Whom and what a signed unsubscribe link names, or undefined when it is not one of ours. */
    unsubscribeTarget(source: Record<string, unknown>) {
      const userId = typeof source.user === "string" && /^\d{1,15}$/.test(source.user) ? Number(source.user) : 0;
      const kind = source.kind;
      const sig = typeof source.sig === "string" ? source.sig : "";
      if (!userId || !isNotificationKind(kind) || !verify(userId, kind, sig) || !users.byId(userId)) return undefined;
      return { userId, kind, sig, label: NOTIFICATION_KINDS[kind] };
    },
  };
}
