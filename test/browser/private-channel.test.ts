import sharp from "sharp";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DESKTOP, newVisitor, PHONE, siteAndBrowser } from "./support/browser.js";
import {
  expectFocusNeverObscured,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  expectTargetSizes,
} from "./support/checks.js";
import { accountMenu, flashText, heading, readable, signUp, story, verifyEmail } from "./support/people.js";

/**
 * Settling a case on Redress, as its issue's "done means" tells it: a consumer files with an order
 * number in the private details and a photo of the receipt; the business's member reads them, asks
 * for the account number privately, gets it, and resolves the complaint in public; a visitor sees
 * the whole public story and the fact of a private exchange, and nothing private.
 */

const env = siteAndBrowser();

const rosa = { name: "Rosa Lind", email: "rosa@example.com" };
const omar = { name: "Omar Reyes", email: "omar@northwind.example" };
const BUSINESS = "Northwind Telecom";
const TITLE = "Billed for a router I sent back in January";
const ORDER = "NW-88231";
const ACCOUNT = "ACC-5570-193";

describe("settling a case in private", () => {
  let consumer: Page;
  let member: Page;
  let complaintUrl = "";
  let fileUrl = "";

  it("lets a consumer file with an order number and a photo of the receipt, for the business only", async () => {
    consumer = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(consumer, rosa);
    await verifyEmail(env.site, consumer, rosa);
    await consumer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "File a complaint" }).click();
    await consumer.getByLabel("Name of the business").fill(BUSINESS);
    await consumer.getByLabel("Its website (optional)").fill("northwind.example");
    await consumer.getByLabel("Title").fill(TITLE);
    await consumer.getByLabel("Your story").fill(story("I returned the router with a tracked parcel."));
    await consumer.getByLabel("Category").selectOption({ label: "Billing and payments" });
    await consumer.getByLabel("When it happened").fill("2026-01-15");
    await consumer.getByRole("radio", { name: "A refund" }).check();
    await consumer.getByLabel("Order or reference number").fill(ORDER);
    const receipt = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#eeeeee" } })
      .jpeg()
      .toBuffer();
    await consumer
      .getByLabel("Attach files")
      .setInputFiles({ name: "receipt.jpg", mimeType: "image/jpeg", buffer: receipt });
    await consumer.getByRole("button", { name: "File my complaint" }).click();
    await consumer.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    complaintUrl = new URL(consumer.url()).pathname;

    const side = consumer.getByRole("region", { name: `Private between you and ${BUSINESS}` });
    expect(await side.getByLabel("Order or reference number").inputValue()).toBe(ORDER);
    const file = side.getByRole("link", { name: "receipt.jpg" });
    fileUrl = (await file.getAttribute("href"))!;
    const served = await consumer.request.get(fileUrl);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/jpeg");
    await expectNoAxeViolations(consumer);
  });

  it("shows the member the details and the receipt, and lets them ask for the account number privately", async () => {
    member = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await signUp(member, omar);
    await verifyEmail(env.site, member, omar);
    await member.goto(complaintUrl);
    await member.getByRole("link", { name: BUSINESS }).first().click();
    await member.getByRole("link", { name: "Claim it" }).click();
    await member.getByLabel("Your work email address").fill(omar.email);
    await member.getByRole("button", { name: "Send the link" }).click();
    await member.goto(env.site.linkIn(await env.site.mailTo(omar.email, /^Confirm that you answer for/)));
    expect(await flashText(member)).toBe(`Confirmed: you now answer for ${BUSINESS}.`);

    await accountMenu(member, "Business dashboard");
    await member.getByRole("link", { name: BUSINESS }).click();
    await member.getByRole("link", { name: TITLE }).click();
    const side = member.getByRole("region", { name: "Private between you and the consumer" });
    expect(readable(await side.textContent())).toContain(ORDER);
    expect((await member.request.get(fileUrl)).status()).toBe(200);
    await expectNoAxeViolations(member);

    await side
      .getByRole("group", { name: "Ask for details privately" })
      .getByLabel("Account or customer number")
      .check();
    await side.getByRole("button", { name: "Ask for details privately" }).click();
    expect(await flashText(member)).toBe("We asked the consumer, privately, for: Account or customer number.");
  });

  it("lets the consumer answer from the email, privately, with a message too", async () => {
    const mail = await env.site.mailTo(rosa.email, new RegExp(`^${BUSINESS} asks for details`));
    await consumer.goto("/"); // as from the mail client: a page load, not a jump within the page already open
    await consumer.goto(env.site.linkIn(mail));
    const side = consumer.getByRole("region", { name: `Private between you and ${BUSINESS}` });
    expect(readable(await side.textContent())).toContain(
      `${BUSINESS} asked you, privately, for: Account or customer number`,
    );
    await side.getByLabel("Account or customer number").fill(ACCOUNT);
    await side.getByRole("button", { name: "Save private details" }).click();
    expect(await flashText(consumer)).toBe(`Saved. Only you and ${BUSINESS} can see these details.`);

    await consumer.getByLabel("Private message").fill(`The account is ${ACCOUNT}, in my name.`);
    await consumer.getByRole("button", { name: "Send private message" }).click();
    expect(await flashText(consumer)).toBe(`Your private message is sent. Only you and ${BUSINESS} can read it.`);
    const thread = consumer.getByRole("region", { name: "Private conversation" });
    expect(readable(await thread.textContent())).toContain("Not seen yet");
  });

  it("lets the member read it and resolve the complaint in public", async () => {
    await member.goto(complaintUrl);
    const thread = member.getByRole("region", { name: "Private conversation" });
    expect(readable(await thread.textContent())).toContain(`The account is ${ACCOUNT}`);
    await member.getByLabel("Private message").fill("Found it: the refund of 89.00 is on its way to your card.");
    await member.getByRole("button", { name: "Send private message" }).click();
    // The thread with its messages and files, held to the same bar as every page type, on a phone too.
    await expectNoAxeViolations(member);
    await member.setViewportSize(PHONE);
    await expectNoAxeViolations(member);
    await expectNoSidewaysScroll(member);
    await expectTargetSizes(member);
    await expectFocusNeverObscured(member);
    await member.setViewportSize(DESKTOP);
    await member.getByLabel(`Respond publicly as ${BUSINESS}`).fill("We found the return and refunded it in full.");
    await member.getByRole("button", { name: "Post public response" }).click();
    await member.getByRole("group", { name: "How was it resolved?" }).getByRole("radio", { name: "Refunded" }).check();
    await member.getByLabel("Public note").fill("Refunded in full after checking the return.");
    await member.getByRole("button", { name: "Mark resolved" }).click();
    await member
      .getByRole("region", { name: "Timeline" })
      .getByText("Refunded in full after checking the return.")
      .waitFor();

    await consumer.goto(complaintUrl);
    expect(readable(await consumer.getByRole("region", { name: "Private conversation" }).textContent())).toMatch(
      /Seen by the business on /,
    );
  });

  it("shows a visitor the public story and that a private exchange happened, and nothing private", async () => {
    const visitor = await (await newVisitor(env.browser, env.site.origin)).newPage();
    await visitor.goto(complaintUrl);
    expect(await heading(visitor)).toBe(TITLE);
    const timeline = readable(await visitor.getByRole("region", { name: "Timeline" }).textContent());
    expect(timeline).toContain(`The consumer and ${BUSINESS} exchanged private messages`);
    expect(timeline).toContain("We found the return and refunded it in full.");
    const page = readable(await visitor.locator("body").textContent());
    for (const secret of [ORDER, ACCOUNT, "receipt.jpg", "refund of 89.00"]) expect(page).not.toContain(secret);
    expect(await visitor.getByRole("region", { name: /^Private between/ }).count()).toBe(0);
    expect((await visitor.request.get(fileUrl)).status()).toBe(404);
    await expectNoAxeViolations(visitor);
  });
});
