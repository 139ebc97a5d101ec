import { withoutForbiddenCharacters } from "./text.js";

/** The text with every character XML 1.0 forbids removed (see lib/text.ts). */
export const xmlSafe = withoutForbiddenCharacters;

/** Text or attribute value safe inside XML. */
export function xmlEscape(text: string): string {
  return xmlSafe(text).replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}
