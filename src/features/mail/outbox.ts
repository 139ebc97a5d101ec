import crypto from "node:crypto";
import type { Logger } from "pino";
import { DAY, HOUR, MINUTE, type Clock } from "../../clock.js";
import { mailOutboxDb, type QueuedMail } from "../../db/mail-outbox.js";
import { moderationDb } from "../../db/moderation.js";
import type { Db } from "../../db/open.js";
import type { User } from "../../db/users.js";
import type { Mailer, MailQueue } from "../../mail/mailer.js";
import { Conflict, Forbidden, NotFound } from "../../web/errors.js";

/** Delivery keeps trying a message this long (from its queueing, or from an admin's retry). */
const GIVE_UP_AFTER = DAY;
/** The wait after the first failed attempt; it doubles after each one, up to MAX_WAIT. */
const FIRST_WAIT = MINUTE;
const MAX_WAIT = HOUR;
/**
 * A message claimed for sending goes back to the queue after this long: the delivery that took it
 * died. Far above the SMTP timeouts (mail/mailer.ts), so a slow send is never taken over.
 */
const SENDING_LEASE = 10 * MINUTE;
/** Sent messages (recipient and subject; their text is dropped at once) are kept this long. */
const KEEP_SENT = 30 * DAY;

/** What one run of the delivery did: sent, failed and due again later, or failed for good. */
export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** The error as stored for the admins: its message, without a stack. */
function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500) || "unknown error";
}

/**
 * The transactional outbox. Domain functions `enqueue` inside their own transaction, so a message
 * exists if and only if its change was committed. `deliverDue` (the server's timer; tests call it)
 * sends what is due one message at a time: each is first claimed ("sending", with a lease) in a
 * transaction of its own, then sent, then recorded "sent" at once, so a recorded send is never
 * repeated. A send that fails waits 1, 2, 4 ... minutes (at most an hour) and is tried again, until
 * 24 hours have passed: then it is "failed", and /admin/mail lets an admin retry it. A process that
 * dies between the send and its record leaves the message "sending": it goes out again when the
 * lease ends (at least once; its Message-ID stays the same, so a receiver can tell).
 */
export function mailOutbox(deps: { db: Db; clock: Clock; mailer: Mailer; logger: Logger; messageDomain: string }) {
  const { db, clock, logger } = deps;
  const rows = mailOutboxDb(db);
  const audit = moderationDb(db);

  // IMMEDIATE: two deliveries (two processes, two timers) never read the same message as free.
  const claimNext = db.transaction((cutoff: number): QueuedMail | undefined => {
    const due = rows.nextDue(cutoff);
    if (!due) return undefined;
    const at = clock.now();
    return rows.claim(due.id, at, at + SENDING_LEASE) ? { ...due, attempts: due.attempts + 1 } : undefined;
  });

  function recordFailure(mail: QueuedMail, err: unknown): "retrying" | "failed" {
    const error = describeError(err);
    const now = clock.now();
    const code = (err as { responseCode?: number; code?: string }) ?? {};
    const context = { mailId: mail.id, attempt: mail.attempts, code: code.code, responseCode: code.responseCode };
    if (now >= mail.giveUpAt) {
      rows.markFailed(mail.id, mail.attempts, error);
      logger.error(context, "mail delivery failed for 24 hours: given up (see /admin/mail)");
      return "failed";
    }
    const wait = Math.min(FIRST_WAIT * 2 ** (mail.attempts - 1), MAX_WAIT);
    // The last try falls at the deadline itself, not somewhere past it.
    rows.markRetry(mail.id, mail.attempts, Math.min(now + wait, mail.giveUpAt), error);
    logger.warn(context, "mail delivery failed: will retry");
    return "retrying";
  }

  const queue: MailQueue = {
    enqueue(message) {
      const at = clock.now();
      rows.insert({
        recipient: message.to,
        subject: message.subject,
        body: message.text,
        messageId: message.messageId ?? `<${crypto.randomUUID()}@${deps.messageDomain}>`,
        at,
        giveUpAt: at + GIVE_UP_AFTER,
      });
    },
    forget: (address) => rows.deleteFor(address),
  };

  /** One run: every message due when it starts, one at a time. */
  async function run(signal: AbortSignal | undefined): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
    const cutoff = clock.now();
    while (!signal?.aborted) {
      // A plain read first: an idle outbox never takes the write lock.
      const mail = rows.nextDue(cutoff) && claimNext.immediate(cutoff);
      if (!mail) break;
      try {
        await deps.mailer.send({
          to: mail.recipient,
          subject: mail.subject,
          text: mail.body,
          messageId: mail.messageId,
        });
      } catch (err) {
        report[recordFailure(mail, err)] += 1;
        continue;
      }
      rows.markSent(mail.id, clock.now());
      report.sent += 1;
    }
    return report;
  }

  // Runs of one outbox follow each other: when a call resolves, every message that was due when it
  // was made has been tried (none is still "sending" in another run of this process).
  let lastRun: Promise<unknown> = Promise.resolve();

  return {
    ...queue,

    /**
     * Sends every message due now, one at a time, after any run of this outbox still going, and says
     * what happened. Messages that fall due meanwhile wait for the next run; `signal` stops it
     * between two messages (shutdown).
     */
    deliverDue(options: { signal?: AbortSignal } = {}): Promise<DeliveryReport> {
      const next = lastRun.then(() => run(options.signal));
      lastRun = next.catch(() => undefined);
      return next;
    },

    /** For the sweep: sent mail older than 30 days is forgotten. */
    forgetOldSent: () => rows.deleteSentBefore(clock.now() - KEEP_SENT),

    /** /admin/mail: what waits, is being sent, or failed, newest first; never a message's text. */
    unsent: (limit = 200) => ({ messages: rows.unsent(limit), counts: rows.unsentCounts() }),

    /** An admin puts a failed message back in the queue: due now, with another 24 hours of tries. */
    retry(admin: User, id: number) {
      if (admin.role !== "admin") throw new Forbidden("Only admins retry mail.");
      db.transaction(() => {
        const status = rows.statusOf(id);
        if (!status) throw new NotFound();
        const at = clock.now();
        if (!rows.requeue(id, at, at + GIVE_UP_AFTER))
          throw new Conflict(
            status === "sent" ? "This message was already sent." : "This message is still being tried.",
          );
        audit.audit({ actorId: admin.id, action: "mail.retry", targetType: "mail", targetId: id, at });
      })();
    },
  };
}
