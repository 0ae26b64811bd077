import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from "kysely";
import { containing } from "../../storage/like.js";
import type {
  CustomerBudgetsTable,
  CustomersTable,
  DB,
  PartnerCustomersTable,
  PartnersTable,
} from "../../storage/schema.js";

export type PartnerRow = Selectable<PartnersTable>;
export type BudgetRow = Selectable<CustomerBudgetsTable>;
export type PartnerCustomerRow = Selectable<PartnerCustomersTable> &
  Pick<
    Selectable<CustomersTable>,
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

function customerQuery(db: Kysely<DB>, tenantId: string, partnerId: string) {
  return db
    .selectFrom("partner_customers as pc")
    .innerJoin("customers as c", "c.id", "pc.customer_id")
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
    ])
    .where("pc.tenant_id", "=", tenantId)
    .where("pc.partner_id", "=", partnerId)
    .where("c.deleted_at", "is", null);
}

/** One of a partner's customers; `forUpdate` locks the customer row. */
export async function findPartnerCustomer(
  db: Kysely<DB>,
  tenantId: string,
  partnerId: string,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PartnerCustomerRow | undefined> {
  let q = customerQuery(db, tenantId, partnerId).where("pc.customer_id", "=", customerId);
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

function matches(filter: CustomerFilter) {
  return (eb: ExpressionBuilder<Joined, "pc" | "c">) => {
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
  };
}

type Joined = DB & { pc: DB["partner_customers"]; c: DB["customers"] };

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
  let q = customerQuery(db, tenantId, partnerId).where(matches(filter));
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
  const row = await db
    .selectFrom("partner_customers as pc")
    .innerJoin("customers as c", "c.id", "pc.customer_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("pc.tenant_id", "=", tenantId)
    .where("pc.partner_id", "=", partnerId)
    .where("c.deleted_at", "is", null)
    .where(matches(filter))
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
