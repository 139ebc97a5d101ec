import express from "express";
import cookieParser from "cookie-parser";
import helmet from "helmet";
import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/open.js";
import { usersDb } from "./db/users.js";
import type { Mailer } from "./mail/mailer.js";
import { deriveKey } from "./lib/tokens.js";
import { accounts } from "./features/accounts/accounts.js";
import { accountsRoutes } from "./features/accounts/routes.js";
import { businessDirectory } from "./features/businesses/businesses.js";
import { businessesRoutes } from "./features/businesses/routes.js";
import { complaints } from "./features/complaints/complaints.js";
import { complaintsRoutes } from "./features/complaints/routes.js";
import { businessesDb } from "./db/businesses.js";
import { categoriesDb } from "./db/categories.js";
import { claims } from "./features/claims/claims.js";
import { claimsRoutes } from "./features/claims/routes.js";
import { dashboardRoutes } from "./features/dashboard/routes.js";
import { team } from "./features/dashboard/team.js";
import { notifications } from "./features/notifications/notifications.js";
import { notificationsRoutes } from "./features/notifications/routes.js";
import { aboutRoutes } from "./features/about/routes.js";
import { categoriesRoutes } from "./features/categories/routes.js";
import { searchRoutes } from "./features/search/routes.js";
import { syndicationRoutes } from "./features/syndication/routes.js";
import { moderation } from "./features/moderation/moderation.js";
import { moderationRoutes } from "./features/moderation/routes.js";
import { settingsRoutes } from "./features/settings/routes.js";
import { healthRoutes } from "./features/health/routes.js";
import { homeRoutes } from "./features/home/routes.js";
import { csrfProtection } from "./web/csrf.js";
import { refuseHoneypot } from "./web/honeypot.js";
import { loadCurrentUser } from "./web/current-user.js";
import { errorPages, notFound } from "./web/error-pages.js";
import { readFlash } from "./web/flash.js";
import { createLogger, requestLogger } from "./web/logging.js";
import { rateLimits } from "./web/rate-limits.js";
import { sessionMiddleware, sessionsWhereNeeded } from "./web/session.js";
import { PUBLIC_DIR, useViews } from "./web/views.js";

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

  const app = express();
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", "simple");
  useViews(app, { cache: config.env === "production" });

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
  app.use(healthRoutes(db));

  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 200 }));
  app.use(refuseHoneypot);
  app.use(cookieParser(deriveKey(secret, "cookies")));
  app.use(sessionsWhereNeeded(sessionMiddleware({ db, config, clock, secret: deriveKey(secret, "sessions") })));
  app.use(loadCurrentUser(usersDb(db)));
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

  const limits = rateLimits(db, config.rateLimits);
  const categories = categoriesDb(db);
  const complaintsService = complaints({ db, clock });
  const accountsService = accounts({
    db,
    clock,
    mailer,
    baseUrl: config.baseUrl,
    logger,
    onEmailVerified: (userId, at) => complaintsService.publishPending(userId, at),
  });
  const notifier = notifications({
    db,
    mailer,
    baseUrl: config.baseUrl,
    secret: deriveKey(secret, "unsubscribe"),
    logger,
    clock,
  });
  const notify = (events: Parameters<typeof notifier.complaintEvents>[0]) => notifier.complaintEvents(events);
  app.use(homeRoutes({ db, complaints: complaintsService, categories, clock }));
  app.use(accountsRoutes({ accounts: accountsService, limits, clock, notify }));
  app.use(
    complaintsRoutes({
      complaints: complaintsService,
      businesses: businessDirectory(businessesDb(db)),
      categories,
      clock,
      baseUrl: config.baseUrl,
      notify,
      limits,
    }),
  );
  app.use(
    claimsRoutes({ db, claims: claims({ db, clock, baseUrl: config.baseUrl }), mailer, notifications: notifier }),
  );
  app.use(businessesRoutes({ db, complaints: complaintsService, categories, clock }));
  app.use(dashboardRoutes({ db, team: team({ db, clock, baseUrl: config.baseUrl }), mailer, categories, clock }));
  app.use(notificationsRoutes({ db, notifications: notifier }));
  app.use(settingsRoutes({ accounts: accountsService, limits, clock, notifications: notifier }));
  app.use(moderationRoutes({ db, moderation: moderation({ db, clock }), limits }));
  app.use(categoriesRoutes({ db, categories, clock }));
  app.use(aboutRoutes());
  app.use(searchRoutes({ db, categories, clock }));
  app.use(syndicationRoutes({ db, baseUrl: config.baseUrl, clock, sitemapLimit: deps.sitemapLimit }));

  app.use(notFound);
  app.use(errorPages({ showStack: config.env === "development" }));
  return app;
}
