import { downloadExport } from "./support/export.js";
import { describe, expect, it } from "vitest";
import { textOf } from "./support/browser.js";
import { complaintFields, makeTestApp, TEST_PASSWORD, type TestApp } from "./support/app.js";
import { errorSummary, fieldError, fieldValue, hasForm, headings, link } from "./support/page.js";

const ORDER = "ZX-99172-PRIVATE";

/** Acme Widgets (owner Olive), a complaint by Ann whose private details hold ORDER. */
async function complaintWithDetails(t: TestApp) {
  const b = await t.claimedBusiness();
  const res = await b.author.browser.postForm(
    `/complaints/${b.complaintId}/private-details`,
    { order_reference: ORDER, phone: "+1 555 010 0199", notes: "Ordered by phone." },
    { from: b.complaintPath },
  );
  expect(res.status).toBe(303);
  return b;
}

const auditViews = (t: TestApp, complaintId: number) =>
  t.count("audit_log", "action = 'private-details.view' AND target_type = 'complaint' AND target_id = ?", complaintId);

describe("private case details: who sees them", () => {
  it("shows them to the author, under “Private between you and” the business", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const page = await b.author.browser.get(b.complaintPath);
    expect(headings(page)).toContain("Private between you and Acme Widgets");
    expect(fieldValue(page, "Order or reference number")).toBe(ORDER);
  });

  it("shows them to a member of the complaint's business, under “Private between you and the consumer”", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const agent = await t.agent({ slug: b.slug, owner: b.owner });
    for (const member of [b.owner.browser, agent.browser]) {
      const page = await member.get(b.complaintPath);
      expect(headings(page)).toContain("Private between you and the consumer");
      expect(textOf(page)).toContain(ORDER);
      expect(textOf(page)).toContain("Name the business knows you by");
    }
  });

  it("hides them from a member of another business, another consumer and an anonymous visitor", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const other = await t.otherBusiness();
    const consumer = await t.verifiedUser();
    for (const viewer of [other.owner.browser, consumer.browser, t.browser()]) {
      const page = await viewer.get(b.complaintPath);
      expect(page.status).toBe(200);
      expect(textOf(page)).not.toContain(ORDER);
      expect(headings(page).some((h) => h.startsWith("Private between"))).toBe(false);
    }
  });

  it("refuses the private forms with a 404 to anyone who may not see them, and changes nothing", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const consumer = await t.verifiedUser();
    const edit = await consumer.browser.postForm(`/complaints/${b.complaintId}/private-details`, { notes: "x" });
    const ask = await b.author.browser.postForm(`/complaints/${b.complaintId}/detail-requests`, { fields: "phone" });
    expect([edit.status, ask.status]).toEqual([404, 404]);
    expect(t.count("complaint_private_details", "notes = 'x'")).toBe(0);
    expect(t.count("detail_requests")).toBe(0);
  });

  it("hides them from a moderator when no report on the complaint is open, and logs nothing", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const moderator = await t.staff("moderator");
    const page = await moderator.browser.get(b.complaintPath);
    expect(textOf(page)).not.toContain(ORDER);
    expect(auditViews(t, b.complaintId)).toBe(0);
  });

  it("shows them to a moderator while a report on the complaint is open, and audits each view", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const reporter = await t.user();
    t.services.moderation.report(t.services.accounts.userById(reporter.id)!, {
      targetType: "complaint",
      targetId: b.complaintId,
      reason: "personal-information",
      details: null,
    });
    const moderator = await t.staff("moderator");
    expect(textOf(await moderator.browser.get(b.complaintPath))).toContain(ORDER);
    expect(textOf(await moderator.browser.get(b.complaintPath))).toContain(ORDER);
    expect(auditViews(t, b.complaintId)).toBe(2);
    expect(hasForm(await moderator.browser.get(b.complaintPath), "Save private details")).toBe(false);
  });

  it("never shows them on a public page: the complaint to a visitor, the business, search and the feed", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const pages = [b.complaintPath, `/businesses/${b.slug}`, "/search?q=blender", "/feed.xml"];
    for (const path of pages) {
      const res = await t.browser().get(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toContain("Charged twice for one order");
      expect(res.text, path).not.toContain(ORDER);
    }
    // Nor does search find a complaint by its private order number.
    expect(textOf(await t.browser().get(`/search?q=${ORDER}`))).toContain("No complaint matches these words.");
  });
});

