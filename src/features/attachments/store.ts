import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The uploads folder: files named by the SHA-256 of their bytes (`ab/abcdef…`), so the same file
 * is stored once and a name always holds the same bytes. Each is written whole under a temporary
 * name, flushed, then renamed into place: a file is either complete or absent, whatever crashes.
 * Nothing here knows who may read a file; the rows in `attachments` decide that.
 */
export interface FileStore {
  /** Stores the bytes; `created` is false when a file with these bytes was already there. */
  put(bytes: Buffer): { hash: string; created: boolean };
  read(hash: string): Buffer | undefined;
  /** Where the file lives, for streaming it (it may be absent: check what you open). */
  pathTo(hash: string): string;
  remove(hash: string): void;
  /** Every stored file's hash, and any temporary file left by a crash. */
  list(): { hashes: string[]; leftovers: string[] };
}

const HASH = /^[0-9a-f]{64}$/;
const TEMP = ".partial";

export function fileStore(dir: string): FileStore {
  const pathOf = (hash: string) => {
    if (!HASH.test(hash)) throw new Error("not a SHA-256 file name");
    return path.join(dir, hash.slice(0, 2), hash);
  };

  return {
    put(bytes) {
      const hash = crypto.createHash("sha256").update(bytes).digest("hex");
      const target = pathOf(hash);
      if (fs.existsSync(target)) return { hash, created: false };
      const tempDir = path.join(dir, TEMP);
      fs.mkdirSync(tempDir, { recursive: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const temp = path.join(tempDir, `${hash}-${process.pid}-${crypto.randomBytes(6).toString("hex")}`);
      const fd = fs.openSync(temp, "wx", 0o600);
      try {
        fs.writeSync(fd, bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, target);
      return { hash, created: true };
    },

    pathTo: pathOf,

    read(hash) {
      try {
        return fs.readFileSync(pathOf(hash));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw err;
      }
    },

    remove(hash) {
      fs.rmSync(pathOf(hash), { force: true });
    },

    list() {
      const hashes: string[] = [];
      const leftovers: string[] = [];
      if (!fs.existsSync(dir)) return { hashes, leftovers };
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const sub = path.join(dir, entry.name);
        for (const file of fs.readdirSync(sub)) {
          if (entry.name === TEMP) leftovers.push(path.join(sub, file));
          else if (HASH.test(file) && file.startsWith(entry.name)) hashes.push(file);
          else leftovers.push(path.join(sub, file));
        }
      }
      return { hashes: hashes.sort(), leftovers: leftovers.sort() };
    },
  };
}
