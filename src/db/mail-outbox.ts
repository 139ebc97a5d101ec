import type { Db } from "./open.js";

export type MailStatus = "pending" | "sending" | "sent" | "failed";

/** A message waiting in (or delivered from) the outbox, with its text. */
export interface QueuedMail {
  id: number;
  recipient: string;
  subject: string;
  body: string;
  messageId: string;
  attempts: number;
  giveUpAt: number;
}

/** What /admin/mail shows of a message: never its text, which holds the links. */
export interface UnsentMail {
  id: number;
  recipient: string;
  subject: string;
  status: Exclude<MailStatus, "sent">;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastError: string | null;
}

interface UnsentRow {
  id: number;
  recipient: string;
  subject: string;
  status: Exclude<MailStatus, "sent">;
  attempts: number;
  created_at: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_error: string | null;
}

/** The mail_outbox table: the queue written by domain transactions and read by the delivery. */
export function mailOutboxDb(db: Db) {
  const insert = db.prepare<{
    recipient: string;
    subject: string;
    body: string;
    message_id: string;
    at: number;
    give_up_at: number;
  }>(
    `INSERT INTO mail_outbox (recipient, subject, body, message_id, status, created_at, next_attempt_at, give_up_at)
     VALUES (@recipient, @subject, @body, @message_id, 'pending', @at, @at, @give_up_at)`,
  );
  const nextDue = db.prepare<
    { now: number },
    {
      id: number;
      recipient: string;
      subject: string;
      body: string;
      message_id: string;
      attempts: number;
      give_up_at: number;
    }
  >(
    `SELECT id, recipient, subject, body, message_id, attempts, give_up_at FROM mail_outbox
     WHERE status IN ('pending', 'sending') AND next_attempt_at <= @now
     ORDER BY next_attempt_at, id LIMIT 1`,
  );
  const claim = db.prepare<{ id: number; at: number; lease_end: number }>(
    `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, last_attempt_at = @at,
       next_attempt_at = @lease_end
     WHERE id = @id AND status IN ('pending', 'sending') AND next_attempt_at <= @at`,
  );
  // Whoever sent it last says so: a delivery that outlived its lease still sent the message.
  const markSent = db.prepare<{ id: number; at: number }>(
    `UPDATE mail_outbox SET status = 'sent', sent_at = @at, body = '', next_attempt_at = NULL, last_error = NULL
     WHERE id = @id AND status <> 'sent'`,
  );
  // A failure counts only for the attempt that still holds the message.
  const markRetry = db.prepare<{ id: number; attempts: number; next: number; error: string }>(
    `UPDATE mail_outbox SET status = 'pending', next_attempt_at = @next, last_error = @error
     WHERE id = @id AND status = 'sending' AND attempts = @attempts`,
  );
  const markFailed = db.prepare<{ id: number; attempts: number; error: string }>(
    `UPDATE mail_outbox SET status = 'failed', next_attempt_at = NULL, last_error = @error
     WHERE id = @id AND status = 'sending' AND attempts = @attempts`,
  );
  const requeue = db.prepare<{ id: number; at: number; give_up_at: number }>(
    `UPDATE mail_outbox SET status = 'pending', next_attempt_at = @at, give_up_at = @give_up_at
     WHERE id = @id AND status = 'failed'`,
  );
  const unsent = db.prepare<{ limit: number }, UnsentRow>(
    `SELECT id, recipient, subject, status, attempts, created_at, next_attempt_at, last_attempt_at, last_error
     FROM mail_outbox WHERE status IN ('pending', 'sending', 'failed')
     ORDER BY created_at DESC, id DESC LIMIT @limit`,
  );
  const unsentCounts = db.prepare<[], { status: Exclude<MailStatus, "sent">; n: number }>(
    `SELECT status, count(*) AS n FROM mail_outbox WHERE status IN ('pending', 'sending', 'failed') GROUP BY status`,
  );
  const statusOf = db.prepare<[number], { status: MailStatus }>("SELECT status FROM mail_outbox WHERE id = ?");
  const deleteSentBefore = db.prepare<{ before: number }>(
    "DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < @before",
  );
  const deleteFor = db.prepare<{ recipient: string }>("DELETE FROM mail_outbox WHERE recipient = @recipient");

  return {
    insert: (m: {
      recipient: string;
      subject: string;
      body: string;
      messageId: string;
      at: number;
      giveUpAt: number;
    }) =>
      insert.run({
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        message_id: m.messageId,
        at: m.at,
        give_up_at: m.giveUpAt,
      }),
    nextDue(now: number): QueuedMail | undefined {
      const row = nextDue.get({ now });
      return (
        row && {
          id: row.id,
          recipient: row.recipient,
          subject: row.subject,
          body: row.body,
          messageId: row.message_id,
          attempts: row.attempts,
          giveUpAt: row.give_up_at,
        }
      );
    },
    /** False when another delivery took the message first. */
    claim: (id: number, at: number, leaseEnd: number) => claim.run({ id, at, lease_end: leaseEnd }).changes === 1,
    markSent: (id: number, at: number) => markSent.run({ id, at }),
    markRetry: (id: number, attempts: number, next: number, error: string) =>
      markRetry.run({ id, attempts, next, error }),
    markFailed: (id: number, attempts: number, error: string) => markFailed.run({ id, attempts, error }),
    /** False unless the message had failed. */
    requeue: (id: number, at: number, giveUpAt: number) => requeue.run({ id, at, give_up_at: giveUpAt }).changes === 1,
    statusOf: (id: number) => statusOf.get(id)?.status,
    unsent: (limit: number): UnsentMail[] =>
      unsent.all({ limit }).map((r) => ({
        id: r.id,
        recipient: r.recipient,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        createdAt: r.created_at,
        nextAttemptAt: r.next_attempt_at,
        lastAttemptAt: r.last_attempt_at,
        lastError: r.last_error,
      })),
    unsentCounts(): Record<Exclude<MailStatus, "sent">, number> {
      const counts = { pending: 0, sending: 0, failed: 0 };
      for (const row of unsentCounts.all()) counts[row.status] = row.n;
      return counts;
    },
    deleteSentBefore: (before: number) => deleteSentBefore.run({ before }).changes,
    deleteFor: (recipient: string) => deleteFor.run({ recipient }),
  };
}
