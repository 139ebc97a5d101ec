/**
 * `npm run bench:data -- --complaints 1000000 --businesses 20000 --out /tmp/bench/1m.db`: builds the
 * benchmark's database (bench/dataset.ts) and writes what the runner needs beside it (PATH.json).
 */
import path from "node:path";
import { parseArgs } from "./args.js";
import { buildDataset } from "./dataset.js";

const USAGE = `usage: npm run bench:data -- --out PATH [--complaints 1000000] [--businesses 20000] [--seed N]`;
const args = parseArgs(
  process.argv.slice(2),
  { out: "value", complaints: "value", businesses: "value", seed: "value" },
  USAGE,
);
const out = args.text("out");
if (!out) {
  process.stderr.write(`--out is required\n\n${USAGE}\n`);
  process.exit(2);
}
const info = await buildDataset({
  file: path.resolve(out),
  complaints: args.number("complaints", 1_000_000),
  businesses: args.number("businesses", 20_000),
  seed: args.number("seed", 20261125),
});
process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
process.stderr.write(`Built ${info.database} in ${info.buildSeconds} s; the runner reads ${info.database}.json\n`);
