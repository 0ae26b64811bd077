/**
 * The catalog of native event types. Every domain event a service emits (`ctx.emit`) has a
 * type listed here: webhook endpoints subscribe to these names, the event filter of an
 * endpoint is validated against them, and docs/webhooks.md lists them. Add a type here in
 * the same change that first emits it. `DomainEvent.type` is an EventType, so the compiler
 * refuses an event missing here, one built at run time (`${subject}.created`) included; a test
 * also scans the modules for "<subject>.<verb>" literals missing here.
 */
import { invalid } from "./errors.js";

export const EVENT_TYPES = {
  "api_key.created": "An API key was created (the secret is never in the event).",
  "api_key.revoked": "An API key was revoked.",
  "customer.created": "A customer was created.",
  "customer.updated": "A customer's data changed.",
  "customer.deleted": "A customer was deleted.",
  "customer.locked": "A customer was locked.",
  "customer.unlocked": "A customer was unlocked.",
  "customer.personal_data_cleared":
    "A customer's personal data was erased (its contacts too); its money records are unchanged.",
  "customer.billing_date_changed":
    "A customer's billing date was set or cleared; its running contracts renew on the new day from the end of their current billing period.",
  "customer_contact.created": "A contact was added to a customer.",
  "customer_contact.updated": "A contact of a customer changed.",
  "customer_contact.deleted": "A contact was removed from a customer.",
  "customer_hierarchy.linked": "A customer was linked under a parent customer.",
  "customer_hierarchy.unlinked": "A customer's link to its parent was removed.",
  "customer_hierarchy.updated": "Who receives or who pays a linked customer's invoices changed.",
  "customer.frozen":
    "A partner froze one of its customers: it cannot order and its contracts are not billed.",
  "customer.unfrozen":
    "A partner unfroze one of its customers: it orders again and billing catches up.",
  "partner.created": "A partner, or a reseller under a partner, was created.",
  "verification_code.sent":
    "A partner asked for a code to register a customer with an e-mail address; Accrue mailed the code to that address (the code is never in the event).",
  "budget.updated": "A partner set or changed a customer's budget.",
  "budget.threshold_crossed":
    "An order takes a customer past its budget's alert threshold (once per budget period).",
  "order.created": "An order (a signup, or a change of a contract) was created.",
  "order.succeeded": "An order succeeded: its contract exists.",
  "order.declined": "An order awaiting approval was declined.",
  "contract.created": "A contract was created by a successful order.",
  "quote.created":
    "A quote (a priced offer of a subscription, a change or one-time charges) was created.",
  "quote.updated": "An open quote was edited and priced again.",
  "quote.accepted":
    "A quote was accepted: its order was created and committed, or its invoice issued, as quoted.",
  "quote.declined": "A quote was declined.",
  "hosted_page.succeeded":
    "A customer completed a hosted page; its content names what it produced (a contract, an invoice, a payment source, payments).",
  "gift.scheduled":
    "A gift subscription was bought: the gifter was invoiced for the gifted term; the recipient can claim it from its scheduled date.",
  "gift.unclaimed":
    "A gift's scheduled date came (at once for a gift dated now): the recipient can claim it.",
  "gift.claimed":
    "A gift was claimed: the recipient's non-renewing contract for the gifted term exists (contract_id).",
  "gift.cancelled":
    "A gift was cancelled before it was claimed; the gifter's invoice was credited (credit_note_id).",
  "gift.expired": "A gift was not claimed by its claim expiry date; it can no longer be claimed.",
  "gift.updated": "A scheduled gift's date was changed.",
  "contract.changed": "A contract moved to another plan variant (an up- or downgrade).",
  "contract.ended": "A contract was given an end date (or its end date moved).",
  "contract.deleted":
    "A contract that never billed was deleted with its phases, components, discounts, rated items, usage and subscription actions.",
  "contract.term_end_changed":
    "A contract's current term end moved: the next renewal (billing periods restart from it), or the end of an ending contract.",
  "contract.phase_started":
    "The tenant's clock passed the start of a contract phase scheduled ahead (a trial's follow-up, a future change, the end); once per phase.",
  "contract.trial_ended": "A trial gave way to the next phase (with contract.phase_started).",
  "contract.trial_end_approaching": "A trial ends within the notice days (3 by default).",
  "component_subscription.created": "A component was subscribed on a contract.",
  "component_subscription.ended": "A component subscription was given an end date.",
  "component_subscription.superseded":
    "A component subscription scheduled to start at or after a change order's date was replaced by the order's quantity.",
  "discount.created": "A discount was created.",
  "coupon.created": "A coupon was created.",
  "coupon.redeemed": "A coupon was redeemed by a successful order (its redemption count rose).",
  "discount_subscription.created":
    "A discount was granted on a contract (directly, or by a coupon's order).",
  "discount_subscription.ended": "A discount subscription was given an end date.",
  "rated_item.created": "A one-off charge was added to a contract.",
  "rated_item.deleted": "A one-off charge no invoice had billed yet was deleted from a contract.",
  "component.created": "A component (a priced feature of a plan group) was created.",
  "plan.created": "A plan was created.",
  "plan_group.created": "A plan group was created.",
  "plan_variant.created": "A plan variant was created.",
  "invoice.created": "Billing (or a person) created an invoice; a draft until finalized.",
  "invoice.finalized": "An invoice was issued: it has its number, issue date and due date.",
  "invoice.voided": "An invoice was voided; its charges are billed again by the next settlement.",
  "invoice.updated":
    "An invoice's details (purchase order number, notes, billing address) changed; its number and amounts never do.",
  "invoice.deleted":
    "A draft invoice was deleted; its charges are billed again by the next settlement.",
  "invoice.imported": "An invoice another system issued was imported, issued, with its own number.",
  "credit_note.imported":
    "A credit note another system issued was imported, issued, with its own number.",
  "credit_note.created":
    "A credit note was created: by billing, when corrections outweigh the charges, or for an invoice.",
  "credit_note.finalized": "A credit note was issued with its number.",
  "credit_note.voided": "A credit note was voided.",
  "einvoice.sent":
    "An issued invoice or credit note was sent as an EN 16931 e-invoice; the event carries the e-invoice record and the URL of its XML.",
  "einvoice.failed":
    "Sending an e-invoice failed: the document lacks what EN 16931 requires (the record's message names it); resend after correcting it.",
  "credit_note.deleted": "A draft credit note was deleted.",
  "message.bounced":
    "A customer e-mail bounced: the recipient's mail system refused the address for good (when it was sent, or reported later); it is not sent again.",
  "credit_note.refunded":
    "A refund of a credit note's amount to the customer was recorded (the event carries the refund).",
  "plan_group.updated": "A plan group's name or translations changed.",
  "plan.updated": "A plan's descriptive fields (names, description, approval, hidden) changed.",
  "plan_variant.updated":
    "A plan variant's descriptive fields (names, description, external id, flags, hidden) changed.",
  "component.updated":
    "A component's descriptive fields (names, external id, unit, hidden) changed.",
  "test_clock.created": "The tenant was put on a test clock.",
  "test_clock.advanced": "The tenant's test clock moved forward.",
  "webhook_endpoint.created": "A webhook endpoint was created (the secret is never in the event).",
  "webhook_endpoint.updated": "A webhook endpoint's URL, filter, description or state changed.",
  "webhook_endpoint.secret_rotated": "A webhook endpoint's signing secret was rotated.",
  "webhook_endpoint.disabled":
    "A webhook endpoint was disabled, by a person (reason manual) or after sustained delivery failure (reason sustained_failure).",
  "webhook_endpoint.deleted": "A webhook endpoint was deleted.",
  "subscription_action.executed":
    "A subscription action ran (at once, or when its scheduled date came); its effects and the subscription's state after it.",
  "subscription_action.scheduled": "A subscription action was submitted for a later date.",
  "subscription_action.cancelled": "A scheduled subscription action was cancelled before it ran.",
  "subscription_action.rejected":
    "A scheduled subscription action came due when the subscription no longer allowed it; nothing changed.",
  "provisioning_distributor.created": "A provisioning distributor was created.",
  "contract.grace_period_ended":
    "A contract's grace period ended: deactivated when its customer still owed money (deactivation_action_id), else left as it was.",
  "contract.settlement_parked":
    "Billing stopped settling a contract after its settlement failed 5 times in a row; the contract carries the last error (settlement) until a retry.",
  "payment.succeeded": "A payment was recorded or charged and applied to open invoices.",
  "payment.failed":
    "A card or direct-debit payment was refused by the gateway; it changed no balance.",
  "payment.refunded": "A payment was refunded in full or in part (the event carries the refund).",
  "payment.deleted":
    "An offline payment applied to no invoice was deleted (the event carries it as it was).",
  "payment.authorized":
    "An amount is held on a customer's payment source by an authorization; it pays nothing until captured.",
  "payment.pending":
    "A direct debit (or another charge the gateway decides later) was accepted by the gateway; it pays nothing until the gateway's event (or a sync) tells it succeeded, and changes no balance.",
  "payment.action_required":
    "A charge made without the customer (automatic collection, a collection through the API) needs the customer: their bank asks them to authenticate it (Strong Customer Authentication, 3-D Secure). It pays nothing and counts as no failed payment until the customer confirms it in the portal (or the gateway reports how it went); collection of the invoice waits for it.",
  "payment.disputed":
    "The customer disputed a payment at their bank (a chargeback, reported by the gateway): its money was taken back, recorded as a refund with payment_method chargeback (the event carries it, with reason chargeback); the invoices it paid owe again.",
  "payment.refund_failed":
    "A refund made through a gateway did not reach the customer (reported by the gateway): the refund is failed with the gateway's reason (the event carries it); the money is the payment's again, the invoices it reopened are paid again, a credit note it paid out has the amount again.",
  "payment.dispute_reversed":
    "A chargeback was reversed by the bank or card scheme (reported by the gateway): the refund that recorded it is voided (the event carries it); the money is the payment's again and the invoices it reopened are paid again.",
  "payment.voided":
    "A held authorization was let go: voided by a person (reason voided) or its hold ran out at the gateway (reason expired).",
  "payment_source.added":
    "A card or bank account was added to a customer through a gateway (only its brand, last four digits and expiry are kept).",
  "payment_source.role_changed":
    "A payment source became the customer's primary or backup source, or lost its role.",
  "payment_source.deleted":
    "A payment source was deleted; a backup source became primary when the primary was deleted.",
  "payment_source.gateway_account_switched":
    "A payment source moved to another account of the same gateway; it is charged through that account from now on.",
  "invoice.paid":
    "An invoice owes nothing any more after a payment, or promotional credits covered it when it was issued (payment_id null).",
  "invoice.written_off": "What an invoice still owed was written off.",
  "payment.applied":
    "What a payment had left unapplied was applied to an invoice (the event carries the payment).",
  "invoice.credit_applied":
    "Available credit of a credit note was applied to an invoice (the event carries the credit note and amount).",
  "invoice.credit_note_removed":
    "A credit note's credit was taken off an invoice: the invoice owes that amount again, the credit note has it available.",
  "invoice.tax_withheld_recorded":
    "Tax the customer withheld was recorded on an invoice (the event carries the settlement).",
  "invoice.tax_withheld_removed":
    "Withheld tax recorded on an invoice in error was removed; the invoice owes it again.",
  "credit_note.tax_withheld_refunded":
    "A credit note gave withheld tax of its invoice back (the event carries the refunds).",
  "credit_note.tax_withheld_refund_removed":
    "A refund of withheld tax recorded on a credit note in error was removed.",
  "invoice.payment_removed":
    "A payment was taken off an invoice: the invoice owes that amount again, the payment has it unapplied.",
  "invoice.reopened":
    "An invoice that owed nothing owes money again (a payment taken off it or refunded).",
  "invoice.dunning_level_reached":
    "An unpaid invoice reached a dunning step (by days past issue or failed payments); once per step.",
  "invoice.dunning_stopped":
    "Dunning of an unpaid invoice was stopped: it reaches no further dunning steps.",
  "invoice.collection_failed":
    "Automatic collection of an invoice gave up: its last attempt failed with no retry left on the tenant's schedule. Dunning goes on.",
  "dunning_policy.updated":
    "The tenant's dunning steps (and the retry schedule of automatic collection, and how long a payment waits for the customer's authentication) were replaced.",
  "promotional_credits.added":
    "Promotional credits were added to a customer's balance in a currency.",
  "promotional_credits.deducted":
    "Promotional credits were deducted from a customer's balance in a currency.",
  "promotional_credits.set": "A customer's promotional credit balance in a currency was set.",
  "business_entity.created": "A business entity (a company the tenant invoices as) was created.",
  "customer.merged":
    "A customer was merged into this one: its contracts, documents, payments, payment sources, contacts and promotional credits moved here and it was deleted.",
  "customer.transferred":
    "A customer moved to another business entity; a deprecated copy stays in the source (the event carries the transfer).",
  "contract.transferred":
    "A contract followed its customer to another business entity at its renewal, start or resumption; a transferred copy stays in the source.",
  "role.created": "A role was created.",
  "role.updated": "A role's permission codes or description changed.",
  "role.deleted": "A role was deleted.",
  "fulfilment_order.created":
    "A fulfilment order was created for goods of an issued invoice (the event carries the order with its lines).",
  "fulfilment_order.imported":
    "A fulfilment order another system made was imported with its number, status and dates.",
  "fulfilment_order.updated":
    "A fulfilment order moved on (processing, complete, shipped, delivered, returned) or its tracking or shipping details changed.",
  "fulfilment_order.number_assigned": "A fulfilment order created without a number was given one.",
  "fulfilment_order.cancelled":
    "A fulfilment order was cancelled; `cancellation_credit_note_id` names the credit note issued for its amount, if any.",
  "fulfilment_order.refunded":
    "A refundable credit note was issued for a delivered or returned fulfilment order (`refund_credit_note_id`).",
  "fulfilment_order.reopened": "A cancelled fulfilment order was taken back to new.",
  "fulfilment_order.deleted":
    "A new or cancelled fulfilment order was deleted (the event carries it as it was).",
  "fulfilment_order.resent":
    "A new fulfilment order ships an order's lines again (`resent_from` names the original).",
} as const satisfies Record<string, string>;

