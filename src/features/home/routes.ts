import { Router } from "express";

export function homeRoutes(): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.render("home/index", {
      title: "Complaints, answered in public",
      description: "File a complaint against a business by name, follow it to an outcome, and see how each business answers its customers.",
    });
  });
  return router;
}
