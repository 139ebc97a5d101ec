import type { Clock } from "../../clock.js";
import { attachmentsDb, type Attachment } from "../../db/attachments.js";
import { complaintsDb } from "../../db/complaints.js";
import type { Db } from "../../db/open.js";
import type { Side } from "../../db/private-messages.js";
import type { User } from "../../db/users.js";
import { Conflict, NotFound } from "../../web/errors.js";
import type { PrivateSide } from "../complaints/private-side.js";
import { MAX_BYTES_PER_COMPLAINT, prepareFiles, UploadRefused, type PreparedFile } from "./files.js";
import type { FileStore } from "./store.js";

/** A file written to the store for a write that has not committed yet. */
export interface StagedFile extends Omit<PreparedFile, "bytes" | "thumbnail"> {
  hash: string;
  thumbnailHash: string | null;
  size: number;
  /** Hashes this staging wrote (not already there): removed again if the write fails. */
  created: string[];
}

/**
 * Evidence attached to a complaint's private side. A write with files goes in three steps:
 * `stage()` checks, re-encodes and stores the files (before the transaction: sharp is asynchronous);
 * the write's own transaction calls `attach()`, which adds the rows and enforces the limits; and if
 * that transaction fails, `discard()` removes what staging wrote, so a refused write leaves no file
 * behind. A crash between the two leaves a file without a row, which `npm run uploads:check` lists.
 * Reading a file asks visibility.ts (through the private side) like everything private.
 */
export function attachments(deps: { db: Db; clock: Clock; store: FileStore; privateSide: PrivateSide }) {
  const { db, clock, store, privateSide } = deps;
  const rows = attachmentsDb(db);
  const complaints = complaintsDb(db);

  /** Removes stored files no row needs any more (after a failed write, a deletion, a redaction). */
  function sweep(hashes: Iterable<string>) {
    for (const hash of new Set(hashes)) if (!rows.inUse(hash)) store.remove(hash);
  }

  async function stage(files: readonly { buffer: Buffer; originalname: string }[]): Promise<StagedFile[]> {
    const prepared = await prepareFiles(files);
    const staged: StagedFile[] = [];
    for (const file of prepared) {
      const main = store.put(file.bytes);
      const thumb = file.thumbnail ? store.put(file.thumbnail) : undefined;
      staged.push({
        mediaType: file.mediaType,
        name: file.name,
        width: file.width,
        height: file.height,
        hash: main.hash,
        thumbnailHash: thumb?.hash ?? null,
        size: file.bytes.length,
        created: [...(main.created ? [main.hash] : []), ...(thumb?.created ? [thumb.hash] : [])],
      });
    }
    return staged;
  }

  /** After a failed write: what its staging stored, unless a row needs it after all. */
  const discard = (staged: readonly StagedFile[]) => sweep(staged.flatMap((file) => file.created));

  return {
    stage,
    discard,

    /**
     * Stages the files, then runs the write (a transaction that calls attach()) with them; if the
     * write throws, what staging stored is removed again before the error goes on.
     */
    async withFiles<T>(files: readonly { buffer: Buffer; originalname: string }[], write: (staged: StagedFile[]) => T) {
      const staged = await stage(files);
      try {
        return write(staged);
      } catch (err) {
        discard(staged);
        throw err;
      }
    },

    /** The rows for staged files, inside the caller's transaction; refuses past 50 MB a complaint. */
    attach(
      staged: readonly StagedFile[],
      to: { complaintId: number; messageId: number | null; uploadedBy: number; side: Side; at: number },
    ) {
      if (!staged.length) return;
      const total = rows.bytesOf(to.complaintId) + staged.reduce((sum, file) => sum + file.size, 0);
      if (total > MAX_BYTES_PER_COMPLAINT)
        throw new UploadRefused("A complaint can hold at most 50 MB of files, and these would take it over.", 413);
      for (const file of staged) {
        rows.insert({
          ...to,
          fileHash: file.hash,
          thumbnailHash: file.thumbnailHash,
          mediaType: file.mediaType,
          name: file.name,
          size: file.size,
          width: file.width,
          height: file.height,
        });
      }
    },

    /**
     * A file (or its thumbnail) for a viewer allowed to see the complaint's private side; a 404 for
     * anyone else, and for a removed file, so nothing tells whether it exists.
     */
    open(id: number, viewer: User | undefined, variant: "file" | "thumbnail") {
      const row = rows.byId(id);
      const complaint = row && complaints.byId(row.complaintId);
      if (!row || !complaint || row.removedAt !== null) throw new NotFound();
      const part = privateSide.accessTo(complaint, viewer);
      if (part === "none") throw new NotFound();
      const hash = variant === "thumbnail" ? row.thumbnailHash : row.fileHash;
      const bytes = hash === null ? undefined : store.read(hash);
      if (!bytes) throw new NotFound();
      if (part === "moderator" && variant === "file") privateSide.auditView(viewer!, complaint.id, "attachment.view");
      return { attachment: row, bytes, mediaType: variant === "thumbnail" ? "image/webp" : row.mediaType };
    },

    ofComplaint: (complaintId: number): Attachment[] => rows.ofComplaint(complaintId),

    /** A moderator's redaction of one file: the row says why, the bytes go. Audited by the caller's domain. */
    remove(id: number, reason: string): Attachment {
      const row = rows.byId(id);
      if (!row) throw new NotFound();
      if (!rows.remove(id, reason, clock.now())) throw new Conflict("This file was already removed.");
      return row;
    },

    /** Inside an account's deletion: the files this person attached as a consumer. */
    removeConsumerFiles(userId: number, at: number): string[] {
      const files = rows.consumerFilesOf(userId);
      rows.removeConsumerFiles(userId, at);
      return files.flatMap((f) => [f.fileHash, ...(f.thumbnailHash ? [f.thumbnailHash] : [])]);
    },
    consumerFilesOf: (userId: number) => rows.consumerFilesOf(userId),
    pathTo: (hash: string) => store.pathTo(hash),
    sweep,

    /** `npm run uploads:check`: stored files no row names, and rows whose file is missing. */
    check() {
      const live = rows.liveHashes();
      const { hashes, leftovers } = store.list();
      const onDisk = new Set(hashes);
      return {
        orphans: hashes.filter((hash) => !live.has(hash)),
        missing: [...live].filter((hash) => !onDisk.has(hash)).sort(),
        leftovers,
      };
    },
  };
}

export type Attachments = ReturnType<typeof attachments>;
