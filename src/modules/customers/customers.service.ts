/**
 * Customers: create, read, replace (PUT), partial update (PATCH, merge-patch semantics for
 * address and custom fields), delete while deletable (soft: the row stays for the books),
 * lock and unlock. Timestamps come from the tenant's clock.
 */
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import type { EventType } from "../../domain/events.js";
import { isId } from "../../domain/ids.js";
import { assertTimeZone } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { Address } from "../../storage/schema.js";
import { type Ctx, nowDate } from "../context.js";
import { entityForNewRecord } from "../entities/index.js";
import { type CursorValueShape, fetchPage, type Page, pagingFor } from "../pagination.js";
import { countContacts, deleteContactsOf, reassignContacts } from "./contacts.repository.js";
import { MAX_CONTACTS } from "./contacts.schemas.js";
import {
  type CustomerRow,
  type CustomerSort,
  type CustomerValues,
  countCustomerRows,
  findByExternalId,
  findCustomer,
  findCustomerView,
  insertCustomer,
  type ListedCustomer,
  listCustomers as listRows,
  markCustomerOrdered,
  updateCustomer,
} from "./customers.repository.js";
import type {
  CustomerBillingInfoInput,
  CustomerInput,
  CustomerPatch,
  CustomerSchema,
} from "./customers.schemas.js";
import { assertEmail } from "./email-address.js";
import { inHierarchy } from "./hierarchy.repository.js";

export type Customer = Static<typeof CustomerSchema>;
export type CustomerInputData = Static<typeof CustomerInput>;
export type CustomerPatchData = Static<typeof CustomerPatch>;
export type CustomerBillingInfoData = Static<typeof CustomerBillingInfoInput>;

export function displayName(
  row: Pick<CustomerRow, "company_name" | "first_name" | "last_name" | "email">,
): string {
  if (row.company_name) return row.company_name;
  const person = [row.first_name, row.last_name].filter(Boolean).join(" ");
  return person || row.email || "";
}

