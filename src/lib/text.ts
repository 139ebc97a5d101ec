/**
 * Characters no text on Redress may hold: C0 control characters other than tab, line feed and
 * carriage return, lone surrogates, and the noncharacters U+FFFE and U+FFFF. XML 1.0 forbids them
 * (one in a story made every Atom feed unreadable), and no keyboard types them. The forms refuse
 * them (web/forms.ts); the XML writer removes them (lib/xml.ts) from anything stored before.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const hasForbiddenCharacters = (text: string) => text.search(FORBIDDEN) !== -1;

export const withoutForbiddenCharacters = (text: string) => text.replace(FORBIDDEN, "");

/** Ends a sentence with a full stop, unless its last word already brought one ("Rita U.", "Acme Inc."). */
export const endSentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
