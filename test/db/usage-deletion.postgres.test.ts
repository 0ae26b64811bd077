/**
 * Usage and contract deletion on a database server, where two transactions interleave
 * (PostgreSQL only: embedded, the process's one connection runs one transaction at a time).
 * usage_records has no foreign keys (migration 0072): what keeps a deletion from leaving usage
 * that names no contract is the lock the recording statement takes on each contract it names
 * (FOR KEY SHARE) against the deletion's (FOR UPDATE, taken before it removes the usage).
 * Whichever comes first, the other waits, and no usage outlives its contract.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAccrueError } from "../../src/domain/errors.js";
import type { Scope } from "../../src/modules/context.js";
import { lockContractForDeletion, removeContract } from "../../src/modules/contracts/index.js";
import { deleteContractUsageRows } from "../../src/modules/usage/index.js";
import { type BatchEvent, ingestBatch } from "../../src/modules/usage/usage.service.js";
import { deleteContract } from "../../src/workflows/contract-deletion.js";
import { inContext } from "../../src/workflows/unit-of-work.js";
import { seedBook } from "../billing-book.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";

// vitest.config.ts collects this file only in the PostgreSQL pass
describe("usage recorded while its contract is deleted [postgres]", () => {
  let database: TestDatabase;
  let tenantId = "";
  let contracts: string[] = [];
  let component = "";

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    const book = await seedBook(database.db, "postgres", { contracts: 2 });
    tenantId = book.tenantId;
    contracts = (
      await database.db
        .selectFrom("contracts")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .orderBy("id")
        .execute()
    ).map((c) => c.id);
    component = (
      await database.db
        .selectFrom("components")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("name", "=", "API calls")
        .executeTakeFirstOrThrow()
    ).id;
    // already due: recording usage then leaves the contract row alone (marking it due would
    // lock it too, and hide whether the recording's own lock holds)
    await database.db
      .updateTable("contracts")
      .set({ next_billing_at: new Date("2026-02-01T00:00:00Z") })
      .where("tenant_id", "=", tenantId)
      .execute();
  });

  afterAll(async () => {
    await database?.close();
  });

  const scope = (operation: Scope["operation"], requestId: string): Scope => ({
    tenantId,
    actor: { type: "system", id: "usage-deletion-test" },
    requestId,
    operation,
  });

  const events = (contractId: string, prefix: string): BatchEvent[] =>
    Array.from({ length: 3 }, (_, i) => ({
      contract_id: contractId,
      component_id: component,
      quantity: "1",
      due_date: "2026-01-20T12:00:00Z",
      key: `${prefix}-${i}`,
    }));

  const usageOf = async (contractId: string) =>
    Number(
      (
        await database.db
          .selectFrom("usage_records")
          .select(({ fn }) => fn.countAll<string>().as("n"))
          .where("contract_id", "=", contractId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Usage naming a contract that does not exist. */
  const orphans = async () =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM usage_records u
        WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.id = u.contract_id)`.execute(
        database.db,
      )
    ).rows[0]!.n;

  /** Waits until `work` settles or a statement of this database waits on a lock. */
  async function settledOrWaiting(work: Promise<unknown>): Promise<"settled" | "waiting"> {
    let settled = false;
    work.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (settled) return "settled";
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(database.db);
      if (rows[0]!.n > 0) return "waiting";
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("neither settled nor waiting on a lock");
  }

  it("a deletion after the recording began waits for it, then removes its usage", async () => {
    const contractId = contracts[0]!;
    const before = await usageOf(contractId);
    let deletion: ReturnType<typeof deleteContract> | undefined;
    let state = "";
    // the recording's transaction stays open while the deletion starts
    await inContext(database.db, scope("usage.ingest", "req_usage_first"), async (ctx) => {
      expect(await ingestBatch(ctx, events(contractId, "first"))).toEqual({
        accepted: 3,
        duplicates: 0,
      });
      deletion = inContext(database.db, scope("contracts.delete", "req_delete_second"), (c) =>
        deleteContract(c, contractId),
      );
      state = await settledOrWaiting(deletion);
    });
    const deleted = await deletion!;
    expect(await orphans()).toBe(0);
    expect(deleted.removed.usage_records).toBe(before + 3);
    expect(state).toBe("waiting");
  });

  it("a recording after the deletion began waits for it, then finds no contract", async () => {
    const contractId = contracts[1]!;
    let recording: Promise<unknown> | undefined;
    let state = "";
    // the deletion's steps (src/workflows/contract-deletion.ts), the recording started
    // between removing the contract's usage and removing the contract
    await inContext(database.db, scope("contracts.delete", "req_delete_first"), async (ctx) => {
      const row = await lockContractForDeletion(ctx, contractId);
      const usage = await deleteContractUsageRows(ctx.db, tenantId, contractId);
      recording = inContext(database.db, scope("usage.ingest", "req_usage_second"), (c) =>
        ingestBatch(c, events(contractId, "second")),
      );
      state = await settledOrWaiting(recording);
      await removeContract(ctx, row, { usage_records: usage });
    });
    const refusal = await recording!.then(
      () => null,
      (error: unknown) => error,
    );
    expect(await orphans()).toBe(0);
    expect(isAccrueError(refusal) && refusal.code).toBe("unknown_contract");
    expect(state).toBe("waiting");
  });
});
