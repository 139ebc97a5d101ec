import type { ErrorRequestHandler, RequestHandler } from "express";
import { isCsrfError } from "./csrf.js";
import { HttpError, NotFound, TooMany } from "./errors.js";

interface ErrorPage {
  status: number;
  title: string;
  message: string;
}

/** The body parsers' own errors (they carry `type` and `status`). */
function fromBodyParser(err: { type?: unknown; status?: unknown }): ErrorPage | undefined {
  if (err.type === "entity.too.large") {
    return {
      status: 413,
      title: "That was too much to send",
      message: "What you sent is larger than Redress accepts. Please shorten it and try again.",
    };
  }
  if (typeof err.type === "string" && typeof err.status === "number" && err.status >= 400 && err.status < 500) {
    return {
      status: err.status === 415 ? 415 : 400,
      title: "We couldn't read that",
      message: "The form arrived in a shape Redress doesn't understand. Please go back and try again.",
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
  if (err && typeof err === "object") return fromBodyParser(err);
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
