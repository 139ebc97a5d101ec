/**
 * The benchmark's database: users, businesses (a few with most of the complaints, then a long
 * tail), complaints with realistic timelines, private messages and "me too"s, bulk-loaded with
 * prepared statements of our own (the domain functions take minutes per 100,000 complaints), then
 * every cached state, count and the search index computed by the app's own `rebuildFigures`.
 *
 * The schema is the app's: the file is opened with openDatabase and migrated with migrate.
 */
import fs from "node:fs";
import { hash } from "@node-rs/argon2";
import { DAY, HOUR, MINUTE, type Clock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { migrate } from "../src/db/migrate.js";
import { openDatabase, type Db } from "../src/db/open.js";
import { complaintUrl } from "../src/features/complaints/present.js";
import { rebuildFigures } from "../src/features/figures/rebuild.js";
import { normalizeName, slugify } from "../src/lib/names.js";
import { maskPersonalData } from "../src/lib/personal-data.js";
import { seededRandom } from "../src/lib/random.js";
import { progressBar } from "./progress.js";
import { COMMON_WORD, PHRASE, RARE_WORDS, words } from "./words.js";

export interface DatasetOptions {
  file: string;
  complaints: number;
  businesses: number;
  seed?: number;
}

/** What the runner needs to know about a database: stored beside it as PATH + ".json". */
export interface BenchInfo {
  database: string;
  complaints: number;
  businesses: number;
  builtAt: string;
  buildSeconds: number;
  password: string;
  owner: string;
  consumers: string[];
  busiest: { slug: string; name: string; complaints: number };
  /** Businesses the filing scenario files about (spread, as real filings are). */
  fileAbout: string[];
  longTimeline: { path: string; events: number };
  commonWord: string;
  rareWord: string;
  phrase: string;
  suggest: string;
}

/** The password of every account the benchmark logs in with. Test data only. */
const PASSWORD = "bench-password-2026";
const SPAN = 3 * 365 * DAY;
/** The three busiest businesses' shares of all complaints (80,000, 65,000 and 52,000 of a million). */
const TOP_SHARES = [0.08, 0.065, 0.052];

export async function buildDataset(options: DatasetOptions): Promise<BenchInfo> {
  const started = Date.now();
  const rng = seededRandom(options.seed ?? 20261125);
  const { next, int, pick } = rng;
  const w = words(rng);
  const now = Date.now() - MINUTE;
  const clock: Clock = { now: () => now };
  for (const suffix of ["", "-wal", "-shm", ".json"]) fs.rmSync(options.file + suffix, { force: true });

  const db = openDatabase(options.file);
  migrate(db, clock);
  // A file we can rebuild in minutes needs no journal while it loads (one rebuild transaction would
  // otherwise write the whole file to the WAL first); WAL comes back at the end. better-sqlite3's
  // defensive mode refuses journal_mode=OFF, hence unsafeMode for the load only.
  db.unsafeMode(true);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  // Reads through a memory map, not a system call per page: the rebuild's queries revisit rows.
  db.pragma("cache_size = -1048576");
  db.pragma("mmap_size = 17179869184");
  const q = statements(db);

  // The app's own argon2id parameters (config defaults), so the accounts log in like any other.
  const { passwordHashing } = loadConfig({});
  const passwordHash = await hash(PASSWORD, {
    memoryCost: passwordHashing.memoryKib,
    timeCost: passwordHashing.timeCost,
  });
  // Everyone else shares one hash of a password nobody knows.
  const fillerHash = await hash(String(next()), { memoryCost: passwordHashing.memoryKib, timeCost: 1 });

  // 1. Users: about five complaints each; a few never verified their address (their complaints wait).
  const userCount = Math.max(1_000, Math.round(options.complaints / 5));
  const users: { id: number; verified: boolean }[] = [];
  const insertUsers = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = now - SPAN - int(365) * DAY;
      const verified = next() >= 0.002;
      const id = q.user(`user${i}@example.test`, fillerHash, w.personName(), verified ? at + HOUR : null, at);
      users.push({ id, verified });
    }
  });
  for (let i = 0; i < userCount; i += 10_000) insertUsers(i, Math.min(userCount, i + 10_000));

  // 2. Businesses, with a Zipf-like draw: the top three fixed, then weight 1/rank.
  const bar = progressBar("businesses", options.businesses);
  const businesses: { id: number; name: string; slug: string; respond: number; agent: number | null }[] = [];
  const taken = new Set<string>();
  db.transaction(() => {
    for (let i = 0; i < options.businesses; i++) {
      let name = w.businessName();
      while (taken.has(normalizeName(name)) || taken.has(slugify(name))) name = `${w.businessName()} ${int(100)}`;
      taken.add(normalizeName(name)).add(slugify(name));
      const slug = slugify(name);
      const [city, country] = w.city();
      const at = now - SPAN - int(365) * DAY;
      const website = next() < 0.6 ? `${slug}.example` : null;
      const id = q.business(name, slug, website, city, country, pick(users).id, at);
      // A share of businesses never answer; the rest answer this share of their complaints.
      const respond = i < 3 ? 0.75 + 0.2 * next() : next() < 0.3 ? 0 : 0.2 + 0.78 * next();
      let agent: number | null = null;
      if (respond > 0) {
        agent = q.user(`agent${i}@business.example.test`, fillerHash, w.personName(), at, at);
        q.member(id, agent, "agent", at);
        q.claimed(id, at);
      }
      businesses.push({ id, name, slug, respond, agent });
      bar.tick(i + 1);
    }
  })();
  bar.done();
  // The fourth gets a third of the top's weight share, so the first three stay the busiest.
  const weights = businesses.map((_, i) => (i < 3 ? 0 : 1 / i));
  const tail = weights.reduce((a, b) => a + b, 0);
  const top = TOP_SHARES.slice(0, Math.min(3, businesses.length));
  const rest = 1 - top.reduce((a, b) => a + b, 0);
  top.forEach((share, i) => (weights[i] = share));
  for (let i = top.length; i < weights.length; i++) weights[i] = (weights[i]! / tail) * rest;
  const cumulative: number[] = [];
  weights.reduce((sum, weight, i) => (cumulative[i] = sum + weight), 0);
  const drawBusiness = () => {
    const x = next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return businesses[lo]!;
  };

  // 3. The accounts the runner logs in with: the busiest business's owner, and consumers.
  const busiest = businesses[0]!;
  const owner = q.user("owner@bench.example.test", passwordHash, "Bench Owner", now - SPAN, now - SPAN);
  q.member(busiest.id, owner, "owner", now - SPAN);
  const consumers = Array.from({ length: 8 }, (_, i) => `consumer${i}@bench.example.test`);
  for (const [i, email] of consumers.entries()) q.user(email, passwordHash, `Bench Consumer ${i}`, now, now);

  // 4. Complaints in order of publication, denser in recent months, each with its timeline.
  const complaintsBar = progressBar("complaints", options.complaints);
  let longest = { id: 0, title: "", events: 0 };
  const insertComplaints = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const business = drawBusiness();
      const author = pick(users);
      const publishedAt = now - SPAN + Math.floor(SPAN * Math.sqrt((i + 1) / options.complaints)) - MINUTE;
      const product = w.product();
      const title = w.title(product);
      let body = w.narrative(business.name, w.storyLength());
      // One in a hundred stories gives a phone number or an address, which the public never sees.
      let publicTitle = title;
      let publicBody = body;
      if (next() < 0.01) {
        body += pick([
          ` Call me on +1 555 0${100 + int(899)} ${1000 + int(8999)} if you need more details.`,
          ` You can reach me at ${author.id}.${int(1000)}@mail.example.com any time.`,
        ]);
        publicBody = maskPersonalData(body).text;
        publicTitle = maskPersonalData(title).text;
      }
      const hidden = author.verified && next() < 0.0015;
      const visibility = !author.verified ? "pending" : hidden ? "hidden" : "public";
      const events = visibility === "public" ? timeline(business, author.id, publishedAt, i % 4000 === 17) : [];
      const id = q.complaint({
        business_id: business.id,
        author_id: author.id,
        title,
        body,
        public_title: publicTitle,
        public_body: publicBody,
        category_id: w.category(),
        incident_date: new Date(publishedAt - int(60) * DAY).toISOString().slice(0, 10),
        desired_outcome: w.outcome(),
        amount_cents: next() < 0.8 ? 500 + int(200_000) : null,
        visibility,
        created_at: publishedAt,
        updated_at: events.at(-1)?.at ?? publishedAt,
        published_at: visibility === "pending" ? null : publishedAt,
        hidden_reason: hidden ? "Removed by moderators: it named a member of staff." : null,
        hidden_at: hidden ? publishedAt + DAY : null,
      });
      q.event(id, "filed", author.id, null, null, publishedAt);
      for (const e of events) q.event(id, e.type, e.actor, e.body, e.data, e.at);
      if (business.id === busiest.id && events.length > longest.events) longest = { id, title, events: events.length };
      if (visibility === "public" && business.agent && events.length > 1 && next() < 0.04) {
        privateThread(id, author.id, business.agent, events[0]!.at);
      }
      if (visibility === "public" && next() < 0.04) {
        for (let k = 1 + int(8); k > 0; k--) {
          const other = pick(users);
          if (other.id !== author.id) q.meToo(id, other.id, Math.min(now, publishedAt + int(30) * DAY));
        }
      }
      if (next() < 0.05) q.privateDetails(id, `#${100000 + int(900000)}`, publishedAt);
    }
  });
  const BATCH = 10_000;
  for (let i = 0; i < options.complaints; i += BATCH) {
    insertComplaints(i, Math.min(options.complaints, i + BATCH));
    complaintsBar.tick(Math.min(options.complaints, i + BATCH));
  }
  complaintsBar.done();

  /**
   * A public complaint's events after "filed": replies back and forth, a resolution, the consumer's
   * confirmation or dispute (at most two), as the life cycle (complaints/status.ts) allows them.
   * Nothing after now: a recent complaint has a short history yet.
   */
  function timeline(
    business: (typeof businesses)[number],
    authorId: number,
    filedAt: number,
    long: boolean,
  ): { type: string; actor: number; body: string | null; data: string | null; at: number }[] {
    const out: { type: string; actor: number; body: string | null; data: string | null; at: number }[] = [];
    let at = filedAt;
    const push = (type: string, actor: number, body: string | null, after: number, data?: object) => {
      at += Math.max(MINUTE, Math.floor(after));
      if (at < now) out.push({ type, actor, body, data: data ? JSON.stringify(data) : null, at });
      return at < now;
    };
    if (next() < 0.1 && !push("update", authorId, w.authorReply(), int(5) * DAY + HOUR)) return out;
    if (!business.agent || (!long && next() >= business.respond)) return out;
    // The first answer: within hours for most, after the 15-day mark for some.
    const agent = business.agent;
    if (
      !push(
        "business_reply",
        agent,
        w.reply(business.name),
        (next() < 0.85 ? 0.2 + 5 * next() ** 2 : 14 + 20 * next()) * DAY,
      )
    )
      return out;
    let disputes = 0;
    for (let round = 0; round < (long ? 40 : 6); round++) {
      if (long || next() < 0.35) {
        if (!push("author_reply", authorId, w.authorReply(), next() * 3 * DAY)) return out;
        if ((long || next() < 0.6) && !push("business_reply", agent, w.reply(business.name), next() * 2 * DAY))
          return out;
        if (!long || round % 8 !== 7) continue;
      }
      if (!long && next() >= 0.55) return out;
      const kinds = ["refunded", "replaced", "repaired", "explained", "other"];
      if (!push("resolved", agent, w.resolutionNote(), next() * 4 * DAY, { resolution: pick(kinds) })) return out;
      // The consumer's word comes within 14 days, or the resolution stands.
      const word = next();
      if (long ? disputes < 2 : word < 0.2 && disputes < 2) {
        disputes++;
        if (!push("disputed", authorId, w.disputeReason(), next() * 10 * DAY)) return out;
        if (!push("business_reply", agent, w.reply(business.name), next() * 3 * DAY)) return out;
        continue;
      }
      if (long || word < 0.65) {
        const rating = next() < 0.2 ? 1 + int(2) : 3 + int(3);
        const comment = w.confirmation();
        push("confirmed", authorId, comment || null, next() * 10 * DAY, {
          rating,
          wouldReturn: rating >= 4 || next() < 0.2,
        });
      }
      return out;
    }
    return out;
  }

  /** A few private messages between the author and the business, most of them read. */
  function privateThread(complaintId: number, authorId: number, agentId: number, from: number) {
    let at = from;
    for (let k = 0, n = 1 + int(6); k < n; k++) {
      at += HOUR + int(48) * HOUR;
      if (at >= now) return;
      const side = k % 2 === 0 ? "business" : "consumer";
      q.message(
        complaintId,
        side === "business" ? agentId : authorId,
        side,
        w.privateMessage(side),
        at,
        next() < 0.85 ? at + HOUR : null,
      );
    }
  }

  // 5. Every cached state, count table and the search index, as the app computes them.
  process.stderr.write("rebuilding the figures and the search index (rebuildFigures)... ");
  const rebuildStarted = Date.now();
  const rebuilt = rebuildFigures(db, clock);
  process.stderr.write(
    `${((Date.now() - rebuildStarted) / 1000).toFixed(0)} s (${rebuilt.complaints.toLocaleString("en")} complaints)\n`,
  );

  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const busiestRow = db
    .prepare("SELECT slug, name, complaint_count AS n FROM businesses WHERE id = ?")
    .get(busiest.id) as {
    slug: string;
    name: string;
    n: number;
  };
  const longPath = complaintUrl({ id: longest.id, publicTitle: longest.title });
  db.unsafeMode(false);
  db.pragma("journal_mode = WAL");
  const info: BenchInfo = {
    database: options.file,
    complaints: count("SELECT count(*) AS n FROM complaints"),
    businesses: businesses.length,
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round((Date.now() - started) / 1000),
    password: PASSWORD,
    owner: "owner@bench.example.test",
    consumers,
    busiest: { slug: busiestRow.slug, name: busiestRow.name, complaints: busiestRow.n },
    fileAbout: businesses.slice(0, 50).map((b) => b.slug),
    longTimeline: { path: longPath, events: longest.events + 1 },
    commonWord: COMMON_WORD,
    rareWord: RARE_WORDS[0]!,
    phrase: PHRASE,
    suggest: busiest.name.slice(0, 4).toLowerCase(),
  };
  db.close();
  fs.writeFileSync(`${options.file}.json`, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/** The bulk loader's statements: plain INSERTs in the app's tables, nothing computed. */
function statements(db: Db) {
  const user = db.prepare(
    `INSERT INTO users (email, password_hash, display_name, email_verified_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const business = db.prepare(
    `INSERT INTO businesses (name, slug, normalized_name, website, domain, city, country, created_by, created_at)
     VALUES (@name, @slug, @normalized_name, @website, @domain, @city, @country, @created_by, @created_at)`,
  );
  const member = db.prepare(
    "INSERT INTO business_members (business_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
  );
  const claimed = db.prepare("UPDATE businesses SET claimed_at = ? WHERE id = ?");
  const complaint = db.prepare(
    `INSERT INTO complaints (business_id, author_id, title, body, public_title, public_body, category_id, incident_date,
       desired_outcome, amount_cents, visibility, created_at, updated_at, published_at, hidden_reason, hidden_at)
     VALUES (@business_id, @author_id, @title, @body, @public_title, @public_body, @category_id, @incident_date,
       @desired_outcome, @amount_cents, @visibility, @created_at, @updated_at, @published_at, @hidden_reason, @hidden_at)`,
  );
  const event = db.prepare(
    `INSERT INTO complaint_events (complaint_id, type, actor_id, body, public_body, data, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const meToo = db.prepare("INSERT OR IGNORE INTO me_toos (complaint_id, user_id, created_at) VALUES (?, ?, ?)");
  const message = db.prepare(
    "INSERT INTO private_messages (complaint_id, author_id, side, body, created_at, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const details = db.prepare(
    "INSERT INTO complaint_private_details (complaint_id, order_reference, updated_at) VALUES (?, ?, ?)",
  );
  const id = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);
  return {
    user: (email: string, passwordHash: string, name: string, verifiedAt: number | null, at: number) =>
      id(user.run(email, passwordHash, name, verifiedAt, at, at)),
    business: (
      name: string,
      slug: string,
      website: string | null,
      city: string,
      country: string,
      createdBy: number,
      at: number,
    ) =>
      id(
        business.run({
          name,
          slug,
          normalized_name: normalizeName(name),
          website: website && `https://${website}`,
          domain: website,
          city,
          country,
          created_by: createdBy,
          created_at: at,
        }),
      ),
    member: (businessId: number, userId: number, role: "owner" | "agent", at: number) =>
      member.run(businessId, userId, role, at),
    claimed: (businessId: number, at: number) => claimed.run(at, businessId),
    complaint: (row: Record<string, unknown>) => id(complaint.run(row)),
    event: (complaintId: number, type: string, actor: number, body: string | null, data: string | null, at: number) =>
      event.run(complaintId, type, actor, body, body, data, at),
    meToo: (complaintId: number, userId: number, at: number) => meToo.run(complaintId, userId, at),
    message: (complaintId: number, authorId: number, side: string, body: string, at: number, seenAt: number | null) =>
      message.run(complaintId, authorId, side, body, at, seenAt),
    privateDetails: (complaintId: number, reference: string, at: number) => details.run(complaintId, reference, at),
  };
}
