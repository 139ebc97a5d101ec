/**
 * Returns the value when it is a path on this site ("/complaints/new?x=1"), otherwise undefined.
 * Refuses "//evil.example", "/\\evil.example" and anything with a scheme, which browsers would
 * treat as another origin: a `next` parameter must never become an open redirect.
 */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 2000) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  return value;
}
