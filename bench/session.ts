/** Logging in through the forms, as a browser does: GET for the CSRF token and cookie, POST, keep the cookies. */

/** Cookies by name, from Set-Cookie headers; a cleared cookie (expired, or empty) goes. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expires = attributes.find((a) => /^\s*expires=/i.test(a));
      const expired = expires !== undefined && Date.parse(expires.split("=")[1]!) < Date.now();
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function csrfIn(html: string, url: string): string {
  const token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
  if (!token) throw new Error(`no _csrf field on ${url}`);
  return unescapeHtml(token);
}

export interface LoggedIn {
  /** The Cookie header to send: the session, and the CSRF cookie that goes with it. */
  cookie: string;
  /** A CSRF token of a form page (GET `formPath`) made with the same session. */
  csrf: string;
}

export async function logIn(base: string, email: string, password: string, formPath = "/"): Promise<LoggedIn> {
  const jar = new CookieJar();
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers: { cookie: jar.header() }, redirect: "manual" });
    jar.take(res);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return html;
  };
  const loginCsrf = csrfIn(await get("/login"), "/login");
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: loginCsrf, email, password }).toString(),
  });
  jar.take(res);
  await res.text();
  if (res.status !== 303) throw new Error(`logging in as ${email} answered ${res.status}, not 303`);
  const page = await get(formPath);
  const csrf = formPath === "/" ? "" : csrfIn(page, formPath);
  return { cookie: jar.header(), csrf };
}

/** The href of the page's rel="next" link, if it has one. */
export function nextLink(html: string): string | undefined {
  const tag = /<a\b[^>]*\brel="next"[^>]*>/.exec(html)?.[0];
  const href = tag && /\bhref="([^"]*)"/.exec(tag)?.[1];
  return href ? unescapeHtml(href) : undefined;
}
