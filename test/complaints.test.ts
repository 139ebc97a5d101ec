import { describe, expect, it } from "vitest";
import { DAY } from "../src/clock.js";
import { textOf } from "./support/browser.js";
import { complaintFields, makeTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";
import {
  complaintTitles,
  errorSummary,
  fieldError,
  fieldValue,
  headings,
  link,
  paragraphs,
  statusOf,
} from "./support/page.js";

const businessRow = (t: TestApp, normalized: string) =>
  t.db.prepare("SELECT * FROM businesses WHERE normalized_name = ?").get(normalized) as
    Record<string, unknown> | undefined;

describe("filing a complaint", () => {
  it("files against a new business and shows the complaint at its canonical address", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ display_name: "Dana B." });
    const form = await dana.browser.get("/complaints/new");
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="business_name"');
    expect(form.text).toContain('<option value="billing-and-payments"');

    const res = await dana.browser.postForm(
      "/complaints",
      complaintFields({ business_name: "Acme Home Insurance", business_website: "www.acme-insurance.com/support" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/complaints\/\d+-charged-twice-for-one-order-no-refund$/);

    const page = await dana.browser.follow(res);
    expect(page.status).toBe(200);
    const text = textOf(page);
    expect(text).toContain("Your complaint about Acme Home Insurance is now public.");
    expect(headings(page, 1)).toEqual(["Charged twice for one order, no refund"]);
    expect(text).toContain("Dana B.");
    expect(text).toContain("Billing and payments");
    expect(text).toContain("A refund");
    expect(text).toContain("$49.99");
    expect(statusOf(page)).toBe("Open");
    expect(link(page, "Acme Home Insurance")?.href).toBe("/businesses/acme-home-insurance");
    // Paragraphs are kept.
    expect(paragraphs(page)).toEqual(
      expect.arrayContaining([
        "I ordered a blender on March 1st and was charged twice for it.",
        "Support promised a refund within five days. It has been six weeks.",
      ]),
    );

    expect(businessRow(t, "acme home insurance")).toMatchObject({
      name: "Acme Home Insurance",
      slug: "acme-home-insurance",
      website: "https://www.acme-insurance.com/support",
      domain: "acme-insurance.com",
      complaint_count: 1,
    });
    expect(
      t.db.prepare("SELECT visibility, status, amount_cents, currency, incident_date FROM complaints").get(),
    ).toEqual({
      visibility: "public",
      status: "open",
      amount_cents: 4999,
      currency: "USD",
      incident_date: "2026-02-20",
    });
    expect(t.db.prepare("SELECT type, actor_id FROM complaint_events").all()).toEqual([
      { type: "filed", actor_id: dana.id },
    ]);
    expect(t.db.prepare("SELECT status, count FROM business_status_counts").all()).toEqual([
      { status: "open", count: 1 },
    ]);
    expect(t.db.prepare("SELECT name, value FROM site_counts ORDER BY name").all()).toEqual([
      { name: "businesses", value: 1 },
      { name: "complaints", value: 1 },
    ]);
  });

  it("files against an existing business named differently (ACME, Inc. = acme inc.)", async () => {
    const t = makeTestApp();
    t.complaint((await t.user()).id, { businessName: "ACME, Inc." });
    const sam = await t.verifiedUser();
    await t.fileComplaint(sam.browser, { business_name: "  acme   inc. " });
    expect(t.count("businesses")).toBe(1);
    expect(businessRow(t, "acme inc")).toMatchObject({ name: "ACME, Inc.", complaint_count: 2 });
  });

  it("asks “did you mean” for a similar name, then files where the user chooses", async () => {
    const t = makeTestApp();
    t.complaint((await t.user()).id, { businessName: "Globex Corporation" });

    const sam = await t.verifiedUser();
    const ask = await sam.browser.postForm(
      "/complaints",
      complaintFields({ business_name: "Globex Corp", title: "Their router died after two days" }),
      { from: "/complaints/new" },
    );
    expect(ask.status).toBe(200);
    expect(textOf(ask)).toContain("Did you mean one of these businesses?");
    expect(ask.text).toContain('value="globex-corporation"');
    expect(ask.text).toContain('value="Their router died after two days"'); // what was typed is kept
    expect(t.count("complaints")).toBe(1);

    const unanswered = await sam.browser.postForm(
      "/complaints",
      complaintFields({ business_name: "Globex Corp", confirming_business: "1" }),
      { from: "/complaints/new" },
    );
    expect(unanswered.status).toBe(400);
    expect(textOf(unanswered)).toContain("Choose one of these businesses, or add yours as a new one");
    expect(t.count("complaints")).toBe(1);

    const chosen = await sam.browser.postForm(
      "/complaints",
      complaintFields({ business_name: "Globex Corp", business_choice: "globex-corporation" }),
      { from: "/complaints/new" },
    );
    expect(chosen.status).toBe(303);
    expect(t.count("businesses")).toBe(1);
    expect(businessRow(t, "globex corporation")).toMatchObject({ complaint_count: 2 });
  });

  it("creates a new business when the user says none of the suggestions is it", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    t.complaint(dana.id, { businessName: "Globex Corporation" });
    const res = await dana.browser.postForm(
      "/complaints",
      complaintFields({ business_name: "Globex Corp", business_choice: "new" }),
      { from: "/complaints/new" },
    );
    expect(res.status).toBe(303);
    expect(t.count("businesses")).toBe(2);
    expect(businessRow(t, "globex corp")).toMatchObject({ slug: "globex-corp", complaint_count: 1 });
  });

  it("preselects the business from ?business=SLUG", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    t.complaint(dana.id, { businessName: "Initech" });
    const form = await dana.browser.get("/complaints/new?business=initech");
    expect(textOf(form)).toContain("Your complaint is about <strong>Initech</strong>");
    expect(form.text).toContain('name="business_choice" value="initech"');
  });

  it.each([
    ["no business name", { business_name: "" }, "Name of the business", "Enter the name of the business"],
    [
      "a website that is not one",
      { business_website: "not a website" },
      "Its website (optional)",
      "Enter a website like example.com",
    ],
    ["a title under 10 characters", { title: "Too short" }, "Title", "The title must be at least 10 characters"],
    ["a title over 120 characters", { title: "x".repeat(121) }, "Title", "The title can be at most 120 characters"],
    [
      "a story under 50 characters",
      { body: "It broke." },
      "Your story",
      "What happened must be at least 50 characters",
    ],
    [
      "a story over 10,000 characters",
      { body: "x".repeat(10_001) },
      "Your story",
      "What happened can be at most 10,000 characters",
    ],
    ["an unknown category", { category: "weather" }, "Category", "Choose a category"],
    ["no incident date", { incident_date: "" }, "When it happened", "Enter the date it happened"],
    ["a date that does not exist", { incident_date: "2026-02-30" }, "When it happened", "Enter a real date"],
    ["a date in the future", { incident_date: "2026-04-01" }, "When it happened", "The date can't be in the future"],
    [
      "an unknown desired outcome",
      { desired_outcome: "revenge" },
      "What would put it right?",
      "Choose what would put it right",
    ],
    ["an amount that is not one", { amount: "forty" }, "Amount in dispute (optional)", "Enter an amount like 49.99"],
    ["a negative amount", { amount: "-5" }, "Amount in dispute (optional)", "Enter an amount like 49.99"],
    ["an unknown currency", { currency: "XYZ" }, "Currency", "Choose a currency from the list"],
  ])(
    "refuses %s with a message at the field, keeps what was typed and saves nothing",
    async (_case, override, label, message) => {
      const t = makeTestApp();
      const dana = await t.verifiedUser();
      const fields = complaintFields({ title: "A title that is long enough", ...override });
      const res = await dana.browser.postForm("/complaints", fields, { from: "/complaints/new" });
      expect(res.status).toBe(400);
      expect(fieldError(res, label)).toContain(message);
      expect(errorSummary(res)).toEqual([{ message: expect.stringContaining(message) as string, field: label }]);
      if (label !== "Title") expect(fieldValue(res, "Title")).toBe("A title that is long enough");
      expect(t.count("complaints")).toBe(0);
      expect(t.count("businesses")).toBe(0);
    },
  );

  it("counts characters as people do: 120 emoji make a valid title", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const res = await dana.browser.postForm("/complaints", complaintFields({ title: "😡".repeat(120) }), {
      from: "/complaints/new",
    });
    expect(res.status).toBe(303);
  });

  it("sends an anonymous visitor to log in and back to the form", async () => {
    const t = makeTestApp();
    const dana = await t.user();
    const browser = t.browser();
    const res = await browser.get("/complaints/new?business=acme");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2Fcomplaints%2Fnew%3Fbusiness%3Dacme");
    const login = await browser.get(res.headers.location as string);
    expect(login.text).toContain('name="next" value="/complaints/new?business=acme"');
    const back = await browser.postForm("/login", {
      email: dana.email,
      password: TEST_PASSWORD,
      next: "/complaints/new?business=acme",
    });
    expect(back.headers.location).toBe("/complaints/new?business=acme");
  });

  it("refuses an anonymous POST with 403 and saves nothing", async () => {
    const t = makeTestApp();
    const browser = t.browser();
    const res = await browser.postForm("/complaints", complaintFields(), { from: "/login" });
    expect(res.status).toBe(403);
    expect(t.count("complaints")).toBe(0);
  });

  it("makes one business when two people file against the same new name at once", async () => {
    const t = makeTestApp();
    const a = await t.verifiedUser();
    const b = await t.verifiedUser();
    const [tokenA, tokenB] = [await a.browser.csrf("/complaints/new"), await b.browser.csrf("/complaints/new")];
    const [ra, rb] = await Promise.all([
      a.browser.agent
        .post("/complaints")
        .type("form")
        .send({ _csrf: tokenA, ...complaintFields({ business_name: "Brand New Co" }) }),
      b.browser.agent
        .post("/complaints")
        .type("form")
        .send({ _csrf: tokenB, ...complaintFields({ business_name: "brand new co." }) }),
    ]);
    expect([ra.status, rb.status]).toEqual([303, 303]);
    expect(t.count("businesses")).toBe(1);
    expect(businessRow(t, "brand new co")).toMatchObject({ complaint_count: 2 });
  });
});

