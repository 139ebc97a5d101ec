import { DAY, HOUR } from "../../src/clock.js";
import { seededRandom } from "../../src/lib/random.js";
import { complaints, RESOLUTIONS } from "../../src/features/complaints/complaints.js";
import { businessesDb } from "../../src/db/businesses.js";
import { usersDb } from "../../src/db/users.js";
import type { TestApp, TestUser } from "./app.js";

/**
 * A random history through the domain functions: filings (some pending, later verified), business
 * replies, author replies, updates, resolutions, confirmations, disputes and "me too"s, with the
 * clock moving forward between them. Returns nothing: the database is the result.
 */
export async function randomHistory(t: TestApp, seed: number, steps = 250) {
  const rng = seededRandom(seed);
  const service = complaints({ db: t.db, clock: t.clock, changes: t.changes });
  const users = usersDb(t.db);
  // Made one after another, so their ids (and so the history a seed gives) never depend on timing.
  const consumers: TestUser[] = [];
  for (const i of [1, 2, 3, 4]) consumers.push(await t.user({ email: `consumer${i}@example.com` }));
  const pending = await t.user({ email: "late@example.com", verified: false });
  const owners: TestUser[] = [];
  for (const i of [1, 2, 3]) owners.push(await t.user({ email: `owner${i}@example.com` }));
  const admin = await t.user({ email: "admin@example.com" });
  t.makeAdmin("admin@example.com");
  const names = ["Alpha Foods", "Beta Bank", "Gamma Gas", "Delta Air", "Epsilon Mobile"];
  for (const name of names)
    t.complaint(consumers[0]!.id, { businessName: name, title: `First complaint about ${name}` });
  const claimService = t.services.claims;
  const byName = businessesDb(t.db);
  for (const [i, owner] of owners.entries()) {
    const business = byName.bySlug(names[i]!.toLowerCase().replace(/ /g, "-"))!;
    const claim = claimService.requestReview(business, users.byId(owner.id)!, {
      evidence: "I run this business, honestly.",
    });
    claimService.decide(claim.id, users.byId(admin.id)!, "approve");
  }
  const ownerOf = (businessName: string) => owners[names.indexOf(businessName)];

  const ids: { id: number; authorId: number; business: string }[] = [];
  let verified = false;
  for (let step = 0; step < steps; step++) {
    t.clock.advance(rng.int(3 * DAY) + HOUR);
    const roll = rng.int(10);
    try {
      if (roll < 3 || ids.length < 3) {
        const author = rng.int(12) === 0 && !verified ? pending : rng.pick(consumers);
        const business = rng.pick(names);
        const id = t.complaint(author.id, {
          businessName: business,
          title: `Complaint at step ${step}`,
          categoryId: 1 + rng.int(9),
        });
        ids.push({ id, authorId: author.id, business });
      } else if (roll === 3 && !verified && rng.int(4) === 0) {
        await t.browser().get(await t.verificationLink("late@example.com"));
        verified = true;
      } else {
        // Resolved complaints get picked more often, so the consumer's word comes up.
        const resolvedIds = (
          t.db.prepare("SELECT id FROM complaints WHERE status = 'resolved'").all() as { id: number }[]
        ).map((r) => r.id);
        const c =
          resolvedIds.length && rng.int(5) < 2 ? ids.find((x) => x.id === rng.pick(resolvedIds))! : rng.pick(ids);
        const author = users.byId(c.authorId)!;
        const owner = ownerOf(c.business);
        const complaint = t.db.prepare("SELECT status FROM complaints WHERE id = ?").get(c.id) as { status: string };
        if (owner && rng.int(2) === 0 && complaint.status !== "confirmed") {
          const member = users.byId(owner.id)!;
          if (complaint.status === "resolved" || rng.int(2) > 0) service.reply(c.id, member, "We are looking into it.");
          else service.resolve(c.id, member, rng.pick(RESOLUTIONS), "Sorted, we hope.");
        } else if (complaint.status === "resolved") {
          if (rng.int(2) === 0)
            service.confirm(c.id, author, { rating: 1 + rng.int(5), wouldReturn: rng.int(2) === 0 });
          else service.dispute(c.id, author, "It is not resolved at all.");
        } else if (rng.int(3) === 0) {
          service.toggleMeToo(c.id, users.byId(rng.pick(consumers).id)!);
        } else {
          service.addUpdate(c.id, author, "An update on my complaint.");
        }
      }
    } catch {
      // Refusals (a pending complaint, two disputes, 14 days passed, me-too on one's own) are part of life.
    }
  }
  service.rollFigures();
}

/** Every count and cached state, in a comparable shape (zero rows and processing times left out). */
export function snapshot(t: Pick<TestApp, "db">) {
  const all = (sql: string) => t.db.prepare(sql).all();
  return {
    complaints: all(
      "SELECT id, status, waiting_on, waiting_since, first_reply_at, resolved_at, dispute_count, me_too_count, matured_at IS NOT NULL AS matured FROM complaints ORDER BY id",
    ),
    businesses: all("SELECT id, complaint_count, last_complaint_at FROM businesses ORDER BY id"),
    status: all("SELECT * FROM business_status_counts WHERE count > 0 ORDER BY 1, 2"),
    waiting: all("SELECT * FROM business_waiting_counts WHERE count > 0 ORDER BY 1, 2"),
    daily: all("SELECT * FROM business_daily_counts WHERE count > 0 ORDER BY 1, 2"),
    recent: all("SELECT * FROM business_recent_counts WHERE count > 0 ORDER BY 1"),
    monthly: all("SELECT * FROM business_monthly ORDER BY 1, 2"),
    replyTimes: all("SELECT * FROM business_reply_times ORDER BY 1, 2, 3"),
    categories: all("SELECT * FROM business_category_counts WHERE count > 0 ORDER BY 1, 2"),
    figures: all("SELECT * FROM business_figures ORDER BY 1"),
    site: all("SELECT * FROM site_counts ORDER BY 1"),
    search: all("SELECT rowid, title, body, business FROM complaint_search ORDER BY rowid"),
  };
}
