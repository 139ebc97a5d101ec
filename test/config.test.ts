import path from "node:path";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const cwd = "/srv/redress";

describe("configuration", () => {
  it("runs with no environment at all, on port 3000 with data/redress.db", () => {
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({
      env: "development",
      port: 3000,
      host: undefined,
      databasePath: path.join(cwd, "data/redress.db"),
      baseUrl: "http://localhost:3000",
      secureCookies: false,
      sessionSecret: undefined,
      smtpUrl: undefined,
      mailOutboxDir: path.join(cwd, "data/outbox"),
      logLevel: "info",
      trustProxy: false,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig(
      {
        NODE_ENV: "production",
        PORT: "8080",
        HOST: "127.0.0.1",
        DATABASE_PATH: "/var/lib/redress/db.sqlite",
        BASE_URL: "https://complaints.example.org/",
        SESSION_SECRET: "x".repeat(40),
        SMTP_URL: "smtps://user:pass@mail.example.org:465",
        MAIL_FROM: "Redress <hello@example.org>",
        MAIL_OUTBOX_DIR: "/tmp/outbox",
        LOG_LEVEL: "warn",
        TRUST_PROXY: "1",
        ARGON2_MEMORY_KIB: "65536",
        ARGON2_TIME_COST: "3",
      },
      cwd,
    );
    expect(config).toMatchObject({
      env: "production",
      port: 8080,
      host: "127.0.0.1",
      databasePath: "/var/lib/redress/db.sqlite",
      dataDir: "/var/lib/redress",
      baseUrl: "https://complaints.example.org",
      secureCookies: true,
      smtpUrl: "smtps://user:pass@mail.example.org:465",
      mailFrom: "Redress <hello@example.org>",
      mailOutboxDir: "/tmp/outbox",
      logLevel: "warn",
      trustProxy: 1,
      passwordHashing: { memoryKib: 65536, timeCost: 3 },
    });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["NODE_ENV", "staging"],
    ["BASE_URL", "ftp://example.org"],
    ["BASE_URL", "not a url"],
    ["SESSION_SECRET", "too-short"],
    ["SMTP_URL", "http://mail.example.org"],
    ["MAIL_FROM", "not an address"],
    ["LOG_LEVEL", "loud"],
    ["TRUST_PROXY", "maybe; drop table"],
    ["ARGON2_MEMORY_KIB", "1023"],
    ["ARGON2_MEMORY_KIB", "4194305"],
    ["ARGON2_MEMORY_KIB", "19 MiB"],
    ["ARGON2_TIME_COST", "0"],
    ["ARGON2_TIME_COST", "101"],
    ["ARGON2_TIME_COST", "1.5"],
  ])("stops with a message naming %s when it is %j", (name, value) => {
    expect(() => loadConfig({ [name]: value }, cwd)).toThrowError(new RegExp(`^Invalid ${name}: `));
  });

  it("never echoes a secret value in its message", () => {
    try {
      loadConfig({ SESSION_SECRET: "hunter2-short" }, cwd);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).not.toContain("hunter2");
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("requires SESSION_SECRET in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" }, cwd)).toThrowError(
      /^Invalid SESSION_SECRET: required when NODE_ENV=production/,
    );
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", LOG_LEVEL: "" }, cwd)).toMatchObject({ port: 3000, logLevel: "info" });
  });

  it("hashes passwords at argon2id's own defaults (19 MiB, 2 passes) unless told otherwise", async () => {
    const { passwordHashing } = loadConfig({}, cwd);
    expect(passwordHashing).toEqual({ memoryKib: 19_456, timeCost: 2 });
    // The same cost as the library's defaults, which hashes made before this setting used.
    const configured = await hash("x", { memoryCost: passwordHashing.memoryKib, timeCost: passwordHashing.timeCost });
    expect(configured.split("$")[3]).toBe((await hash("x")).split("$")[3]);
    expect(configured.split("$")[3]).toBe("m=19456,t=2,p=1");
    expect(loadConfig({ ARGON2_MEMORY_KIB: "1024", ARGON2_TIME_COST: "1" }, cwd).passwordHashing).toEqual({
      memoryKib: 1024,
      timeCost: 1,
    });
  });

  it("accepts proxy lists for TRUST_PROXY", () => {
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }, cwd).trustProxy).toBe("loopback, 10.0.0.0/8");
    expect(loadConfig({ TRUST_PROXY: "true" }, cwd).trustProxy).toBe(true);
  });
});
