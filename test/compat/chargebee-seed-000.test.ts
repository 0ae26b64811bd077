/**
 * Seed 000's restriction table walked through Chargebee's official Node client: each row is
 * called as Chargebee's client calls it, on a record a customer transfer left in the source
 * entity, in the Intermediate and in the Transferred state. Allowed: the transfer rules let
 * the call through (it may still be refused for its own reason); refused: Chargebee's 400
 * `invalid_state_for_request`, with `accrue_error_code` `record_transferred`.
 */
import type Chargebee from "chargebee";
import { beforeAll, expect, it } from "vitest";
import {
  SEED_RULES,
  type SeedOperation,
  seedPermission,
  type TransferState,
} from "../../src/domain/entities/rules.js";
import { describeServer } from "../server.js";
import { type Records, type TransferFixture, transferFixture } from "../transfer-fixture.js";
import { chargebeeClient } from "./chargebee-client.js";
import { syncTransaction } from "./chargebee-unlisted-calls.js";

type Case = {
  row: SeedOperation;
  /** The client call; null: the state has no such record. */
  call: (cb: Chargebee, r: Records, ids: Record<string, string>) => Promise<unknown> | null;
};

const CARD = { number: "4242424242424242", expiry_month: 12, expiry_year: 2030 };
/** The end date the native walk uses (31 December 2026), in Unix seconds. */
const SEED_END = Date.UTC(2026, 11, 31) / 1000;

