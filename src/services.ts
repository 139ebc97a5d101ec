import type { Logger } from "pino";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { nothingChanges, type PageChanges } from "./features/cache/tags.js";
import { categories as categoriesService } from "./features/categories/categories.js";
import { businessesDb } from "./db/businesses.js";
import { figuresDb } from "./db/figures.js";
import type { Db } from "./db/open.js";
import type { Mailer } from "./mail/mailer.js";
import { deriveKey } from "./lib/tokens.js";
import { accounts } from "./features/accounts/accounts.js";
import { accountRecords } from "./features/accounts/account-records.js";
import { businessDirectory } from "./features/businesses/businesses.js";
import { claims } from "./features/claims/claims.js";
import { complaints } from "./features/complaints/complaints.js";
import { attachments } from "./features/attachments/attachments.js";
import { fileStore } from "./features/attachments/store.js";
import { browse } from "./features/complaints/browse.js";
import { complaintsDb } from "./db/complaints.js";
import { privateDetails } from "./features/complaints/private-details.js";
import { privateMessages } from "./features/complaints/private-messages.js";
import { privateSide } from "./features/complaints/private-side.js";
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
import { transparency } from "./features/transparency/transparency.js";

export interface ServiceDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** Told of what each write changes on public pages (the page cache, and purges of a CDN). */
  changes?: PageChanges;
}

/**
 * Every service, built once over one database: the domain functions that write and the read models
 * that give a page what it needs. Routers receive these, never the raw `Db`; the CLI scripts build
 * the same services, so a rule lives in one place whoever calls it.
 */
export function makeServices(deps: ServiceDeps) {
  const { db, config, mailer, clock, logger } = deps;
  const changes = deps.changes ?? nothingChanges;
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
  const privateSideRules = privateSide({ db, clock });
  const files = attachments({ db, clock, store: fileStore(config.uploadsDir), privateSide: privateSideRules });
  const messages = privateMessages({
    db,
    clock,
    privateSide: privateSideRules,
    attachments: files,
    onMessage: (complaint, to) => notifier.privateMessage(complaint, to),
    changes,
  });
  const complaintsService = complaints({
    db,
    clock,
    attachments: files,
    changes,
    onEvents: (events) => notifier.complaintEvents(events),
  });
  const businessRows = businessesDb(db);
  const categories = categoriesService({ db, businesses: businessRows });
  return {
    clock,
    baseUrl: config.baseUrl,
    limits: rateLimits(db, config.rateLimits),
    categories,
    complaints: complaintsService,
    privateDetails: privateDetails({
      db,
      clock,
      mail,
      baseUrl: config.baseUrl,
      privateSide: privateSideRules,
      privateMessages: messages,
      attachments: files,
    }),
    privateSide: privateSideRules,
    privateMessages: messages,
    attachments: files,
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
      changes,
    }),
    accountRecords: accountRecords({ db, clock, mail, attachments: files, changes }),
    notifications: notifier,
    claims: claims({ db, clock, baseUrl: config.baseUrl, mail, notifications: notifier, changes }),
    team: team({ db, clock, baseUrl: config.baseUrl, mail }),
    inbox: inbox({ db, businesses: businessRows }),
    moderation: moderation({ db, clock, privateSide: privateSideRules, attachments: files, changes }),
    transparency: transparency({ db, clock }),
    contactEmail: config.contactEmail,
  };
}

export type Services = ReturnType<typeof makeServices>;
