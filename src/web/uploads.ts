import type { NextFunction, Request, RequestHandler, Response } from "express";
import multer from "multer";
import { HttpError } from "./errors.js";

/**
 * Multipart forms (the ones with "Attach files"). They are parsed before the CSRF check, so the
 * check reads their `_csrf` field like any form's; and only for a logged-in user, since only parties
 * to a complaint may attach anything: an anonymous multipart POST is left unparsed, and the CSRF
 * check refuses it. Files stay in memory (never on disk before they are checked), within multer's
 * limits; a file over them stops the parsing there, and the handler re-renders its form with
 * `req.uploadRefusal` (413). The file field is `files`; a file in any other field is refused.
 */

/** The limits of an upload, read by the parser here and by the attachments' own checks. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 5;

declare module "express-serve-static-core" {
  interface Request {
    /** Why the upload was cut short, when it was (multer's limits); the form says it. */
    uploadRefusal?: string;
  }
}

const REFUSALS: Record<string, string> = {
  LIMIT_FILE_SIZE: "A file is larger than 10 MB. Attach files of at most 10 MB each.",
  LIMIT_FILE_COUNT: `Attach at most ${MAX_FILES_PER_MESSAGE} files at a time.`,
  LIMIT_UNEXPECTED_FILE: `Attach at most ${MAX_FILES_PER_MESSAGE} files at a time, with the “Attach files” field.`,
};

export function multipartBodies(): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send a file's name as UTF-8 bytes; busboy would read them as Latin-1.
    defParamCharset: "utf8",
    limits: {
      fileSize: MAX_FILE_BYTES,
      files: MAX_FILES_PER_MESSAGE,
      fields: 60,
      fieldSize: 100 * 1024,
      parts: 70,
      headerPairs: 200,
    },
  }).array("files", MAX_FILES_PER_MESSAGE);

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "POST" || !req.is("multipart/form-data") || !req.user) return next();
    parse(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        // Too much: the fields before the file (the CSRF token first) are kept, the files are not.
        req.uploadRefusal = REFUSALS[err.code] ?? "The form was too large to read. Send fewer or smaller files.";
        req.files = [];
        req.body ??= {};
        return next();
      }
      // Anything else busboy stops at is a body that is not a multipart form: the client's mistake.
      next(err ? new HttpError(400, "Bad request", "We could not read that form. Please try again.") : undefined);
    });
  };
}

/** The files of a multipart form (none for any other). */
export function uploadedFiles(req: Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : [];
}
