import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { closeDb } from "@/db/client";
import { freePort } from "@/db/embedded";
import { resetEnvCache } from "@/lib/env";

afterAll(closeDb);

describe("GET /api/health", () => {
  it("answers 200 with the database ok and the version", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("answers 503 with the reason when the database is down", async () => {
    const saved = process.env.DATABASE_URL;
    await closeDb();
    process.env.DATABASE_URL = `postgres://nobody:x@127.0.0.1:${await freePort()}/none`;
    resetEnvCache();
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ status: "error", db: "down", reason: "database unavailable" });
      expect(JSON.stringify(body)).not.toContain("nobody");
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
      resetEnvCache();
    }
  });
});