export function toCustomer(row: CustomerRow, deletable: boolean): Customer {
  return {
    id: row.id,
    external_id: row.external_id,
    debitor_account: row.debitor_account,
    company_name: row.company_name,
    first_name: row.first_name,
    last_name: row.last_name,
    display_name: displayName(row),
    email: row.email,
    language: row.language,
    locale: row.locale,
    vat_id: row.vat_id,
    tag: row.tag,
    customer_type: row.customer_type,
    time_zone: row.time_zone,
    default_bearer_medium: row.default_bearer_medium,
    einvoicing: row.einvoicing,
    einvoice_scheme: row.einvoice_scheme,
    einvoice_endpoint_id: row.einvoice_endpoint_id,
    address: row.address,
    custom_fields: row.custom_fields as Customer["custom_fields"],
    hidden: row.hidden,
    auto_collection: row.auto_collection,
    locked: row.locked,
    deletable,
    business_entity_id: row.business_entity_id,
    active_id: row.active_id,
    personal_data_cleared_at: row.personal_data_cleared_at?.toISOString() ?? null,
    billing_date: row.billing_date,
    billing_date_mode: row.billing_date === null ? "using_defaults" : "manually_set",
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Full set of stored values for a create or a replace: absent fields take their defaults. */
function valuesFrom(input: CustomerInputData): CustomerValues {
  return {
    external_id: input.external_id ?? null,
    debitor_account: input.debitor_account ?? null,
    company_name: input.company_name ?? null,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    email: input.email == null ? null : assertEmail(input.email, "email"),
    language: input.language ?? null,
    locale: input.locale ?? null,
    vat_id: input.vat_id ?? null,
    tag: input.tag ?? null,
    customer_type: input.customer_type ?? "consumer",
    time_zone: assertTimeZone(input.time_zone ?? "UTC"),
    default_bearer_medium: input.default_bearer_medium ?? null,
    einvoicing: input.einvoicing ?? false,
    einvoice_scheme: input.einvoice_scheme ?? null,
    einvoice_endpoint_id: input.einvoice_endpoint_id ?? null,
    hidden: input.hidden ?? false,
    auto_collection: input.auto_collection ?? "on",
    address: toJson(input.address ?? {}),
    custom_fields: toJson(input.custom_fields ?? {}),
  };
}

/** RFC 7396 merge patch of a flat object: null removes a key. */
function mergePatch<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

async function assertExternalIdFree(ctx: Ctx, externalId: string | null, self?: string) {
  if (!externalId) return;
  const other = await findByExternalId(ctx.db, ctx.tenantId, externalId);
  if (other && other.id !== self) {
    throw conflict("external_id_taken", `another customer has external_id "${externalId}"`, {
      field: "external_id",
      customer_id: other.id,
    });
  }
}

/** A customer about to change: locked, and checked against the transfer rules. */
async function load(ctx: Ctx, id: string, forUpdate = false): Promise<CustomerRow> {
  const row = await findCustomer(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("customer_not_found", `no customer ${id}`, { id });
  if (forUpdate) await ctx.guard({ kind: "customer", row });
  return row;
}

/** A customer about to change: locked, and checked against the transfer rules. */
export const customerForChange = (ctx: Ctx, id: string): Promise<CustomerRow> =>
  load(ctx, id, true);

export async function createCustomer(
  ctx: Ctx,
  input: CustomerInputData & { business_entity_id?: string | undefined },
): Promise<Customer> {
  const { business_entity_id: entityId, ...fields } = input;
  const values = valuesFrom(fields);
  await assertExternalIdFree(ctx, values.external_id);
  const entity = await entityForNewRecord(ctx, entityId, "business_entity_id");
  const now = nowDate(ctx);
  const row = await insertCustomer(ctx.db, {
    ...values,
    id: newId("customer"),
    tenant_id: ctx.tenantId,
    business_entity_id: entity.id,
    created_at: now,
    updated_at: now,
  });
  const customer = toCustomer(row, !row.has_orders);
  ctx.audit({ targetType: "customer", targetId: row.id, after: customer });
  await ctx.emit({
    type: "customer.created",
    subjectType: "customer",
    subjectId: row.id,
    payload: customer,
  });
  return customer;
}

export async function getCustomer(ctx: Ctx, id: string): Promise<Customer> {
  const row = await findCustomerView(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("customer_not_found", `no customer ${id}`, { id });
  return toCustomer(row, !row.has_orders);
}

/** What a cursor of the list by name or e-mail holds (a tampered one is refused, not run). */
const SORT_VALUES: Record<Exclude<CustomerSort, "created">, CursorValueShape[]> = {
  name: [/^[\s\S]{0,1000}$/],
  email: [{ orNull: /^[\s\S]{1,1000}$/ }],
};

/**
 * A page of the tenant's customers in the order `sort` and `order` name (by creation,
 * ascending, when absent). A list by creation pages by id; by name or e-mail by an opaque
 * keyset cursor, refused for another sort or direction.
 */
export async function listCustomers(
  ctx: Ctx,
  page: {
    limit: number;
    cursor?: string | undefined;
    externalId?: string | undefined;
    email?: string | undefined;
    search?: string | undefined;
    offset?: number | undefined;
    sort?: CustomerSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Also count the customers the filters hold (one COUNT query more). */
    includeTotal?: boolean | undefined;
  },
): Promise<Page<Customer> & { total_count?: number }> {
  const sort = page.sort ?? "created";
  const order = page.order ?? "asc";
  const paging = pagingFor({
    cursor: page.cursor,
    sort,
    order,
    shapes: SORT_VALUES,
    isPlainId: (c) => isId("customer", c),
    valuesOf: (_sort, row: ListedCustomer) => [row.sort_key ?? null],
  });
  const filter = { externalId: page.externalId, email: page.email, search: page.search };
  const listed = await fetchPage(
    page.limit,
    (limit) =>
      listRows(ctx.db, ctx.tenantId, {
        ...filter,
        limit,
        after: paging.idCursor,
        keyset: paging.after,
        sort,
        order,
        offset: page.offset,
      }),
    (r) => toCustomer(r, !r.has_orders),
    paging.cursorOf,
  );
  if (!page.includeTotal) return listed;
  return { ...listed, total_count: await countCustomerRows(ctx.db, ctx.tenantId, filter) };
}

async function write(
  ctx: Ctx,
  before: CustomerRow,
  values: Parameters<typeof updateCustomer>[3],
  event: EventType,
): Promise<Customer> {
  const row = await updateCustomer(ctx.db, ctx.tenantId, before.id, values);
  const deletable = !row.has_orders;
  const after = toCustomer(row, deletable);
  ctx.audit({
    targetType: "customer",
    targetId: row.id,
    before: toCustomer(before, deletable),
    after,
  });
  await ctx.emit({ type: event, subjectType: "customer", subjectId: row.id, payload: after });
  return after;
}

/** PUT: the input is the whole customer; fields it leaves out are cleared. */
export async function replaceCustomer(
  ctx: Ctx,
  id: string,
  input: CustomerInputData,
): Promise<Customer> {
  const before = await load(ctx, id, true);
  const values = valuesFrom(input);
  await assertExternalIdFree(ctx, values.external_id, id);
  return write(ctx, before, { ...values, updated_at: nowDate(ctx) }, "customer.updated");
}

/** PATCH: only the given fields change; null clears one; address and custom_fields merge. */
export async function patchCustomer(
  ctx: Ctx,
  id: string,
  patch: CustomerPatchData,
): Promise<Customer> {
  const before = await load(ctx, id, true);
  const values: Partial<CustomerValues> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || key === "address" || key === "custom_fields") continue;
    (values as Record<string, unknown>)[key] = value;
  }
  if (typeof patch.email === "string") assertEmail(patch.email, "email");
  if (patch.time_zone !== undefined) values.time_zone = assertTimeZone(patch.time_zone);
  if (patch.address !== undefined) {
    values.address = toJson(
      mergePatch<Address>(before.address, patch.address as Record<string, unknown>),
    );
  }
  if (patch.custom_fields !== undefined) {
    values.custom_fields = toJson(mergePatch(before.custom_fields, patch.custom_fields));
  }
  if (values.external_id !== undefined) await assertExternalIdFree(ctx, values.external_id, id);
  return write(ctx, before, { ...values, updated_at: nowDate(ctx) }, "customer.updated");
}

/**
 * The billing information alone (Chargebee's update_billing_info): the fields given change,
 * null clears one, and an address given replaces the whole address.
 */
export async function updateBillingInfo(
  ctx: Ctx,
  id: string,
  input: CustomerBillingInfoData,
): Promise<Customer> {
  const before = await load(ctx, id, true);
  const values: Partial<CustomerValues> = {};
  if (input.vat_id !== undefined) values.vat_id = input.vat_id;
  if (input.customer_type !== undefined) values.customer_type = input.customer_type;
  if (input.language !== undefined) values.language = input.language;
  if (input.locale !== undefined) values.locale = input.locale;
  if (input.address !== undefined) values.address = toJson(input.address);
  return write(ctx, before, { ...values, updated_at: nowDate(ctx) }, "customer.updated");
}

/** The earliest and latest billing date: days every month has. */
export const BILLING_DATES = { min: 1, max: 28 } as const;

/** A billing date (day of the month) every month has, else 422 `billing_date_out_of_range`. */
export function assertBillingDate(day: number): number {
  if (!Number.isInteger(day) || day < BILLING_DATES.min || day > BILLING_DATES.max) {
    throw unprocessable(
      "billing_date_out_of_range",
      `the billing date must be a day from ${BILLING_DATES.min} to ${BILLING_DATES.max}, which every month has`,
      { field: "billing_date", min: BILLING_DATES.min, max: BILLING_DATES.max },
    );
  }
  return day;
}

/**
 * Sets (or, with null, clears) the billing date of a customer locked by `customerForChange`
 * (Chargebee's change_billing_date); the contracts are re-anchored by the workflow.
 */
export async function setBillingDate(
  ctx: Ctx,
  before: CustomerRow,
  billingDate: number | null,
): Promise<Customer> {
  return write(
    ctx,
    before,
    { billing_date: billingDate, updated_at: nowDate(ctx) },
    "customer.updated",
  );
}

/** The address alone (Chargebee's address_update): replaced whole; lines left out are removed. */
export async function updateAddress(ctx: Ctx, id: string, address: Address): Promise<Customer> {
  const before = await load(ctx, id, true);
  return write(
    ctx,
    before,
    { address: toJson(address), updated_at: nowDate(ctx) },
    "customer.updated",
  );
}

export async function deleteCustomer(ctx: Ctx, id: string): Promise<void> {
  const before = await load(ctx, id, true);
  // an order names it (every contract comes from one, so orders cover contracts too)
  if (before.has_orders) {
    throw unprocessable(
      "customer_not_deletable",
      "the customer has contracts, orders or invoices and cannot be deleted",
      { id },
    );
  }
  if (await inHierarchy(ctx.db, ctx.tenantId, id)) {
    throw unprocessable(
      "customer_in_hierarchy",
      "the customer has a parent or children; unlink them first",
      { id },
    );
  }
  const now = nowDate(ctx);
  await updateCustomer(ctx.db, ctx.tenantId, id, { updated_at: now, deleted_at: now });
  ctx.audit({
    targetType: "customer",
    targetId: id,
    before: toCustomer(before, true),
    after: null,
  });
  await ctx.emit({
    type: "customer.deleted",
    subjectType: "customer",
    subjectId: id,
    payload: { id },
  });
}

export async function setCustomerLocked(ctx: Ctx, id: string, locked: boolean): Promise<Customer> {
  const before = await load(ctx, id, true);
  if (before.locked === locked) {
    throw unprocessable(
      locked ? "customer_already_locked" : "customer_not_locked",
      locked ? `customer ${id} is already locked` : `customer ${id} is not locked`,
      { id },
    );
  }
  return write(
    ctx,
    before,
    { locked, updated_at: nowDate(ctx) },
    locked ? "customer.locked" : "customer.unlocked",
  );
}

/**
 * Erases a customer's personal data (GDPR): names, e-mail, tag and custom fields, and for a
 * consumer also the company name, VAT id, e-invoicing address and address lines (the country
 * stays, for tax);
 * its contacts are deleted. What accounting needs stays: ids, debitor account, language,
 * time zone, a business customer's company data, and every invoice, payment and credit
 * (issued documents keep their own party snapshot). Repeating it erases again what was
 * added since. The audit record names the fields cleared, never their values.
 */
export async function clearPersonalData(ctx: Ctx, id: string): Promise<Customer> {
  const before = await load(ctx, id, true);
  const consumer = before.customer_type === "consumer";
  const values: Partial<CustomerValues> = {
    first_name: null,
    last_name: null,
    email: null,
    tag: null,
    custom_fields: toJson({}),
  };
  if (consumer) {
    values.company_name = null;
    values.vat_id = null;
    values.einvoice_endpoint_id = null;
    values.address = toJson(before.address.country ? { country: before.address.country } : {});
  }
  const cleared = Object.keys(values).filter((key) => {
    const old = before[key as keyof CustomerRow];
    if (key === "custom_fields") return Object.keys(before.custom_fields).length > 0;
    if (key === "address") return Object.keys(before.address).some((k) => k !== "country");
    return old !== null;
  });
  const contactsDeleted = await deleteContactsOf(ctx.db, ctx.tenantId, id);
  const now = nowDate(ctx);
  const row = await updateCustomer(ctx.db, ctx.tenantId, id, {
    ...values,
    personal_data_cleared_at: now,
    updated_at: now,
  });
  const after = toCustomer(row, !row.has_orders);
  ctx.audit({
    targetType: "customer",
    targetId: id,
    before: {
      personal_data_cleared_at: before.personal_data_cleared_at?.toISOString() ?? null,
    },
    after: {
      personal_data_cleared_at: after.personal_data_cleared_at,
      fields_cleared: cleared,
      contacts_deleted: contactsDeleted,
    },
  });
  await ctx.emit({
    type: "customer.personal_data_cleared",
    subjectType: "customer",
    subjectId: id,
    payload: after,
  });
  return after;
}

/**
 * Closes customer `from` merged into `into` (both locked by the caller): its contacts move to
 * `into` (at most MAX_CONTACTS together), `into` takes its orders' mark, and `from` is deleted.
 * Answers how many contacts moved.
 */
export async function closeMergedCustomer(
  ctx: Ctx,
  from: CustomerRow,
  into: CustomerRow,
): Promise<number> {
  const together =
    (await countContacts(ctx.db, ctx.tenantId, from.id)) +
    (await countContacts(ctx.db, ctx.tenantId, into.id));
  if (together > MAX_CONTACTS) {
    throw unprocessable(
      "customers_not_mergeable",
      `together the customers have ${together} contacts; a customer has at most ${MAX_CONTACTS}`,
      { reason: "contact_limit", limit: MAX_CONTACTS },
    );
  }
  const contacts = await reassignContacts(ctx.db, ctx.tenantId, from.id, into.id);
  if (from.has_orders && !into.has_orders) await markCustomerOrdered(ctx.db, ctx.tenantId, into.id);
  const now = nowDate(ctx);
  await updateCustomer(ctx.db, ctx.tenantId, from.id, { updated_at: now, deleted_at: now });
  return contacts;
}
