import type { Db } from "./open.js";

export type Side = "consumer" | "business";

export interface PrivateMessage {
  id: number;
  complaintId: number;
  authorId: number | null;
  /** The member's own name, for the business's members only (never shown to the consumer). */
  authorName: string | null;
  side: Side;
  body: string;
  createdAt: number;
  seenAt: number | null;
  hiddenAt: number | null;
  hiddenReason: string | null;
  erasedAt: number | null;
}

interface Row {
  id: number;
  complaint_id: number;
  author_id: number | null;
  author_name: string | null;
  side: Side;
  body: string;
  created_at: number;
  seen_at: number | null;
  hidden_at: number | null;
  hidden_reason: string | null;
  erased_at: number | null;
}

const toMessage = (r: Row): PrivateMessage => ({
  id: r.id,
  complaintId: r.complaint_id,
  authorId: r.author_id,
  authorName: r.author_name,
  side: r.side,
  body: r.body,
  createdAt: r.created_at,
  seenAt: r.seen_at,
  hiddenAt: r.hidden_at,
  hiddenReason: r.hidden_reason,
  erasedAt: r.erased_at,
});

const COLUMNS = `m.id, m.complaint_id, m.author_id, u.display_name AS author_name, m.side, m.body, m.created_at,
  m.seen_at, m.hidden_at, m.hidden_reason, m.erased_at`;

/** private_messages: read and written only by the private-messages domain (and the author's export). */
export function privateMessagesDb(db: Db) {
  const insert = db.prepare<{ complaint_id: number; author_id: number; side: Side; body: string; at: number }>(
    `INSERT INTO private_messages (complaint_id, author_id, side, body, created_at)
     VALUES (@complaint_id, @author_id, @side, @body, @at)`,
  );
  const thread = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM private_messages m LEFT JOIN users u ON u.id = m.author_id
     WHERE m.complaint_id = ? ORDER BY m.id LIMIT 1000`,
  );
  const byId = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM private_messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.id = ?`,
  );
  const unseenFrom = db.prepare<{ complaint_id: number; side: Side }, { n: number }>(
    "SELECT count(*) AS n FROM private_messages WHERE complaint_id = @complaint_id AND side = @side AND seen_at IS NULL",
  );
  const markSeen = db.prepare<{ complaint_id: number; side: Side; at: number }>(
    `UPDATE private_messages SET seen_at = @at
     WHERE complaint_id = @complaint_id AND side = @side AND seen_at IS NULL`,
  );
  // The public marker: the days (UTC) on which messages were exchanged, and nothing else.
  const days = db.prepare<[number], { at: number }>(
    `SELECT min(created_at) AS at FROM private_messages WHERE complaint_id = ?
     GROUP BY created_at / 86400000 ORDER BY at LIMIT 366`,
  );
  const hide = db.prepare<{ id: number; reason: string; at: number }>(
    "UPDATE private_messages SET hidden_at = @at, hidden_reason = @reason WHERE id = @id AND hidden_at IS NULL",
  );
  const restore = db.prepare<[number]>(
    "UPDATE private_messages SET hidden_at = NULL, hidden_reason = NULL WHERE id = ? AND hidden_at IS NOT NULL",
  );
  // What a consumer wrote is theirs and goes with their account; what a member wrote, they wrote as
  // the business, which keeps it.
  const eraseConsumer = db.prepare<{ author_id: number; at: number }>(
    `UPDATE private_messages SET body = '', erased_at = @at
     WHERE author_id = @author_id AND side = 'consumer' AND erased_at IS NULL`,
  );
  const byAuthor = db.prepare<[number], Row>(
    `SELECT ${COLUMNS} FROM private_messages m LEFT JOIN users u ON u.id = m.author_id
     WHERE m.author_id = ? ORDER BY m.id`,
  );

  return {
    insert: (m: { complaintId: number; authorId: number; side: Side; body: string; at: number }) =>
      Number(
        insert.run({ complaint_id: m.complaintId, author_id: m.authorId, side: m.side, body: m.body, at: m.at })
          .lastInsertRowid,
      ),
    thread: (complaintId: number) => thread.all(complaintId).map(toMessage),
    byId: (id: number) => {
      const row = byId.get(id);
      return row && toMessage(row);
    },
    /** How many messages from this side nobody on the other side has opened yet. */
    unseenFrom: (complaintId: number, side: Side) => unseenFrom.get({ complaint_id: complaintId, side })!.n,
    /** The other side opened the thread: what this side wrote is seen. True when anything changed. */
    markSeen: (complaintId: number, side: Side, at: number) =>
      markSeen.run({ complaint_id: complaintId, side, at }).changes > 0,
    exchangeDays: (complaintId: number) => days.all(complaintId).map((r) => r.at),
    hide: (id: number, reason: string, at: number) => hide.run({ id, reason, at }).changes === 1,
    restore: (id: number) => restore.run(id).changes === 1,
    /** Inside an account's deletion: the text of what this person wrote as a consumer. */
    eraseConsumerText: (userId: number, at: number) => eraseConsumer.run({ author_id: userId, at }),
    byAuthor: (userId: number) => byAuthor.all(userId).map(toMessage),
  };
}
