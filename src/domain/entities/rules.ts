/**
 * Chargebee's Multi Business Entity restrictions (seed 000) as data: which operations may
 * still run on records a customer transfer left in the source entity. Pure: no I/O.
 *
 * A record is in one of two states once its customer moved to another entity:
 * - intermediate: the customer moved, but the record's contract still runs its current term
 *   in the source entity (it moves at its next renewal, start or resumption);
 * - transferred: the contract moved too (the record is the copy left behind, or history of a
 *   contract that moved).
 * Records of a customer that never moved are in no state; nothing here applies to them.
 */
export type TransferState = "intermediate" | "transferred";
export type Permission = "allowed" | "not_allowed" | "partial";

/** Every row of seed 000, keyed `category.operation` (rows per state merged into one). */
export const SEED_RULES = {
  "customers.customer_create": "allowed",
  "customers.customer_update": "not_allowed",
  "customers.customer_update_payment_method": "not_allowed",
  "customers.customer_update_billing": "not_allowed",
  "customers.assign_payment_role": "allowed",
  "customers.add_contact": "not_allowed",
  "customers.update_contact": "not_allowed",
  "customers.delete_contact": "not_allowed",
  "customers.add_promotional_credits": "not_allowed",
  "customers.deduct_promotional_credits": "not_allowed",
  "customers.set_promotional_credits": "not_allowed",
  "customers.record_excess_payment": "not_allowed",
  "customers.customer_collect_payment": "not_allowed",
  "customers.delete": "not_allowed",
  "customers.move": "allowed",
  "customers.change_billing_date": "not_allowed",
  "customers.merge_customers": "partial",
  "customers.customer_clear_personal_data": "allowed",
  "customers.link_a_customer": "not_allowed",
  "customers.delete_relationship": "not_allowed",
  "customers.update_hierarchy_settings": "not_allowed",
  "subscriptions.sub_create_item": "not_allowed",
  "subscriptions.remove_scheduled_changes": "not_allowed",
  "subscriptions.remove_scheduled_cancellation_ep": "not_allowed",
  "subscriptions.remove_coupons": "not_allowed",
  "subscriptions.sub_update_for_items": "not_allowed",
  "subscriptions.change_term_end": "not_allowed",
  "subscriptions.reactivate_subscription": "not_allowed",
  "subscriptions.add_charge_at_term_end": "not_allowed",
  "subscriptions.charge_future_renewals": "not_allowed",
  "subscriptions.edit_advance_invoice_schedule": "not_allowed",
  "subscriptions.remove_advance_invoice_schedule": "not_allowed",
  "subscriptions.regenerate_invoice": "not_allowed",
  "subscriptions.import_contract_term": "not_allowed",
  "subscriptions.import_unbilled_charges": "not_allowed",
  "subscriptions.delete_subscription": "not_allowed",
  "subscriptions.pause": "not_allowed",
  "subscriptions.cancel_for_items": "not_allowed",
  "subscriptions.resume_subscription": { intermediate: "allowed", transferred: "not_allowed" },
  "subscriptions.remove_scheduled_pause": "not_allowed",
  "subscriptions.remove_scheduled_resumption": "not_allowed",
  "invoices.update_invoice": "not_allowed",
  "invoices.record_payment": "allowed",
  "invoices.record_refund": "not_allowed",
  "invoices.create_for_charge_items_and_charges": "not_allowed",
  "invoices.stop_dunning": "not_allowed",
  "invoices.import_invoice": "not_allowed",
  "invoices.invoice_apply_payments": "allowed",
  "invoices.sync_usages": "not_allowed",
  "invoices.delete_line_items": "not_allowed",
  "invoices.invoice_apply_credits": "not_allowed",
  "invoices.add_charge_pending": "not_allowed",
  "invoices.add_charge_item": "not_allowed",
  "invoices.close_now": "allowed",
  "invoices.collect_payment": "allowed",
  "invoices.record_tax_withheld": "not_allowed",
  "invoices.remove_tax_withheld": "not_allowed",
  "invoices.refund_invoice": "not_allowed",
  "invoices.remove_payment": "not_allowed",
  "invoices.remove_credit_note": "not_allowed",
  "invoices.void_invoice": "not_allowed",
  "invoices.write_off": "not_allowed",
  "invoices.delete_invoice": "not_allowed",
  "invoices.resend_einvoice": "not_allowed",
  "invoices.send_einvoice": "not_allowed",
  "credit_notes.create_credit_note": "not_allowed",
  "credit_notes.refund": "allowed",
  "credit_notes.import_credit_note": "not_allowed",
  "credit_notes.record_refund": "allowed",
  "credit_notes.void": "not_allowed",
  "credit_notes.delete": "not_allowed",
  "credit_notes.remove_tax_withheld_refund": "not_allowed",
  "credit_notes.resend_einvoice": "not_allowed",
  "credit_notes.send_einvoice": "not_allowed",
  "quotes.update_sub_items_quote": "not_allowed",
  "quotes.one_time_charge_items_quote": "not_allowed",
  "quotes.create_sub_items_quote": "not_allowed",
  "promotional_credits.add": "not_allowed",
  "promotional_credits.deduct": "not_allowed",
  "promotional_credits.set": "not_allowed",
  "addresses.address_update": "not_allowed",
  "usages.create_usage": { intermediate: "allowed", transferred: "not_allowed" },
  "usages.delete_usage": { intermediate: "allowed", transferred: "not_allowed" },
  "unbilled_charges.unbilled_charges_create_for_items": "not_allowed",
  "unbilled_charges.invoice_unbilled_charges": "not_allowed",
  "unbilled_charges.delete": "not_allowed",
  "unbilled_charges.invoice_now_estimate": "not_allowed",
  "estimates.estimate_createsub_for_item_with_customer": "allowed",
  "estimates.estimate_createsub_for_customer": "not_allowed",
  "estimates.estimate_createsub_for_item": "allowed",
  "estimates.estimate_updatesub_for_items": "not_allowed",
  "estimates.advance_invoice_estimate": "not_allowed",
  "estimates.regenerate_invoice_estimate": "not_allowed",
  "estimates.upcoming_invoice_for_cmrr": "not_allowed",
  "estimates.change_term_end_estimate": "not_allowed",
  "estimates.cancel_subscription_for_items_estimate": "not_allowed",
  "estimates.pause_subscription_estimate": "not_allowed",
  "estimates.resume_subscription_estimate": "allowed",
  "estimates.gift_subscription_for_items": "not_allowed",
  "estimates.create_invoice_for_items": "not_allowed",
  "transactions.create_an_authorization_payment": "allowed",
  "transactions.cancel_an_authorization_payment": "allowed",
  "transactions.sync_transaction": "allowed",
  "transactions.record_refund": "not_allowed",
  "transactions.refund_transaction": "not_allowed",
  "transactions.delete_offline_transaction": "not_allowed",
  "hosted_pages.checkout_one_time": "not_allowed",
  "hosted_pages.checkout_one_time_for_items": "not_allowed",
  "hosted_pages.checkout_new_for_items": "not_allowed",
  "hosted_pages.checkout_existing_for_items": "not_allowed",
  "hosted_pages.manage_payments": "allowed",
  "hosted_pages.update_payment_method_hp": "allowed",
  "hosted_pages.collect_unpaid_invoices": "allowed",
  "hosted_pages.accept_quote": "not_allowed",
  "hosted_pages.extend_subscription": "not_allowed",
  "hosted_pages.checkout_gift_for_items": "not_allowed",
  "hosted_pages.claim_gift": "allowed",
  "hosted_pages.acknowledge_hosted_page": "allowed",
  "hosted_pages.precancel": "not_allowed",
  "hosted_pages.events": "allowed",
  "hosted_pages.view_voucher": "allowed",
  "gifts.gift_create_for_items": "not_allowed",
  "gifts.claim_gift": "allowed",
  "orders.createOrderConfig": "not_allowed",
  "orders.updateOrderConfig": "not_allowed",
  "orders.importOrder": "not_allowed",
  "orders.assignOrderNumberConfig": "not_allowed",
  "orders.cancelOrderConfig": "not_allowed",
  "orders.refundOrderConfig": "not_allowed",
  "orders.reopenOrderConfig": "not_allowed",
  "orders.deleteOrder": "not_allowed",
  "orders.resendOrderConfig": "not_allowed",
  "portal_sessions.portal_session_create": "allowed",
  "portal_sessions.logout": "allowed",
  "portal_sessions.activate": "allowed",
  "payment_sources.switch_gateway_account": "not_allowed",
  "payment_sources.switchGatewayForCustomer": "not_allowed",
  "payment_sources.copyCardForCustomer": "not_allowed",
  "payment_sources.deleteCardForCustomer": "allowed",
} as const satisfies Record<string, Permission | Record<TransferState, Permission>>;

