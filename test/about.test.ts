import { describe, expect, it } from "vitest";
import { MODERATION_REASONS } from "../src/features/moderation/reasons.js";
import { makeTestApp } from "./support/app.js";
import { headings, link, links, section } from "./support/page.js";

const FOOTER = [
  ["Community rules", "/about/rules"],
  ["How moderation works", "/about/moderation"],
  ["Transparency", "/transparency"],
  ["How the figures work", "/about/figures"],
  ["Privacy", "/about/privacy"],
  ["Terms", "/about/terms"],
  ["Contact", "/about/contact"],
];

describe("the pages about Redress", () => {
  it("serves the rules, moderation, privacy, terms and contact pages to anyone", async () => {
    const t = makeTestApp();
    for (const [path, title] of [
      ["/about/rules", "Community rules"],
      ["/about/moderation", "How moderation works"],
      ["/about/privacy", "Privacy"],
      ["/about/terms", "Terms of use"],
      ["/about/contact", "Contact"],
    ] as const) {
      const res = await t.browser().get(path);
      expect(res.status, path).toBe(200);
      expect(headings(res, 1)).toEqual([title]);
    }
  });

  it("links every one of them from the footer of every page, a 404 and an admin page included", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const admin = await t.staff("admin");
    for (const res of [
      await t.browser().get("/"),
      await t.browser().get(b.complaintPath),
      await t.browser().get("/no-such-page"),
      await admin.browser.get("/admin/audit"),
    ]) {
      const footer = links(res).filter((l) => FOOTER.some(([name]) => name === l.name));
      expect(footer.map((l) => [l.name, l.href])).toEqual(expect.arrayContaining(FOOTER));
    }
  });

  it("states every reason of the one list on the rules page, by the names reports and removals use", async () => {
    const t = makeTestApp();
    const rules = await t.browser().get("/about/rules");
    const section_ = section(rules, "What moderators remove, and why");
    for (const reason of MODERATION_REASONS) {
      expect(headings(section_, 3)).toContain(reason.rule);
      expect(rules.text).toContain(`id="${reason.value}"`);
    }
    expect(headings(section_, 3)).toHaveLength(MODERATION_REASONS.length);
  });

  it("says what is private and who sees it on the privacy page", async () => {
    const t = makeTestApp();
    const privacy = await t.browser().get("/about/privacy");
    const text = section(privacy, "What is private, and who sees it");
    for (const words of ["private case details", "private messages", "attachments", "internal notes", "audit log"])
      expect(text).toContain(words);
    expect(link(privacy, "Settings")?.href).toBe("/settings");
  });

  it("gives the operators' address on the contact page when CONTACT_EMAIL is set", async () => {
    const t = makeTestApp({ env: { CONTACT_EMAIL: "help@redress.example" } });
    const res = await t.browser().get("/about/contact");
    expect(link(res, "help@redress.example")?.href).toBe("mailto:help@redress.example");
    const without = await makeTestApp().browser().get("/about/contact");
    expect(without.text).not.toContain("mailto:");
  });

  it("links the rules from the report form, a hidden complaint's notice and a hidden reply's notice", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const report = await b.author.browser.get(`/reports/new?target_type=complaint&target_id=${b.complaintId}`);
    expect(link(report, "community rules")?.href).toBe("/about/rules");

    await b.owner.browser.postForm(`/complaints/${b.complaintId}/replies`, { body: "Call me." }, { from: "/" });
    const replyId = (t.db.prepare("SELECT max(id) AS id FROM complaint_events").get() as { id: number }).id;
    const mod = t.services.accounts.userById((await t.staff("moderator")).id)!;
    t.services.moderation.hideReply(mod, replyId, { code: "personal-information", note: "A phone number" });
    const page = await t.browser().get(b.complaintPath);
    expect(link(page, "Read the community rules")?.href).toBe("/about/rules");

    t.services.moderation.hideComplaint(mod, b.complaintId, { code: "spam", note: "An advert" });
    const tombstone = await t.browser().get(b.complaintPath);
    expect(tombstone.status).toBe(410);
    expect(tombstone.text).toContain("Reason: Spam and advertising — An advert.");
    expect(link(tombstone, "community rules")?.href).toBe("/about/rules");
    expect(link(tombstone, "public moderation log")?.href).toBe("/transparency");
  });
});
