import { Router, type RequestHandler, type RequestParamHandler } from "express";

/** One line of the route table: what docs/routes.md lists and the route tests walk. */
export interface RouteEntry {
  method: "GET" | "POST";
  path: string;
  /** The guards a request passes before the handler, outermost first (e.g. ["requireLogin"]). */
  guards: string[];
  handler: string;
}

/** Names a handler made by a factory, so the route list shows what it does rather than "anonymous". */
export function named<F extends (...args: never[]) => unknown>(name: string, handler: F): F {
  return Object.defineProperty(handler, "name", { value: name });
}

/** A named handler or guard: the name is what the route list shows. */
const nameOf = (fn: { name: string }) => fn.name || "anonymous";

/**
 * The site's routes as data as well as an Express router: every URL is written once, here, with
 * its guard, and the list can be read back (docs/routes.md, the CSRF and fuzz tests) so a new route
 * is a visible change and cannot escape the checks every route gets.
 */
export class RouteTable {
  readonly router = Router();
  private readonly entries: RouteEntry[];

  private constructor(
    private readonly prefix: string,
    private readonly guards: string[],
    entries: RouteEntry[],
  ) {
    this.entries = entries;
  }

  static root(): RouteTable {
    return new RouteTable("", [], []);
  }

  get(path: string, ...handlers: RequestHandler[]): void {
    this.add("GET", path, handlers);
    this.router.get(path, ...handlers);
  }

  post(path: string, ...handlers: RequestHandler[]): void {
    this.add("POST", path, handlers);
    this.router.post(path, ...handlers);
  }

  /** Loads what a URL parameter names once per request (e.g. the business of a dashboard). */
  param(name: string, loader: RequestParamHandler): void {
    this.router.param(name, loader);
  }

  /** A group of routes under one prefix, behind guards that every one of them passes. */
  area(prefix: string, guards: RequestHandler[], build: (area: RouteTable) => void): void {
    const area = new RouteTable(this.prefix + prefix, [...this.guards, ...guards.map(nameOf)], this.entries);
    build(area);
    this.router.use(prefix, ...guards, area.router);
  }

  /** Every route, in the order Express tries them. */
  list(): readonly RouteEntry[] {
    return this.entries;
  }

  private add(method: RouteEntry["method"], path: string, handlers: RequestHandler[]) {
    const handler = handlers[handlers.length - 1];
    if (!handler) throw new Error(`${method} ${path} has no handler`);
    const full = path === "/" && this.prefix ? this.prefix : this.prefix + path;
    this.entries.push({
      method,
      path: full,
      guards: [...this.guards, ...handlers.slice(0, -1).map(nameOf)],
      handler: nameOf(handler),
    });
  }
}
