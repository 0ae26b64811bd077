/**
 * What a customer message needs besides its event, from the modules that own it: the contract
 * an event names (its customer, business entity, currency, plan), the numbers of the invoices
 * a payment pays. And the messages an operation composes itself, in its own transaction,
 * because they carry a secret no event may hold: a portal link, a verification code.
 *
 * Modules: contracts, catalog, customers, entities, invoicing, messages.
 */
import type { Kysely } from "kysely";
import { unprocessable } from "../domain/errors.js";
import { systemClock } from "../lib/clock.js";
import { newId } from "../lib/ids.js";
import { findInTenant } from "../modules/catalog/index.js";
import type { Ctx } from "../modules/context.js";
import { findContract, getContract } from "../modules/contracts/index.js";
import { billingContactEmails, type CustomerRow } from "../modules/customers/index.js";
import { defaultEntity, findEntityRow } from "../modules/entities/index.js";
import { findInvoice } from "../modules/invoicing/index.js";
import {
  type DirectContent,
  draftDirectMessages,
  insertMessages,
  type MessageEvent,
  type MessageFacts,
  messageKindFor,
  tenantTemplates,
} from "../modules/messages/index.js";
import type { DB } from "../storage/schema.js";
import { readContext } from "./unit-of-work.js";

type Payload = Record<string, unknown>;
type Phase = { type?: unknown; plan_variant_id?: unknown };

/** The plan a contract is about: its first paid phase's, else its first phase's with a plan. */
export function planVariantOf(phases: readonly Phase[]): string | null {
  const withPlan = phases.filter((p) => typeof p.plan_variant_id === "string");
  const chosen = withPlan.find((p) => p.type !== "trial") ?? withPlan[0];
  return (chosen?.plan_variant_id as string | undefined) ?? null;
}

async function planOf(
  db: Kysely<DB>,
  tenantId: string,
  variantId: string | null,
): Promise<MessageFacts["plan"]> {
  if (!variantId) return null;
  const variant = await findInTenant(db, "plan_variants", tenantId, variantId);
  const plan = variant && (await findInTenant(db, "plans", tenantId, variant.plan_id));
  return plan ? { name: plan.name, translations: plan.name_translations ?? {} } : null;
}

/** Extra facts of an event's message: what its payload does not carry. */
export type EventExtras = Pick<MessageFacts, "currency" | "invoiceNumbers" | "plan"> & {
  /** The customer of an event that names only its contract. */
  customerId: string | null;
  /** The business entity of the contract an event names. */
  entityId: string | null;
};

/** The extras of an event's message (read in the composing unit's transaction). */
export async function eventExtras(db: Kysely<DB>, event: MessageEvent): Promise<EventExtras> {
  const extras: EventExtras = { customerId: null, entityId: null };
  const kind = messageKindFor(event);
  const p = (event.payload ?? {}) as Payload;
  if (
    (kind === "trial_ending" || kind === "grace_ending" || kind === "contract_confirmation") &&
    event.subject_id
  ) {
    const contract = await findContract(db, event.tenant_id, event.subject_id);
    if (!contract) return extras;
    extras.customerId = contract.customer_id;
    extras.entityId = contract.business_entity_id;
    extras.currency = contract.currency;
    if (kind === "contract_confirmation") {
      const phases = Array.isArray(p.phases) ? (p.phases as Phase[]) : [];
      extras.plan = await planOf(db, event.tenant_id, planVariantOf(phases));
    } else if (kind === "trial_ending") {
      const ctx = readContext(db, {
        tenantId: event.tenant_id,
        actor: { type: "system", id: "messages" },
        requestId: newId("job"),
        operation: "messages.send",
        clock: systemClock,
      });
      const { phases } = await getContract(ctx, contract.id);
      extras.plan = await planOf(db, event.tenant_id, planVariantOf(phases));
    }
  }
  if (kind === "payment_succeeded" && Array.isArray(p.allocations)) {
    const numbers: string[] = [];
    for (const a of p.allocations as { invoice_id?: unknown; amount?: unknown }[]) {
      if (typeof a.invoice_id !== "string" || String(a.amount ?? "").startsWith("-")) continue;
      const number = (await findInvoice(db, event.tenant_id, a.invoice_id))?.number;
      if (number && !numbers.includes(number)) numbers.push(number);
    }
    extras.invoiceNumbers = numbers;
  }
  return extras;
}

export const customerName = (c: CustomerRow) =>
  c.company_name ?? ([c.first_name, c.last_name].filter(Boolean).join(" ") || (c.email ?? c.id));

/** A customer as a message reads it. */
export const messageCustomer = (c: CustomerRow): NonNullable<MessageFacts["customer"]> => ({
  id: c.id,
  name: customerName(c),
  locale: c.locale,
  language: c.language,
  time_zone: c.time_zone,
});

/** Where a customer's messages go: its billing contacts, else its own address. */
export async function customerRecipients(db: Kysely<DB>, c: CustomerRow): Promise<string[]> {
  const contacts = await billingContactEmails(db, c.tenant_id, c.id);
  return contacts.length > 0 ? contacts : c.email ? [c.email] : [];
}

/**
 * Queues the messages of a portal link or a verification code in the operation's own
 * transaction: the secret is written only into the message, never into an event. `id` names
 * the link or the code and stands for the message's event (one message per id and
 * recipient). Answers the messages' ids; a customer with no address to write to is refused
 * (`422 message_recipient_missing`).
 */
export async function queueDirectMessage(
  ctx: Ctx,
  input: {
    id: string;
    content: DirectContent;
    /** The customer told (a portal link), or null with the address to write to (a code). */
    customer: CustomerRow | null;
    recipient?: string;
    /** The language asked for when there is no customer. */
    language?: string | null;
    /** The sender address when the business entity has none. */
    defaultSender: string;
  },
): Promise<string[]> {
  const recipients = input.customer
    ? await customerRecipients(ctx.db, input.customer)
    : input.recipient
      ? [input.recipient]
      : [];
  if (recipients.length === 0) {
    throw unprocessable(
      "message_recipient_missing",
      "the customer has no e-mail address and no billing contact to send the message to",
      { customer_id: input.customer?.id ?? null },
    );
  }
  const entity = input.customer
    ? await findEntityRow(ctx.db, ctx.tenantId, input.customer.business_entity_id)
    : await defaultEntity(ctx.db, ctx.tenantId);
  const facts: MessageFacts = {
    customer: input.customer ? messageCustomer(input.customer) : null,
    language: input.language ?? null,
    recipients,
    sender: { name: entity?.name ?? "Accrue", address: entity?.email || input.defaultSender },
    entityId: entity?.id ?? null,
  };
  const rows = draftDirectMessages(
    { id: input.id, tenant_id: ctx.tenantId, content: input.content },
    facts,
    // delivery runs on real time (as webhook delivery does), not the tenant's clock
    { now: new Date(), templates: await tenantTemplates(ctx.db, ctx.tenantId) },
  );
  await insertMessages(ctx.db, rows);
  return rows.map((r) => r.id as string);
}
