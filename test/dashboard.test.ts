import { describe, expect, it } from "vitest";
import { DAY, HOUR } from "../src/clock.js";
import { textOf } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { linkIn } from "./support/outbox.js";
import { complaintTitles as titles, definition, link } from "./support/page.js";

const tokenOf = (link: string) => new URL(link, "http://x").searchParams.get("token")!;

async function inviteAgent(t: TestApp, b: Awaited<ReturnType<TestApp["claimedBusiness"]>>) {
  const res = await b.owner.browser.postForm(
    `/dashboard/${b.slug}/members`,
    { email: "agent@example.com" },
    { from: `/dashboard/${b.slug}/members` },
  );
  expect(res.status).toBe(303);
  const mail = (await t.mailTo("agent@example.com"))[0]!;
  expect(mail.subject).toBe("Olive Owner invited you to answer for Acme Widgets on Redress");
  const agent = await t.verifiedUser({ email: "agent@example.com", display_name: "Aggie Agent" });
  const link = linkIn(mail, t.config.baseUrl);
  expect((await agent.browser.get(link)).status).toBe(200);
  const accepted = await agent.browser.postForm("/invitations/accept", { token: tokenOf(link) }, { from: link });
  expect(accepted.status).toBe(303);
  expect(accepted.headers.location).toBe(`/dashboard/${b.slug}`);
  return agent;
}

