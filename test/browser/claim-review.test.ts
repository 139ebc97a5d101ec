import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { expectNoAxeViolations } from "./support/checks.js";
import {
  accountMenu,
  fileComplaint,
  flashText,
  heading,
  readable,
  signUp,
  story,
  verifyEmail,
} from "./support/people.js";

/**
 * Journey 4: a claimant with no email address at the business's domain asks for a review
 * instead; an admin approves it from the admin area, and the claimant answers for the business.
 */

const env = siteAndBrowser();

const ana = { name: "Ana Lopes", email: "ana@example.com" };
const kim = { name: "Kim Novak", email: "kim.novak@mailbox.example" };
const ada = { name: "Ada Admin", email: "ada@redress.example" };
const BUSINESS = "Quayside Bikes";

describe("a claim without a work email", () => {
  it("goes to an admin's review, and the admin approves it from the admin area", async () => {
    const consumer = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(consumer, ana);
    await verifyEmail(env.site, consumer, ana);
    await fileComplaint(consumer, {
      business: BUSINESS,
      website: "quayside-bikes.example",
      title: "Gears slipping a week after the service",
      story: story("I paid for a full service and the gears slipped again within a week."),
      category: "Product quality",
      outcome: "A repair",
    });
    await consumer.context().close();

    // The claimant: the business's page offers a claim; with no address at its domain, a review.
    const page = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(page, kim);
    await verifyEmail(env.site, page, kim);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    await page.getByRole("link", { name: BUSINESS }).click();
    await page.getByRole("link", { name: "Claim it" }).click();
    expect(await page.getByText("No email address at quayside-bikes.example?").count()).toBe(1);
    await page.getByRole("link", { name: "Ask for a review instead" }).click();
    await page
      .getByLabel("How are you connected to the business?")
      .fill("I own the shop with my brother; the trade register lists me as a director.");
    await page.getByRole("button", { name: "Ask for a review" }).click();
    expect(await flashText(page)).toBe(
      "Thank you. An admin will review your claim, and we will email you the decision.",
    );
    expect(readable(await page.getByRole("main").textContent())).toContain(
      "Your claim is waiting for an admin's review.",
    );

    // The admin: an account made an admin with `npm run admin -- create`, who works the queue.
    const admin = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(admin, ada);
    await verifyEmail(env.site, admin, ada);
    expect(await env.site.cli("admin", "create", ada.email)).toContain("is now an admin");
    await admin.reload();
    await accountMenu(admin, "Moderation");
    expect(await heading(admin)).toBe("Moderation and administration");
    await admin.getByRole("link", { name: "Claims to review" }).click();
    expect(await heading(admin)).toBe("Claims to review");
    const claim = admin.getByRole("region", { name: BUSINESS });
    expect(readable(await claim.textContent())).toContain(`${kim.name} (${kim.email})`);
    expect(readable(await claim.textContent())).toContain("the trade register lists me as a director");
    await expectNoAxeViolations(admin);
    await claim.getByRole("button", { name: "Approve" }).click();
    expect(await flashText(admin)).toBe(`Approved: ${kim.name} now answers for ${BUSINESS}.`);
    expect(await admin.getByText("No claims are waiting.").count()).toBe(1);
    await admin.context().close();

    // The claimant hears of it by email, and the link opens the business's dashboard.
    const mail = await env.site.mailTo(kim.email, new RegExp(`^You now manage ${BUSINESS}`));
    await page.goto(env.site.linkIn(mail));
    expect(await heading(page)).toBe(BUSINESS);
    expect(await page.getByRole("link", { name: "Gears slipping a week after the service" }).count()).toBe(1);

    await page.getByRole("link", { name: "Public page" }).click();
    expect(await page.getByText("Claimed by the business").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Claim it" }).count()).toBe(0);
    await page.context().close();
  });
});
