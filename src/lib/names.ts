/** Business names: how they are matched, turned into URLs, and compared for "did you mean". */

const stripMarks = (text: string) => text.normalize("NFKD").replace(/\p{M}+/gu, "");

/**
 * The form of a name used for matching: "ACME, Inc." = "Acme Inc" = "acme inc." = "Ácme inc" -> "acme inc".
 * Letters and digits of any script are kept; case, accents, punctuation and spacing are not.
 */
export function normalizeName(name: string): string {
  return stripMarks(name)
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "Café Müller & Sons, Ltd." -> "cafe-muller-and-sons-ltd"; "" when nothing Latin is left. */
export function slugify(text: string, maxLength = 80): string {
  const slug = stripMarks(text)
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, "");
}

/** The distinct three-letter runs of a normalized name, padded so short words still have some. */
function trigrams(normalized: string): Set<string> {
  const padded = `  ${normalized} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Dice coefficient of two names' trigrams: 1 for the same name, 0 for nothing in common. */
export function nameSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** True when one name is the other plus extra words ("acme" and "acme inc"), or they are alike enough. */
export function namesLookAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const wordsA = a.split(" ");
  const wordsB = b.split(" ");
  const [shorter, longer] = wordsA.length <= wordsB.length ? [wordsA, wordsB] : [wordsB, wordsA];
  if (shorter.join(" ").length >= 3 && shorter.every((word, i) => longer[i] === word)) return true;
  return nameSimilarity(a, b) >= 0.5;
}
