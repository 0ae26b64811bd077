import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * People who sign in to the console with an e-mail address and a password. An e-mail address
 * signs in to one tenant (unique across the installation); access tokens may stand for a user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE console_users (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      email text NOT NULL,
      name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    );
    CREATE UNIQUE INDEX console_users_email ON console_users (lower(email));
    CREATE INDEX console_users_tenant ON console_users (tenant_id, id);
    ALTER TABLE access_tokens ADD COLUMN console_user_id text REFERENCES console_users(id);
    ALTER TABLE access_tokens DROP CONSTRAINT access_tokens_one_holder;
    ALTER TABLE access_tokens ADD CONSTRAINT access_tokens_one_holder
      CHECK (num_nonnulls(client_id, api_key_id, console_user_id) = 1);
    -- plan changes a customer proposed in the portal (the portal commits only these)
    ALTER TABLE orders ADD COLUMN portal boolean NOT NULL DEFAULT false;
  `,
  );
}
