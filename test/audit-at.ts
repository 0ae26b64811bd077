/**
 * Moves audit records to another time, as if they had occurred then: a record's id holds the
 * time it was made (the audit log's day filter reads ids by it), so the id is made again at
 * that time together with occurred_at. The records' order among those moved to one instant
 * is kept.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { createIdGenerator } from "../src/domain/ids.js";
import type { DB } from "../src/storage/schema.js";

export async function moveAuditRecords(
  db: Kysely<DB>,
  moves: readonly { id: string; at: Date }[],
): Promise<void> {
  const generators = new Map<number, (kind: "audit") => string>();
  for (const { id, at } of moves) {
    const ms = at.getTime();
    let next = generators.get(ms);
    if (!next) {
      next = createIdGenerator({ nowMs: () => ms, randomBytes: (n) => randomBytes(n) });
      generators.set(ms, next);
    }
    await db
      .updateTable("audit_events")
      .set({ id: next("audit"), occurred_at: at })
      .where("id", "=", id)
      .execute();
  }
}
