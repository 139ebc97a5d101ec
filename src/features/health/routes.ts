import type { Request, Response } from "express";
import type { Services } from "../../services.js";

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export function healthPages(deps: Pick<Services, "health">) {
  const healthCheck = (_req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    if (deps.health.ping()) res.json({ status: "ok", database: "ok" });
    else res.status(503).json({ status: "error", database: "unavailable" });
  };
  return { healthCheck };
}
