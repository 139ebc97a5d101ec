import type { Logger } from "pino";

/**
 * Purges for a cache in front of Redress (Varnish with xkey, or a CDN that purges by surrogate key):
 * the tags changed during this turn of the event loop go in one `PURGE` request to CACHE_PURGE_URL
 * with a `Surrogate-Key` header, sent after the write's synchronous transaction has committed. A
 * purge that fails is logged and forgotten: the pages expire within a minute anyway.
 */
export function cachePurger(url: string | undefined, logger: Logger) {
  const pending = new Set<string>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const keys = [...pending].join(" ");
    pending.clear();
    fetch(url!, { method: "PURGE", headers: { "Surrogate-Key": keys }, signal: AbortSignal.timeout(5_000) })
      .then((res) => {
        if (!res.ok) logger.warn({ status: res.status }, "cache purge refused");
        return res.body?.cancel();
      })
      .catch((err: unknown) => logger.warn({ err: (err as Error).message }, "cache purge failed"));
  };
  return (tags: readonly string[]) => {
    if (!url) return;
    for (const tag of tags) pending.add(tag);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}
