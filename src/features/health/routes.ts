import { Router } from "express";
import type { Db } from "../../db/open.js";

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  const ping = db.prepare("SELECT 1 AS ok");
  router.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    try {
      ping.get();
      res.json({ status: "ok", database: "ok" });
    } catch {
      res.status(503).json({ status: "error", database: "unavailable" });
    }
  });
  return router;
}
