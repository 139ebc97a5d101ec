import yauzl from "yauzl";
import type { Browser } from "./browser.js";

/** "Export my data" as its owner downloads it: the zip's redress-data.json, parsed, and every file in it. */
export async function downloadExport(browser: Browser) {
  const res = await browser.download("/settings/export");
  const entries = await unzip(res.body as Buffer);
  const json = entries.get("redress-data.json");
  if (!json) throw new Error(`no redress-data.json in the export (status ${res.status})`);
  const text = json.toString("utf8");
  // Untyped on purpose, as JSON.parse gives it: the export's shape is what the tests check.
  const data = JSON.parse(text);
  return { res, data, text, files: entries };
}

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err) return reject(err);
      const entries = new Map<string, Buffer>();
      file.on("entry", (entry: yauzl.Entry) => {
        file.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on("end", () => resolve(entries));
      file.on("error", reject);
      file.readEntry();
    });
  });
}
