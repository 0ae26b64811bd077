import { type Kysely, sql } from "kysely";

/**
 * What the read cache of a process on PostgreSQL learns other processes' writes from
 * (src/storage/read-cache.ts): a write that changes a row of a table the cache holds reads of
 * (customers, contracts, contract_phases) sends a notification on the channel
 * `accrue_read_cache` when its transaction commits, and every listening process empties its
 * cache. Triggers, not the application, send it, so every writer is covered: each process,
 * each version, an operator's hand-written SQL.
 *
 * An UPDATE notifies only when a row changed in something but the columns the trigger names
 * (a contract's next_billing_at and last_billed_at, which a usage event and the billing run
 * move and which no cached read shows): the transition tables compare each row before and
 * after, so a statement that changed nothing, or only those, costs no notification. NOTIFY
 * serialises the commits that send one, so the triggers keep them to the writes that matter.
 *
 * Embedded (PGlite) the process is the database's only client and its cache sees every
 * statement itself; its session sets accrue.read_cache_notify to off and the triggers send
 * nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    CREATE FUNCTION read_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ignored text[] := coalesce(TG_ARGV, '{}');
    BEGIN
      IF current_setting('accrue.read_cache_notify', true) = 'off' THEN
        RETURN NULL;
      END IF;
      IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF;
      ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
      ELSIF TG_OP = 'UPDATE' THEN
        IF NOT EXISTS (
          SELECT to_jsonb(n) - ignored FROM new_rows n
          EXCEPT ALL
          SELECT to_jsonb(o) - ignored FROM old_rows o
        ) THEN
          RETURN NULL;
        END IF;
      END IF;
      PERFORM pg_notify('accrue_read_cache', '');
      RETURN NULL;
    END
    $$`)
    .execute(db);
  const tables: [string, string[]][] = [
    ["customers", []],
    ["contracts", ["next_billing_at", "last_billed_at"]],
    ["contract_phases", []],
  ];
  for (const [table, ignored] of tables) {
    const args = ignored.map((c) => `'${c}'`).join(", ");
    for (const [event, transition] of [
      ["INSERT", "NEW TABLE AS new_rows"],
      ["UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"],
      ["DELETE", "OLD TABLE AS old_rows"],
    ] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_read_cache_${event.toLowerCase()} AFTER ${event} ON ${table}
           REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed(${args})`,
        )
        .execute(db);
    }
    await sql
      .raw(
        `CREATE TRIGGER ${table}_read_cache_truncate AFTER TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed()`,
      )
      .execute(db);
  }
}
