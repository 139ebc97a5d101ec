import { describe, expect, it } from "vitest";
import { newVisitor, siteAndBrowser } from "./support/browser.js";
import { expectNoAxeViolations } from "./support/checks.js";
import {
  fileComplaint,
  fillComplaint,
  flashText,
  heading,
  logOut,
  readable,
  signUp,
  story,
  verifyEmail,
} from "./support/people.js";

/** Journey 2: a consumer signs up, verifies, files against a new business, then again under a near-duplicate name. */

const env = siteAndBrowser();

const ana = { name: "Ana Lopes", email: "ana@example.com" };

describe("a consumer", () => {
  it("signs up, verifies the email, files a complaint, accepts “did you mean”, sees it public and adds an update", async () => {
    const context = await newVisitor(env.browser, env.site.origin);
    const page = await context.newPage();

    await signUp(page, ana);
    // One message after signing up; the verification banner says it again from the next page on.
    expect(readable(await page.getByRole("main").getByRole("status").textContent())).toContain(
      `We sent a link to ${ana.email}`,
    );
    await page.reload();
    const notice = page.getByRole("region", { name: "Email verification" });
    expect(readable(await notice.textContent())).toContain(`we sent a link to ${ana.email}`);
    await verifyEmail(env.site, page, ana);
    expect(await notice.count()).toBe(0);

    // A business nobody has complained about yet.
    await fileComplaint(page, {
      business: "Harbor Lights Furniture",
      website: "harbor-lights.example",
      title: "Sofa delivered with a broken frame",
      story: story("The sofa arrived with a cracked frame and they refused to collect it."),
      category: "Product quality",
      outcome: "A replacement",
      amount: "899.00",
    });
    expect(await flashText(page)).toBe("Your complaint about Harbor Lights Furniture is now public.");
    expect(await page.getByText("Complaint about Harbor Lights Furniture", { exact: true }).count()).toBe(1);

    // The same business under a near-duplicate name: Redress asks, the consumer picks the existing one.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }).click();
    await fillComplaint(page, {
      business: "Harbour Lights Furniture",
      title: "Refund for the cancelled armchair never came",
      story: story("I cancelled an armchair order in March and was promised a refund within ten days."),
    });
    const question = page.getByRole("group", { name: "Did you mean one of these businesses?" });
    await question.waitFor();
    expect(await question.getByRole("radio").count()).toBe(2);
    await expectNoAxeViolations(page);
    await question.getByRole("radio", { name: /^Harbor Lights Furniture/ }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { level: 1, name: "Refund for the cancelled armchair never came" }).waitFor();
    expect(await page.getByText("Complaint about Harbor Lights Furniture", { exact: true }).count()).toBe(1);
    const complaintUrl = page.url();

    // Public: a visitor who is not logged in sees both on the business's page.
    const visitor = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await visitor.goto("/businesses");
    await visitor.getByRole("link", { name: "Harbor Lights Furniture" }).click();
    expect(await heading(visitor)).toBe("Harbor Lights Furniture");
    expect(
      await visitor
        .getByRole("navigation", { name: "Complaints by status" })
        .getByRole("link", { name: "All 2" })
        .count(),
    ).toBe(1);
    for (const title of ["Sofa delivered with a broken frame", "Refund for the cancelled armchair never came"])
      expect(await visitor.getByRole("link", { name: title }).count()).toBe(1);
    expect(await visitor.getByRole("link", { name: "Harbour Lights Furniture" }).count()).toBe(0);
    await visitor.goto(complaintUrl);
    expect(await heading(visitor)).toBe("Refund for the cancelled armchair never came");
    expect(await visitor.getByRole("status").count()).toBe(0); // no "only you can see this" for others
    await visitor.context().close();

    // An update from the author, in the public timeline.
    await page.getByLabel("Post an update").fill("They answered by phone today, but no refund date yet.");
    await page.getByRole("button", { name: "Post update" }).click();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByText("They answered by phone today, but no refund date yet.").waitFor();
    expect(await flashText(page)).toMatch(/update/i);

    await logOut(page);
    await context.close();
  });
});
