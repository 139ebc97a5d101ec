import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import type { Express } from "express";

const VIEWS_DIR = fileURLToPath(new URL("../../views/", import.meta.url));
export const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));
const LAYOUT = path.join(VIEWS_DIR, "layout.ejs");

/**
 * EJS with one shared layout: every view renders into views/layout.ejs as `body`, unless it passes
 * `layout: false`. Views receive a plain view-model and escape everything with <%= %>.
 */
export function useViews(app: Express, options: { cache: boolean }): void {
  app.set("views", VIEWS_DIR);
  app.set("view engine", "ejs");
  app.set("view cache", options.cache);
  app.engine("ejs", (file, viewOptions, callback) => {
    const locals = viewOptions as Record<string, unknown>;
    // Includes are written from the views root ("/partials/field"): EJS resolves those without
    // asking the file system on every render, which relative paths do.
    ejs.renderFile(file, locals, { cache: options.cache, filename: file, root: VIEWS_DIR }, (err, body) => {
      if (err) return callback(err);
      if (locals.layout === false) return callback(null, body);
      ejs.renderFile(
        LAYOUT,
        { ...locals, body },
        { cache: options.cache, filename: LAYOUT, root: VIEWS_DIR },
        callback,
      );
    });
  });
  app.locals.asset = assetUrl;
}

const assetVersions = new Map<string, string>();

/**
 * "/static/site.css?v=3f2a9c1b": the content hash lets public/ be served with a one-year cache
 * while a changed file is fetched again at once.
 */
function assetUrl(name: string): string {
  let version = assetVersions.get(name);
  if (!version) {
    const content = fs.readFileSync(path.join(PUBLIC_DIR, name));
    version = crypto.createHash("sha256").update(content).digest("hex").slice(0, 10);
    assetVersions.set(name, version);
  }
  return `/static/${name}?v=${version}`;
}
