import { describe, expect, it } from "vitest";
import { describeMasking, maskPersonalData } from "../src/lib/personal-data.js";

describe("maskPersonalData", () => {
  it.each([
    ["Write to john.doe+refunds@example.co.uk today", "Write to [email removed] today"],
    ["Card 4111 1111 1111 1111 was charged", "Card [card number removed] was charged"],
    ["Card 4111-1111-1111-1111 was charged", "Card [card number removed] was charged"],
    ["Card 1234567890123456 was charged", "Card [card number removed] was charged"],
    ["Call me on (555) 123-4567 please", "Call me on [phone removed] please"],
    ["Call me on 555-123-4567 please", "Call me on [phone removed] please"],
    ["Call me on 555.123.4567 please", "Call me on [phone removed] please"],
    ["Ring +44 20 7946 0958 now", "Ring [phone removed] now"],
    ["Ring +1-202-555-0143 now", "Ring [phone removed] now"],
    ["Ring 020 7946 0958 now", "Ring [phone removed] now"],
    ["Ring 5551234567 now", "Ring [phone removed] now"],
  ])("masks %j", (input, expected) => {
    expect(maskPersonalData(input).text).toBe(expected);
  });

  it.each([
    "On 2026-03-01 I ordered it",
    "On 01.03.2026 I ordered it",
    "I paid $1,249.99 for it",
    "Order 12345678 arrived broken",
    "It happened in 2025 and again in 2026",
    "Model XJ-900 stopped after 3 days",
    "They charged 49.99 twice",
  ])("leaves %j alone", (input) => {
    expect(maskPersonalData(input).text).toBe(input);
  });

  it("counts what it masked and says so in words", () => {
    const result = maskPersonalData("a@b.io, c@d.io, 555-123-4567, 4111 1111 1111 1111");
    expect(result).toMatchObject({ emails: 2, phones: 1, cards: 1 });
    expect(describeMasking(result)).toBe("2 email addresses, 1 phone number and 1 card number");
    expect(describeMasking(maskPersonalData("nothing here"))).toBe("");
  });
});

describe("list excerpts", () => {
  it("cut between words and never inside a mask label", async () => {
    const { excerptOf } = await import("../src/features/complaints/present.js");
    expect(excerptOf("short text")).toBe("short text");
    const long = `${"word ".repeat(37)}write to [email removed] soon please`;
    const cut = excerptOf(long);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).not.toMatch(/\[[^\]]*…$/);
    expect(cut.length).toBeLessThanOrEqual(201);
  });
});
