import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { upgradeDatabase } from "../upgrade.js";
import { openDatabase } from "../db/open.js";
import type { Role } from "../db/users.js";
import { accounts } from "../features/accounts/accounts.js";

/**
 * `npm run admin -- create EMAIL`     makes an existing account an admin
 * `npm run admin -- moderator EMAIL`  makes it a moderator
 * `npm run admin -- revoke EMAIL`     takes the role away
 */
const COMMANDS: Record<string, Role | null> = { create: "admin", moderator: "moderator", revoke: null };
const USAGE = "usage: npm run admin -- create|moderator|revoke EMAIL";

function main(): number {
  const [command, email] = process.argv.slice(2);
  if (!command || !(command in COMMANDS) || !email) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    upgradeDatabase(db, systemClock);
    // Giving or taking a role mails nobody.
    const service = accounts({
      db,
      clock: systemClock,
      mail: { enqueue: () => undefined, forget: () => undefined },
      baseUrl: config.baseUrl,
      passwordHashing: config.passwordHashing,
    });
    const user = service.setRole(email, COMMANDS[command]!);
    if (!user) {
      process.stderr.write(`redress admin: no account with the email ${email}: sign up first, then run this again.\n`);
      return 1;
    }
    console.log(
      user.role
        ? `${user.email} (${user.displayName}) is now ${user.role === "admin" ? "an admin" : "a moderator"}.`
        : `${user.email} (${user.displayName}) no longer has a role.`,
    );
    return 0;
  } finally {
    db.close();
  }
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`redress admin: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
