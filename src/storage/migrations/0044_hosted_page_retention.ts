import { type Kysely, sql } from "kysely";
import { runStatements } from "./run-statements.js";

/** The page types this migration adds. */
const TYPES = ["extend_subscription", "pre_cancel", "view_voucher"];

/**
 * Hosted pages that extend a contract's term, keep a customer about to cancel (pre-cancel),
 * or show an offline payment voucher of an invoice; and the events recorded on a page.
 *
 * The type check is widened to whatever it allows when this runs plus the types above, so
 * migrations that add other page types compose in any order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const checks = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'hosted_pages'::regclass AND contype = 'c'
  `.execute(db);
  const typeCheck = checks.rows.find((c) => /\btype\b/.test(c.def) && !/\bstate\b/.test(c.def));
  if (!typeCheck) throw new Error("hosted_pages has no check of its type");
  const allowed = new Set([...typeCheck.def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!));
  for (const t of TYPES) allowed.add(t);
  const list = [...allowed]
    .sort()
    .map((t) => `'${t}'`)
    .join(", ");
  await runStatements(
    db,
    `
    ALTER TABLE hosted_pages DROP CONSTRAINT "${typeCheck.name}";
    ALTER TABLE hosted_pages ADD CONSTRAINT hosted_pages_type_check CHECK (type IN (${list}));
    ALTER TABLE hosted_pages ADD COLUMN invoice_id text;
    ALTER TABLE hosted_pages ADD COLUMN voucher jsonb;
    ALTER TABLE hosted_pages ADD COLUMN events jsonb NOT NULL DEFAULT '[]'::jsonb;
  `,
  );
}
