/**
 * The user's words as an FTS5 query: every run of letters or digits becomes a quoted term (so
 * quotes, operators, parentheses, a lone * or - are just text), all terms must match, and the last
 * one also matches as a prefix, for words still being typed. Undefined when there are no words.
 */
export function ftsQuery(input: string, maxTerms = 12): string | undefined {
  const words = input.slice(0, 1000).normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words)].slice(0, maxTerms);
  if (!terms.length) return undefined;
  return terms.map((term, i) => (i === terms.length - 1 && term.length >= 3 ? `"${term}"*` : `"${term}"`)).join(" ");
}

/** Snippet text with FTS markers (\u0001 ... \u0002) -> segments the view escapes and marks. */
export function highlightSegments(text: string): { text: string; hit: boolean }[] {
  const segments: { text: string; hit: boolean }[] = [];
  for (const part of text.split("\u0001")) {
    const [hit, rest] = part.includes("\u0002") ? part.split("\u0002", 2) : [undefined, part];
    if (hit) segments.push({ text: hit, hit: true });
    if (rest) segments.push({ text: rest.replace(/\u0002/g, ""), hit: false });
  }
  return segments;
}