const CASES: Case[] = [
  {
    row: "customers.customer_create",
    call: (cb, _r, ids) =>
      cb.customer.create({ email: "n@x.example" }, { "chargebee-business-entity-id": ids.home! }),
  },
  {
    row: "customers.customer_update",
    call: (cb, r) => cb.customer.update(r.customer, { email: "r@x.example" }),
  },
  {
    row: "addresses.address_update",
    call: (cb, r) => cb.customer.update(r.customer, { billing_address: { city: "Bonn" } } as never),
  },
  {
    row: "customers.customer_update_billing",
    call: (cb, r) => cb.customer.updateBillingInfo(r.customer, { vat_number: "DE123456789" }),
  },
  {
    row: "customers.customer_update_payment_method",
    call: (cb, r) => cb.paymentSource.createCard({ customer_id: r.customer, card: CARD }),
  },
  {
    row: "customers.assign_payment_role",
    call: (cb, r) =>
      cb.customer.assignPaymentRole(r.customer, { payment_source_id: r.source, role: "backup" }),
  },
  {
    row: "customers.add_contact",
    call: (cb, r) => cb.customer.addContact(r.customer, { contact: { email: "c@x.example" } }),
  },
  {
    row: "customers.update_contact",
    call: (cb, r) =>
      cb.customer.updateContact(r.customer, { contact: { id: r.contact, label: "Accounts" } }),
  },
  {
    row: "customers.delete_contact",
    call: (cb, r) => cb.customer.deleteContact(r.customer, { contact: { id: r.contact } }),
  },
  ...(["add", "deduct", "set"] as const).map(
    (kind): Case => ({
      row: `customers.${kind}_promotional_credits` as SeedOperation,
      call: (cb, r) =>
        cb.customer[`${kind}PromotionalCredits`](r.customer, {
          amount: 100,
          currency_code: "EUR",
          description: "Goodwill",
        }),
    }),
  ),
  ...(["add", "deduct", "set"] as const).map(
    (kind): Case => ({
      row: `promotional_credits.${kind}` as SeedOperation,
      call: (cb, r) =>
        cb.promotionalCredit[kind]({
          customer_id: r.customer,
          amount: 100,
          currency_code: "EUR",
          description: "Goodwill",
        }),
    }),
  ),
  {
    row: "customers.link_a_customer",
    call: (cb, r, ids) => cb.customer.relationships(r.customer, { parent_id: ids.parent! }),
  },
  {
    row: "customers.update_hierarchy_settings",
    call: (cb, r) =>
      cb.customer.updateHierarchySettings(r.customer, { payment_owner_id: r.customer } as never),
  },
  {
    row: "customers.delete_relationship",
    call: (cb, r) => cb.customer.deleteRelationship(r.customer),
  },
  {
    row: "customers.record_excess_payment",
    call: (cb, r) =>
      cb.customer.recordExcessPayment(r.customer, {
        transaction: { amount: 100, currency_code: "EUR" },
      } as never),
  },
  {
    row: "customers.customer_collect_payment",
    call: (cb, r) =>
      cb.customer.collectPayment(r.customer, { currency_code: "EUR", amount: 100 } as never),
  },
  {
    row: "customers.change_billing_date",
    call: (cb, r) => cb.customer.changeBillingDate(r.customer, { billing_date: 5 }),
  },
  {
    // refused for its own reason (a copy is never merged), not by the transfer rules
    row: "customers.merge_customers",
    call: (cb, r, ids) =>
      cb.customer.merge({ from_customer_id: r.customer, to_customer_id: ids.parent! }),
  },
  {
    // allowed by the rules; a copy left behind never moves (refused for its own reason)
    row: "customers.move",
    call: (cb, r, ids) =>
      cb.businessEntity.createTransfers({
        active_resource_ids: [r.customer],
        destination_business_entity_ids: [ids.home!],
        resource_types: ["customer"],
        reason_codes: ["correction"],
      } as never),
  },
  {
    row: "customers.delete",
    call: (cb, r) => cb.customer.delete(r.customer),
  },
  // A payment source stays with the active customer when it moves: Chargebee's payment source
  // paths name the source alone, so no source is left behind in the source entity to call
  // them on (the native walk names the active customer's source under the copy's path).
  ...(
    [
      "payment_sources.deleteCardForCustomer",
      "payment_sources.switch_gateway_account",
      "payment_sources.copyCardForCustomer",
    ] as const
  ).map((row): Case => ({ row, call: () => null })),
  {
    // Chargebee's card resource: a customer's gateway (where its new cards go)
    row: "payment_sources.switchGatewayForCustomer",
    call: (cb, r, ids) =>
      cb.card.switchGatewayForCustomer(r.customer, { gateway_account_id: ids.gatewayAccount! }),
  },
  {
    row: "orders.createOrderConfig",
    call: (cb, r) => cb.order.create({ invoice_id: r.invoice }),
  },
  {
    row: "orders.importOrder",
    call: (cb, r) =>
      cb.order.importOrder({
        invoice_id: r.invoice,
        document_number: "OLD-1",
        status: "delivered",
        order_date: Date.UTC(2026, 0, 20) / 1000,
      } as never),
  },
  {
    row: "orders.updateOrderConfig",
    call: (cb, r) =>
      cb.order.update(r.fulfilmentOrder, { status: "processing", tracking_id: "T-1" }),
  },
  {
    row: "orders.assignOrderNumberConfig",
    call: (cb, r) => cb.order.assignOrderNumber(r.fulfilmentOrder, {}),
  },
  {
    row: "orders.cancelOrderConfig",
    call: (cb, r) => cb.order.cancel(r.fulfilmentOrder, { cancellation_reason: "others" } as never),
  },
  {
    row: "orders.refundOrderConfig",
    call: (cb, r) => cb.order.createRefundableCreditNote(r.fulfilmentOrder, {} as never),
  },
  {
    row: "orders.reopenOrderConfig",
    call: (cb, r) => cb.order.reopen(r.fulfilmentOrder),
  },
  {
    row: "orders.resendOrderConfig",
    call: (cb, r) => cb.order.resend(r.fulfilmentOrder),
  },
  {
    row: "orders.deleteOrder",
    call: (cb, r) => cb.order.delete(r.fulfilmentOrder),
  },
  {
    row: "quotes.create_sub_items_quote",
    call: (cb, r, ids) =>
      cb.quote.createSubItemsForCustomerQuote(r.customer, {
        subscription_items: [{ item_price_id: ids.variant! }],
      }),
  },
  {
    row: "quotes.update_sub_items_quote",
    call: (cb, r, ids) =>
      cb.quote.updateSubscriptionQuoteForItems({
        subscription: { id: r.contract },
        subscription_items: [{ item_price_id: ids.large! }],
      }),
  },
  {
    row: "quotes.one_time_charge_items_quote",
    call: (cb, r) =>
      cb.quote.createForChargeItemsAndCharges({
        customer_id: r.customer,
        currency_code: "EUR",
        charges: [{ amount: 10000, description: "Training" }],
      }),
  },
  {
    row: "hosted_pages.checkout_new_for_items",
    call: (cb, r, ids) =>
      cb.hostedPage.checkoutNewForItems({
        customer: { id: r.customer },
        subscription_items: [{ item_price_id: ids.variant! }],
      }),
  },
  {
    row: "hosted_pages.checkout_existing_for_items",
    call: (cb, r, ids) =>
      cb.hostedPage.checkoutExistingForItems({
        subscription: { id: r.contract },
        subscription_items: [{ item_price_id: ids.large! }],
      }),
  },
  {
    row: "hosted_pages.checkout_one_time_for_items",
    call: (cb, r) =>
      cb.hostedPage.checkoutOneTimeForItems({
        customer: { id: r.customer },
        currency_code: "EUR",
        charges: [{ amount: 1000, description: "Setup" }],
      }),
  },
  {
    row: "hosted_pages.checkout_one_time",
    call: (cb, r, ids) =>
      cb.hostedPage.checkoutOneTime({
        customer: { id: r.customer },
        currency_code: "EUR",
        addons: [{ id: ids.seats! }],
        charges: [{ amount: 1000, description: "Setup" }],
      }),
  },
  {
    row: "hosted_pages.manage_payments",
    call: (cb, r) => cb.hostedPage.managePaymentSources({ customer: { id: r.customer } }),
  },
  {
    row: "hosted_pages.update_payment_method_hp",
    call: (cb, r) => cb.hostedPage.updatePaymentMethod({ customer: { id: r.customer } }),
  },
  {
    row: "hosted_pages.collect_unpaid_invoices",
    call: (cb, r) => cb.hostedPage.collectNow({ customer: { id: r.customer } }),
  },
  {
    row: "hosted_pages.accept_quote",
    // a quote names the contract it changes: only the Intermediate contract has one
    call: (cb, r) => (r.quote ? cb.hostedPage.acceptQuote({ quote: { id: r.quote } }) : null),
  },
  {
    row: "hosted_pages.acknowledge_hosted_page",
    // allowed by the rules; refused for its own reason (the page never succeeded)
    call: (cb, r) => cb.hostedPage.acknowledge(r.hostedPage),
  },
  {
    row: "hosted_pages.extend_subscription",
    call: (cb, r) =>
      cb.hostedPage.extendSubscription({ subscription: { id: r.contract }, billing_cycle: 1 }),
  },
  {
    row: "hosted_pages.precancel",
    call: (cb, r) => cb.hostedPage.preCancel({ subscription: { id: r.contract } }),
  },
  {
    row: "hosted_pages.view_voucher",
    // allowed by the rules; the state's invoice is paid, so it is refused for its own reason
    call: (cb, r) => cb.hostedPage.viewVoucher({ payment_voucher: { id: r.invoice } }),
  },
  {
    row: "hosted_pages.events",
    call: (cb, r) =>
      cb.hostedPage.events({
        event_name: "cancellation_page_loaded",
        event_data: { hosted_page_id: r.hostedPage },
      } as never),
  },
  {
    row: "gifts.gift_create_for_items",
    call: (cb, r, ids) =>
      cb.gift.createForItems({
        gifter: { customer_id: r.customer },
        gift_receiver: { email: "g@x.example" },
        subscription_items: [{ item_price_id: ids.variant! }],
      } as never),
  },
  {
    row: "hosted_pages.checkout_gift_for_items",
    call: (cb, r, ids) =>
      cb.hostedPage.checkoutGiftForItems({
        gifter: { customer_id: r.customer },
        gift_receiver: { email: "g@x.example" },
        subscription_items: [{ item_price_id: ids.variant! }],
      } as never),
  },
  // before gifts.claim_gift, which may claim the gift: the page is made while it is claimable
  {
    row: "hosted_pages.claim_gift",
    call: (cb, r) =>
      cb.hostedPage.claimGift({ gift: { id: r.gift }, customer: { id: r.customer } } as never),
  },
  {
    row: "gifts.claim_gift",
    call: (cb, r) => cb.gift.claim(r.gift),
  },
  {
    row: "portal_sessions.portal_session_create",
    call: (cb, r) => cb.portalSession.create({ customer: { id: r.customer } }),
  },
  {
    row: "portal_sessions.activate",
    call: (cb, r) => cb.portalSession.activate(`ssl_any.${r.contract}`, { token: r.portalToken }),
  },
  {
    row: "portal_sessions.logout",
    call: (cb, r) => cb.portalSession.logout(`ssl_none.${r.contract}`),
  },
  // subscriptions, usages, unbilled charges and estimates (docs/compat/chargebee.md)
  {
    row: "subscriptions.sub_create_item",
    call: (cb, r, ids) =>
      cb.subscription.createWithItems(r.customer, {
        subscription_items: [{ item_price_id: ids.variant! }],
      }),
  },
  {
    row: "subscriptions.sub_update_for_items",
    call: (cb, r, ids) =>
      cb.subscription.updateForItems(r.contract, {
        subscription_items: [{ item_price_id: ids.large! }],
      }),
  },
  {
    row: "subscriptions.change_term_end",
    call: (cb, r) => cb.subscription.changeTermEnd(r.contract, { term_ends_at: SEED_END }),
  },
  {
    row: "subscriptions.reactivate_subscription",
    call: (cb, r) => cb.subscription.reactivate(r.contract),
  },
  {
    row: "subscriptions.add_charge_at_term_end",
    call: (cb, r) =>
      cb.subscription.addChargeAtTermEnd(r.contract, { amount: 1000, description: "Setup" }),
  },
  {
    row: "subscriptions.charge_future_renewals",
    call: (cb, r) => cb.subscription.chargeFutureRenewals(r.contract, { terms_to_charge: 1 }),
  },
  {
    row: "subscriptions.edit_advance_invoice_schedule",
    call: (cb, r) =>
      cb.subscription.editAdvanceInvoiceSchedule(r.contract, {
        schedule_type: "fixed_intervals",
        terms_to_charge: 1,
      }),
  },
  {
    row: "subscriptions.remove_advance_invoice_schedule",
    call: (cb, r) => cb.subscription.removeAdvanceInvoiceSchedule(r.contract),
  },
  {
    row: "subscriptions.regenerate_invoice",
    call: (cb, r) => cb.subscription.regenerateInvoice(r.contract),
  },
  {
    row: "subscriptions.import_contract_term",
    call: (cb, r) =>
      cb.subscription.importContractTerm(r.contract, {
        contract_term: {
          contract_start: Date.UTC(2026, 0, 15) / 1000,
          contract_end: SEED_END,
          action_at_term_end: "renew",
        },
      }),
  },
  {
    row: "subscriptions.import_unbilled_charges",
    call: (cb, r) =>
      cb.subscription.importUnbilledCharges(r.contract, {
        unbilled_charges: [
          {
            entity_type: "adhoc",
            description: "Migrated",
            unit_amount: 500,
            date_from: Date.UTC(2026, 0, 15) / 1000,
            date_to: Date.UTC(2026, 1, 15) / 1000,
          },
        ],
      }),
  },
  {
    row: "subscriptions.delete_subscription",
    call: (cb, r) => cb.subscription.delete(r.contract),
  },
  {
    row: "subscriptions.pause",
    call: (cb, r) => cb.subscription.pause(r.contract, { pause_option: "immediately" }),
  },
  {
    row: "subscriptions.cancel_for_items",
    call: (cb, r) => cb.subscription.cancelForItems(r.contract, { cancel_option: "immediately" }),
  },
  {
    // allowed in Intermediate by the rules; refused for its own reason (it is not paused)
    row: "subscriptions.resume_subscription",
    call: (cb, r) => cb.subscription.resume(r.contract, { resume_option: "immediately" }),
  },
  {
    // only the Intermediate contract has scheduled actions: a pause, a resumption, a
    // cancellation (a moved contract's copy never gets any)
    row: "subscriptions.remove_scheduled_pause",
    call: (cb, r) => (r.action ? cb.subscription.removeScheduledPause(r.contract) : null),
  },
  {
    row: "subscriptions.remove_scheduled_resumption",
    call: (cb, r) => (r.resumption ? cb.subscription.removeScheduledResumption(r.contract) : null),
  },
  {
    row: "subscriptions.remove_scheduled_cancellation_ep",
    call: (cb, r) =>
      r.cancellation ? cb.subscription.removeScheduledCancellation(r.contract) : null,
  },
  {
    // the native operation refuses by the transfer rules before it looks for a change
    row: "subscriptions.remove_scheduled_changes",
    call: (cb, r) => cb.subscription.removeScheduledChanges(r.contract),
  },
  {
    // only the Intermediate contract has a discount subscription
    row: "subscriptions.remove_coupons",
    call: (cb, r) => (r.discountSubscription ? cb.subscription.removeCoupons(r.contract) : null),
  },
  {
    row: "usages.create_usage",
    call: (cb, r, ids) =>
      cb.usage.create(r.contract, {
        item_price_id: ids.calls!,
        quantity: "1",
        usage_date: Date.UTC(2026, 1, 15) / 1000,
      }),
  },
  {
    row: "usages.delete_usage",
    call: (cb, r) => cb.usage.delete(r.usage.contract, { id: r.usage.id }),
  },
  {
    row: "unbilled_charges.unbilled_charges_create_for_items",
    call: (cb, r) =>
      cb.unbilledCharge.createUnbilledCharge({
        subscription_id: r.contract,
        charges: [{ amount: 500, description: "Setup" }],
      }),
  },
  {
    // no unbilled charge can be on these records: a customer with one is not transferred,
    // and adding one afterwards is refused. The native delete is asked first, and its
    // transfer rules refuse before it looks for the charge.
    row: "unbilled_charges.delete",
    call: (cb, r) => cb.unbilledCharge.delete(`${r.contract}.rit_none`),
  },
  {
    row: "unbilled_charges.invoice_unbilled_charges",
    call: (cb, r) => cb.unbilledCharge.invoiceUnbilledCharges({ subscription_id: r.contract }),
  },
  {
    row: "unbilled_charges.invoice_now_estimate",
    call: (cb, r) => cb.unbilledCharge.invoiceNowEstimate({ subscription_id: r.contract }),
  },
  {
    row: "estimates.estimate_createsub_for_item_with_customer",
    call: (cb, r, ids) =>
      cb.estimate.createSubItemForCustomerEstimate(r.customer, {
        subscription_items: [{ item_price_id: ids.variant! }],
      }),
  },
  {
    row: "estimates.estimate_createsub_for_customer",
    call: (cb, r, ids) =>
      cb.estimate.createSubForCustomerEstimate(r.customer, {
        subscription: { plan_id: ids.variant! },
      }),
  },
  {
    row: "estimates.estimate_updatesub_for_items",
    call: (cb, r, ids) =>
      cb.estimate.updateSubscriptionForItems({
        subscription: { id: r.contract },
        subscription_items: [{ item_price_id: ids.large! }],
      }),
  },
  {
    row: "estimates.gift_subscription_for_items",
    call: (cb, r, ids) =>
      cb.estimate.giftSubscriptionForItems({
        gifter: { customer_id: r.customer },
        gift_receiver: { email: "g@x.example" },
        subscription_items: [{ item_price_id: ids.variant! }],
      } as never),
  },
  {
    row: "estimates.estimate_createsub_for_item",
    call: (cb, _r, ids) =>
      cb.estimate.createSubItemEstimate({ subscription_items: [{ item_price_id: ids.variant! }] }),
  },
  {
    row: "estimates.advance_invoice_estimate",
    call: (cb, r) => cb.estimate.advanceInvoiceEstimate(r.contract, {}),
  },
  {
    row: "estimates.regenerate_invoice_estimate",
    call: (cb, r) => cb.estimate.regenerateInvoiceEstimate(r.contract),
  },
  {
    row: "estimates.upcoming_invoice_for_cmrr",
    call: (cb, r) => cb.estimate.upcomingInvoicesEstimate(r.customer),
  },
  {
    row: "estimates.change_term_end_estimate",
    call: (cb, r) => cb.estimate.changeTermEnd(r.contract, { term_ends_at: SEED_END }),
  },
  {
    row: "estimates.cancel_subscription_for_items_estimate",
    call: (cb, r) => cb.estimate.cancelSubscriptionForItems(r.contract, {}),
  },
  {
    row: "estimates.pause_subscription_estimate",
    call: (cb, r) => cb.estimate.pauseSubscription(r.contract, { pause_option: "immediately" }),
  },
  {
    // allowed by the rules; refused for its own reason (the subscription is not paused)
    row: "estimates.resume_subscription_estimate",
    call: (cb, r) => cb.estimate.resumeSubscription(r.contract, {}),
  },
  {
    row: "estimates.create_invoice_for_items",
    call: (cb, r) =>
      cb.estimate.createInvoiceForItems({
        invoice: { customer_id: r.customer },
        currency_code: "EUR",
        charges: [{ amount: 10000, description: "Training" }],
      }),
  },
  {
    row: "invoices.update_invoice",
    call: (cb, r) => cb.invoice.updateDetails(r.invoice, { po_number: "PO-1" }),
  },
  {
    row: "invoices.record_payment",
    call: (cb, r) =>
      cb.invoice.recordPayment(r.invoice, {
        transaction: { amount: 100, payment_method: "cash" },
      } as never),
  },
  {
    row: "invoices.record_refund",
    call: (cb, r) => cb.invoice.recordRefund(r.invoice, { transaction: { amount: 100 } } as never),
  },
  {
    row: "invoices.create_for_charge_items_and_charges",
    call: (cb, r) =>
      cb.invoice.createForChargeItemsAndCharges({
        customer_id: r.customer,
        currency_code: "EUR",
        charges: [{ amount: 10000, description: "Training" }],
      } as never),
  },
  {
    row: "invoices.stop_dunning",
    call: (cb, r) => cb.invoice.stopDunning(r.invoice),
  },
  {
    row: "invoices.import_invoice",
    call: (cb, r) =>
      cb.invoice.importInvoice({
        id: "OLD-1",
        customer_id: r.customer,
        currency_code: "EUR",
        date: Date.UTC(2025, 11, 1) / 1000,
        total: 10000,
        line_items: [{ description: "Migrated", unit_amount: 10000 }],
      } as never),
  },
  {
    row: "credit_notes.import_credit_note",
    call: (cb, r) =>
      cb.creditNote.importCreditNote({
        customer_id: r.customer,
        id: "OLD-CN-1",
        reference_invoice_id: r.invoice,
        type: "adjustment",
        currency_code: "EUR",
        date: Date.UTC(2026, 0, 20) / 1000,
        total: 100,
        line_items: [{ description: "Migrated", unit_amount: 100 }],
      } as never),
  },
  {
    row: "invoices.invoice_apply_payments",
    call: (cb, r) =>
      cb.invoice.applyPayments(r.invoice, { transactions: [{ id: r.payment }] } as never),
  },
  {
    row: "invoices.sync_usages",
    call: (cb, r) => cb.invoice.syncUsages(r.invoice),
  },
  {
    row: "invoices.delete_line_items",
    call: (cb, r) =>
      cb.invoice.deleteLineItems(r.invoice, { line_items: [{ id: "inl_none" }] } as never),
  },
  {
    row: "invoices.invoice_apply_credits",
    call: (cb, r) => cb.invoice.applyCredits(r.invoice, {}),
  },
  {
    row: "invoices.add_charge_pending",
    call: (cb, r) => cb.invoice.addCharge(r.invoice, { amount: 10000, description: "Training" }),
  },
  {
    row: "invoices.add_charge_item",
    call: (cb, r, ids) =>
      cb.invoice.addChargeItem(r.invoice, { item_price: { item_price_id: ids.seats! } }),
  },
  {
    row: "invoices.close_now",
    call: (cb, r) => cb.invoice.close(r.invoice),
  },
  {
    row: "invoices.collect_payment",
    call: (cb, r) => cb.invoice.collectPayment(r.invoice, { amount: 100 }),
  },
  {
    row: "invoices.record_tax_withheld",
    call: (cb, r) =>
      cb.invoice.recordTaxWithheld(r.invoice, { tax_withheld: { amount: 100 } } as never),
  },
  {
    row: "invoices.remove_tax_withheld",
    call: (cb, r) => cb.invoice.removeTaxWithheld(r.invoice, { tax_withheld: { id: "pay_none" } }),
  },
  {
    row: "invoices.refund_invoice",
    call: (cb, r) => cb.invoice.refund(r.invoice, { refund_amount: 100 }),
  },
  {
    row: "invoices.remove_payment",
    call: (cb, r) => cb.invoice.removePayment(r.invoice, { transaction: { id: r.payment } }),
  },
  {
    row: "invoices.remove_credit_note",
    call: (cb, r) => cb.invoice.removeCreditNote(r.invoice, { credit_note: { id: "crn_none" } }),
  },
  {
    row: "invoices.void_invoice",
    call: (cb, r) => cb.invoice.voidInvoice(r.invoice),
  },
  {
    row: "credit_notes.void",
    call: (cb, r) => cb.creditNote.voidCreditNote(r.creditNote),
  },
  {
    row: "invoices.write_off",
    call: (cb, r) => cb.invoice.writeOff(r.invoice),
  },
  {
    row: "invoices.delete_invoice",
    call: (cb, r) => cb.invoice.delete(r.invoice),
  },
  {
    row: "invoices.send_einvoice",
    call: (cb, r) => cb.invoice.sendEinvoice(r.invoice),
  },
  {
    row: "invoices.resend_einvoice",
    call: (cb, r) => cb.invoice.resendEinvoice(r.invoice),
  },
  {
    row: "credit_notes.create_credit_note",
    call: (cb, r) =>
      cb.creditNote.create({
        reference_invoice_id: r.invoice,
        type: "adjustment",
        create_reason_code: "Goodwill",
      } as never),
  },
  {
    row: "credit_notes.refund",
    call: (cb, r) => cb.creditNote.refund(r.creditNote, { refund_amount: 100 }),
  },
  {
    row: "credit_notes.record_refund",
    call: (cb, r) =>
      cb.creditNote.recordRefund(r.creditNote, {
        transaction: { amount: 100, payment_method: "cash" },
      } as never),
  },
  {
    row: "credit_notes.delete",
    call: (cb, r) => cb.creditNote.delete(r.creditNote),
  },
  {
    row: "credit_notes.remove_tax_withheld_refund",
    call: (cb, r) =>
      cb.creditNote.removeTaxWithheldRefund(r.creditNote, { tax_withheld: { id: "pay_none" } }),
  },
  {
    row: "credit_notes.send_einvoice",
    call: (cb, r) => cb.creditNote.sendEinvoice(r.creditNote),
  },
  {
    row: "credit_notes.resend_einvoice",
    call: (cb, r) => cb.creditNote.resendEinvoice(r.creditNote),
  },
  {
    row: "transactions.create_an_authorization_payment",
    call: (cb, r) =>
      cb.transaction.createAuthorization({
        customer_id: r.customer,
        amount: 100,
        currency_code: "EUR",
      } as never),
  },
  {
    row: "transactions.cancel_an_authorization_payment",
    call: (cb, r) => cb.transaction.voidTransaction(r.payment),
  },
  {
    row: "transactions.sync_transaction",
    call: (cb, r) => syncTransaction(cb, r.payment),
  },
  {
    row: "transactions.record_refund",
    call: (cb, r) =>
      cb.transaction.recordRefund(r.payment, {
        amount: 100,
        payment_method: "cash",
        date: Date.UTC(2026, 0, 20) / 1000,
      }),
  },
  {
    row: "transactions.refund_transaction",
    call: (cb, r) => cb.transaction.refund(r.payment, { amount: 100 }),
  },
  {
    row: "transactions.delete_offline_transaction",
    call: (cb, r) => cb.transaction.deleteOfflineTransaction(r.payment),
  },
  // last: it erases the customer's data the calls above use
  {
    row: "customers.customer_clear_personal_data",
    call: (cb, r) => cb.customer.clearPersonalData(r.customer),
  },
];

