import { complaintTag, type PageChanges } from "../cache/tags.js";
import type { Clock } from "../../clock.js";
import type { Complaint } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import { privateMessagesDb, type Side } from "../../db/private-messages.js";
import type { User } from "../../db/users.js";
import type { Attachments, StagedFile } from "../attachments/attachments.js";
import type { PrivatePart, PrivateSide } from "./private-side.js";

/** Who hears of a new private message: the notifications service, inside the message's transaction. */
export type PrivateMessageListener = (complaint: Complaint, to: Side) => void;

const otherSide = (side: Side): Side => (side === "consumer" ? "business" : "consumer");

/**
 * The private thread under a complaint, between its author and the business's members. Nothing in
 * it is masked (the two parties may tell each other anything); nothing of it is public but the days
 * on which messages were exchanged. The other side is emailed that a message waits, never what it
 * says, and only for the first message they have not opened yet, so a conversation is not a flood.
 */
export function privateMessages(deps: {
  db: Db;
  clock: Clock;
  privateSide: PrivateSide;
  attachments: Attachments;
  onMessage?: PrivateMessageListener;
  /** The public timeline says the two exchanged messages that day. */
  changes?: PageChanges;
}) {
  const { db, clock, privateSide } = deps;
  const rows = privateMessagesDb(db);

  return {
    /** Sends a message (with its files, staged before) in one transaction; the caller discards the files if it throws. */
    send(complaintId: number, user: User, body: string, files: readonly StagedFile[] = []): Complaint {
      return db.transaction(() => {
        const { complaint, side } = privateSide.writerOn(complaintId, user);
        const at = clock.now();
        const messageId = rows.insert({ complaintId: complaint.id, authorId: user.id, side, body, at });
        deps.attachments.attach(files, { complaintId: complaint.id, messageId, uploadedBy: user.id, side, at });
        deps.changes?.touched([complaintTag(complaint.id)]);
        if (rows.unseenFrom(complaint.id, side) === 1) deps.onMessage?.(complaint, otherSide(side));
        return complaint;
      })();
    },

    /**
     * The party opened the thread: what the other side wrote is now seen. A write on a logged-in
     * GET, and only when something was unread; a moderator's look marks nothing.
     */
    markSeen(complaint: Complaint, part: PrivatePart) {
      if (part === "moderator") return;
      const from = otherSide(part === "author" ? "consumer" : "business");
      if (rows.unseenFrom(complaint.id, from) > 0) rows.markSeen(complaint.id, from, clock.now());
    },

    thread: (complaintId: number) => rows.thread(complaintId),

    /** The public marker: when the two exchanged private messages (one time per day), nothing more. */
    exchangeDays: (complaintId: number) => rows.exchangeDays(complaintId),
  };
}

export type PrivateMessages = ReturnType<typeof privateMessages>;
