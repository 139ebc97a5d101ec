import type { Db } from "./open.js";

/** What `npm run demo` asks of the database before and after filling it. */
export function demoDb(db: Db) {
  const people = db.prepare<[], { n: number }>(
    "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM businesses) AS n",
  );
  const businesses = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM businesses");
  return {
    isEmpty: () => people.get()!.n === 0,
    businessCount: () => businesses.get()!.n,
  };
}
