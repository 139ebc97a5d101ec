import fs from "node:fs";
import path from "node:path";

/**
 * Copies every file under `from` into `to` (created if missing) that `to` does not have yet, each
 * written under a temporary name and renamed, so a file is either whole or absent. Uploads are named
 * by their content's hash, so a name already there holds the same bytes and is left alone; nothing
 * is ever deleted. A file that vanishes while the server runs is skipped. Returns how many it copied.
 */
export function copyMissingFiles(from: string, to: string): number {
  fs.mkdirSync(to, { recursive: true });
  let copied = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copied += copyMissingFiles(source, target);
      continue;
    }
    if (!entry.isFile() || fs.existsSync(target)) continue;
    const partial = `${target}.partial-${process.pid}`;
    try {
      fs.copyFileSync(source, partial);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    syncFile(partial);
    fs.renameSync(partial, target);
    copied += 1;
  }
  syncFile(to);
  return copied;
}

/** fsync: the bytes (or, for a folder, the names in it) are on disk before we say it is done. */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
