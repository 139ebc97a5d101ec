import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { textOf, type Browser } from "./support/browser.js";
import { makeTestApp, type TestApp } from "./support/app.js";
import { PROCESS_TEST_TIMEOUT, run } from "./support/child-server.js";
import { downloadExport } from "./support/export.js";
import { errorSummary, fieldError, fieldValue, section } from "./support/page.js";

/** A photo as a phone takes it: camera make and model, and where it was taken, in its EXIF. */
async function photoWithGps() {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366cc" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "SnoopCam", Model: "Pocket 7", Copyright: "Ann Author" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "51/1 30/1 3230/100",
        GPSLongitudeRef: "W",
        GPSLongitude: "0/1 7/1 4366/100",
      },
    })
    .toBuffer();
}

const png = () =>
  sharp({ create: { width: 10, height: 10, channels: 4, background: "#0a0" } })
    .png()
    .toBuffer();

/** Something that starts as a PDF does; stored as it is. */
const pdf = (bytes = 2000) =>
  Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(bytes, 0x20), Buffer.from("\n%%EOF\n")]);

/** Every file in the uploads folder, by its path inside it. */
function storedFiles(t: TestApp): string[] {
  const dir = t.config.uploadsDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

type Upload = { buffer: Buffer; filename: string; contentType?: string };

const message = (
  browser: Browser,
  b: { complaintId: number; complaintPath: string },
  files: Upload[],
  body = "Here is the receipt.",
) => browser.postMultipart(`/complaints/${b.complaintId}/messages`, { body }, files, { from: b.complaintPath });

const attachmentIds = (t: TestApp) => t.db.prepare("SELECT id FROM attachments ORDER BY id").pluck().all() as number[];

describe("attachments: what is stored and served", () => {
  it("re-encodes a photo without its EXIF: no camera, no GPS in the stored or the served bytes", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const photo = await photoWithGps();
    const exif = (await sharp(photo).metadata()).exif!;
    expect(exif.includes("SnoopCam")).toBe(true);
    expect(exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD

    const res = await message(b.author.browser, b, [
      { buffer: photo, filename: "receipt.jpg", contentType: "image/jpeg" },
    ]);
    expect(res.status).toBe(303);
    const [id] = attachmentIds(t);
    const served = await b.owner.browser.download(`/attachments/${id}`);
    expect(served.status).toBe(200);
    const bytes = served.body as Buffer;
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([64, 48]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(bytes.includes("SnoopCam")).toBe(false);
    expect(bytes.includes("Pocket 7")).toBe(false);
    for (const file of storedFiles(t)) {
      const stored = fs.readFileSync(path.join(t.config.uploadsDir, file));
      expect((await sharp(stored).metadata()).exif).toBeUndefined();
    }
  });

  it("serves an image inline and a PDF as a download, never cached, never sniffed, in a sandbox", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const document = pdf();
    await message(b.author.browser, b, [
      { buffer: await png(), filename: "damage.png", contentType: "image/png" },
      { buffer: document, filename: "letter.pdf", contentType: "application/pdf" },
    ]);
    const [imageId, pdfId] = attachmentIds(t);
    const image = await b.author.browser.download(`/attachments/${imageId}`);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.headers["content-disposition"]).toBe('inline; filename="damage.png"');
    const letter = await b.owner.browser.download(`/attachments/${pdfId}`);
    expect(letter.headers["content-type"]).toBe("application/pdf");
    expect(letter.headers["content-disposition"]).toBe('attachment; filename="letter.pdf"');
    expect(Buffer.compare(letter.body as Buffer, document)).toBe(0); // kept as it came
    for (const res of [image, letter]) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["cache-control"]).toBe("private, no-store");
      expect(res.headers["content-security-policy"]).toContain("sandbox");
    }
    const thumbnail = await b.owner.browser.download(`/attachments/${imageId}/thumbnail`);
    expect(thumbnail.headers["content-type"]).toBe("image/webp");
    expect((await b.owner.browser.download(`/attachments/${pdfId}/thumbnail`)).status).toBe(404);
  });

  it("shows the files in the thread, linked, to both parties", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await message(b.author.browser, b, [{ buffer: await png(), filename: "damage.png", contentType: "image/png" }]);
    const [id] = attachmentIds(t);
    for (const browser of [b.author.browser, b.owner.browser]) {
      const thread = section(await browser.get(b.complaintPath), "Private conversation");
      expect(thread).toContain(`<a href="/attachments/${id}">damage.png</a>`);
      expect(textOf(thread)).toContain("(Image, 1 kB)");
    }
  });

  it("serves a file to its parties and a moderator handling a report, and answers 404 to everyone else", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await message(b.author.browser, b, [{ buffer: await png(), filename: "damage.png", contentType: "image/png" }]);
    const url = `/attachments/${attachmentIds(t)[0]}`;
    const other = await t.otherBusiness();
    const consumer = await t.verifiedUser();
    const moderator = await t.staff("moderator");
    const agent = await t.agent({ slug: b.slug, owner: b.owner });
    const status = async (browser: Browser) => (await browser.download(url)).status;
    expect(await status(b.author.browser)).toBe(200);
    expect(await status(b.owner.browser)).toBe(200);
    expect(await status(agent.browser)).toBe(200);
    for (const outsider of [other.owner.browser, consumer.browser, t.browser(), moderator.browser])
      expect(await status(outsider)).toBe(404);
    expect((await t.browser().download("/attachments/999999")).status).toBe(404); // the same as a file that exists

    // Once a report on the complaint is open, the moderator handling it may look, and it is logged.
    await consumer.browser.postForm(
      "/reports",
      { target_type: "complaint", target_id: String(b.complaintId), reason: "personal-information" },
      { from: `/reports/new?target_type=complaint&target_id=${b.complaintId}` },
    );
    expect(await status(moderator.browser)).toBe(200);
    expect(t.count("audit_log", "action = 'attachment.view' AND target_id = ?", b.complaintId)).toBe(1);
    expect(await status(consumer.browser)).toBe(404);
  });

  it("keeps a file's name only as a label: no path, no tab or direction characters, in the script it was written in", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await message(b.author.browser, b, [
      { buffer: pdf(), filename: "..\\..\\windows\\invoice\t\u202egpj.pdf", contentType: "application/pdf" },
    ]);
    await message(b.author.browser, b, [{ buffer: pdf(), filename: "reçu d’été.pdf", contentType: "application/pdf" }]);
    expect(t.db.prepare("SELECT name FROM attachments ORDER BY id").pluck().all()).toEqual([
      "invoicegpj.pdf",
      "reçu d’été.pdf",
    ]);
  });
});

