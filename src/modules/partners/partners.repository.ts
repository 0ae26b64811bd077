import type { Expression, Insertable, Kysely, Selectable, SqlBool, Updateable } from "kysely";
import { containing } from "../../storage/like.js";
import type {
  CustomerBudgetsTable,
  DB,
  PartnerCustomersTable,
  PartnersTable,
  VerificationCodesTable,
} from "../../storage/schema.js";
import { type CustomerRow, liveCustomers } from "../customers/index.js";
import { invoicesAsI } from "../invoicing/index.js";

export type PartnerRow = Selectable<PartnersTable>;
export type BudgetRow = Selectable<CustomerBudgetsTable>;
export type VerificationCodeRow = Selectable<VerificationCodesTable>;
export type PartnerCustomerRow = Selectable<PartnerCustomersTable> &
  Pick<
    CustomerRow,
    | "email"
    | "company_name"
    | "first_name"
    | "last_name"
    | "address"
    | "frozen_at"
    | "frozen_reason"
    | "created_at"
  >;

/** The one place partners are scoped to a tenant. */
export async function findPartner(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<PartnerRow | undefined> {
  return db
    .selectFrom("partners")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertPartner(
  db: Kysely<DB>,
  row: Insertable<PartnersTable>,
): Promise<PartnerRow> {
  return db.insertInto("partners").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listPartnerRows(
  db: Kysely<DB>,
  tenantId: string,
  filter: {
    parentId?: string | undefined;
    name?: string | undefined;
    after?: string | undefined;
    offset?: number | undefined;
    limit: number;
  },
): Promise<{ rows: PartnerRow[]; count: number | null }> {
  let q = db.selectFrom("partners").where("tenant_id", "=", tenantId);
  if (filter.parentId !== undefined) q = q.where("parent_id", "=", filter.parentId);
  if (filter.name) q = q.where("name", "ilike", containing(filter.name));
  let page = q.selectAll().orderBy("id").limit(filter.limit);
  if (filter.after) page = page.where("id", ">", filter.after);
  if (filter.offset) page = page.offset(filter.offset);
  const rows = await page.execute();
  return { rows, count: null };
}

/** The ids of a partner's customers, as a subquery (`customer_id`). */
export function partnerCustomerIds(db: Kysely<DB>, tenantId: string, partnerId: string) {
  return db
    .selectFrom("partner_customers")
    .select("customer_id")
    .where("tenant_id", "=", tenantId)
    .where("partner_id", "=", partnerId);
}

/** A partner's customers, each joined with its live customer record as `c`. */
function joined(db: Kysely<DB>, tenantId: string, partnerId: string) {
  return db
    .selectFrom("partner_customers as pc")
    .innerJoin(liveCustomers(db, tenantId).as("c"), "c.id", "pc.customer_id")
    .where("pc.tenant_id", "=", tenantId)
    .where("pc.partner_id", "=", partnerId);
}

type Joined = ReturnType<typeof joined>;

/** The columns of a partner's customer. */
function customerColumns(q: Joined) {
  return q
    .selectAll("pc")
    .select([
      "c.email",
      "c.company_name",
      "c.first_name",
      "c.last_name",
      "c.address",
      "c.frozen_at",
      "c.frozen_reason",
      "c.created_at",
    ]);
}

/** One of a partner's customers; `forUpdate` locks the customer row. */
export async function findPartnerCustomer(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PartnerCustomerRow | undefined> {
  let q = customerColumns(joined(db, tenantId, partnerId)).where("pc.customer_id", "=", customerId);
  if (options.forUpdate) q = q.forUpdate("c");
  return q.executeTakeFirst();
}

export type CustomerFilter = {
  accountName?: string | undefined;
  name?: string | undefined;
  frozen?: boolean | undefined;
  associatedFrom?: Date | undefined;
  associatedTo?: Date | undefined;
};

function matching(q: Joined, filter: CustomerFilter): Joined {
  return q.where((eb) => {
    const all: Expression<SqlBool>[] = [];
    if (filter.accountName) {
      all.push(eb("pc.account_name", "ilike", containing(filter.accountName)));
    }
    if (filter.name) {
      const like = containing(filter.name);
      all.push(
        eb.or([
          eb("c.company_name", "ilike", like),
          eb("c.first_name", "ilike", like),
          eb("c.last_name", "ilike", like),
        ]),
      );
    }
    if (filter.frozen !== undefined) {
      all.push(eb("c.frozen_at", filter.frozen ? "is not" : "is", null));
    }
    if (filter.associatedFrom) all.push(eb("pc.associated_at", ">=", filter.associatedFrom));
    if (filter.associatedTo) all.push(eb("pc.associated_at", "<=", filter.associatedTo));
    return eb.and(all);
  });
}

export async function listPartnerCustomerRows(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  filter: CustomerFilter & {
    after?: string | undefined;
    offset?: number | undefined;
    limit: number;
  },
): Promise<PartnerCustomerRow[]> {
  let q = customerColumns(matching(joined(db, tenantId, partnerId), filter));
  if (filter.after) q = q.where("pc.customer_id", ">", filter.after);
  let page = q.orderBy("pc.customer_id").limit(filter.limit);
  if (filter.offset) page = page.offset(filter.offset);
  return page.execute();
}

export async function countPartnerCustomers(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  filter: CustomerFilter,
): Promise<number> {
  const row = await matching(joined(db, tenantId, partnerId), filter)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findBudget(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<BudgetRow | undefined> {
  let q = db
    .selectFrom("customer_budgets")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Whether a live customer of the tenant's partners already uses this name, e-mail or mobile. */
export async function identityTaken(
  db: Kysely<DB>,
  tenantId: string,
  type: "email" | "mobile" | "name",
  value: string,
): Promise<boolean> {
  let q = db
    .selectFrom("partner_customers as pc")
    .innerJoin(liveCustomers(db, tenantId).as("c"), "c.id", "pc.customer_id")
    .select("pc.customer_id")
    .where("pc.tenant_id", "=", tenantId);
  if (type === "name") {
    q = q.where((eb) => eb(eb.fn("lower", ["pc.account_name"]), "=", value.toLowerCase()));
  } else if (type === "email") {
    q = q.where((eb) => eb(eb.fn("lower", ["c.email"]), "=", value.toLowerCase()));
  } else {
    q = q.where("pc.mobile", "=", value);
  }
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

export async function insertPartnerCustomer(
  db: Kysely<DB>,
  row: Insertable<PartnerCustomersTable>,
): Promise<void> {
  await db.insertInto("partner_customers").values(row).execute();
}

// ---- verification codes -------------------------------------------------------------------

export async function insertVerificationCode(
  db: Kysely<DB>,
  row: Insertable<VerificationCodesTable>,
): Promise<VerificationCodeRow> {
  return db.insertInto("verification_codes").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The newest code for this partner and address that is unused and live at `now`, locked. */
export async function lockLiveVerificationCode(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  email: string,
  now: Date,
): Promise<VerificationCodeRow | undefined> {
  return db
    .selectFrom("verification_codes")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("partner_id", "=", partnerId)
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function markVerificationCodeUsed(
  db: Kysely<DB>,
  id: string,
  at: Date,
): Promise<void> {
  await db.updateTable("verification_codes").set({ used_at: at }).where("id", "=", id).execute();
}

// ---- budgets ------------------------------------------------------------------------------

/** Stores a customer's budget: `row` when it has none, else `update` over the one it has. */
export async function upsertBudget(
  db: Kysely<DB>,
  row: Insertable<CustomerBudgetsTable>,
  update: Updateable<CustomerBudgetsTable>,
): Promise<BudgetRow> {
  return db
    .insertInto("customer_budgets")
    .values(row)
    .onConflict((oc) => oc.column("customer_id").doUpdateSet(update))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records that the budget's alert went out for `period`. */
export async function markBudgetAlerted(
  db: Kysely<DB>,
  customerId: string,
  period: string,
): Promise<void> {
  await db
    .updateTable("customer_budgets")
    .set({ alerted_period: period })
    .where("customer_id", "=", customerId)
    .execute();
}

/** What a customer's documents (not void) in `currency` add up to since `from` (minor units). */
export async function documentsTotalSince(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  currency: string,
  from: string,
): Promise<bigint> {
  const row = await invoicesAsI(db)
    .select((eb) =>
      eb.fn
        .coalesce(
          eb.fn.sum<string>(
            eb
              .case()
              .when("kind", "=", "credit_note")
              .then(eb.neg(eb.ref("total_gross")))
              .else(eb.ref("total_gross"))
              .end(),
          ),
          eb.val("0"),
        )
        .as("used"),
    )
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("currency", "=", currency)
    .where("status", "<>", "void")
    .where("issue_date", ">=", from)
    .executeTakeFirstOrThrow();
  return BigInt(row.used);
}

// ---- bill summary -------------------------------------------------------------------------

/** A partner's customers' documents (not void) issued in [from, next), per currency and kind. */
export async function partnerDocumentTotals(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  from: string,
  next: string,
) {
  return invoicesAsI(db)
    .innerJoin("partner_customers as pc", "pc.customer_id", "i.customer_id")
    .select((eb) => [
      "i.currency",
      "i.kind",
      eb.fn.sum<string>("i.total_gross").as("gross"),
      eb.fn.sum<string>("i.total_tax").as("tax"),
      eb.fn.countAll<string>().as("n"),
    ])
    .where("i.tenant_id", "=", tenantId)
    .where("pc.tenant_id", "=", tenantId)
    .where("pc.partner_id", "=", partnerId)
    .where("i.status", "<>", "void")
    .where("i.issue_date", ">=", from)
    .where("i.issue_date", "<", next)
    .groupBy(["i.currency", "i.kind"])
    .orderBy("i.currency")
    .execute();
}

/** Per currency, how many of a partner's customers have documents (not void) in [from, next). */
export async function partnerCustomerCountsByCurrency(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  from: string,
  next: string,
) {
  return invoicesAsI(db)
    .innerJoin("partner_customers as pc", "pc.customer_id", "i.customer_id")
    .select((eb) => ["i.currency", eb.fn.count<string>("i.customer_id").distinct().as("n")])
    .where("i.tenant_id", "=", tenantId)
    .where("pc.partner_id", "=", partnerId)
    .where("i.status", "<>", "void")
    .where("i.issue_date", ">=", from)
    .where("i.issue_date", "<", next)
    .groupBy("i.currency")
    .execute();
}

/** The partner a customer is registered under, if any. */
export async function partnerOfCustomer(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("partner_customers")
    .select("partner_id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return row?.partner_id;
}