describe("giving private case details", () => {
  it("files a complaint with private details, saying which fields are public and which only the business sees", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const form = await author.browser.get("/complaints/new");
    expect(headings(form)).toContain("Private case details (only the business sees these)");
    expect(headings(form)).toContain("What happened (public)");
    const { id, path } = await t.fileComplaint(author.browser, {
      order_reference: ORDER,
      known_name: "D. Consumer",
      postal_address: "1 Main Street\nSpringfield",
    });
    expect(
      t.db
        .prepare("SELECT order_reference, known_name, phone FROM complaint_private_details WHERE complaint_id = ?")
        .get(id),
    ).toEqual({
      order_reference: ORDER,
      known_name: "D. Consumer",
      phone: null,
    });
    const page = await author.browser.get(path);
    expect(fieldValue(page, "Postal address")).toBe("1 Main Street\nSpringfield");
    expect(textOf(await t.browser().get(path))).not.toContain(ORDER);
  });

  it("lets the author edit them later from the complaint's page", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const res = await b.author.browser.postForm(
      `/complaints/${b.complaintId}/private-details`,
      { order_reference: "NEW-1", account_number: "CUST-7", phone: "" },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    const page = await b.author.browser.follow(res);
    expect(textOf(page)).toContain("Only you and Acme Widgets can see these details.");
    expect(fieldValue(page, "Order or reference number")).toBe("NEW-1");
    expect(fieldValue(page, "Account or customer number")).toBe("CUST-7");
    expect(fieldValue(page, "Phone number")).toBe("");
  });

  it("re-renders bad input with 400 and a message at each field, and saves nothing", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const res = await b.author.browser.postForm(
      `/complaints/${b.complaintId}/private-details`,
      { order_reference: "x".repeat(101), phone: "call me maybe", notes: "fine" },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(400);
    expect(fieldError(res, "Order or reference number")).toBe(
      "The order or reference number can be at most 100 characters",
    );
    expect(fieldError(res, "Phone number")).toBe("Enter a phone number like +1 555 010 0199, or leave it empty");
    expect(fieldError(res, "Notes for the business")).toBeUndefined();
    expect(errorSummary(res).map((e) => e.field)).toEqual(["Order or reference number", "Phone number"]);
    expect(fieldValue(res, "Phone number")).toBe("call me maybe");
    expect(t.count("complaint_private_details", "order_reference = ?", ORDER)).toBe(1);
  });

  it("re-renders the filing form with 400 and a message at a bad private field", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const res = await author.browser.postForm("/complaints", complaintFields({ phone: "12" }), {
      from: "/complaints/new",
    });
    expect(res.status).toBe(400);
    expect(fieldError(res, "Phone number")).toBe("Enter a phone number like +1 555 010 0199, or leave it empty");
    expect(t.count("complaints")).toBe(0);
  });

  it("offers, in the masking notice, a link that moves what was hidden into the private details, prefilled", async () => {
    const t = makeTestApp();
    const author = await t.verifiedUser();
    const { path } = await t.fileComplaint(author.browser, {
      body: "They never called me back on +1 555 010 0199 and never answered dana@example.org about the refund.",
    });
    const page = await author.browser.get(path);
    const move = link(page, "Move it to the private details");
    expect(move?.href).toBe(`${path}?private=prefill#private-details`);
    const prefilled = await author.browser.get(move!.href.replace(/#.*/, ""));
    expect(fieldValue(prefilled, "Phone number")).toBe("+1 555 010 0199");
    expect(fieldValue(prefilled, "Notes for the business")).toBe("Email: dana@example.org");
    expect(textOf(prefilled)).toContain("Check it, then save.");
    // Prefilled, not saved: the author saves with one click.
    expect(t.count("complaint_private_details")).toBe(0);
  });
});

describe("asking for details privately", () => {
  it("emails the author when a member asks, and shows the request on the author's page", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const ownerPage = await b.owner.browser.get(b.complaintPath);
    expect(hasForm(ownerPage, "Ask for details privately")).toBe(true);
    const res = await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/detail-requests`,
      { fields: ["order_reference", "phone"] },
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    const mail = (await t.mailTo(b.author.email)).filter((m) => m.subject.includes("asks for details"));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("Acme Widgets asks for details about your complaint");
    expect(mail[0]!.text).toContain("- Order or reference number");
    expect(mail[0]!.text).toContain("- Phone number");
    expect(mail[0]!.text).toContain(`http://redress.test${b.complaintPath}#private-details`);
    const page = textOf(await b.author.browser.get(b.complaintPath));
    expect(page).toContain("Acme Widgets asked you, privately, for:");
    expect(page).toContain("Order or reference number, Phone number");
    expect(textOf(await t.browser().get(b.complaintPath))).not.toContain("asked you, privately");
  });

  it("re-renders the request with 400 when no detail is chosen, and sends nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const before = (await t.mailTo(b.author.email)).length;
    const res = await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/detail-requests`,
      {},
      { from: b.complaintPath },
    );
    expect(res.status).toBe(400);
    expect(fieldError(res, "Ask for details privately")).toBe("Choose at least one detail to ask for");
    expect(t.count("detail_requests")).toBe(0);
    expect(await t.mailTo(b.author.email)).toHaveLength(before);
  });
});

describe("private case details as personal data", () => {
  it("are in the author's export, and not in a member's", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const mine = (await downloadExport(b.author.browser)).data;
    expect(mine.privateCaseDetails).toEqual([
      expect.objectContaining({ complaint_id: b.complaintId, order_reference: ORDER }),
    ]);
    expect((await downloadExport(b.owner.browser)).text).not.toContain(ORDER);
  });

  it("are erased with the author's account", async () => {
    const t = makeTestApp();
    const b = await complaintWithDetails(t);
    const res = await b.author.browser.postForm(
      "/settings/delete",
      { current_password: TEST_PASSWORD },
      { from: "/settings" },
    );
    expect(res.status).toBe(303);
    expect(t.count("complaint_private_details")).toBe(0);
    expect(textOf(await b.owner.browser.get(b.complaintPath))).not.toContain(ORDER);
  });
});