describe("the team", () => {
  it("lets the owner invite an agent, who can then reply and resolve", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const agent = await inviteAgent(t, b);
    expect(t.db.prepare("SELECT role FROM business_members WHERE user_id = ?").get(agent.id)).toEqual({
      role: "agent",
    });
    expect(
      (
        await agent.browser.postForm(
          `/complaints/${b.complaintId}/replies`,
          { body: "Looking into it now." },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await agent.browser.postForm(
          `/complaints/${b.complaintId}/resolve`,
          { resolution: "explained", note: "Explained the charge." },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(303);
    expect(textOf(await t.browser().get(b.complaintPath))).not.toContain("Aggie Agent");
  });

  it("keeps member management to the owner", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const agent = await t.agent(b);
    expect(
      (
        await agent.browser.postForm(
          `/dashboard/${b.slug}/members`,
          { email: "friend@example.com" },
          { from: `/dashboard/${b.slug}/members` },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await agent.browser.postForm(
          `/dashboard/${b.slug}/members`,
          { email: "" },
          { from: `/dashboard/${b.slug}/members` },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await agent.browser.postForm(
          `/dashboard/${b.slug}/members/${b.owner.id}/remove`,
          {},
          { from: `/dashboard/${b.slug}/members` },
        )
      ).status,
    ).toBe(403);
    expect(await t.mailTo("friend@example.com")).toHaveLength(0);
    expect(t.count("business_members")).toBe(2);
  });

  it("lets the owner remove an agent, who then gets 403", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const agent = await t.agent(b);
    const res = await b.owner.browser.postForm(
      `/dashboard/${b.slug}/members/${agent.id}/remove`,
      {},
      { from: `/dashboard/${b.slug}/members` },
    );
    expect(res.status).toBe(303);
    expect(t.count("business_members", "user_id = ?", agent.id)).toBe(0);
    expect(
      (
        await agent.browser.postForm(
          `/complaints/${b.complaintId}/replies`,
          { body: "Still here?" },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(403);
    expect((await agent.browser.get(`/dashboard/${b.slug}`)).status).toBe(403);
  });

  it("refuses an invitation used twice or too late, and sends anonymous visitors to log in first", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/dashboard/${b.slug}/members`,
      { email: "agent@example.com" },
      { from: `/dashboard/${b.slug}/members` },
    );
    const link = linkIn((await t.mailTo("agent@example.com"))[0]!, t.config.baseUrl);
    const anonymous = await t.browser().get(link);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?next=%2Finvitations%2Faccept/);
    t.clock.advance(7 * DAY);
    const agent = await t.verifiedUser({ email: "agent@example.com" });
    const accept = () => agent.browser.postForm("/invitations/accept", { token: tokenOf(link) }, { from: "/" });
    expect((await agent.browser.get(link)).status).toBe(409);
    expect((await accept()).status).toBe(409);
    t.clock.advance(-7 * DAY);
    expect((await accept()).status).toBe(303);
    expect((await agent.browser.get(link)).status).toBe(409);
    expect((await accept()).status).toBe(409);
  });
});

describe("the dashboard", () => {
  it("lists the businesses the user answers for", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    expect(link(await b.owner.browser.get("/dashboard"), "Acme Widgets")?.href).toBe("/dashboard/acme-widgets");
    expect(textOf(await b.author.browser.get("/dashboard"))).toContain("You don't answer for any business yet.");
  });

  it("shows what needs a reply, oldest first with how long it waited, and moves it on when answered", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    t.clock.advance(DAY);
    t.complaint(b.author.id, { businessName: "Acme Widgets", title: "A second, newer complaint" });
    t.clock.advance(3 * HOUR);
    const inbox = await b.owner.browser.get(`/dashboard/${b.slug}`);
    expect(inbox.status).toBe(200);
    expect(titles(inbox)).toEqual(["Charged twice for one order, no refund", "A second, newer complaint"]);
    expect(textOf(inbox)).toContain("Waiting 27 hours");
    expect(textOf(inbox)).toContain("Waiting 3 hours");

    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We are on it." },
      { from: b.complaintPath },
    );
    expect(titles((await b.owner.browser.get(`/dashboard/${b.slug}`)).text)).toEqual(["A second, newer complaint"]);
    expect(titles((await b.owner.browser.get(`/dashboard/${b.slug}?tab=waiting`)).text)).toEqual([
      "Charged twice for one order, no refund",
    ]);
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/resolve`,
      { resolution: "refunded", note: "Refunded." },
      { from: b.complaintPath },
    );
    expect(titles((await b.owner.browser.get(`/dashboard/${b.slug}?tab=resolved`)).text)).toEqual([
      "Charged twice for one order, no refund",
    ]);
    expect(titles((await b.owner.browser.get(`/dashboard/${b.slug}?tab=all`)).text)).toHaveLength(2);
  });

  it("shows the figures: complaints needing a reply, typical time to first reply, shares answered and resolved", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    t.complaint(b.author.id, { businessName: "Acme Widgets", title: "A second complaint about them" });
    t.clock.advance(5 * HOUR);
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We are on it." },
      { from: b.complaintPath },
    );
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/resolve`,
      { resolution: "refunded", note: "Refunded." },
      { from: b.complaintPath },
    );
    const page = await b.owner.browser.get(`/dashboard/${b.slug}`);
    expect(definition(page, "Needs a reply")).toBe("1");
    expect(definition(page, "Typical time to first reply (3 months)")).toBe("within 6 hours");
    expect(definition(page, "Answered")).toBe("50%");
    expect(definition(page, "Resolved")).toBe("50%");
    // The public page's counts moved with the statuses: its tabs read "Open 1", "Resolved 1".
    const pub = await t.browser().get("/businesses/acme-widgets");
    expect(link(pub, "Open 1")).toBeDefined();
    expect(link(pub, "Resolved 1")).toBeDefined();
  });

  it("is closed to people who don't answer for the business (403) and to unknown ones (404)", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    expect((await b.author.browser.get(`/dashboard/${b.slug}`)).status).toBe(403);
    expect((await b.author.browser.get(`/dashboard/${b.slug}/members`)).status).toBe(403);
    expect((await b.owner.browser.get("/dashboard/no-such-business")).status).toBe(404);
  });
});

describe("the account menu", () => {
  it("offers the business dashboard only to members of a business", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    expect(link(await b.owner.browser.get("/"), "Business dashboard")?.href).toBe("/dashboard");
    expect(link(await b.author.browser.get("/"), "Business dashboard")).toBeUndefined();
    expect(link(await b.author.browser.get("/"), "My complaints")).toBeDefined();
  });
});

describe("the dashboard's inbox", () => {
  it("counts each tab from kept counts, and its headline says as many need a reply as the tab lists", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    t.complaint(b.author.id, { businessName: "Acme Widgets", title: "A second complaint about them" });
    t.complaint(b.author.id, { businessName: "Acme Widgets", title: "A third complaint about them" });
    await b.owner.browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "On it." }, { from: "/" });
    await b.author.browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "Thanks." }, { from: "/" });
    const second = (t.db.prepare("SELECT id FROM complaints WHERE title LIKE 'A second%'").get() as { id: number }).id;
    await b.owner.browser.postForm(
      `/complaints/${second}/resolve`,
      { resolution: "refunded", note: "Done." },
      { from: "/" },
    );

    const page = await b.owner.browser.get(`/dashboard/${b.slug}`);
    expect(definition(page, "Needs a reply")).toBe("2");
    expect(titles(page)).toHaveLength(2);
    for (const name of ["Needs a reply 2", "Waiting on the consumer 1", "Resolved 1", "All 3"])
      expect(link(page, name), name).toBeDefined();
    // The tabs' numbers are kept, not counted: equal to what a rebuild of the figures gives.
    expect(t.db.prepare("SELECT waiting_on, count FROM business_waiting_counts ORDER BY waiting_on").all()).toEqual([
      { waiting_on: "business", count: 2 },
      { waiting_on: "consumer", count: 1 },
    ]);
  });

  it("says who wrote last on each complaint", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const fresh = await b.owner.browser.get(`/dashboard/${b.slug}`);
    expect(textOf(fresh)).toContain("Filed by Ann Author");
    await b.owner.browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "On it." }, { from: "/" });
    const waiting = textOf(await b.owner.browser.get(`/dashboard/${b.slug}?tab=waiting`));
    expect(waiting).toContain("Last: Olive Owner for Acme Widgets");
    await b.author.browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "Thanks." }, { from: "/" });
    expect(textOf(await b.owner.browser.get(`/dashboard/${b.slug}`))).toContain("Last: Ann Author");
  });
});
