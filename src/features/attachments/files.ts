import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import type { MediaType } from "../../db/attachments.js";
import { withoutForbiddenCharacters } from "../../lib/text.js";
import { MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE } from "../../web/uploads.js";

/**
 * What a file may be, and what becomes of it before it is stored. The type is read from the bytes
 * (their magic numbers), never from the name or the browser's claim. Images are decoded and encoded
 * again: the orientation is applied, and every piece of metadata (EXIF, GPS, camera serials, XMP,
 * ICC comments) is left behind, because sharp writes none unless asked. PDFs are kept as they are
 * and only ever served as a download.
 */

export const MAX_BYTES_PER_COMPLAINT = 50 * 1024 * 1024;
export const ACCEPTED_TYPES = "JPEG, PNG or WebP images, or PDF documents";
/** For the file input's `accept`: a hint to the browser's picker, never trusted. */
export const ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf";

/** A picture larger than this many pixels is refused before it is decoded (a "decompression bomb"). */
const MAX_PIXELS = 50_000_000;
const THUMBNAIL_PX = 320;

// Tab, line breaks, DEL and the marks that reverse text ("invoice\u202Efdp.exe" reads as ".pdf").
const NOT_IN_A_NAME = /[\t\n\r\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const BY_SIGNATURE: Record<string, MediaType> = {
  "image/jpeg": "image/jpeg",
  "image/png": "image/png",
  "image/webp": "image/webp",
  "application/pdf": "application/pdf",
};

/** A refused upload: 400 for what it is, 413 for how much. The message names what is accepted. */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

/** A file ready to store: the bytes as they will be kept, and what the row says about them. */
export interface PreparedFile {
  bytes: Buffer;
  thumbnail: Buffer | null;
  mediaType: MediaType;
  name: string;
  width: number | null;
  height: number | null;
}

/**
 * The name is only a label: no folders, no control or direction-changing characters, at most 100
 * characters, and something readable when nothing is left.
 */
function cleanFileName(raw: string): string {
  // Busboy gives the name as the browser sent it; a path from an old browser keeps only its last part.
  const last = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = withoutForbiddenCharacters(last.normalize("NFC"))
    .replace(NOT_IN_A_NAME, "")
    .replace(/^\.+/, "")
    .trim();
  return [...cleaned].slice(0, 100).join("") || "attachment";
}

const named = (name: string) => `“${cleanFileName(name)}”`;

/** Reads, checks and re-encodes one uploaded file; throws UploadRefused. */
async function prepareFile(file: { buffer: Buffer; originalname: string }): Promise<PreparedFile> {
  const name = cleanFileName(file.originalname);
  if (file.buffer.length === 0) throw new UploadRefused(`${named(name)} is empty.`, 400);
  if (file.buffer.length > MAX_FILE_BYTES)
    throw new UploadRefused(`${named(name)} is larger than 10 MB. Attach files of at most 10 MB each.`, 413);
  const sniffed = await fileTypeFromBuffer(file.buffer);
  const mediaType = sniffed && BY_SIGNATURE[sniffed.mime];
  if (!mediaType) throw new UploadRefused(`${named(name)} is not a file we accept. Attach ${ACCEPTED_TYPES}.`, 400);
  if (mediaType === "application/pdf") {
    return { bytes: file.buffer, thumbnail: null, mediaType, name, width: null, height: null };
  }
  try {
    // failOn "warning": a truncated or damaged image is refused, not stored half-drawn.
    const image = sharp(file.buffer, { failOn: "warning", limitInputPixels: MAX_PIXELS }).rotate();
    const encoded =
      mediaType === "image/jpeg"
        ? image.jpeg({ quality: 88, mozjpeg: true })
        : mediaType === "image/png"
          ? image.png()
          : image.webp({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return { bytes: data, thumbnail, mediaType, name, width: info.width, height: info.height };
  } catch {
    throw new UploadRefused(
      `${named(name)} could not be read as an image: it may be damaged or cut short. Attach it again, or another file.`,
      400,
    );
  }
}

/** Checks every file before any is stored: one refusal refuses the lot, and nothing is kept. */
export async function prepareFiles(files: readonly { buffer: Buffer; originalname: string }[]) {
  if (files.length > MAX_FILES_PER_MESSAGE)
    throw new UploadRefused(`Attach at most ${MAX_FILES_PER_MESSAGE} files at a time.`, 413);
  const prepared: PreparedFile[] = [];
  for (const file of files) prepared.push(await prepareFile(file));
  return prepared;
}
