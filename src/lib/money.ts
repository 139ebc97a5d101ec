/** Amounts are integer minor units ("cents") plus an ISO 4217 code; every offered currency has 2 decimals. */

export const CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "BRL",
  "MXN",
  "INR",
  "ZAR",
] as const;

/** 100 million in any currency is more than a consumer complaint is about. */
export const MAX_AMOUNT_CENTS = 100_000_000_00;

/** "49.99", "1,249.5", "$20" -> cents; undefined when it is not an amount. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/^[$€£]/, "")
    .replace(/,(?=\d{3}(?:\D|$))/g, "");
  const match = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
}
