/**
 * A customer's contacts (Chargebee's add_contact, update_contact, delete_contact): people
 * who receive the customer's billing or account e-mails. A change locks the customer, so
 * its contacts are counted against the limit one change at a time, and is refused on a copy
 * a transfer left behind. A deleted customer keeps its contacts, unreachable like the customer.
 */
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, nowDate } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  type ContactRow,
  countContacts,
  deleteContact as deleteRow,
  findContact,
  insertContact,
  listContacts as listRows,
  updateContact as updateRow,
} from "./contacts.repository.js";
import {
  type ContactCreateInput,
  type ContactPatch,
  type ContactSchema,
  MAX_CONTACTS,
} from "./contacts.schemas.js";
import { findCustomer } from "./customers.repository.js";
import { customerForChange } from "./customers.service.js";
import { assertEmail } from "./email-address.js";

export type Contact = Static<typeof ContactSchema>;
export type ContactCreateData = Static<typeof ContactCreateInput>;
export type ContactPatchData = Static<typeof ContactPatch>;

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    customer_id: row.customer_id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    phone: row.phone,
    label: row.label,
    send_billing_email: row.send_billing_email,
    send_account_email: row.send_account_email,
    enabled: row.enabled,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

async function loadContact(ctx: Ctx, customerId: string, id: string): Promise<ContactRow> {
  const row = await findContact(ctx.db, ctx.tenantId, customerId, id);
  if (!row)
    throw notFound("contact_not_found", `customer ${customerId} has no contact ${id}`, { id });
  return row;
}

export async function listContacts(
  ctx: Ctx,
  customerId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Contact>> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer)
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  return fetchPage(
    page.limit,
    (limit) => listRows(ctx.db, ctx.tenantId, customerId, { limit, after: page.cursor }),
    toContact,
  );
}

export async function addContact(
  ctx: Ctx,
  customerId: string,
  input: ContactCreateData,
): Promise<Contact> {
  await customerForChange(ctx, customerId);
  if ((await countContacts(ctx.db, ctx.tenantId, customerId)) >= MAX_CONTACTS) {
    throw unprocessable(
      "contact_limit_reached",
      `a customer has at most ${MAX_CONTACTS} contacts`,
      { customer_id: customerId, limit: MAX_CONTACTS },
    );
  }
  const now = nowDate(ctx);
  const row = await insertContact(ctx.db, {
    id: newId("contact"),
    tenant_id: ctx.tenantId,
    customer_id: customerId,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    email: assertEmail(input.email, "email"),
    phone: input.phone ?? null,
    label: input.label ?? null,
    send_billing_email: input.send_billing_email ?? false,
    send_account_email: input.send_account_email ?? false,
    enabled: input.enabled ?? false,
    created_at: now,
    updated_at: now,
  });
  const contact = toContact(row);
  ctx.audit({ targetType: "customer_contact", targetId: row.id, after: contact });
  await ctx.emit({
    type: "customer_contact.created",
    subjectType: "customer",
    subjectId: customerId,
    payload: contact,
  });
  return contact;
}

export async function updateContact(
  ctx: Ctx,
  customerId: string,
  id: string,
  patch: ContactPatchData,
): Promise<Contact> {
  await customerForChange(ctx, customerId);
  const before = await loadContact(ctx, customerId, id);
  if (typeof patch.email === "string") assertEmail(patch.email, "email");
  const values: Partial<Omit<ContactRow, "id" | "tenant_id" | "customer_id" | "created_at">> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (values as Record<string, unknown>)[key] = value;
  }
  const row = await updateRow(ctx.db, ctx.tenantId, id, { ...values, updated_at: nowDate(ctx) });
  const after = toContact(row);
  ctx.audit({ targetType: "customer_contact", targetId: id, before: toContact(before), after });
  await ctx.emit({
    type: "customer_contact.updated",
    subjectType: "customer",
    subjectId: customerId,
    payload: after,
  });
  return after;
}

export async function deleteContact(ctx: Ctx, customerId: string, id: string): Promise<void> {
  await customerForChange(ctx, customerId);
  const before = toContact(await loadContact(ctx, customerId, id));
  await deleteRow(ctx.db, ctx.tenantId, id);
  ctx.audit({ targetType: "customer_contact", targetId: id, before, after: null });
  await ctx.emit({
    type: "customer_contact.deleted",
    subjectType: "customer",
    subjectId: customerId,
    payload: { id, customer_id: customerId },
  });
}