describe("pending complaints of unverified users", () => {
  it("stay invisible until the email is verified, then are published with nothing lost", async () => {
    const t = makeTestApp();
    const pat = await t.unverifiedUser({ display_name: "Pat Pending" });
    const res = await pat.browser.postForm("/complaints", complaintFields({ business_name: "Wayne Enterprises" }), {
      from: "/complaints/new",
    });
    expect(res.status).toBe(303);
    const path = res.headers.location as string;
    const own = await pat.browser.follow(res);
    expect(textOf(own)).toContain("It will be published as soon as you verify your email address");
    expect(textOf(own)).toContain("Only you can see this complaint for now.");

    // Nobody else can see it anywhere.
    expect((await t.browser().get(path)).status).toBe(404);
    const other = await t.verifiedUser();
    expect((await other.browser.get(path)).status).toBe(404);
    expect((await t.browser().get("/businesses/wayne-enterprises")).text).not.toContain("Charged twice");
    expect((await t.browser().get("/")).text).not.toContain("Charged twice");
    expect((await t.browser().get("/businesses")).text).not.toContain("Wayne Enterprises");
    expect(businessRow(t, "wayne enterprises")).toMatchObject({ complaint_count: 0 });
    expect(t.db.prepare("SELECT value FROM site_counts WHERE name = 'complaints'").get()).toEqual({ value: 0 });
    // The author finds it under "My complaints".
    expect(textOf(await pat.browser.get("/complaints/mine"))).toContain("Not yet public");

    t.clock.advance(2 * DAY);
    await pat.browser.get(await t.verificationLink(pat.email));

    const publicPage = await t.browser().get(path);
    expect(publicPage.status).toBe(200);
    expect(textOf(publicPage)).toContain("Charged twice for one order, no refund");
    expect(t.db.prepare("SELECT visibility, published_at FROM complaints").get()).toEqual({
      visibility: "public",
      published_at: t.clock.now(),
    });
    expect(businessRow(t, "wayne enterprises")).toMatchObject({ complaint_count: 1 });
    expect(t.db.prepare("SELECT value FROM site_counts WHERE name = 'complaints'").get()).toEqual({ value: 1 });
    expect((await t.browser().get("/businesses/wayne-enterprises")).text).toContain(path);
  });
});