describe("attachments: what is refused", () => {
  async function refused(t: TestApp, files: Upload[], status: number, text: string | RegExp) {
    const b = await t.claimedBusiness();
    const before = storedFiles(t);
    const res = await message(b.author.browser, b, files, "The photo shows the damage.");
    expect(res.status).toBe(status);
    expect(fieldError(section(res, "Private conversation"), "Attach files")).toMatch(text);
    expect(errorSummary(res).map((e) => e.field)).toContain("Attach files");
    expect(fieldValue(res, "Private message")).toBe("The photo shows the damage."); // what was typed stays
    expect(t.count("private_messages")).toBe(0);
    expect(t.count("attachments")).toBe(0);
    expect(storedFiles(t)).toEqual(before);
  }

  it("refuses a program renamed receipt.jpg, naming the types it accepts", async () => {
    const t = makeTestApp();
    const program = Buffer.concat([
      Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"),
      Buffer.alloc(400),
    ]);
    await refused(
      t,
      [{ buffer: program, filename: "receipt.jpg", contentType: "image/jpeg" }],
      400,
      "“receipt.jpg” is not a file we accept. Attach JPEG, PNG or WebP images, or PDF documents.",
    );
  });

  it("refuses an HTML page named photo.jpg", async () => {
    const t = makeTestApp();
    const page = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
    await refused(
      t,
      [{ buffer: page, filename: "photo.jpg", contentType: "image/jpeg" }],
      400,
      /is not a file we accept/,
    );
  });

  it("refuses an image cut short", async () => {
    const t = makeTestApp();
    const photo = await photoWithGps();
    const cut = photo.subarray(0, photo.length - 60);
    await refused(
      t,
      [{ buffer: cut, filename: "cut.jpg", contentType: "image/jpeg" }],
      400,
      /could not be read as an image/,
    );
  });

  it("refuses a file over 10 MB with 413, before it is stored", async () => {
    const t = makeTestApp();
    await refused(
      t,
      [{ buffer: pdf(10 * 1024 * 1024), filename: "big.pdf", contentType: "application/pdf" }],
      413,
      "A file is larger than 10 MB. Attach files of at most 10 MB each.",
    );
  });

  it("refuses more than 5 files at a time with 413", async () => {
    const t = makeTestApp();
    const files = Array.from({ length: 6 }, (_, i) => ({
      buffer: pdf(),
      filename: `page-${i}.pdf`,
      contentType: "application/pdf",
    }));
    await refused(t, files, 413, "Attach at most 5 files at a time.");
  });

  it("refuses files past 50 MB a complaint, and leaves no file behind from the failed write", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const five = Array.from({ length: 5 }, (_, i) => ({
      buffer: pdf(9.5 * 1024 * 1024 + i),
      filename: `scan-${i}.pdf`,
      contentType: "application/pdf",
    }));
    expect((await message(b.author.browser, b, five)).status).toBe(303);
    const before = storedFiles(t);
    expect(before).toHaveLength(5);
    // Stored before the transaction, refused inside it: the new files must go again.
    const res = await message(
      b.owner.browser,
      b,
      [{ buffer: pdf(3 * 1024 * 1024), filename: "more.pdf", contentType: "application/pdf" }],
      "One more page.",
    );
    expect(res.status).toBe(413);
    expect(fieldError(section(res, "Private conversation"), "Attach files")).toBe(
      "A complaint can hold at most 50 MB of files, and these would take it over.",
    );
    expect(storedFiles(t)).toEqual(before);
    expect(t.count("private_messages")).toBe(1);
    expect(t.count("attachments")).toBe(5);
  });

  it("answers 404 to an upload by someone who is not a party, and 409 on a hidden complaint, storing nothing", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const consumer = await t.verifiedUser();
    const file = [{ buffer: await png(), filename: "x.png", contentType: "image/png" }];
    const outsider = await consumer.browser.postMultipart(
      `/complaints/${b.complaintId}/messages`,
      { body: "Hello there." },
      file,
      { from: "/" },
    );
    expect(outsider.status).toBe(404);
    const token = await b.author.browser.csrf(b.complaintPath);
    const moderator = await t.staff("moderator");
    await moderator.browser.postForm(
      `/admin/complaints/${b.complaintId}/hide`,
      { reason_code: "personal-information", reason: "Names a private person" },
      { from: "/admin/reports" },
    );
    const hidden = await b.author.browser.agent
      .post(`/complaints/${b.complaintId}/messages`)
      .field("_csrf", token)
      .field("body", "The receipt.")
      .attach("files", file[0]!.buffer, { filename: "x.png", contentType: "image/png" });
    expect(hidden.status).toBe(409);
    expect(storedFiles(t)).toEqual([]);
    expect(t.count("attachments")).toBe(0);
  });

  it("refuses a multipart form without its CSRF token, or from a visitor who is not logged in", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const noToken = await b.author.browser.agent
      .post(`/complaints/${b.complaintId}/messages`)
      .field("body", "Hello there.")
      .attach("files", await png(), { filename: "x.png", contentType: "image/png" });
    expect(noToken.status).toBe(403);
    const anonymous = await t
      .browser()
      .agent.post(`/complaints/${b.complaintId}/messages`)
      .field("_csrf", "whatever")
      .attach("files", await png(), { filename: "x.png", contentType: "image/png" });
    expect(anonymous.status).toBe(403);
    expect(storedFiles(t)).toEqual([]);
  });

  it("answers 400 to a body that claims to be multipart and is not", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const res = await b.author.browser.agent
      .post(`/complaints/${b.complaintId}/messages`)
      .set("content-type", "multipart/form-data; boundary=xyz")
      .send('--xyz\r\nContent-Disposition: form-data; name="body"\r\n\r\nunterminated');
    expect(res.status).toBe(400);
  });
});