it("every seed row is walked through the client", () => {
  const walked = new Set(CASES.map((c) => c.row));
  const rows = Object.keys(SEED_RULES) as SeedOperation[];
  expect(rows.filter((row) => !walked.has(row))).toEqual([]);
  expect(rows).toHaveLength(CASES.length);
});

describeServer("seed 000 through Chargebee's client", (t) => {
  let fixture: TransferFixture;
  beforeAll(async () => {
    fixture = await transferFixture(t.server);
  });

  for (const state of ["intermediate", "transferred"] as const satisfies TransferState[]) {
    it(`every served seed row on a record in the ${state} state`, async () => {
      const cb = chargebeeClient(t.server, fixture.api.key);
      const outcomes: string[] = [];
      const want: string[] = [];
      for (const c of CASES) {
        const call = c.call(cb, fixture.records[state], fixture.ids);
        if (call === null) continue;
        let outcome = "allowed";
        try {
          await call;
        } catch (error) {
          const e = error as {
            http_status_code?: number;
            accrue_error_code?: string;
            api_error_code?: string;
          };
          expect(e.http_status_code ?? 500, `${c.row}: ${JSON.stringify(e)}`).toBeLessThan(500);
          if (e.accrue_error_code === "record_transferred") {
            expect(e.api_error_code).toBe("invalid_state_for_request");
            outcome = "refused";
          }
        }
        outcomes.push(`${c.row}: ${outcome}`);
        want.push(
          `${c.row}: ${seedPermission(c.row, state) === "not_allowed" ? "refused" : "allowed"}`,
        );
      }
      expect(outcomes).toEqual(want);
    });
  }
});