describe("the personal-data guard", () => {
  it("masks emails, phone numbers and card numbers publicly, and shows the author what it did", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const body =
      "They charged my card 4111 1111 1111 1111 twice and never answered.\n\nReach me at dana.b@example.com or (555) 123-4567 if you had the same problem.";
    const res = await dana.browser.postForm("/complaints", complaintFields({ body }), { from: "/complaints/new" });
    const own = await dana.browser.follow(res);
    expect(textOf(own)).toContain(
      "To protect you, we hid 1 email address, 1 phone number and 1 card number from the public version.",
    );
    expect(own.text).toContain("Your original text (only you and moderators can see it)");

    const publicPage = textOf(await t.browser().get(res.headers.location as string));
    expect(publicPage).toContain("They charged my card [card number removed] twice");
    expect(publicPage).toContain("Reach me at [email removed] or [phone removed] if you had");
    for (const secret of ["4111", "dana.b@example.com", "123-4567"]) expect(publicPage).not.toContain(secret);
    // The original is kept for the author.
    expect(t.db.prepare("SELECT body FROM complaints").get()).toEqual({ body });
  });

  it("masks an email address and a phone number in the title, on the page, in its address and in lists", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const title = "Write to dana.b@example.com or call 555-123-4567 now";
    const res = await dana.browser.postForm("/complaints", complaintFields({ title, business_name: "Initech" }), {
      from: "/complaints/new",
    });
    expect(res.status).toBe(303);
    const path = res.headers.location as string;
    expect(path).toMatch(/^\/complaints\/\d+-write-to-email-removed-or-call-phone-removed-now$/);

    const page = await t.browser().get(path);
    expect(headings(page, 1)).toEqual(["Write to [email removed] or call [phone removed] now"]);
    const publicPages = [
      page.text,
      (await t.browser().get("/")).text,
      (await t.browser().get("/businesses/initech")).text,
      (await t.browser().get("/search?q=call")).text,
      (await t.browser().get("/feed.xml")).text,
    ];
    expect(complaintTitles(publicPages[1]!)).toEqual(["Write to [email removed] or call [phone removed] now"]);
    for (const html of publicPages) {
      expect(html).not.toContain("dana.b@example.com");
      expect(html).not.toContain("123-4567");
    }
    // Its author still sees what they wrote.
    expect(textOf(await dana.browser.get(path))).toContain(title);
  });

  it("masks personal data in the author's updates too", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const id = t.complaint(dana.id);
    const path = await t.complaintPath(id);
    await dana.browser.postForm(
      `/complaints/${id}/updates`,
      { body: "Still nothing. Call me: +44 20 7946 0958." },
      { from: path },
    );
    const publicPage = textOf(await t.browser().get(path));
    expect(publicPage).toContain("Still nothing. Call me: [phone removed].");
    expect(publicPage).not.toContain("7946");
  });
});