export type EventType = keyof typeof EVENT_TYPES;

/**
 * The subjects that have an event `<subject>.<verb>`: `SubjectWith<"created">` holds "plan",
 * so `${subject}.created` of such a subject is an EventType.
 */
export type SubjectWith<Verb extends string> = {
  [E in EventType]: E extends `${infer S}.${Verb}` ? S : never;
}[EventType];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_TYPES, type);
}

/** The resource part of a type: "customer" of "customer.created". */
const resourceOf = (type: string) => type.slice(0, type.lastIndexOf("."));

const RESOURCES: ReadonlySet<string> = new Set(Object.keys(EVENT_TYPES).map(resourceOf));

/** Largest number of entries in one endpoint's event filter. */
export const MAX_FILTER_ENTRIES = 100;

/**
 * Validates an event filter and returns it without duplicates, in the given order. An entry
 * is a catalog type (`customer.created`), every type of a resource (`customer.*`), or every
 * type (`*`). An empty filter is refused: an endpoint that receives nothing is a mistake.
 */
export function normaliseEventFilter(filter: readonly string[], field = "event_types"): string[] {
  if (filter.length === 0) {
    throw invalid(
      "invalid_event_filter",
      `${field} needs at least one entry ("*" for every type)`,
      {
        field,
      },
    );
  }
  if (filter.length > MAX_FILTER_ENTRIES) {
    throw invalid("invalid_event_filter", `${field} has more than ${MAX_FILTER_ENTRIES} entries`, {
      field,
    });
  }
  for (const entry of filter) {
    const known =
      entry === "*" ||
      isEventType(entry) ||
      (entry.endsWith(".*") && RESOURCES.has(entry.slice(0, -2)));
    if (!known) {
      throw invalid("unknown_event_type", `${field} names an unknown event type "${entry}"`, {
        field,
        value: entry,
        known: Object.keys(EVENT_TYPES),
      });
    }
  }
  return [...new Set(filter)];
}

/** Whether an event of `type` passes `filter` (entries as normaliseEventFilter accepts). */
export function filterMatches(filter: readonly string[], type: string): boolean {
  return filter.some(
    (entry) => entry === "*" || entry === type || entry === `${resourceOf(type)}.*`,
  );
}
