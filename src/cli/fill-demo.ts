import { demoDb } from "../db/demo.js";
import { DAY, HOUR, MINUTE } from "../clock.js";
import { businessesDb } from "../db/businesses.js";
import { categoriesDb } from "../db/categories.js";
import type { PasswordHashing } from "../config.js";
import type { Db } from "../db/open.js";
import { accounts } from "../features/accounts/accounts.js";
import { complaints } from "../features/complaints/complaints.js";
import { isoDate } from "../lib/dates.js";
import { seededRandom } from "../lib/random.js";
import type { MailQueue } from "../mail/mailer.js";
import { normalizeName } from "../lib/names.js";
import { claims } from "../features/claims/claims.js";
import { rebuildFigures } from "../features/figures/rebuild.js";
import {
  DEMO_BUSINESSES,
  DEMO_DISPUTES,
  DEMO_ENDINGS,
  DEMO_PEOPLE,
  DEMO_PROFILES,
  DEMO_TRADES,
  DEMO_UPDATES,
  type DemoScenario,
  type DemoTradeKey,
} from "./demo-content.js";

/**
 * The demo behind `npm run demo`: fills an EMPTY database with a believable demo (about 30 businesses, 300
 * complaints over the last year) through the same domain functions as the app, so every count and
 * timeline is as real as production's. Deterministic: the same seed gives the same demo.
 */

export const DEMO_PASSWORD = "demo-password";
const COMPLAINTS = 300;

export interface Demo {
  logins: { email: string; name: string }[];
  owners: { email: string; name: string; business: string }[];
  admin: string;
  complaints: number;
  businesses: number;
}

