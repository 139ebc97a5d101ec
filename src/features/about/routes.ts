import { Router } from "express";

export function aboutRoutes(): Router {
  const router = Router();
  router.get("/about/figures", (_req, res) => {
    res.render("about/figures", {
      title: "How the figures are worked out",
      description:
        "Exactly how Redress computes each business's response rate, time to first response, resolution rates, rating and would-return rate.",
    });
  });
  return router;
}
