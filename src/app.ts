import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import cookieParser from "cookie-parser";
import helmet from "helmet";
import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/open.js";
import { usersDb } from "./db/users.js";
import { CONSUMER_WORD_DAYS, NO_RESPONSE_DAYS } from "./features/complaints/status.js";
import { VERDICT_MIN_COMPLAINTS } from "./features/figures/verdict.js";
import type { Mailer } from "./mail/mailer.js";
import { deriveKey } from "./lib/tokens.js";
import { earlyRoutes, siteRoutes } from "./routes.js";
import { makeServices } from "./services.js";
import { csrfProtection } from "./web/csrf.js";
import { refuseHoneypot } from "./web/honeypot.js";
import { loadCurrentUser } from "./web/current-user.js";
import { membersDb } from "./db/members.js";
import { errorPages, notFound } from "./web/error-pages.js";
import { readFlash } from "./web/flash.js";
import { createLogger, requestLogger } from "./web/logging.js";
import { multipartBodies } from "./web/uploads.js";
import { sessionMiddleware, sessionsWhereNeeded } from "./web/session.js";
import { PUBLIC_DIR, useViews } from "./web/views.js";
import { cachePurger } from "./web/cache-purge.js";
import { readOnlyWritesToPrimary, writesToPrimary } from "./web/read-only.js";
import { PageCache } from "./web/page-cache.js";
import type { PageChanges } from "./features/cache/tags.js";

export interface AppDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  logger?: Logger;
  /** URLs per sitemap file (the protocol's 50,000 unless a test wants to see paging). */
  sitemapLimit?: number;
}

/** Largest form body accepted; a complaint of 10,000 characters fits several times over. */
const BODY_LIMIT = "100kb";

/**
 * Builds the Express app from its dependencies. No I/O and no timers: tests build as many as they
 * like, each on its own database.
 */
export function createApp(deps: AppDeps): express.Express {
  const { db, config, mailer, clock } = deps;
  if (!config.sessionSecret) throw new Error("createApp needs config.sessionSecret");
  const logger = deps.logger ?? createLogger(config.logLevel);
  const secret = config.sessionSecret;

  // Anonymous pages, kept until a write changes what they show (and a minute at most).
  const pageCache = new PageCache(clock, config.pageCache);
  const purge = cachePurger(config.cachePurgeUrl, logger);
  const changes: PageChanges = {
    touched(tags) {
      pageCache.invalidate(tags);
      purge(tags);
    },
    everything() {
      pageCache.clear();
      purge(["all"]);
    },
  };
  const services = makeServices({ db, config, mailer, clock, logger, changes });
  const app = express();
  app.locals.pageCache = pageCache;
  app.locals.pageChanges = changes; // for the test factories and the CLI-free tools that write beside the app
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");
  app.set("etag", "strong"); // the page cache and any CDN revalidate with If-None-Match
  useViews(app, { cache: config.env === "production" });
  // The life cycle's day counts, for every page and form that states them (one source: status.ts).
  app.locals.rules = { noResponseDays: NO_RESPONSE_DAYS, consumerWordDays: CONSUMER_WORD_DAYS };
  // What a verdict rests on, for every page that says "not enough complaints yet" (verdict.ts).
  app.locals.verdictRules = { minComplaints: VERDICT_MIN_COMPLAINTS };

  app.use(pageCache.middleware()); // a hit costs no logging, parsing or session (see front() below)
  app.use(requestLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: "deny" },
      strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: false } : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    }),
  );
  // Asset URLs carry a content hash (see web/views.ts), so they can be cached for a year.
  app.use("/static", express.static(PUBLIC_DIR, { maxAge: "365d", immutable: true, index: false, fallthrough: true }));
  app.use(earlyRoutes(services).router);
  // A read replica: every write goes to the primary before a byte of its body is read.
  if (config.readOnly) app.use(writesToPrimary(config.primaryUrl));

  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 }));
  app.use(cookieParser(deriveKey(secret, "cookies")));
  app.use(sessionsWhereNeeded(sessionMiddleware({ db, config, clock, secret: deriveKey(secret, "sessions") })));
  const members = membersDb(db);
  app.use(loadCurrentUser(usersDb(db), (userId) => members.answersForAny(userId)));
  app.use(multipartBodies()); // before the CSRF check, which reads the form's _csrf field
  app.use(refuseHoneypot);
  const csrf = csrfProtection(config, deriveKey(secret, "csrf"));
  app.use(csrf.protect);
  app.use(readFlash);
  app.use((req, res, next) => {
    res.locals.csrfToken = () => csrf.tokenFor(req, res);
    res.locals.path = req.path;
    // The canonical address: this path on the public origin; list pages add their page number.
    res.locals.canonical = `${config.baseUrl}${req.path}${typeof req.query.page === "string" && /^[2-9]\d*$|^1\d+$/.test(req.query.page) ? `?page=${req.query.page}` : ""}`;
    if (req.user) res.setHeader("Cache-Control", "private, no-store");
    next();
  });

  app.use(siteRoutes(services, { sitemapLimit: deps.sitemapLimit }).router);

  app.use(notFound);
  if (config.readOnly) app.use(readOnlyWritesToPrimary(config.primaryUrl));
  app.use(errorPages({ showStack: config.env === "development" }));
  return app;
}

/**
 * The server's request listener: a fresh hit from the page cache is answered here, before Express
 * and its middleware run at all; everything else goes to the app.
 */
export function front(app: express.Express) {
  const cache = app.locals.pageCache as PageCache;
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!cache.serve(req, res)) app(req, res);
  };
}