describe("a complaint's address", () => {
  it("redirects every other form of the address to the canonical one (301)", async () => {
    const t = makeTestApp();
    const id = t.complaint((await t.user()).id);
    const path = await t.complaintPath(id);
    for (const other of [`/complaints/${id}`, `/complaints/${id}-old-title`, `/complaints/${id}-`]) {
      const res = await t.browser().get(other);
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe(path);
    }
    expect((await t.browser().get(path)).status).toBe(200);
  });

  it.each(["/complaints/999", "/complaints/abc", "/complaints/-1", "/complaints/99999999999999999999"])(
    "answers %s with 404",
    async (path) => {
      const t = makeTestApp();
      expect((await t.browser().get(path)).status).toBe(404);
    },
  );

  it("shows “No response” once a complaint has waited 15 days", async () => {
    const t = makeTestApp();
    const path = await t.complaintPath(t.complaint((await t.user()).id));
    t.clock.advance(14 * DAY);
    expect(statusOf(await t.browser().get(path))).toBe("Open");
    t.clock.advance(1 * DAY);
    expect(statusOf(await t.browser().get(path))).toBe("No response");
  });
});

describe("me too", () => {
  it("toggles one “me too” per user and shows the count", async () => {
    const t = makeTestApp();
    const id = t.complaint((await t.user()).id);
    const path = await t.complaintPath(id);
    const sam = await t.verifiedUser();

    const on = await sam.browser.postForm(`/complaints/${id}/me-too`, {}, { from: path });
    expect(on.status).toBe(303);
    expect(on.headers.location).toBe(path);
    expect(textOf(await sam.browser.get(path))).toContain("<strong>1</strong> person has had this problem too.");
    expect(t.db.prepare("SELECT me_too_count FROM complaints").get()).toEqual({ me_too_count: 1 });
    expect(textOf(await t.browser().get("/"))).toContain("<span>1 “me too”</span>");

    await sam.browser.postForm(`/complaints/${id}/me-too`, {}, { from: path });
    expect(t.db.prepare("SELECT me_too_count FROM complaints").get()).toEqual({ me_too_count: 0 });
    expect(t.count("me_toos")).toBe(0);
  });

  it("keeps a single “me too” per user when the same request arrives twice at once", async () => {
    const t = makeTestApp();
    const id = t.complaint((await t.user()).id);
    const path = await t.complaintPath(id);
    const sam = await t.verifiedUser();
    const token = await sam.browser.csrf(path);
    await Promise.all(
      [1, 2, 3].map(() => sam.browser.agent.post(`/complaints/${id}/me-too`).type("form").send({ _csrf: token })),
    );
    const { me_too_count } = t.db.prepare("SELECT me_too_count FROM complaints").get() as { me_too_count: number };
    expect(me_too_count).toBe(t.count("me_toos"));
    expect(me_too_count).toBeLessThanOrEqual(1);
  });

  it("is refused to the author (403) and to anonymous visitors (403)", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const id = t.complaint(dana.id);
    const path = await t.complaintPath(id);
    expect((await dana.browser.postForm(`/complaints/${id}/me-too`, {}, { from: path })).status).toBe(403);
    expect((await t.browser().postForm(`/complaints/${id}/me-too`, {}, { from: "/login" })).status).toBe(403);
    expect(t.count("me_toos")).toBe(0);
  });
});

