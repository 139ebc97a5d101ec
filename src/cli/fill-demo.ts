import { pino } from "pino";
import { DAY, HOUR } from "../clock.js";
import { businessesDb } from "../db/businesses.js";
import { categoriesDb } from "../db/categories.js";
import type { Db } from "../db/open.js";
import { accounts } from "../features/accounts/accounts.js";
import { complaints } from "../features/complaints/complaints.js";
import { DESIRED_OUTCOMES } from "../features/complaints/forms.js";
import { isoDate } from "../lib/dates.js";
import type { Mailer } from "../mail/mailer.js";
import { DEMO_BUSINESSES, DEMO_PEOPLE, DEMO_STORIES } from "./demo-content.js";

/**
 * The demo behind `npm run demo`: fills an EMPTY database with a believable demo (about 30 businesses, 300
 * complaints over the last year) through the same domain functions as the app, so every count and
 * timeline is as real as production's. Deterministic: the same seed gives the same demo.
 */

export const DEMO_PASSWORD = "demo-password";
const COMPLAINTS = 300;

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

export async function fillDemo(db: Db, now: number): Promise<{ logins: { email: string; name: string }[]; complaints: number; businesses: number }> {
  const existing = db.prepare("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM businesses) AS n").get() as { n: number };
  if (existing.n > 0) throw new DemoRefused();

  let clockNow = now - 400 * DAY;
  const clock = { now: () => clockNow };
  const rng = random(20261124);
  const links: string[] = [];
  const mailer: Mailer = { send: async (message) => void links.push(/token=(\S+)/.exec(message.text)?.[1] ?? "") };
  const logger = pino({ level: "silent" });
  const complaintService = complaints({ db, clock });
  const accountService = accounts({ db, clock, mailer, baseUrl: "http://localhost", logger, onEmailVerified: (userId, at) => complaintService.publishPending(userId, at) });
  const categories = categoriesDb(db).all();
  const businesses = businessesDb(db);

  // People: all verified but the last, whose complaint waits unpublished, as a new user's would.
  const people: { id: number; email: string; name: string }[] = [];
  for (const [i, name] of DEMO_PEOPLE.entries()) {
    const email = `${name.split(" ")[0]!.toLowerCase().replace(/[^a-z]/g, "")}@demo.redress.test`;
    const result = await accountService.signUp({ email, password: DEMO_PASSWORD, displayName: name });
    if (!result.ok) throw new Error(`demo user ${email}: ${JSON.stringify(result.errors)}`);
    if (i < DEMO_PEOPLE.length - 1) accountService.verifyEmail(links.at(-1)!);
    people.push({ id: result.user.id, email, name });
  }

  // Complaint times over the last year, oldest first; a few businesses get most of them.
  const times = Array.from({ length: COMPLAINTS }, () => now - rng.int(365 * DAY)).sort((a, b) => a - b);
  const weights = DEMO_BUSINESSES.map((_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickBusiness = () => {
    let r = rng.next() * totalWeight;
    for (const [i, w] of weights.entries()) if ((r -= w) <= 0) return DEMO_BUSINESSES[i]!;
    return DEMO_BUSINESSES[0]!;
  };

  const filed: { id: number; authorId: number; at: number }[] = [];
  for (const [n, at] of times.entries()) {
    clockNow = at;
    const business = pickBusiness();
    const category = rng.pick(categories);
    const story = DEMO_STORIES[category.slug]!;
    const author = n === times.length - 1 ? people.at(-1)! : rng.pick(people.slice(0, -1));
    const middle = rng.int(story.middles.length);
    const middles = [story.middles[middle], story.middles[(middle + 1 + rng.int(story.middles.length - 1)) % story.middles.length]];
    let body = [rng.pick(story.openings), ...middles, rng.pick(story.endings)].join(" ");
    if (rng.int(12) === 0) body += `\n\nYou can reach me at ${author.email.replace("@", `+${n}@`)} or on 555-010-${String(1000 + n).slice(-4)}.`;
    if (rng.int(3) === 0) body = `${body}\n\nOrder reference: ${100000 + rng.int(899999)}.`;
    const result = complaintService.fileComplaint(author.id, {
      businessName: business.name,
      businessWebsite: business.website,
      businessChoice: "new",
      title: rng.pick(story.titles),
      body,
      categoryId: category.id,
      incidentDate: isoDate(at - rng.int(20) * DAY),
      desiredOutcome: rng.pick(DESIRED_OUTCOMES),
      amountCents: rng.int(3) === 0 ? null : (5 + rng.int(800)) * 100 + rng.pick([0, 49, 99]),
      currency: business.country === "United Kingdom" ? "GBP" : business.country === "Germany" || business.country === "Ireland" ? "EUR" : "USD",
    });
    if (result.kind !== "filed") throw new Error("demo filing needed a business choice");
    if (result.businessCreated) businesses.setLocation(result.complaint.businessId, business.city, business.country);
    filed.push({ id: result.complaint.id, authorId: author.id, at });
  }

  // Follow-ups and "me too"s, later than the complaints they belong to.
  for (const complaint of filed) {
    if (rng.int(5) === 0) {
      clockNow = Math.min(now, complaint.at + (1 + rng.int(10)) * DAY);
      const author = people.find((p) => p.id === complaint.authorId)!;
      const user = accountService.userById(author.id)!;
      if (user.emailVerifiedAt !== null) {
        complaintService.addUpdate(complaint.id, user, rng.pick(["Still no answer. I have sent another email today.", "They called me back but only to read the same script again.", "A week later and nothing has changed. I have now filed a chargeback with my bank."]));
      }
    }
    for (const person of people.slice(0, -1)) {
      if (person.id !== complaint.authorId && rng.int(25) === 0) {
        clockNow = Math.min(now, complaint.at + rng.int(30) * HOUR);
        complaintService.toggleMeToo(complaint.id, accountService.userById(person.id)!);
      }
    }
  }

  return {
    logins: people.slice(0, 2).map(({ email, name }) => ({ email, name })),
    complaints: filed.length,
    businesses: (db.prepare("SELECT count(*) AS n FROM businesses").get() as { n: number }).n,
  };
}

export class DemoRefused extends Error {
  constructor() {
    super("This database already has data; the demo only fills an empty one.");
  }
}
