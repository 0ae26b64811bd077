import { type Kysely, type Selectable, sql } from "kysely";
import { toJson } from "../../lib/json.js";
import { pastKeyset } from "../../storage/keyset.js";
import { containing } from "../../storage/like.js";
import { cachedRead } from "../../storage/read-cache.js";
import type { CustomersTable, DB } from "../../storage/schema.js";

export type CustomerRow = Selectable<CustomersTable>;

/** The one place customers are scoped to a tenant; deleted customers are invisible. */
function visible(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("customers")
    .where("tenant_id", "=", tenantId)
    .where("deleted_at", "is", null);
}

/** A customer as the API shows it: `has_orders` tells whether an order names it. */
export type CustomerView = CustomerRow;

/** One customer, with `has_orders`. */
export async function findCustomerView(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<CustomerView | undefined> {
  return cachedRead(db, `customer:${tenantId}:${id}`, () =>
    visible(db, tenantId).selectAll().where("id", "=", id).executeTakeFirst(),
  );
}

export async function findCustomer(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CustomerRow | undefined> {
  let q = visible(db, tenantId).selectAll().where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Several customers at once (a billing batch's), in no particular order. */
export async function findCustomers(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return visible(db, tenantId).selectAll().where("id", "in", ids).execute();
}

export async function findByExternalId(
  db: Kysely<DB>,
  tenantId: string,
  externalId: string,
): Promise<CustomerRow | undefined> {
  return visible(db, tenantId).selectAll().where("external_id", "=", externalId).executeTakeFirst();
}

/**
 * The orders of the customers list: by creation (id), by name or by e-mail address, the id
 * breaking ties. The name is the one the list shows (`display_name`: the company name, else
 * first and last name, else the e-mail address), lower-cased and compared in byte order; the
 * e-mail address likewise, customers without one after every address ascending (before
 * them descending).
 */
export type CustomerSort = "created" | "name" | "email";

/** `display_name` lower-cased in byte order, as the index customers_tenant_name holds it. */
const NAME_KEY = sql<string>`lower(coalesce(nullif(company_name, ''), nullif(first_name, '') || ' ' || nullif(last_name, ''), nullif(first_name, ''), nullif(last_name, ''), email, '')) collate "C"`;
/** Whether a customer has no e-mail address: the first key of the e-mail order. */
const NO_EMAIL = sql<boolean>`(email is null)`;
/** The e-mail address lower-cased in byte order ('' when none), the second key. */
const EMAIL_KEY = sql<string>`lower(coalesce(email, '')) collate "C"`;

/** A listed customer with its value of the list's sort (absent by creation). */
export type ListedCustomer = CustomerView & { sort_key?: string | null };

/** Which of the tenant's customers a list holds: all of them unless narrowed. */
export type CustomerListFilter = {
  externalId?: string | undefined;
  email?: string | undefined;
  search?: string | undefined;
};

function filteredCustomers(db: Kysely<DB>, tenantId: string, f: CustomerListFilter) {
  let q = visible(db, tenantId);
  if (f.externalId) q = q.where("external_id", "=", f.externalId);
  if (f.email) q = q.where("email", "=", f.email);
  if (f.search) {
    // a substring of the name, company, e-mail, external id or id; LIKE's wildcards are literal
    const pattern = containing(f.search);
    const search = f.search;
    q = q.where((eb) =>
      eb.or([
        eb("company_name", "ilike", pattern),
        eb("first_name", "ilike", pattern),
        eb("last_name", "ilike", pattern),
        eb(sql<string>`concat_ws(' ', first_name, last_name)`, "ilike", pattern),
        eb("email", "ilike", pattern),
        eb("external_id", "ilike", pattern),
        eb("id", "=", search),
      ]),
    );
  }
  return q;
}

/** How many of the tenant's customers the filter holds (one COUNT query). */
export async function countCustomerRows(
  db: Kysely<DB>,
  tenantId: string,
  f: CustomerListFilter,
): Promise<number> {
  const row = await filteredCustomers(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCustomers(
  db: Kysely<DB>,
  tenantId: string,
  page: CustomerListFilter & {
    limit: number;
    after?: string | undefined;
    offset?: number | undefined;
    sort?: CustomerSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Where the previous page of a list by name or e-mail ended: its sort value and id. */
    keyset?: { values: (string | null)[]; id: string } | undefined;
  },
): Promise<ListedCustomer[]> {
  const dir = page.order === "desc" ? "desc" : "asc";
  const q = filteredCustomers(db, tenantId, page).selectAll();
  const keyset = page.keyset;
  let sorted = q.select(sql<string | null>`null`.as("sort_key"));
  switch (page.sort ?? "created") {
    case "created":
      if (page.after) sorted = sorted.where("id", dir === "desc" ? "<" : ">", page.after);
      break;
    case "name":
      sorted = q.select(NAME_KEY.as("sort_key"));
      if (keyset) {
        sorted = sorted.where(pastKeyset([NAME_KEY], [sql`${keyset.values[0]}`], keyset.id, dir));
      }
      sorted = sorted.orderBy(NAME_KEY, dir);
      break;
    case "email": {
      sorted = q.select(sql<string | null>`lower(email)`.as("sort_key"));
      if (keyset) {
        const email = keyset.values[0] ?? null;
        sorted = sorted.where(
          pastKeyset(
            [NO_EMAIL, EMAIL_KEY],
            [sql`${email === null}::boolean`, sql`${email ?? ""}`],
            keyset.id,
            dir,
          ),
        );
      }
      sorted = sorted.orderBy(NO_EMAIL, dir).orderBy(EMAIL_KEY, dir);
      break;
    }
  }
  sorted = sorted.orderBy("id", dir).limit(page.limit);
  if (page.offset) sorted = sorted.offset(page.offset);
  return sorted.execute();
}

export type CustomerValues = Omit<
  CustomerRow,
  | "id"
  | "tenant_id"
  | "business_entity_id"
  | "active_id"
  | "transferred_at"
  | "created_at"
  | "updated_at"
  | "deleted_at"
  | "locked"
  | "frozen_at"
  | "frozen_reason"
  | "has_orders"
  | "personal_data_cleared_at"
  | "billing_date"
  | "address"
  | "custom_fields"
> & {
  address: string;
  custom_fields: string;
};

export async function insertCustomer(
  db: Kysely<DB>,
  row: CustomerValues & {
    id: string;
    tenant_id: string;
    business_entity_id: string;
    created_at: Date;
    updated_at: Date;
  },
): Promise<CustomerRow> {
  return db
    .insertInto("customers")
    .values({ ...row, locked: false, deleted_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCustomer(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Partial<CustomerValues> & {
    updated_at: Date;
    locked?: boolean;
    deleted_at?: Date;
    personal_data_cleared_at?: Date;
    billing_date?: number | null;
  },
): Promise<CustomerRow> {
  return db
    .updateTable("customers")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Up to `limit` live customers whose debitor account or company name is `value`. */
export async function findCustomerIdsBy(
  db: Kysely<DB>,
  tenantId: string,
  by: "debitor_account" | "company_name",
  value: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("customers")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("deleted_at", "is", null)
    .where(by, "=", value)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The external ids of the customers, by id. */
export async function externalIdsOf(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("customers")
    .select(["id", "external_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.external_id]));
}

/** The first order names the customer: from now on it cannot be deleted. */
export async function markCustomerOrdered(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .updateTable("customers")
    .set({ has_orders: true })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** The business entity of each named customer (deleted ones and copies included), by id. */
export async function customerEntities(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("customers")
    .select(["id", "business_entity_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.business_entity_id]));
}

/**
 * Moves a customer to `destinationId`, leaving a deprecated copy (a new id, `active_id` = the
 * customer) with its history in the entity it leaves.
 */
export async function transferCustomer(
  db: Kysely<DB>,
  customer: CustomerRow,
  destinationId: string,
  copyId: string,
  now: Date,
): Promise<void> {
  const {
    id: _id,
    external_id: _external,
    active_id: _active,
    transferred_at: _at,
    has_orders: _orders,
    ...fields
  } = customer;
  await db
    .insertInto("customers")
    .values({
      ...fields,
      address: toJson(customer.address),
      custom_fields: toJson(customer.custom_fields),
      id: copyId,
      external_id: null,
      active_id: customer.id,
      transferred_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .updateTable("customers")
    .set({ business_entity_id: destinationId, updated_at: now })
    .where("tenant_id", "=", customer.tenant_id)
    .where("id", "=", customer.id)
    .execute();
}

/**
 * The deprecated copies of the named customers, newest first: the copy in the entity a
 * contract leaves owns the contract's copy.
 */
export async function transferredCopies(
  db: Kysely<DB>,
  tenantId: string,
  activeIds: readonly string[],
): Promise<{ id: string; active_id: string; business_entity_id: string }[]> {
  if (activeIds.length === 0) return [];
  const rows = await db
    .selectFrom("customers")
    .select(["id", "active_id", "business_entity_id"])
    .where("tenant_id", "=", tenantId)
    .where("active_id", "in", activeIds)
    .orderBy("transferred_at", "desc")
    .execute();
  return rows.map((r) => ({ ...r, active_id: r.active_id! }));
}

/**
 * Every live customer's automatic collection setting (`id`, `tenant_id`, `auto_collection`),
 * of all tenants, for a statement that joins on `id` (the worker's collection claim).
 */
export function customerCollectionSettings(db: Kysely<DB>) {
  return db
    .selectFrom("customers")
    .select(["id", "tenant_id", "auto_collection"])
    .where("deleted_at", "is", null);
}

/** The tenant's live customers, as a subquery another module's query joins under an alias. */
/**
 * Every customer's freeze, of all tenants, for a statement that learns the tenant from what
 * it joins (a portal token): join on `id`.
 */
export function customerFreezes(db: Kysely<DB>) {
  return db.selectFrom("customers").select(["id", "frozen_at"]);
}

export function liveCustomers(db: Kysely<DB>, tenantId: string) {
  return visible(db, tenantId).selectAll();
}

/** Freezes a customer (`frozenAt` and why) or unfreezes it (`frozenAt` null). */
export async function setCustomerFrozen(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  frozen: { frozenAt: Date | null; reason: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable("customers")
    .set({ frozen_at: frozen.frozenAt, frozen_reason: frozen.reason, updated_at: frozen.now })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}
