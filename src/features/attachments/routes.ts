import contentDisposition from "content-disposition";
import type { Request, Response } from "express";
import type { Services } from "../../services.js";
import { NotFound } from "../../web/errors.js";

const id = (value: unknown) => {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value)) throw new NotFound();
  return Number(value);
};

/**
 * Attached files, served only through the app and only to whom visibility.ts allows (anyone else:
 * 404, so a file's existence is not revealed). Images open in the browser; a PDF is always a
 * download. The response may not be stored anywhere, is never sniffed as another type, and runs
 * in a CSP sandbox even if a browser were to render it as a page.
 */
export function attachmentsPages(deps: Pick<Services, "attachments">) {
  function send(req: Request, res: Response, variant: "file" | "thumbnail") {
    const { attachment, bytes, mediaType } = deps.attachments.open(id(req.params.id), req.user, variant);
    const inline = mediaType !== "application/pdf";
    res.setHeader("Content-Type", mediaType);
    res.setHeader("Content-Length", String(bytes.length));
    res.setHeader(
      "Content-Disposition",
      contentDisposition(attachment.name, { type: inline ? "inline" : "attachment" }),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "private, no-store");
    res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.end(bytes);
  }

  const attachmentFile = (req: Request, res: Response) => send(req, res, "file");
  const attachmentThumbnail = (req: Request, res: Response) => send(req, res, "thumbnail");
  return { attachmentFile, attachmentThumbnail };
}