describe("the author's updates", () => {
  it("appear in the timeline", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ display_name: "Dana B." });
    const id = t.complaint(dana.id);
    const path = await t.complaintPath(id);
    t.clock.advance(3 * DAY);
    const res = await dana.browser.postForm(
      `/complaints/${id}/updates`,
      { body: "Three days on, still no refund.\n\nI have written to them again." },
      { from: path },
    );
    expect(res.status).toBe(303);
    const page = textOf(await t.browser().get(path));
    expect(page).toContain("Update from Dana B.");
    expect(page).toContain("Three days on, still no refund.");
    expect(page).toContain("March 5, 2026");
    expect(t.db.prepare("SELECT type FROM complaint_events ORDER BY id").all()).toEqual([
      { type: "filed" },
      { type: "update" },
    ]);
  });

  it("are refused to anyone else with 403, and nothing is saved", async () => {
    const t = makeTestApp();
    const id = t.complaint((await t.user()).id);
    const path = await t.complaintPath(id);
    const sam = await t.verifiedUser();
    expect(
      (
        await sam.browser.postForm(
          `/complaints/${id}/updates`,
          { body: "I am not the author of this one." },
          { from: path },
        )
      ).status,
    ).toBe(403);
    expect((await sam.browser.postForm(`/complaints/${id}/updates`, { body: "" }, { from: path })).status).toBe(403);
    expect(
      (await t.browser().postForm(`/complaints/${id}/updates`, { body: "Anonymous words here." }, { from: "/login" }))
        .status,
    ).toBe(403);
    expect(t.count("complaint_events", "type = 'update'")).toBe(0);
  });

  it("re-render the page with a message when too short", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const id = t.complaint(dana.id);
    const path = await t.complaintPath(id);
    const res = await dana.browser.postForm(`/complaints/${id}/updates`, { body: "Short" }, { from: path });
    expect(res.status).toBe(400);
    expect(fieldError(res, "Post an update")).toBe("Your update must be at least 10 characters (it has 5)");
    expect(fieldValue(res, "Post an update")).toBe("Short");
    expect(t.count("complaint_events", "type = 'update'")).toBe(0);
  });
});