describe("attachments: filing, details, and the account's life", () => {
  it("takes a receipt with the filing form's private details, for the business's eyes only", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const consumer = await t.verifiedUser({ email: "carla@example.com" });
    const fields = {
      business_name: "Acme Widgets",
      business_choice: b.slug,
      title: "The widget melted on the first day",
      body: "I plugged the widget in and it melted within an hour. The shop refused to take it back.",
      category: "billing-and-payments",
      incident_date: "2026-02-20",
      desired_outcome: "refund",
      order_reference: "ACME-7781",
    };
    const res = await consumer.browser.postMultipart(
      "/complaints",
      fields,
      [{ buffer: await png(), filename: "receipt.png", contentType: "image/png" }],
      { from: "/complaints/new" },
    );
    expect(res.status).toBe(303);
    const page = await b.owner.browser.get(res.headers.location as string);
    expect(textOf(page)).toContain("ACME-7781");
    expect(section(page, "Files from the consumer")).toContain("receipt.png");
    expect(textOf(await t.browser().get(res.headers.location as string))).not.toContain("receipt.png");
  });

  it("keeps no file when the filing form must be shown again, and says so", async () => {
    const t = makeTestApp();
    const consumer = await t.verifiedUser();
    const res = await consumer.browser.postMultipart(
      "/complaints",
      { business_name: "Acme Widgets", title: "x" },
      [{ buffer: await png(), filename: "receipt.png", contentType: "image/png" }],
      { from: "/complaints/new" },
    );
    expect(res.status).toBe(400);
    expect(textOf(res)).toContain("choose them again");
    expect(storedFiles(t)).toEqual([]);
  });

  it("lets the author add files to the private details from the complaint's page", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const res = await b.author.browser.postMultipart(
      `/complaints/${b.complaintId}/private-details`,
      { order_reference: "A-1" },
      [{ buffer: pdf(), filename: "invoice.pdf", contentType: "application/pdf" }],
      { from: b.complaintPath },
    );
    expect(res.status).toBe(303);
    expect(section(await b.owner.browser.get(b.complaintPath), "Files from the consumer")).toContain("invoice.pdf");
  });

  it("puts the account's files and messages in its export, byte for byte", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    const document = pdf();
    await message(
      b.author.browser,
      b,
      [{ buffer: document, filename: "letter.pdf", contentType: "application/pdf" }],
      "My private words.",
    );
    const { data, files } = await downloadExport(b.author.browser);
    expect(data.privateMessages).toEqual([expect.objectContaining({ body: "My private words.", side: "consumer" })]);
    expect(data.attachedFiles).toEqual([
      expect.objectContaining({
        mediaType: "application/pdf",
        file: expect.stringMatching(/^files\/\d+-letter\.pdf$/),
      }),
    ]);
    expect(Buffer.compare(files.get(data.attachedFiles[0].file)!, document)).toBe(0);
    // The business's member exports nothing of the consumer's.
    const theirs = await downloadExport(b.owner.browser);
    expect(theirs.text).not.toContain("My private words.");
    expect([...theirs.files.keys()]).toEqual(["redress-data.json"]);
  });

  it("erases the consumer's messages and files with their account; the business keeps a notice", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await message(
      b.author.browser,
      b,
      [{ buffer: await png(), filename: "damage.png", contentType: "image/png" }],
      "My private words.",
    );
    await b.owner.browser.postForm(
      `/complaints/${b.complaintId}/messages`,
      { body: "Our answer stays with us." },
      { from: b.complaintPath },
    );
    const url = `/attachments/${attachmentIds(t)[0]}`;
    const deleted = await b.author.browser.postForm(
      "/settings/delete",
      { current_password: "correct horse battery" },
      { from: "/settings" },
    );
    expect(deleted.status).toBe(303);
    expect(storedFiles(t)).toEqual([]);
    expect(t.count("private_messages", "body LIKE '%My private words%'")).toBe(0);
    expect((await b.owner.browser.download(url)).status).toBe(404);
    const page = textOf(await b.owner.browser.get(b.complaintPath));
    expect(page).toContain("The consumer deleted their account; this message was erased with it.");
    expect(page).toContain("Our answer stays with us.");
  });

  it("lets a moderator remove one file: its bytes go, the parties see why", async () => {
    const t = makeTestApp();
    const b = await t.claimedBusiness();
    await message(b.author.browser, b, [
      { buffer: await png(), filename: "id-card.png", contentType: "image/png" },
      { buffer: pdf(), filename: "letter.pdf", contentType: "application/pdf" },
    ]);
    const [cardId, letterId] = attachmentIds(t);
    const moderator = await t.staff("moderator");
    const res = await moderator.browser.postForm(
      `/admin/attachments/${cardId}/remove`,
      { reason: "personal-information" },
      { from: "/admin/reports" },
    );
    expect(res.status).toBe(303);
    expect((await b.owner.browser.download(`/attachments/${cardId}`)).status).toBe(404);
    expect((await b.owner.browser.download(`/attachments/${letterId}`)).status).toBe(200);
    expect(textOf(section(await b.author.browser.get(b.complaintPath), "Private conversation"))).toContain(
      "A file was removed by moderators (Personal information).",
    );
    expect(storedFiles(t)).toHaveLength(1);
    expect(t.count("audit_log", "action = 'attachment.remove' AND target_id = ?", cardId)).toBe(1);
  });

  it(
    "lists files without a row and rows without a file with `npm run uploads:check`",
    async () => {
      const t = makeTestApp();
      const b = await t.claimedBusiness();
      await message(b.author.browser, b, [{ buffer: pdf(), filename: "letter.pdf", contentType: "application/pdf" }]);
      const env = { DATABASE_PATH: t.config.databasePath, UPLOADS_DIR: t.config.uploadsDir };
      const clean = run("src/cli/uploads-check.ts", env);
      expect(await clean.exited).toBe(0);
      expect(clean.out()).toContain("and the database agree");

      const orphan = "ab".padEnd(64, "0");
      fs.mkdirSync(path.join(t.config.uploadsDir, "ab"), { recursive: true });
      fs.writeFileSync(path.join(t.config.uploadsDir, "ab", orphan), "left by a crash");
      const [stored] = storedFiles(t).filter((f) => !f.endsWith(orphan));
      fs.rmSync(path.join(t.config.uploadsDir, stored!));
      const dirty = run("src/cli/uploads-check.ts", env);
      expect(await dirty.exited).toBe(1);
      expect(dirty.out()).toContain(`file with no row: ${orphan}`);
      expect(dirty.out()).toContain(`row with no file: ${path.basename(stored!)}`);
    },
    PROCESS_TEST_TIMEOUT,
  );
});
