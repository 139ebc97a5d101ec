import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { LogLevel } from "../config.js";

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    // Belt and braces: these never reach a log line even if someone logs a whole request.
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        "res.headers['set-cookie']",
        "password",
        "*.password",
        "token",
        "*.token",
      ],
      censor: "[redacted]",
    },
  });
}

const SECRET_QUERY = /([?&](?:token|password|_csrf|sig)=)[^&#]*/gi;

/** The URL as logged: tokens in links (?token=...) are replaced. */
function redactUrl(url: string | undefined): string {
  return (url ?? "").replace(SECRET_QUERY, "$1[redacted]");
}

/** Structured request logs with a request id, echoed to the client as X-Request-Id. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (_req: IncomingMessage, res: ServerResponse) => {
      const id = crypto.randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        ip: req.raw?.socket?.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
  });
}
