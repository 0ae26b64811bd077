/**
 * `accrue rotate-secret-key` as an operator runs it, on an embedded database: refused without
 * a key, the credentials sealed again under ACCRUE_SECRET_KEY (opened with
 * ACCRUE_SECRET_KEY_PREVIOUS) with a summary on stdout, and exit 1 naming an account no given
 * key opens.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { seal, sealedKeyId, sealingKey } from "../../src/modules/access/index.js";
import { migrate, openDatabase } from "../../src/storage/db.js";
import { createTenant } from "../../src/workflows/tenants.js";
import { runAccrue } from "./process.js";

vi.setConfig({ testTimeout: 120_000 });

const OLD = "o".repeat(40);
const NEW = "n".repeat(40);
const LOST = "l".repeat(40);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-rotate-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dataDir = path.join(tmp, "data");

/** Runs `fn` on the data directory's database (no process holds it meanwhile). */
async function withDatabase<T>(
  fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>,
) {
  const database = await openDatabase({ backend: "pglite", dataDir });
  try {
    await migrate(database.db);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** A gateway account whose credentials are sealed under `secret`; its id. */
async function accountSealedUnder(secret: string, id: string): Promise<string> {
  return withDatabase(async (db) => {
    const tenant =
      (await db.selectFrom("tenants").select("id").executeTakeFirst())?.id ??
      (await createTenant(db, { name: "Rotating" })).tenant_id;
    const entity = await db
      .selectFrom("business_entities")
      .select("id")
      .where("tenant_id", "=", tenant)
      .executeTakeFirstOrThrow();
    const now = new Date();
    await db
      .insertInto("gateway_accounts")
      .values({
        id,
        tenant_id: tenant,
        business_entity_id: entity.id,
        gateway: "test",
        name: id,
        status: "active",
        credentials_sealed: seal(
          sealingKey(secret),
          JSON.stringify({ webhook_secret: "whsec_x" }),
          `gateway_account:${tenant}:${id}`,
        ),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  });
}

const keyOf = (id: string) =>
  withDatabase(async (db) => {
    const row = await db
      .selectFrom("gateway_accounts")
      .select("credentials_sealed")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return sealedKeyId(row.credentials_sealed ?? "");
  });

describe("accrue rotate-secret-key", () => {
  it("refuses to run without a key, seals again under the new one, names what no key opens", async () => {
    const first = await accountSealedUnder(OLD, "gwa_rotate_1");

    const keyless = await runAccrue(["rotate-secret-key"], { ACCRUE_DATA_DIR: dataDir });
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toMatch(/ACCRUE_SECRET_KEY is not set/);
    expect(await keyOf(first)).toBe(sealingKey(OLD).id);

    const env = {
      ACCRUE_DATA_DIR: dataDir,
      ACCRUE_SECRET_KEY: NEW,
      ACCRUE_SECRET_KEY_PREVIOUS: `${"p".repeat(40)}, ${OLD}`,
    };
    const rotated = await runAccrue(["rotate-secret-key"], env);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(
      /^Sealed the credentials of 1 gateway account\(s\) under the current key in [\d.]+ s; every stored credential is now sealed under it\.\n$/,
    );
    expect(await keyOf(first)).toBe(sealingKey(NEW).id);

    const lost = await accountSealedUnder(LOST, "gwa_rotate_2");
    const partly = await runAccrue(["rotate-secret-key"], env);
    expect(partly.code).toBe(1);
    expect(partly.stdout).toMatch(
      /^Sealed the credentials of 0 gateway account\(s\).*1 could not be opened/,
    );
    expect(partly.stderr).toContain(`gateway account ${lost}`);
    expect(partly.stderr).toContain(`sealed under key ${sealingKey(LOST).id}`);
    expect(await keyOf(lost)).toBe(sealingKey(LOST).id);

    // an earlier key without the current one is a configuration error
    const misconfigured = await runAccrue(["rotate-secret-key"], {
      ACCRUE_DATA_DIR: dataDir,
      ACCRUE_SECRET_KEY_PREVIOUS: OLD,
    });
    expect(misconfigured.code).toBe(2);
    expect(misconfigured.stderr).toMatch(
      /ACCRUE_SECRET_KEY_PREVIOUS is set but ACCRUE_SECRET_KEY is not/,
    );
  });
});
