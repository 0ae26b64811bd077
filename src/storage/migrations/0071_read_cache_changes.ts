import { type Kysely, sql } from "kysely";

/**
 * What the read cache of a process on PostgreSQL learns other processes' writes from
 * (src/storage/read-cache-fence.ts): a transaction that changes a row of a table the cache
 * holds reads of (customers, contracts, contract_phases) records its transaction id in
 * `read_cache_changes`, once. A process's fence reads the ids recorded since its last one.
 * Triggers, not the application, record them, so every writer is covered: each process, each
 * version, an operator's hand-written SQL.
 *
 * An UPDATE records only when a row changed in something but the columns the trigger names
 * (a contract's next_billing_at and last_billed_at, which a usage event and the billing run
 * move and which no cached read shows): the transition tables compare each row before and
 * after, so a statement that changed nothing, or only those, records nothing.
 *
 * Not NOTIFY: a transaction that notifies holds a database-wide lock through its commit, so
 * concurrent writers commit one at a time (20 connections updating one row each: a sixth of
 * the rate without it, measured here); a row in a table of its own costs one index entry.
 * The table is unlogged (no WAL): after a crash it is empty, and every process's connection
 * to the server was lost, which empties its cache too.
 *
 * Embedded (PGlite) the process is the database's only client and its cache sees every
 * statement itself; its session sets accrue.read_cache_changes to off and the triggers record
 * nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`CREATE UNLOGGED TABLE read_cache_changes (
      xid xid8 PRIMARY KEY,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`)
    .execute(db);
  await sql
    .raw(`
    CREATE FUNCTION read_cache_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ignored text[] := coalesce(TG_ARGV, '{}');
    BEGIN
      IF current_setting('accrue.read_cache_changes', true) = 'off' THEN
        RETURN NULL;
      END IF;
      IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF;
      ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
      ELSIF TG_OP = 'UPDATE' THEN
        IF NOT EXISTS (
          SELECT to_jsonb(changed_row) - ignored FROM new_rows AS changed_row
          EXCEPT ALL
          SELECT to_jsonb(earlier_row) - ignored FROM old_rows AS earlier_row
        ) THEN
          RETURN NULL;
        END IF;
      END IF;
      INSERT INTO read_cache_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
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