export type SeedOperation = keyof typeof SEED_RULES;

/**
 * Accrue's operations that change (or, for estimates, price) a customer, contract, invoice,
 * usage record or payment, mapped to the seed rows they correspond to. An operation that
 * corresponds to several rows (a void of an invoice or a credit note) is allowed only when
 * every row allows it. Operations that act on such records but correspond to no seed row
 * map to `[]`: refused on a deprecated record (the seed's safe default).
 */
export const ACCRUE_RULES = {
  "customers.create": ["customers.customer_create"],
  "customers.update": ["customers.customer_update", "addresses.address_update"],
  "customers.replace": ["customers.customer_update", "addresses.address_update"],
  "customers.delete": ["customers.delete"],
  "customers.lock": [],
  "customers.unlock": [],
  "customers.clear_personal_data": ["customers.customer_clear_personal_data"],
  "customers.merge": ["customers.merge_customers"],
  "customers.update_billing_info": ["customers.customer_update_billing"],
  "customers.update_address": ["addresses.address_update"],
  "customer_contacts.create": ["customers.add_contact"],
  "customer_contacts.update": ["customers.update_contact"],
  "customer_contacts.delete": ["customers.delete_contact"],
  "customer_hierarchy.link": ["customers.link_a_customer"],
  "customer_hierarchy.unlink": ["customers.delete_relationship"],
  "customer_hierarchy.update_settings": ["customers.update_hierarchy_settings"],
  "payments.create": ["customers.customer_collect_payment"],
  "payment_sources.create": ["customers.customer_update_payment_method"],
  "payment_sources.delete": ["payment_sources.deleteCardForCustomer"],
  "payment_sources.assign_role": ["customers.assign_payment_role"],
  "customers.update_payment_method": ["customers.customer_update_payment_method"],
  "customers.collect_payment": ["customers.customer_collect_payment"],
  "customers.record_excess_payment": ["customers.record_excess_payment"],
  "invoices.collect_payment": ["invoices.collect_payment"],
  "orders.create": ["subscriptions.sub_create_item", "subscriptions.sub_update_for_items"],
  "orders.commit": ["subscriptions.sub_create_item", "subscriptions.sub_update_for_items"],
  "orders.approve": ["subscriptions.sub_create_item", "subscriptions.sub_update_for_items"],
  "orders.decline": [],
  "orders.preview": [
    "estimates.estimate_createsub_for_customer",
    "estimates.estimate_updatesub_for_items",
  ],
  "contracts.end": ["subscriptions.cancel_for_items"],
  "contracts.settle": ["unbilled_charges.invoice_unbilled_charges"],
  "contracts.billing_preview": ["unbilled_charges.invoice_now_estimate"],
  "contracts.cancellation_preview": ["estimates.cancel_subscription_for_items_estimate"],
  "contracts.self_service_token": ["portal_sessions.portal_session_create"],
  "component_subscriptions.create": ["subscriptions.sub_update_for_items"],
  "component_subscriptions.end": ["subscriptions.sub_update_for_items"],
  "discount_subscriptions.create": ["subscriptions.sub_update_for_items"],
  "discount_subscriptions.end": ["subscriptions.remove_coupons"],
  "rated_items.create": ["unbilled_charges.unbilled_charges_create_for_items"],
  "rated_items.delete": ["unbilled_charges.delete"],
  "usage.create": ["usages.create_usage"],
  "usage.ingest": ["usages.create_usage"],
  "usage.delete": ["usages.delete_usage"],
  "invoices.finalize": ["invoices.close_now"],
  "invoices.void": ["invoices.void_invoice", "credit_notes.void"],
  "invoices.credit": ["credit_notes.create_credit_note"],
  "invoices.write_off": ["invoices.write_off"],
  "invoices.update_details": ["invoices.update_invoice"],
  "invoices.delete": ["invoices.delete_invoice"],
  "invoices.stop_dunning": ["invoices.stop_dunning"],
  "payments.refund": ["transactions.refund_transaction", "transactions.record_refund"],
  "payments.delete": ["transactions.delete_offline_transaction"],
  "invoices.record_payment": ["invoices.record_payment"],
  "invoices.apply_payments": ["invoices.invoice_apply_payments"],
  "invoices.apply_credits": ["invoices.invoice_apply_credits"],
  "invoices.remove_credit_note": ["invoices.remove_credit_note"],
  "invoices.remove_payment": ["invoices.remove_payment"],
  "invoices.record_refund": ["invoices.record_refund"],
  "credit_notes.delete": ["credit_notes.delete"],
  "credit_notes.record_refund": ["credit_notes.record_refund"],
  "promotional_credits.add": ["customers.add_promotional_credits", "promotional_credits.add"],
  "promotional_credits.deduct": [
    "customers.deduct_promotional_credits",
    "promotional_credits.deduct",
  ],
  "promotional_credits.set": ["customers.set_promotional_credits", "promotional_credits.set"],
  "subscription_actions.activate": ["subscriptions.reactivate_subscription"],
  "subscription_actions.deactivate": ["subscriptions.pause"],
  "subscription_actions.rest": ["subscriptions.pause"],
  "subscription_actions.end_resting": ["subscriptions.resume_subscription"],
  "subscription_actions.terminate": ["subscriptions.cancel_for_items"],
  "subscription_actions.amend_services": ["subscriptions.sub_update_for_items"],
  "subscription_actions.extend_grace_period": [],
  "subscription_actions.cancel": [
    "subscriptions.remove_scheduled_changes",
    "subscriptions.remove_scheduled_pause",
    "subscriptions.remove_scheduled_resumption",
    "subscriptions.remove_scheduled_cancellation_ep",
  ],
} as const satisfies Record<string, readonly SeedOperation[]>;

export type RuleDecision = {
  allowed: boolean;
  /** The seed rows the decision rests on; empty: no row, refused by default. */
  seed: readonly SeedOperation[];
};

/** The seed's permission of one row in one state ("partial" counts as allowed). */
export function seedPermission(row: SeedOperation, state: TransferState): Permission {
  const rule: Permission | Record<TransferState, Permission> = SEED_RULES[row];
  return typeof rule === "string" ? rule : rule[state];
}

/**
 * Whether `operation` may run on a record in `state`. An operation missing from the table,
 * or mapped to no row, is refused.
 */
export function decide(operation: string, state: TransferState): RuleDecision {
  const seed: readonly SeedOperation[] =
    (ACCRUE_RULES as Record<string, readonly SeedOperation[]>)[operation] ?? [];
  const allowed =
    seed.length > 0 && seed.every((row) => seedPermission(row, state) !== "not_allowed");
  return { allowed, seed };
}
