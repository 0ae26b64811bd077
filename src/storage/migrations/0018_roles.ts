import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** A tenant's own roles: named sets of permission codes, held by API keys and OAuth clients. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE roles (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      description text,
      permissions text[] NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX roles_name ON roles (tenant_id, name);
  `,
  );
}
