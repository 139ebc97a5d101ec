/**
 * The personal-data guard: emails, card-like digit runs and phone numbers in public text are
 * replaced by a label. The author's original is stored separately; only the masked text is public.
 */

const EMAIL_LABEL = "[email removed]";
const CARD_LABEL = "[card number removed]";
const PHONE_LABEL = "[phone removed]";

export interface MaskResult {
  text: string;
  emails: number;
  cards: number;
  phones: number;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 13 to 19 digits, optionally in groups split by single spaces or dashes: every card number format.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
// Phone-shaped: an optional +country code, then digit groups split by spaces, dots, dashes or
// parentheses. Checked below for 7 to 15 digits (E.164's limit) and for not being a date.
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,15}(?:[ .-]\d{2,5}){0,4}(?![\w])/g;
const DATE_LIKE = /^(?:\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4})$/;

function looksLikePhone(match: string): boolean {
  const digits = match.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return false;
  if (DATE_LIKE.test(match)) return false;
  // A bare run of digits is a phone number only when it is long enough to be one (order numbers
  // and amounts are usually shorter); grouped or +prefixed numbers count from 7 digits.
  if (/^\d+$/.test(match)) return digits >= 9;
  return true;
}

export function maskPersonalData(input: string): MaskResult {
  const { text, found } = masked(input);
  return { text, emails: found.emails.length, cards: found.cards.length, phones: found.phones.length };
}

/** What the guard would hide from this text: the emails, card numbers and phone numbers themselves. */
export function personalDataIn(input: string): { emails: string[]; cards: string[]; phones: string[] } {
  return masked(input).found;
}

function masked(input: string) {
  const found = { emails: [] as string[], cards: [] as string[], phones: [] as string[] };
  const text = input
    .replace(EMAIL, (match) => {
      found.emails.push(match);
      return EMAIL_LABEL;
    })
    .replace(CARD, (match) => {
      found.cards.push(match);
      return CARD_LABEL;
    })
    .replace(PHONE, (match) => {
      if (!looksLikePhone(match)) return match;
      found.phones.push(match);
      return PHONE_LABEL;
    });
  return { text, found };
}

/** "2 email addresses and 1 phone number", or "" when nothing was masked. */
export function describeMasking(result: Pick<MaskResult, "emails" | "cards" | "phones">): string {
  const parts = [
    [result.emails, "email address", "email addresses"],
    [result.phones, "phone number", "phone numbers"],
    [result.cards, "card number", "card numbers"],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  if (said.length <= 1) return said.join("");
  return `${said.slice(0, -1).join(", ")} and ${said.at(-1)}`;
}

/** The sentence that tells an author what was hidden from the public version ("" when nothing was). */
export function maskNote(result: Pick<MaskResult, "emails" | "cards" | "phones">): string {
  const said = describeMasking(result);
  return said ? ` To protect you, we hid ${said} from the public version.` : "";
}
