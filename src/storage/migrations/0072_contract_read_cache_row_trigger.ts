import { type Kysely, sql } from "kysely";

/**
 * A contract's UPDATE records its transaction for the read cache (0071) from a row trigger
 * named on every column but the two a usage event and the billing run move
 * (`next_billing_at`, `last_billed_at`), fired only for a row that really changed: a statement
 * that sets only those two columns fires no trigger at all. The statement trigger it replaces
 * turned every row before and after into JSON and compared the two sets, at every billing
 * transaction (a tenth of the database's time in a billing run) and every usage event.
 *
 * PostgreSQL allows no column list on a trigger with transition tables, hence a row trigger.
 * A migration that adds a column to `contracts` names it here too (recreates the trigger with
 * `contractReadCacheTrigger`): test/db/read-cache.postgres.test.ts fails until it does. Such
 * a column is `jsonb`, not `json`: the trigger compares rows with each column's equality, and
 * `json` has none (every update naming a column would fail).
 */
export const CONTRACT_CACHE_IGNORED = ["next_billing_at", "last_billed_at"] as const;

export async function contractReadCacheTrigger(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT attname AS name FROM pg_attribute
    WHERE attrelid = 'contracts'::regclass AND attnum > 0 AND NOT attisdropped
    ORDER BY attnum`.execute(db);
  const named = rows
    .map((r) => r.name)
    .filter((c) => !(CONTRACT_CACHE_IGNORED as readonly string[]).includes(c));
  await sql`DROP TRIGGER IF EXISTS contracts_read_cache_update ON contracts`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER contracts_read_cache_update
       AFTER UPDATE OF ${named.map((c) => `"${c}"`).join(", ")} ON contracts
       FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*)
       EXECUTE FUNCTION read_cache_row_changed()`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    CREATE FUNCTION read_cache_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('accrue.read_cache_changes', true) = 'off' THEN
        RETURN NULL;
      END IF;
      INSERT INTO read_cache_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$`)
    .execute(db);
  await contractReadCacheTrigger(db);
}
