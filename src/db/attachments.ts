import type { Db } from "./open.js";
import type { Side } from "./private-messages.js";

export type MediaType = "image/jpeg" | "image/png" | "image/webp" | "application/pdf";

export interface Attachment {
  id: number;
  complaintId: number;
  /** null: attached to the author's private case details. */
  messageId: number | null;
  uploadedBy: number | null;
  side: Side;
  fileHash: string;
  thumbnailHash: string | null;
  mediaType: MediaType;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  createdAt: number;
  removedAt: number | null;
  removedReason: string | null;
}

interface Row {
  id: number;
  complaint_id: number;
  message_id: number | null;
  uploaded_by: number | null;
  side: Side;
  file_hash: string;
  thumbnail_hash: string | null;
  media_type: MediaType;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  created_at: number;
  removed_at: number | null;
  removed_reason: string | null;
}

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  complaintId: r.complaint_id,
  messageId: r.message_id,
  uploadedBy: r.uploaded_by,
  side: r.side,
  fileHash: r.file_hash,
  thumbnailHash: r.thumbnail_hash,
  mediaType: r.media_type,
  name: r.name,
  size: r.size,
  width: r.width,
  height: r.height,
  createdAt: r.created_at,
  removedAt: r.removed_at,
  removedReason: r.removed_reason,
});

export interface NewAttachment {
  complaintId: number;
  messageId: number | null;
  uploadedBy: number;
  side: Side;
  fileHash: string;
  thumbnailHash: string | null;
  mediaType: MediaType;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  at: number;
}

/** attachments: the rows that make a stored file visible to the parties of one complaint. */
export function attachmentsDb(db: Db) {
  const insert = db.prepare<Record<string, unknown>>(
    `INSERT INTO attachments (complaint_id, message_id, uploaded_by, side, file_hash, thumbnail_hash, media_type,
       name, size, width, height, created_at)
     VALUES (@complaint_id, @message_id, @uploaded_by, @side, @file_hash, @thumbnail_hash, @media_type,
       @name, @size, @width, @height, @at)`,
  );
  const byId = db.prepare<[number], Row>("SELECT * FROM attachments WHERE id = ?");
  const ofComplaint = db.prepare<[number], Row>(
    "SELECT * FROM attachments WHERE complaint_id = ? ORDER BY id LIMIT 1000",
  );
  // What counts against a complaint's 50 MB: every file still attached (a removed one is gone).
  const bytesOf = db.prepare<[number], { bytes: number }>(
    "SELECT coalesce(sum(size), 0) AS bytes FROM attachments WHERE complaint_id = ? AND removed_at IS NULL",
  );
  const remove = db.prepare<{ id: number; reason: string; at: number }>(
    "UPDATE attachments SET removed_at = @at, removed_reason = @reason WHERE id = @id AND removed_at IS NULL",
  );
  const byUploader = db.prepare<[number], Row>(
    "SELECT * FROM attachments WHERE uploaded_by = ? AND side = 'consumer' AND removed_at IS NULL ORDER BY id",
  );
  const removeConsumerFiles = db.prepare<{ user_id: number; at: number }>(
    `UPDATE attachments SET removed_at = @at, removed_reason = 'deleted with the account'
     WHERE uploaded_by = @user_id AND side = 'consumer' AND removed_at IS NULL`,
  );
  // A stored file is needed while any row that is not removed names it, as the file or its thumbnail.
  const inUse = db.prepare<{ hash: string }, { n: number }>(
    `SELECT (SELECT count(*) FROM attachments WHERE file_hash = @hash AND removed_at IS NULL)
          + (SELECT count(*) FROM attachments WHERE thumbnail_hash = @hash AND removed_at IS NULL) AS n`,
  );
  const liveHashes = db.prepare<[], { hash: string }>(
    `SELECT file_hash AS hash FROM attachments WHERE removed_at IS NULL
     UNION SELECT thumbnail_hash FROM attachments WHERE removed_at IS NULL AND thumbnail_hash IS NOT NULL`,
  );

  return {
    insert: (a: NewAttachment) =>
      Number(
        insert.run({
          complaint_id: a.complaintId,
          message_id: a.messageId,
          uploaded_by: a.uploadedBy,
          side: a.side,
          file_hash: a.fileHash,
          thumbnail_hash: a.thumbnailHash,
          media_type: a.mediaType,
          name: a.name,
          size: a.size,
          width: a.width,
          height: a.height,
          at: a.at,
        }).lastInsertRowid,
      ),
    byId: (id: number) => {
      const row = byId.get(id);
      return row && toAttachment(row);
    },
    ofComplaint: (complaintId: number) => ofComplaint.all(complaintId).map(toAttachment),
    bytesOf: (complaintId: number) => bytesOf.get(complaintId)!.bytes,
    remove: (id: number, reason: string, at: number) => remove.run({ id, reason, at }).changes === 1,
    /** What a consumer uploaded and still has: for their export and their account's deletion. */
    consumerFilesOf: (userId: number) => byUploader.all(userId).map(toAttachment),
    removeConsumerFiles: (userId: number, at: number) => removeConsumerFiles.run({ user_id: userId, at }),
    inUse: (hash: string) => inUse.get({ hash })!.n > 0,
    /** Every stored file some row still needs (`npm run uploads:check`). */
    liveHashes: () => new Set(liveHashes.all().map((r) => r.hash)),
  };
}
