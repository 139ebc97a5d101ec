import type { Server } from "node:http";
import type { Express } from "express";
import supertest from "supertest";

export type Response = supertest.Response;

/** The value of the first `_csrf` hidden field in an HTML page. */
function csrfFrom(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** Cookie "name=value" pairs set by a response, with their attributes. */
export function setCookies(res: Response): string[] {
  const header = res.headers["set-cookie"] as unknown;
  return Array.isArray(header) ? (header as string[]) : typeof header === "string" ? [header] : [];
}

export function cookieValue(res: Response, name: string): string | undefined {
  const line = setCookies(res).find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(";")[0];
}

/**
 * A browser over supertest: keeps cookies, takes the CSRF token from a page like a user's browser
 * does, and posts forms as application/x-www-form-urlencoded.
 */
export class Browser {
  readonly agent: ReturnType<typeof supertest.agent>;

  constructor(app: Express | Server) {
    this.agent = supertest.agent(app);
  }

  get(path: string) {
    return this.agent.get(path);
  }

  /** The CSRF token of a page with a form: the given page, or the header's log-out form, or /login. */
  async csrf(from?: string): Promise<string> {
    for (const page of from ? [from] : ["/", "/login"]) {
      const token = csrfFrom((await this.get(page)).text);
      if (token) return token;
    }
    throw new Error(`no CSRF token found on ${from ?? "/ or /login"}`);
  }

  async postForm(path: string, fields: Record<string, string | string[]>, options: { from?: string } = {}) {
    const token = await this.csrf(options.from);
    return this.agent
      .post(path)
      .type("form")
      .send({ _csrf: token, ...fields });
  }

  /**
   * Posts a form as multipart/form-data, as a browser does for a form with a file input: the CSRF
   * token first, then the fields, then each file (by default in the "files" field).
   */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { buffer: Buffer; filename: string; contentType?: string; field?: string }[],
    options: { from?: string } = {},
  ) {
    const token = await this.csrf(options.from);
    let req = this.agent.post(path).field("_csrf", token);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const file of files)
      req = req.attach(file.field ?? "files", file.buffer, {
        filename: file.filename,
        contentType: file.contentType ?? "application/octet-stream",
      });
    return req;
  }

  /** A file as the browser downloads it: the status, the headers and the bytes. */
  async download(path: string) {
    return this.agent
      .get(path)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => done(null, Buffer.concat(chunks)));
      });
  }

  /** Follows a redirect the way a browser does after a 303. */
  follow(res: Response) {
    const location = res.headers.location;
    if (!location) throw new Error(`expected a redirect, got ${res.status}`);
    return this.get(location.replace(/^https?:\/\/[^/]+/, ""));
  }
}

/** The page's text with EJS's HTML escapes undone, for asserting on what a user reads. */
export function textOf(res: Response | string): string {
  const html = typeof res === "string" ? res : res.text;
  return html
    .replace(/&#39;/g, "'")
    .replace(/&#34;/g, '"')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
