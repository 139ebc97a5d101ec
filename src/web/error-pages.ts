import type { ErrorRequestHandler, RequestHandler } from "express";
import { isCsrfError } from "./csrf.js";
import { HttpError, NotFound, TooMany } from "./errors.js";

interface ErrorPage {
  status: number;
  title: string;
  message: string;
}

/**
 * Errors from the libraries under us that carry a 4xx status: the body parsers (too large, bad
 * encoding, unreadable), the router (a path whose percent-encoding does not decode). Each is the
 * client's mistake, so it keeps its status and gets the friendly page, never a 500.
 */
function fromLibrary(err: { type?: unknown; status?: unknown; statusCode?: unknown }): ErrorPage | undefined {
  if (err.type === "entity.too.large") {
    return {
      status: 413,
      title: "That was too much to send",
      message: "What you sent is larger than Redress accepts. Please shorten it and try again.",
    };
  }
  if (err.type === "encoding.unsupported") {
    return {
      status: 415,
      title: "We couldn't read that",
      message: "What you sent is compressed in a way Redress doesn't read. Please send it uncompressed.",
    };
  }
  const status = typeof err.status === "number" ? err.status : err.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return {
      status,
      title: "We couldn't read that",
      message: "The address or the form arrived in a shape Redress doesn't understand. Please go back and try again.",
    };
  }
  return undefined;
}

function describe(err: unknown): ErrorPage | undefined {
  if (err instanceof HttpError) return { status: err.status, title: err.title, message: err.message };
  if (isCsrfError(err)) {
    return {
      status: 403,
      title: "This form has expired",
      message:
        "For your safety, Redress only accepts a form that it showed you itself, in this browser. The page may have been open too long, " +
        "or you logged in or out in another tab. Nothing was changed: go back, reload the page and send it again.",
    };
  }
  if (err && typeof err === "object") return fromLibrary(err);
  return undefined;
}

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFound());

export function errorPages(options: { showStack: boolean }): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = describe(err);
    const page: ErrorPage = known ?? {
      status: 500,
      title: "Something went wrong",
      message: "Something went wrong on our side and nothing was saved. Please try again in a moment.",
    };
    if (!known) req.log?.error({ err }, "unhandled error");
    if (err instanceof TooMany) res.setHeader("Retry-After", String(err.retryAfterSeconds));
    res.setHeader("Cache-Control", "no-store");
    res.status(page.status);
    const stack = !known && options.showStack && err instanceof Error ? err.stack : undefined;
    res.render(
      "errors/error",
      { title: page.title, heading: page.title, message: page.message, status: page.status, stack },
      (renderErr, html) => {
        if (renderErr) {
          req.log?.error({ err: renderErr }, "error page failed to render");
          res.type("text/plain").send(`${page.title}\n\n${page.message}\n`);
          return;
        }
        res.send(html);
      },
    );
  };
}