describe("text safety", () => {
  const payloads = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "<b>bold</b> & <i>friends</i>"];

  it.each(payloads)("renders %s as text in every field", async (payload) => {
    const t = makeTestApp();
    const dana = await t.verifiedUser({ display_name: payload.slice(0, 40) });
    const { id, path } = await t.fileComplaint(dana.browser, {
      business_name: `Evil ${payload}`.slice(0, 100),
      title: `Title ${payload}`,
      body: `Body ${payload} `.repeat(5),
    });
    await dana.browser.postForm(`/complaints/${id}/updates`, { body: `Update ${payload}` }, { from: path });
    // The author's own list must hold the complaint, so that the checks below read its title.
    const mine = await dana.browser.get("/complaints/mine");
    expect(complaintTitles(mine)).toEqual([`Title ${payload}`]);
    const pages = [
      (await t.browser().get(path)).text,
      (await dana.browser.get(path)).text,
      (await t.browser().get("/")).text,
      (await t.browser().get("/businesses")).text,
      mine.text,
    ];
    const slug = (t.db.prepare("SELECT slug FROM businesses").get() as { slug: string }).slug;
    pages.push((await t.browser().get(`/businesses/${slug}`)).text);
    for (const html of pages) {
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain("<b>bold</b>");
    }
    expect(pages[0]).toContain("&lt;");
  });

  it("keeps any Unicode, stored in NFC: emoji, right-to-left scripts, combining marks composed", async () => {
    const t = makeTestApp();
    const dana = await t.verifiedUser();
    const title = "Commande perdue 📦 — طلب مفقود — e\u0301te\u0301 שלום";
    const body = `${title}\n\n${"Ça n’est jamais arrivé. 日本語のテキスト.".repeat(3)}`;
    const { path } = await t.fileComplaint(dana.browser, { title, body, business_name: "Café Müller" });
    expect(t.db.prepare("SELECT title, body FROM complaints").get()).toEqual({
      title: title.normalize("NFC"),
      body: body.normalize("NFC"),
    });
    const page = (await t.browser().get(path)).text;
    expect(page).toContain(title.normalize("NFC"));
    expect(businessRow(t, "cafe muller")).toMatchObject({ name: "Café Müller", slug: "cafe-muller" });
  });
});
