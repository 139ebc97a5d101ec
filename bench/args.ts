/** `--name value` and `--flag` arguments of the bench scripts; anything unknown is an error. */
export function parseArgs<K extends string>(argv: string[], known: Record<K, "value" | "flag">, usage: string) {
  const values: Partial<Record<K, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "") as K;
    if (!argv[i]!.startsWith("--") || !(name in known)) fail(`unknown argument ${argv[i]}`, usage);
    if (known[name] === "flag") values[name] = "1";
    else if (i + 1 < argv.length) values[name] = argv[++i]!;
    else fail(`--${name} needs a value`, usage);
  }
  return {
    text: (name: K) => values[name],
    number: (name: K, fallback: number) => {
      const value = values[name];
      if (value === undefined) return fallback;
      if (!/^\d+$/.test(value.replace(/_/g, ""))) fail(`--${name} must be a whole number`, usage);
      return Number(value.replace(/_/g, ""));
    },
    flag: (name: K) => values[name] === "1",
  };
}

function fail(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}
