/**
 * The command that serves what a CLI script just wrote: `npm start`, with the same DATABASE_PATH
 * when one was given (quoted for a POSIX shell when it needs to be), so it opens the same file.
 */
export function startCommand(databasePath: string | undefined): string {
  if (!databasePath) return "npm start";
  const quoted = /^[\w./:@%+=,-]+$/.test(databasePath) ? databasePath : `'${databasePath.replace(/'/g, `'\\''`)}'`;
  return `DATABASE_PATH=${quoted} npm start`;
}
