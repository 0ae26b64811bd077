import { type Kysely, sql } from "kysely";
import { runStatements } from "./run-statements.js";

/** The hosted page types this migration adds. */
const PAGE_TYPES = ["checkout_gift", "claim_gift"];

/**
 * Gift subscriptions (Chargebee's gifts): a customer (the gifter) buys a subscription for a
 * recipient and pays for its term at once; the recipient claims it from its date on, and a
 * non-renewing contract runs for the gifted term. Hosted pages gain the gift checkout and
 * the gift claim: the type check is widened to whatever it allows when this runs plus those,
 * so migrations that add other page types compose in any order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const checks = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'hosted_pages'::regclass AND contype = 'c'
  `.execute(db);
  const typeCheck = checks.rows.find((c) => /\btype\b/.test(c.def) && !/\bstate\b/.test(c.def));
  if (!typeCheck) throw new Error("hosted_pages has no check of its type");
  const allowed = new Set([...typeCheck.def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!));
  for (const t of PAGE_TYPES) allowed.add(t);
  const list = [...allowed]
    .sort()
    .map((t) => `'${t}'`)
    .join(", ");
  await runStatements(
    db,
    `
    CREATE TABLE gifts (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      status text NOT NULL CHECK (status IN ('scheduled', 'unclaimed', 'claimed', 'cancelled',
        'expired')),
      gifter_customer_id text NOT NULL,
      gifter_note text,
      gifter_signature text,
      receiver_customer_id text,
      receiver_email text NOT NULL,
      receiver_first_name text,
      receiver_last_name text,
      subscription jsonb NOT NULL,
      term jsonb NOT NULL,
      scheduled_at timestamptz NOT NULL,
      claim_expires_at timestamptz,
      invoice_id text NOT NULL,
      credit_note_id text,
      contract_id text,
      claimed_at timestamptz,
      cancelled_at timestamptz,
      expired_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX gifts_tenant_id ON gifts (tenant_id, id);
    CREATE INDEX gifts_due ON gifts (scheduled_at) WHERE status = 'scheduled';
    CREATE INDEX gifts_expiring ON gifts (claim_expires_at) WHERE status = 'unclaimed';
    ALTER TABLE hosted_pages DROP CONSTRAINT "${typeCheck.name}";
    ALTER TABLE hosted_pages ADD CONSTRAINT hosted_pages_type_check CHECK (type IN (${list}));
  `,
  );
}
