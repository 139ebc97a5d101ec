/**
 * A business's website as people type it ("acme.com", "www.acme.com/support", "https://acme.com")
 * -> a normalized URL and the domain that later verifies claims ("acme.com").
 */
export interface Website {
  url: string;
  domain: string;
}

export function parseWebsite(text: string): Website | undefined {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  // A public host name: at least one dot, a letter-only top-level label, no IP addresses.
  if (!/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$/.test(host)) return undefined;
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/+$/, "");
  return {
    url: `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}${path}`,
    domain: host.replace(/^www\./, ""),
  };
}
