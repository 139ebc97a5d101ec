import { describe, expect, it } from "vitest";
import { DAY } from "../src/clock.js";
import { deriveState } from "../src/features/complaints/status.js";
import { textOf } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { hasForm, statusOf } from "./support/page.js";

const row = (t: TestApp, id: number) =>
  t.db
    .prepare("SELECT status, waiting_on, first_reply_at, dispute_count FROM complaints WHERE id = ?")
    .get(id) as Record<string, unknown>;
const eventTypes = (t: TestApp, id: number) =>
  (
    t.db.prepare("SELECT type FROM complaint_events WHERE complaint_id = ? ORDER BY id").all(id) as { type: string }[]
  ).map((e) => e.type);

/** The cached status can never drift from the events it is folded from. */
function expectStateFromEvents(t: TestApp, id: number) {
  const state = deriveState(
    t.db.prepare("SELECT type FROM complaint_events WHERE complaint_id = ? ORDER BY created_at, id").all(id) as {
      type: string;
    }[],
  );
  expect(row(t, id)).toMatchObject({ status: state.status, waiting_on: state.waitingOn });
}

describe("answering in public", () => {
  it("shows a member's reply as the business's official response and marks the complaint answered", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    t.clock.advance(DAY);
    const res = await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We are sorry. A refund is on its way today." },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    const publicPage = await t.browser().get(b.complaintPath);
    const page = textOf(publicPage);
    expect(page).toContain("Response from Acme Widgets");
    expect(page).toContain("Official response");
    expect(page).toContain("We are sorry. A refund is on its way today.");
    expect(page).not.toContain("Olive Owner");
    expect(statusOf(publicPage)).toBe("Answered");
    expect(row(t, b.complaintId)).toMatchObject({
      status: "answered",
      waiting_on: "consumer",
      first_reply_at: t.clock.now(),
    });
    expectStateFromEvents(t, b.complaintId);
  });

  it("lets the author answer back in the same thread, under their own name", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Could you send your order number?" },
      { from: b.complaintPath },
    );
    const res = await b.author.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "It is in my original complaint." },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    expect(textOf(await t.browser().get(b.complaintPath))).toContain("Ann Author replied");
    expect(row(t, b.complaintId)).toMatchObject({ status: "answered", waiting_on: "business" });
    expectStateFromEvents(t, b.complaintId);
  });

  it("refuses replies and resolutions from anyone else, including members of another business, changing nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const stranger = await t.verifiedUser();
    const { owner: other } = await t.claimedBusiness({
      business: "Globex",
      website: "globex.example",
      author: { email: "globex-customer@example.com" },
      owner: { email: "other-owner@example.com" },
    });
    const before = t.count("complaint_events");
    for (const browser of [stranger.browser, other.browser]) {
      expect(
        (
          await browser.postForm(
            `/complaints/${b.complaintId}/replies`,
            { body: "Let me answer this one." },
            { from: b.complaintPath },
          )
        ).status,
      ).toBe(403);
      expect(
        (await browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "" }, { from: b.complaintPath }))
          .status,
      ).toBe(403);
      expect(
        (
          await browser.postForm(
            `/complaints/${b.complaintId}/resolve`,
            { resolution: "refunded", note: "Done." },
            { from: b.complaintPath },
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await browser.postForm(
            `/complaints/${b.complaintId}/confirm`,
            { rating: "5", would_return: "yes" },
            { from: b.complaintPath },
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await browser.postForm(
            `/complaints/${b.complaintId}/dispute`,
            { reason: "It is not resolved at all." },
            { from: b.complaintPath },
          )
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await t
          .browser()
          .postForm(`/complaints/${b.complaintId}/replies`, { body: "Anonymous words." }, { from: "/login" })
      ).status,
    ).toBe(403);
    // The author cannot mark their own complaint resolved; the business cannot confirm it.
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/resolve`,
          { resolution: "refunded", note: "Done." },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await b.owner.browser.postForm(
          `/complaints/${b.complaintId}/confirm`,
          { rating: "5", would_return: "yes" },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(403);
    expect(t.count("complaint_events")).toBe(before);
    expect(row(t, b.complaintId)).toMatchObject({ status: "open" });
  });

  it("re-renders a reply that is too short with a message, saving nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const res = await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "x" },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(400);
    expect(textOf(res)).toContain("Your reply must be at least 2 characters");
    expect(eventTypes(t, b.complaintId)).toEqual(["filed"]);
  });
});

describe("resolution and the consumer's word", () => {
  async function resolved(t: TestApp) {
    const b = await t.claimedBusiness();
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "We will refund you." },
      { from: b.complaintPath },
    );
    const res = await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/resolve`,
      { resolution: "refunded", note: "Refunded $49.99 to your card." },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    return b;
  }

  it("marks a complaint resolved, pending the consumer's word", async () => {
    const t = makeTestApp();
    const b = await resolved(t);
    expect(row(t, b.complaintId)).toMatchObject({ status: "resolved", waiting_on: "consumer" });
    const page = textOf(await b.author.browser.get(b.complaintPath));
    expect(page).toContain("Acme Widgets marked this complaint resolved");
    expect(page).toContain("Resolution: Refunded");
    expect(page).toContain("Refunded $49.99 to your card.");
    expect(page).toContain("Is it resolved?");
    expect(
      (
        await b.owner.browser.postForm(
          `/complaints/${b.complaintId}/resolve`,
          { resolution: "refunded", note: "Again." },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(409);
  });

  it("offers the confirm and dispute forms to the author only, never to the business's members", async () => {
    const t = makeTestApp();
    const b = await resolved(t);
    const agent = await t.agent(b);
    const stranger = await t.verifiedUser();
    const own = await b.author.browser.get(b.complaintPath);
    expect(hasForm(own, "Confirm it is resolved")).toBe(true);
    expect(hasForm(own, "Dispute the resolution")).toBe(true);
    for (const browser of [b.owner.browser, agent.browser, stranger.browser, t.browser()]) {
      const page = await browser.get(b.complaintPath);
      expect(page.status).toBe(200);
      expect(hasForm(page, "Confirm it is resolved")).toBe(false);
      expect(hasForm(page, "Dispute the resolution")).toBe(false);
      expect(textOf(page)).not.toContain("Is it resolved?");
    }
  });

  it("lets the author confirm with a rating, which is final", async () => {
    const t = makeTestApp();
    const b = await resolved(t);
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/confirm`,
          { would_return: "yes" },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(400);
    const res = await b.author.browser.postForm(
      `/complaints/${b.complaintId}/confirm`,
      { rating: "4", would_return: "yes", comment: "Took a while, but fair." },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    expect(row(t, b.complaintId)).toMatchObject({ status: "confirmed", waiting_on: "nobody" });
    const page = textOf(await t.browser().get(b.complaintPath));
    expect(page).toContain("Ann Author confirmed the resolution");
    expect(page).toContain("Rating: 4 out of 5");
    expect(page).toContain("Would buy from them again");
    expect(page).toContain("Took a while, but fair.");
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/dispute`,
          { reason: "Changed my mind about it." },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/confirm`,
          { rating: "5", would_return: "yes" },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(409);
    expectStateFromEvents(t, b.complaintId);
  });

  it("reopens a disputed resolution, and allows two disputes at most", async () => {
    const t = makeTestApp();
    const b = await resolved(t);
    const dispute = () =>
      b.author.browser.postForm(
        `/complaints/${b.complaintId}/dispute`,
        { reason: "The refund never arrived." },
        { from: b.complaintPath },
      );
    const resolve = () =>
      b.owner.browser.postForm(
        `/complaints/${b.complaintId}/resolve`,
        { resolution: "refunded", note: "Sent it again." },
        { from: b.complaintPath },
      );
    expect((await dispute()).status).toBe(303);
    expect(row(t, b.complaintId)).toMatchObject({ status: "answered", waiting_on: "business", dispute_count: 1 });
    expect(textOf(await t.browser().get(b.complaintPath))).toContain("Ann Author disputed the resolution");
    expect((await resolve()).status).toBe(303);
    expect((await dispute()).status).toBe(303);
    expect((await resolve()).status).toBe(303);
    const third = await dispute();
    expect(third.status).toBe(409);
    expect(textOf(third)).toContain("disputed twice at most");
    expect(row(t, b.complaintId)).toMatchObject({ status: "resolved", dispute_count: 2 });
    expectStateFromEvents(t, b.complaintId);
  });

  it("lets the resolution stand, unconfirmed, when the author says nothing for 14 days", async () => {
    const t = makeTestApp();
    const b = await resolved(t);
    t.clock.advance(14 * DAY - 1);
    expect(textOf(await b.author.browser.get(b.complaintPath))).toContain("Is it resolved?");
    t.clock.advance(1);
    const page = await b.author.browser.get(b.complaintPath);
    expect(textOf(page)).not.toContain("Is it resolved?");
    expect(statusOf(page)).toBe("Resolved, unconfirmed");
    const late = await b.author.browser.postForm(
      `/complaints/${b.complaintId}/confirm`,
      { rating: "5", would_return: "yes" },
      { from: b.complaintPath },
    );
    expect(late.status).toBe(409);
    expect(textOf(late)).toContain("the resolution stands");
    expect(row(t, b.complaintId)).toMatchObject({ status: "resolved" });
  });

  it("refuses to confirm or dispute a complaint that is not resolved (409)", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/confirm`,
          { rating: "5", would_return: "yes" },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await b.author.browser.postForm(
          `/complaints/${b.complaintId}/dispute`,
          { reason: "Nothing was resolved here." },
          { from: b.complaintPath },
        )
      ).status,
    ).toBe(409);
  });

  it("shows “No response from the business” after 15 days without a reply, and not after one", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    t.clock.advance(15 * DAY);
    expect(textOf(await t.browser().get(b.complaintPath))).toContain("No response from the business in 15 days.");
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/replies`,
      { body: "Sorry for the delay." },
      { from: b.complaintPath },
    );
    expect(textOf(await t.browser().get(b.complaintPath))).not.toContain("No response from the business");
  });
});