/** `passwordHashing` is the configured argon2 cost (the demo's accounts log in like any other). */
export async function fillDemo(db: Db, now: number, passwordHashing: PasswordHashing): Promise<Demo> {
  const tables = demoDb(db);
  if (!tables.isEmpty()) throw new DemoRefused();

  let clockNow = now - 400 * DAY;
  const clock = { now: () => clockNow };
  const rng = seededRandom(20261124);
  const links: string[] = [];
  // The demo mails nobody: its links are only read, to verify the demo's accounts.
  const mail: MailQueue = {
    enqueue: (message) => links.push(/token=(\S+)/.exec(message.text)?.[1] ?? ""),
    forget: () => undefined,
  };
  const complaintService = complaints({ db, clock });
  const accountService = accounts({
    db,
    clock,
    mail,
    baseUrl: "http://localhost",
    passwordHashing,
    onEmailVerified: (userId, at) => complaintService.publishPending(userId, at),
  });
  const categories = categoriesDb(db).all();
  const businesses = businessesDb(db);

  // People: all verified but the last, whose complaint waits unpublished, as a new user's would.
  const people: { id: number; email: string; name: string }[] = [];
  for (const [i, name] of DEMO_PEOPLE.entries()) {
    const email = `${name
      .split(" ")[0]!
      .toLowerCase()
      .replace(/[^a-z]/g, "")}@demo.redress.test`;
    const user = await accountService.signUp({ email, password: DEMO_PASSWORD, displayName: name });
    if (!user) throw new Error(`demo user ${email}: the address has an account`);
    if (i < DEMO_PEOPLE.length - 1) accountService.verifyEmail(links.at(-1)!);
    people.push({ id: user.id, email, name });
  }

  // Which business each complaint is about (a few get most of them) and when it came, oldest first.
  // A business too new to rate had all its complaints in the last 12 days.
  const weights = DEMO_BUSINESSES.map((_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickBusiness = () => {
    let r = rng.next() * totalWeight;
    for (const [i, w] of weights.entries()) if ((r -= w) <= 0) return i;
    return 0;
  };
  const plan = Array.from({ length: COMPLAINTS }, () => {
    const businessIndex = pickBusiness();
    const recent = DEMO_BUSINESSES[businessIndex]!.profile === "new";
    return { businessIndex, at: now - HOUR - rng.int(recent ? 12 * DAY : 365 * DAY) };
  }).sort((a, b) => a.at - b.at);

  // Every title once: each trade's scenarios with each of their details, in a shuffled order.
  const pools = new Map<DemoTradeKey, { scenario: DemoScenario; detail: string }[]>();
  for (const [trade, { scenarios }] of Object.entries(DEMO_TRADES) as [DemoTradeKey, { scenarios: DemoScenario[] }][]) {
    const all = scenarios.flatMap((scenario) => scenario.details.map((detail) => ({ scenario, detail })));
    for (let i = all.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    pools.set(trade, all);
  }
  const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));

  const filed: { id: number; authorId: number; at: number; businessIndex: number; scenario: DemoScenario }[] = [];
  for (const [n, { businessIndex, at }] of plan.entries()) {
    clockNow = at;
    const business = DEMO_BUSINESSES[businessIndex]!;
    const trade = DEMO_TRADES[business.trade];
    const drawn = pools.get(business.trade)!.pop();
    if (!drawn) throw new Error(`the demo ran out of titles for the ${business.trade} trade`);
    const { scenario, detail } = drawn;
    const fill = (text: string) => text.replace("{x}", detail);
    const middle = rng.int(trade.middles.length);
    const middles = [trade.middles[middle]!, trade.middles[(middle + 1) % trade.middles.length]!];
    const author0 = n === plan.length - 1 ? people.length - 1 : rng.int(people.length - 1);
    let body = [fill(scenario.opening), ...new Set(middles), rng.pick(DEMO_ENDINGS[scenario.outcome])].join(" ");
    if (rng.int(12) === 0) {
      const author = people[author0]!;
      body += `\n\nYou can reach me at ${author.email.replace("@", `+${n}@`)} or on 555-010-${String(1000 + n).slice(-4)}.`;
    }
    if (rng.int(3) === 0) body = `${body}\n\nOrder reference: ${100000 + rng.int(899999)}.`;
    const title = fill(scenario.title);
    const incidentDate = isoDate(at - rng.int(20) * DAY);
    const amountCents = rng.int(3) === 0 ? null : (5 + rng.int(800)) * 100 + rng.pick([0, 49, 99]);
    // A second complaint by the same person about the same business within a day is refused as a
    // duplicate, as the app would: another person files this one.
    for (let attempt = 0; attempt < people.length; attempt++) {
      const author = n === plan.length - 1 ? people.at(-1)! : people[(author0 + attempt) % (people.length - 1)]!;
      const result = complaintService.fileComplaint(author.id, {
        businessName: business.name,
        businessWebsite: business.website,
        businessChoice: "new",
        title,
        body,
        categoryId: categoryBySlug.get(scenario.category)!.id,
        incidentDate,
        desiredOutcome: scenario.outcome,
        amountCents: scenario.outcome === "refund" ? (amountCents ?? 4999) : amountCents,
        currency:
          business.country === "United Kingdom"
            ? "GBP"
            : business.country === "Germany" || business.country === "Ireland"
              ? "EUR"
              : "USD",
      });
      if (result.kind === "duplicate") continue;
      if (result.kind !== "filed") throw new Error("demo filing needed a business choice");
      if (result.businessCreated) businesses.setLocation(result.complaint.businessId, business.city, business.country);
      filed.push({ id: result.complaint.id, authorId: author.id, at, businessIndex, scenario });
      break;
    }
  }

  // Each complaint's events must come in time order, as they would in life: the next event of a
  // complaint is never earlier than its last one.
  const lastEventAt = new Map(filed.map((c) => [c.id, c.at]));
  const at = (complaintId: number, candidate: number) => {
    clockNow = Math.min(now, Math.max(candidate, lastEventAt.get(complaintId)! + MINUTE));
    lastEventAt.set(complaintId, clockNow);
  };

  // Follow-ups and "me too"s, later than the complaints they belong to.
  for (const complaint of filed) {
    if (rng.int(5) === 0) {
      at(complaint.id, complaint.at + (1 + rng.int(10)) * DAY);
      const author = people.find((p) => p.id === complaint.authorId)!;
      const user = accountService.userById(author.id)!;
      if (user.emailVerifiedAt !== null) {
        complaintService.addUpdate(complaint.id, user, rng.pick(DEMO_UPDATES));
      }
    }
    for (const person of people.slice(0, -1)) {
      if (person.id !== complaint.authorId && rng.int(25) === 0) {
        at(complaint.id, complaint.at + rng.int(30) * HOUR);
        complaintService.toggleMeToo(complaint.id, accountService.userById(person.id)!);
      }
    }
  }

  // The first ten businesses are claimed (through an admin's review, as a real claim would be) and
  // answer their complaints, some fast and often, some hardly at all.
  clockNow = now - 380 * DAY;
  const admin = await accountService.signUp({
    email: "admin@demo.redress.test",
    password: DEMO_PASSWORD,
    displayName: "Redress Admin",
  });
  if (!admin) throw new Error("demo admin");
  accountService.verifyEmail(links.at(-1)!);
  accountService.setRole("admin@demo.redress.test", "admin");
  const adminUser = accountService.userById(admin.id)!;
  const claimService = claims({
    db,
    clock,
    baseUrl: "http://localhost",
    mail,
    notifications: { claimDecision: () => undefined },
  });
  const owners: { email: string; name: string; business: string }[] = [];
  const ownerUsers = new Map<number, number>();
  for (const [i, business] of DEMO_BUSINESSES.slice(0, 10).entries()) {
    const name = [
      "Olive Ortega",
      "Ben Carter",
      "Nadia Petrov",
      "Leo Tanaka",
      "Rosa Diaz",
      "Ian Walsh",
      "Maya Cohen",
      "Theo Brandt",
      "Lina Haddad",
      "Carl Jensen",
    ][i]!;
    const email = `${name.split(" ")[0]!.toLowerCase()}@${business.website}`;
    const signed = await accountService.signUp({ email, password: DEMO_PASSWORD, displayName: name });
    if (!signed) throw new Error(`demo owner ${email}`);
    accountService.verifyEmail(links.at(-1)!);
    const row = businesses.byNormalizedName(normalizeName(business.name))!;
    const claim = claimService.requestReview(row, accountService.userById(signed.id)!, {
      evidence: `I run customer care at ${business.name}.`,
    });
    claimService.decide(claim.id, adminUser, "approve");
    owners.push({ email, name, business: business.name });
    ownerUsers.set(i, signed.id);
  }
  const later = (from: number, maxDays: number) => Math.min(now, from + (2 + rng.int(maxDays * 24)) * HOUR);
  for (const complaint of filed) {
    const ownerId = ownerUsers.get(complaint.businessIndex);
    const author = accountService.userById(complaint.authorId)!;
    const business = DEMO_BUSINESSES[complaint.businessIndex]!;
    const profile = business.profile && DEMO_PROFILES[business.profile];
    if (ownerId === undefined || !profile || author.emailVerifiedAt === null || rng.next() >= profile.reply) continue;
    const owner = accountService.userById(ownerId)!;
    const { resolution } = complaint.scenario;
    at(complaint.id, later(complaint.at, business.profile === "excellent" ? 1 : 6));
    complaintService.reply(complaint.id, owner, rng.pick(DEMO_TRADES[business.trade].replies));
    if (rng.next() < profile.resolve) {
      at(complaint.id, later(clockNow, 5));
      complaintService.resolve(complaint.id, owner, resolution.kind, resolution.note);
      const deadline = clockNow + 13 * DAY; // the consumer's word comes within the 14 days, or not at all
      const word = rng.next();
      const speaks = word < profile.confirm + (1 - profile.confirm) / 2;
      if (speaks && clockNow < now) at(complaint.id, Math.min(later(clockNow, 10), deadline));
      if (word < profile.confirm && clockNow < deadline) {
        complaintService.confirm(complaint.id, author, {
          rating: business.profile === "excellent" ? 4 + rng.int(2) : 3 + rng.int(3),
          wouldReturn: rng.int(business.profile === "excellent" ? 8 : 4) > 0,
          comment: rng.int(2) ? "Took longer than it should have, but they sorted it out." : undefined,
        });
      } else if (speaks && clockNow < deadline) {
        complaintService.dispute(complaint.id, author, DEMO_DISPUTES[resolution.kind]);
      }
    } else if (rng.int(3) === 0) {
      at(complaint.id, later(clockNow, 4));
      complaintService.reply(complaint.id, author, "Thanks for answering. I have sent the details you asked for.");
    }
  }
  clockNow = now;
  // The demo writes its history out of time order (all filings first, then the answers), which
  // life never does; the time-based figures are therefore recomputed from the timelines, exactly
  // as `npm run figures:rebuild` does.
  rebuildFigures(db, clock);

  return {
    owners: owners.slice(0, 1),
    admin: "admin@demo.redress.test",
    logins: people.slice(0, 2).map(({ email, name }) => ({ email, name })),
    complaints: filed.length,
    businesses: tables.businessCount(),
  };
}

export class DemoRefused extends Error {
  constructor() {
    super("This database already has data; the demo only fills an empty one.");
  }
}
