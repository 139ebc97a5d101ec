import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { categories as categoriesService } from "./features/categories/categories.js";
import { businessesDb } from "./db/businesses.js";
import { figuresDb } from "./db/figures.js";
import type { Db } from "./db/open.js";
import type { Mailer } from "./mail/mailer.js";
import { deriveKey } from "./lib/tokens.js";
import { accounts } from "./features/accounts/accounts.js";
import { businessDirectory } from "./features/businesses/businesses.js";
import { claims } from "./features/claims/claims.js";
import { complaints } from "./features/complaints/complaints.js";
import { browse } from "./features/complaints/browse.js";
import { complaintsDb } from "./db/complaints.js";
import { privateDetails } from "./features/complaints/private-details.js";
import { team } from "./features/dashboard/team.js";
import { inbox } from "./features/dashboard/inbox.js";
import { mailOutbox } from "./features/mail/outbox.js";
import { figures } from "./features/figures/read.js";
import { moderation } from "./features/moderation/moderation.js";
import { notifications } from "./features/notifications/notifications.js";
import { search } from "./features/search/search.js";
import { homePage } from "./features/home/home.js";
import { healthDb } from "./db/health.js";
import { syndication } from "./features/syndication/syndication.js";
import { rateLimits } from "./web/rate-limits.js";

export interface ServiceDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

/**
 * Every service, built once over one database: the domain functions that write and the read models
 * that give a page what it needs. Routers receive these, never the raw `Db`; the CLI scripts build
 * the same services, so a rule lives in one place whoever calls it.
 */
export function makeServices(deps: ServiceDeps) {
  const { db, config, mailer, clock, logger } = deps;
  const secret = config.sessionSecret ?? "";
  // Every message goes into the outbox in the transaction of its change; the server delivers it.
  const mail = mailOutbox({ db, clock, mailer, logger, messageDomain: new URL(config.baseUrl).hostname });
  const notifier = notifications({
    db,
    mail,
    baseUrl: config.baseUrl,
    secret: deriveKey(secret, "unsubscribe"),
    clock,
  });
  const complaintsService = complaints({ db, clock, onEvents: (events) => notifier.complaintEvents(events) });
  const businessRows = businessesDb(db);
  const categories = categoriesService({ db, businesses: businessRows });
  return {
    clock,
    baseUrl: config.baseUrl,
    limits: rateLimits(db, config.rateLimits),
    categories,
    complaints: complaintsService,
    privateDetails: privateDetails({ db, clock, mail, baseUrl: config.baseUrl }),
    businesses: businessDirectory(businessRows),
    home: homePage({ db, complaints: complaintsService, businesses: businessRows }),
    health: healthDb(db),
    syndication: syndication({ db }),
    search: search({ db, businesses: businessRows }),
    browse: browse({ complaints: complaintsDb(db), businesses: businessRows, categories, clock }),
    figures: figures({ businesses: businessesDb(db), figures: figuresDb(db) }),
    mail,
    accounts: accounts({
      db,
      clock,
      mail,
      baseUrl: config.baseUrl,
      passwordHashing: config.passwordHashing,
      onEmailVerified: (userId, at) => complaintsService.publishPending(userId, at),
    }),
    notifications: notifier,
    claims: claims({ db, clock, baseUrl: config.baseUrl, mail, notifications: notifier }),
    team: team({ db, clock, baseUrl: config.baseUrl, mail }),
    inbox: inbox({ db, businesses: businessRows }),
    moderation: moderation({ db, clock }),
  };
}

export type Services = ReturnType<typeof makeServices>;
