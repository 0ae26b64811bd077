/**
 * Rotating ACCRUE_SECRET_KEY on both back ends: gateway credentials sealed under the old key
 * are sealed again under the new one (audited), a process holding only the new key then
 * opens them, what no given key opens is left as it was and named, a second run finds nothing
 * to do, and an account whose credentials no key of the server opens is refused with
 * `422 secret_key_unknown`, not a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  configureSealingKey,
  seal,
  sealedKeyId,
  sealingKey,
  unsealWithKnownKeys,
} from "../../src/modules/access/index.js";
import { rotateSecretKey } from "../../src/workflows/secret-key-rotation.js";
import { BACKENDS } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

const OLD = "o".repeat(40);
const NEW = "n".repeat(40);
const LOST = "l".repeat(40);
const context = (tenantId: string, id: string) => `gateway_account:${tenantId}:${id}`;

for (const backend of BACKENDS) {
  describe(`rotating the secret key [${backend}]`, () => {
    let server: TestServer;
    const accounts: string[] = [];

    beforeAll(async () => {
      server = await startTestServer(backend, { secretKey: OLD });
      for (const name of ["A", "B"]) {
        const res = await server.post("/v1/gateway_accounts", {
          gateway: "test",
          name,
          credentials: { webhook_secret: `whsec_${name}_secret` },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        accounts.push(res.body.id);
      }
    });
    afterAll(async () => {
      configureSealingKey(undefined);
      await server?.close();
    });

    const sealedOf = async (id: string) =>
      (await server.db
        .selectFrom("gateway_accounts")
        .select(["tenant_id", "credentials_sealed"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow()) as { tenant_id: string; credentials_sealed: string };

    it("seals every credential again under the new key, and leaves what no key opens", async () => {
      const [a, b] = accounts as [string, string];
      expect(sealedKeyId((await sealedOf(a)).credentials_sealed)).toBe(sealingKey(OLD).id);
      // a third account whose key nobody kept
      const c = await server.post("/v1/gateway_accounts", {
        gateway: "test",
        name: "C",
        credentials: { webhook_secret: "whsec_C_secret" },
      });
      const lost = seal(
        sealingKey(LOST),
        JSON.stringify({ webhook_secret: "whsec_C_secret" }),
        context(server.tenant.tenant_id, c.body.id),
      );
      await server.db
        .updateTable("gateway_accounts")
        .set({ credentials_sealed: lost })
        .where("id", "=", c.body.id)
        .execute();

      configureSealingKey(NEW, [OLD]);
      const batches: number[] = [];
      const done = await rotateSecretKey(server.db, {
        onBatch: (p) => batches.push(p.resealed),
      });
      expect(done.resealed).toBe(2);
      expect(done.unreadable.map((u) => u.id)).toEqual([c.body.id]);
      expect(done.unreadable[0]!.error).toMatch(`sealed under key ${sealingKey(LOST).id}`);
      expect(batches).toEqual([2]);
      expect((await sealedOf(c.body.id)).credentials_sealed).toBe(lost);

      // the new key alone opens them, to the same credentials
      configureSealingKey(NEW);
      for (const [id, name] of [
        [a, "A"],
        [b, "B"],
      ] as const) {
        const row = await sealedOf(id);
        expect(sealedKeyId(row.credentials_sealed)).toBe(sealingKey(NEW).id);
        expect(
          JSON.parse(unsealWithKnownKeys(row.credentials_sealed, context(row.tenant_id, id))),
        ).toEqual({ webhook_secret: `whsec_${name}_secret` });
      }
      const audit = await server.db
        .selectFrom("audit_events")
        .select(["target_id", "actor_type", "actor_id"])
        .where("operation", "=", "gateway_accounts.reseal_credentials")
        .orderBy("target_id")
        .execute();
      expect(audit).toEqual(
        [a, b].sort().map((id) => ({
          target_id: id,
          actor_type: "system",
          actor_id: "rotate-secret-key",
        })),
      );

      // again: nothing left to do but the one no key opens
      configureSealingKey(NEW, [OLD]);
      const again = await rotateSecretKey(server.db);
      expect(again.resealed).toBe(0);
      expect(again.unreadable.map((u) => u.id)).toEqual([c.body.id]);

      // the account no key opens: its events are refused with a code, nothing recorded
      const event = await server.request("POST", `/v1/gateways/${c.body.id}/events`, {
        body: { id: "evt_1", type: "payment.succeeded" },
      });
      expect(event.status, JSON.stringify(event.body)).toBe(422);
      expect(event.body.error.code).toBe("secret_key_unknown");
      expect(event.body.error.message).not.toContain("whsec_");
    });
  });
}
