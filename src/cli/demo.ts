import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { upgradeDatabase } from "../upgrade.js";
import { openDatabase } from "../db/open.js";
import { DEMO_PASSWORD, DemoRefused, fillDemo } from "./fill-demo.js";
import { startCommand } from "./start-command.js";

/** `npm run demo`: a believable demo in an empty database, and log-ins to look around with. */
async function main() {
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    upgradeDatabase(db, systemClock);
    const started = Date.now();
    const demo = await fillDemo(db, systemClock.now(), config.passwordHashing);
    console.log(
      `Demo ready in ${config.databasePath}: ${demo.businesses} businesses, ${demo.complaints} complaints (${Date.now() - started} ms).`,
    );
    console.log(`Log in with any of these (the password is always ${DEMO_PASSWORD}):`);
    for (const login of demo.logins) console.log(`  ${login.email}  (${login.name}, a consumer)`);
    for (const owner of demo.owners) console.log(`  ${owner.email}  (${owner.name}, answers for ${owner.business})`);
    console.log(`  ${demo.admin}  (an admin)`);
    // Empty counts as unset, as in loadConfig.
    console.log(`Now run: ${startCommand(process.env.DATABASE_PATH || undefined)}`);
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  const known = err instanceof DemoRefused || err instanceof ConfigError;
  process.stderr.write(`redress demo: ${err instanceof Error && known ? err.message : String(err)}\n`);
  if (err instanceof DemoRefused)
    process.stderr.write("Point DATABASE_PATH at a new file to try it, e.g. DATABASE_PATH=data/demo.db npm run demo\n");
  process.exit(1);
});
