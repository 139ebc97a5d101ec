import type { ErrorRequestHandler, RequestHandler } from "express";
import { HttpError } from "./errors.js";

/**
 * A read replica (READ_ONLY=1) serves every read and sends every write to the primary: a 307, so
 * the browser repeats the same request (method, body, CSRF token) there. Reads that would write
 * after all (a moderator's audited look, a party's "seen") fail on the read-only connection with
 * SQLITE_READONLY and go to the primary the same way. Without PRIMARY_URL, a clear 503 page.
 */
const toPrimary = (primaryUrl: string | undefined, url: string) => {
  if (primaryUrl) return { location: `${primaryUrl}${url}` };
  return new HttpError(
    503,
    "This copy of Redress is read-only",
    "This server only shows pages. Sending forms is not possible here right now; please try again in a moment.",
  );
};

export function writesToPrimary(primaryUrl: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const answer = toPrimary(primaryUrl, req.originalUrl);
    if (answer instanceof HttpError) return next(answer);
    res.redirect(307, answer.location);
  };
}

export function readOnlyWritesToPrimary(primaryUrl: string | undefined): ErrorRequestHandler {
  return (err, req, res, next) => {
    if ((err as { code?: unknown } | null)?.code !== "SQLITE_READONLY" || res.headersSent) return next(err);
    const answer = toPrimary(primaryUrl, req.originalUrl);
    if (answer instanceof HttpError) return next(answer);
    res.setHeader("Cache-Control", "no-store");
    res.redirect(307, answer.location);
  };
}
