/**
 * The few errors domain code throws. One middleware (web/error-pages.ts) turns each into its status
 * and a friendly page, so handlers never pick status codes for failures themselves.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFound extends HttpError {
  constructor(
    message = "We couldn't find that page. It may have moved, or the address may be mistyped.",
    title = "Page not found",
  ) {
    super(404, title, message);
  }
}

export class Forbidden extends HttpError {
  constructor(message = "You don't have permission to do that.") {
    super(403, "Not allowed", message);
  }
}

export class Conflict extends HttpError {
  constructor(message: string, title = "That can't be done right now") {
    super(409, title, message);
  }
}

export class TooMany extends HttpError {
  constructor(
    readonly retryAfterSeconds: number,
    what = "attempts",
  ) {
    super(
      429,
      "Too many requests",
      `There have been too many ${what}. Please try again in ${describeWait(retryAfterSeconds)}.`,
    );
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return "a minute";
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "1 hour" : `${hours} hours`;
}
