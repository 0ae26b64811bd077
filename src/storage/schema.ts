/**
 * Row types of every table, as both drivers return them: int8 and numeric as strings,
 * date as 'YYYY-MM-DD', timestamptz as Date, jsonb as parsed JSON.
 */
import type { ColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Filled by the database default when not given. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null, string | null>;

export interface TenantsTable {
  id: string;
  name: string;
  created_at: CreatedAt;
  /** Set while the tenant runs on a test clock: the frozen "now". */
  test_clock_now: NullableTimestamp;
  /** When the test clock was created (its first reading); it runs a bounded time past it. */
  test_clock_started_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  /** Whether billing finalises its invoices at once (else they wait as drafts). */
  auto_finalize_invoices: ColumnType<boolean, boolean | undefined, boolean>;
  /** Dunning steps (src/domain/payments/payments.ts), in order. */
  dunning_steps: ColumnType<unknown[], string | undefined, string>;
  /** Days after a failed automatic collection attempt the next one is made, one per retry. */
  collection_retry_days: ColumnType<number[], string | undefined, string>;
  /** Hours a payment waits for the customer's authentication before it expires (0066). */
  authentication_expiry_hours: ColumnType<number, number | undefined, number>;
}

export interface RolesTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  permissions: ColumnType<string[], string[], string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentsTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  kind: "payment" | "refund" | "write_off" | "tax_withheld";
  method:
    | "offline"
    | "test_card"
    | "test_direct_debit"
    | "card"
    | "direct_debit"
    | "write_off"
    | "tax_withheld";
  /**
   * pending: a charge the gateway decides later (a direct debit); requires_action: a charge
   * the customer's bank asks the customer to authenticate (3-D Secure). Neither pays anything
   * yet.
   */
  status: "succeeded" | "failed" | "authorized" | "voided" | "pending" | "requires_action";
  amount: ColumnType<string, string | bigint, never>;
  currency: string;
  reference: string | null;
  card_last4: string | null;
  failure_code: string | null;
  failure_message: string | null;
  refunds_payment_id: string | null;
  /** A refund of a credit note's amount to the customer: the credit note it pays out. */
  refunds_credit_note_id: ColumnType<string | null, string | null | undefined, never>;
  /** How an offline payment was paid, as recorded (cash, check, bank_transfer, …). */
  payment_method: ColumnType<string | null, string | null | undefined, never>;
  /** The payment source a gateway charged; null for money recorded by hand. */
  payment_source_id: ColumnType<string | null, string | null | undefined, never>;
  /** An authorization's hold: when the gateway lets it go. */
  authorized_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The gateway's reference of the charge, hold or refund (migration 0046). */
  gateway_reference: ColumnType<string | null, string | null | undefined, never>;
  received_at: Timestamp;
  created_at: Timestamp;
}

/** Credit of a credit note applied to (positive) or taken off (negative) another invoice. */
export interface CreditNoteAllocationsTable {
  tenant_id: string;
  credit_note_id: string;
  invoice_id: string;
  amount: ColumnType<string, string | bigint, never>;
  position: number;
  created_at: Timestamp;
}

/** A customer's card or bank account held by a gateway, with its payment role. */
export interface PaymentSourcesTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  type: "card" | "bank_account";
  gateway: "test" | "stripe" | "mollie" | "gocardless";
  gateway_reference: string;
  role: "primary" | "backup" | "none";
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  bank_country: string | null;
  bank_last4: string | null;
  bank_account_holder: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  /** The gateway account holding the source; null: the built-in test gateway. */
  gateway_account_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The gateway's customer the source is kept under. */
  gateway_customer_reference: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * A payment source the customer adds on the gateway's hosted page (migration 0062): open
 * until the customer's return or the gateway's event completes it with the source it made.
 */
export interface PaymentSourceSetupsTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  gateway_account_id: string;
  gateway_customer_reference: string;
  /** The gateway's session (Stripe's Checkout Session, cs_…); null until it answered. */
  provider_reference: string | null;
  status: "open" | "completed" | "expired";
  payment_source_id: string | null;
  created_at: Timestamp;
  completed_at: NullableTimestamp;
  /** When an open setup expires, on the tenant's clock (0066). */
  expires_at: Timestamp;
  /** When the setup was marked expired. */
  expired_at: NullableTimestamp;
}

/** An account at a payment gateway, of one business entity (migration 0046). */
export interface GatewayAccountsTable {
  id: string;
  tenant_id: string;
  business_entity_id: string;
  gateway: "test" | "stripe" | "mollie" | "gocardless";
  name: string;
  status: "active" | "disabled";
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  /** The credentials sealed with AES-256-GCM (src/modules/access/secrets.ts); never in clear. */
  credentials_sealed: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

/** The gateway account a customer was switched to (its new sources go there). */
export interface CustomerGatewayAccountsTable {
  customer_id: string;
  tenant_id: string;
  gateway_account_id: string;
  updated_at: Timestamp;
}

/** An event a payment gateway sent to an account's endpoint, recorded once (migration 0052). */
export interface GatewayEventsTable {
  id: string;
  tenant_id: string;
  gateway_account_id: string;
  /** The provider's id of the event; null when it was rejected (its content is not trusted). */
  provider_event_id: string | null;
  /** The event as Accrue reads it (src/domain/payments/gateway.ts); null when rejected. */
  type:
    | "charge.succeeded"
    | "charge.failed"
    | "charge.refunded"
    | "charge.disputed"
    | "charge.refund_failed"
    | "charge.dispute_reversed"
    | "setup.succeeded"
    | "unknown"
    | null;
  /** The provider's own name of the event type (payment_intent.succeeded, …). */
  provider_type: string | null;
  status: "applied" | "ignored" | "rejected";
  error_code: string | null;
  /** Why it was ignored or rejected, or what applying it did. */
  detail: string | null;
  charge_reference: string | null;
  payment_id: string | null;
  received_at: Timestamp;
  /** The verified event as the provider sent it; null when rejected. */
  payload: NullableJson;
}

export interface PaymentAllocationsTable {
  tenant_id: string;
  payment_id: string;
  invoice_id: string;
  amount: ColumnType<string, string | bigint, never>;
  position: number;
}

/**
 * One entry of a customer's promotional credit ledger in one currency: `amount` is signed
 * (+ added, − deducted or applied), `balance_after` the balance the entry left.
 */
export interface PromotionalCreditEntriesTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  currency: string;
  kind: "add" | "deduct" | "set" | "applied";
  amount: ColumnType<string, string | bigint, never>;
  balance_after: ColumnType<string, string | bigint, never>;
  description: string | null;
  /** What the entry refers to: the invoice an `applied` entry paid, else the caller's own. */
  reference: string | null;
  created_at: Timestamp;
}

/** An attempt of automatic collection on an invoice (src/workflows/collection.ts). */
export interface CollectionAttemptsTable {
  tenant_id: string;
  invoice_id: string;
  /** 1 for the first attempt, counting on. */
  attempt: number;
  /**
   * The payment's outcome; a pending one is settled by the gateway later, one that requires
   * action when the customer authenticates it (or the gateway reports it settled).
   */
  status: "succeeded" | "failed" | "pending" | "requires_action";
  /** The source charged last (the backup when the primary was refused). */
  payment_source_id: string;
  /** The payment of that charge. */
  payment_id: string;
  /** Every payment the attempt recorded, in the order the sources were charged. */
  payment_ids: ColumnType<string[], string, never>;
  attempted_at: Timestamp;
  /** When a pending attempt was found settled. */
  settled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** A failed attempt with retries left: when the next is due. */
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DunningNoticesTable {
  tenant_id: string;
  invoice_id: string;
  level: number;
  name: string;
  reached_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  /** First characters of the key, shown in listings so a person can recognise it. */
  prefix: string;
  /** SHA-256 of the whole key, hex. The key itself is never stored. */
  secret_hash: string;
  roles: string[];
  /** A partner-bound key sees only that partner's (and its resellers') customers. */
  partner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export interface OauthClientsTable {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  roles: string[];
  /** A partner-bound client sees only that partner's (and its resellers') customers. */
  partner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export interface PartnersTable {
  id: string;
  tenant_id: string;
  /** Set on a reseller: the partner (distributor) it sells under. */
  parent_id: string | null;
  name: string;
  email: string | null;
  mobile: string | null;
  account_manager: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartnerCustomersTable {
  customer_id: string;
  tenant_id: string;
  partner_id: string;
  account_name: string;
  mobile: string | null;
  xaccount_id: string | null;
  xaccount_type: string | null;
  associated_at: Timestamp;
}

export interface VerificationCodesTable {
  id: string;
  tenant_id: string;
  partner_id: string;
  email: string;
  /** SHA-256 of the code, hex. */
  code_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CustomerBudgetsTable {
  customer_id: string;
  tenant_id: string;
  type: "monthly" | "package";
  currency: string;
  /** Minor units. */
  amount: ColumnType<string, string | bigint, string | bigint>;
  alert_threshold_percent: number;
  /** The budget period whose threshold alert was sent ("2026-03", or "package"). */
  alerted_period: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  operation: string;
  fingerprint: string;
  status_code: number | null;
  response: NullableJson;
  created_at: CreatedAt;
}

export interface AuditEventsTable {
  id: string;
  tenant_id: string;
  occurred_at: Timestamp;
  tenant_time: Timestamp;
  actor_type: string;
  actor_id: string;
  operation: string;
  outcome: "succeeded" | "denied";
  target_type: string | null;
  target_id: string | null;
  before: NullableJson;
  after: NullableJson;
  request_id: string;
  idempotency_key: string | null;
}

export interface OutboxEventsTable {
  id: string;
  tenant_id: string;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  occurred_at: Timestamp;
  tenant_time: Timestamp;
  payload: Json;
  /** Set when the webhook fan-out job has made this event's deliveries (once). */
  fanned_out_at: NullableTimestamp;
  /** Set when the message composition has made this event's customer messages (once). */
  messages_composed_at: NullableTimestamp;
}

export type MessageStatus = "queued" | "sent" | "failed" | "skipped" | "bounced";

/** A customer message (e-mail): one per outbox event and recipient, or a resend of one. */
export interface MessagesTable {
  id: string;
  tenant_id: string;
  event_id: string;
  customer_id: string | null;
  kind: string;
  recipient: string;
  sender: string;
  language: string;
  subject: string;
  body_text: string;
  body_html: string;
  /** The invoice or credit note whose PDF is attached. */
  attachment_document_id: string | null;
  status: MessageStatus;
  attempt_count: ColumnType<number, number | undefined, number>;
  next_attempt_at: NullableTimestamp;
  locked_until: NullableTimestamp;
  lease_token: string | null;
  last_error: string | null;
  sent_at: NullableTimestamp;
  resend_of: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A tenant's own template of a message kind in a language. */
export interface MessageTemplatesTable {
  tenant_id: string;
  /** Null: the tenant's template; else the business entity's own. */
  business_entity_id: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  language: string;
  subject: string;
  body_text: string;
  /** Null: the HTML part is made from the text's paragraphs. */
  body_html: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccessTokensTable {
  /** SHA-256 of the opaque token; the token itself is never stored. */
  token_hash: string;
  tenant_id: string;
  /** Who the token stands for: an OAuth client or (CRM.COM's web-API-key login) an API key. */
  client_id: string | null;
  api_key_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A console user's sign-in session. */
  console_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ConsoleUsersTable {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  /**
   * scrypt$N$r$p$salt$hash (see modules/access/passwords.ts); null: invited, no password
   * set yet (it cannot sign in).
   */
  password_hash: string | null;
  roles: string[];
  created_at: CreatedAt;
  disabled_at: NullableTimestamp;
}

/** A single-use token of a console user's invitation or password reset (only its hash). */
export interface ConsoleUserTokensTable {
  token_hash: string;
  tenant_id: string;
  console_user_id: string;
  purpose: "invitation" | "password_reset";
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export type Address = {
  line1?: string;
  line2?: string;
  street?: string;
  house_number?: string;
  postal_code?: string;
  city?: string;
  /** Region, state or province (e.g. CA, Bavaria) */
  state?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
};

export interface CustomersTable {
  id: string;
  tenant_id: string;
  external_id: string | null;
  debitor_account: string | null;
  company_name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  language: string | null;
  locale: string | null;
  vat_id: string | null;
  tag: string | null;
  customer_type: "consumer" | "business";
  /** Whether the customer receives e-invoices (invoices.send_einvoice). */
  einvoicing: ColumnType<boolean, boolean | undefined, boolean>;
  /** The customer's electronic address (BT-49): an EAS scheme code such as "0088"… */
  einvoice_scheme: ColumnType<string | null, string | null | undefined, string | null>;
  /** …and the identifier in that scheme (a Peppol participant id). */
  einvoice_endpoint_id: ColumnType<string | null, string | null | undefined, string | null>;
  time_zone: string;
  default_bearer_medium: string | null;
  address: ColumnType<Address, string, string>;
  custom_fields: ColumnType<Record<string, unknown>, string, string>;
  hidden: boolean;
  locked: boolean;
  /** Frozen by its partner: it cannot order, and its contracts are not billed. */
  frozen_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  frozen_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  /** The business entity the customer belongs to. */
  business_entity_id: string;
  /** Set on the deprecated copy a transfer leaves in the source entity: the active customer. */
  active_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the deprecated copy was left behind by a transfer. */
  transferred_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Set with the first order that names the customer (it cannot be deleted from then on). */
  has_orders: ColumnType<boolean, boolean | undefined, boolean>;
  /** When the customer's personal data was erased; null while it never was. */
  personal_data_cleared_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The day of the month (1–28) its contracts renew on, set by hand; null: their own day. */
  billing_date: ColumnType<number | null, number | null | undefined, number | null>;
  /** on: the worker charges its issued invoices through its payment sources; off: it pays itself. */
  auto_collection: ColumnType<"on" | "off", "on" | "off" | undefined, "on" | "off">;
}

/** A person who receives a customer's billing or account e-mails (Chargebee's contact). */
export interface CustomerContactsTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  phone: string | null;
  label: string | null;
  send_billing_email: boolean;
  send_account_email: boolean;
  enabled: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A customer's link to its parent customer (account hierarchy). */
export interface CustomerHierarchyTable {
  customer_id: string;
  tenant_id: string;
  parent_id: string;
  /** Who receives the customer's invoices. */
  invoice_owner: "self" | "parent";
  /** Who pays the customer's invoices. */
  payment_owner: "self" | "parent";
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed" | "cancelled";

export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  /** Payload format and filter vocabulary: "native"; compatibility layers add their own. */
  format: ColumnType<string, string | undefined, string>;
  event_types: string[];
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  disabled_reason: "manual" | "sustained_failure" | null;
  disabled_at: NullableTimestamp;
  /** The signing secret (whsec_…). Stored as is: signing needs it. */
  secret: string;
  /** After a rotation: the old secret, still signing until previous_secret_expires_at. */
  previous_secret: string | null;
  previous_secret_expires_at: NullableTimestamp;
  /** First failed attempt since the last successful one; null while deliveries succeed. */
  failing_since: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  deleted_at: NullableTimestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  /** Fan-out order: per (endpoint, subject) deliveries are sent in this order. */
  seq: ColumnType<string, never, never>;
  tenant_id: string;
  event_id: string;
  endpoint_id: string;
  subject_id: string | null;
  status: WebhookDeliveryStatus;
  /** Attempts in the current schedule (a manual redelivery starts a new one). */
  attempt_count: ColumnType<number, number | undefined, number>;
  next_attempt_at: NullableTimestamp;
  /** A worker's lease: while in the future, the delivery is being attempted. */
  locked_until: NullableTimestamp;
  lease_token: string | null;
  first_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface WebhookAttemptsTable {
  id: string;
  tenant_id: string;
  delivery_id: string;
  attempted_at: Timestamp;
  duration_ms: number;
  succeeded: boolean;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
}

export type PeriodValue = { unit: "day" | "week" | "month" | "year"; count: number };
type JsonOf<T> = ColumnType<T, string, string>;
type NullableJsonOf<T> = ColumnType<T | null, string | null, string | null>;

export interface PlanGroupsTable {
  id: string;
  tenant_id: string;
  name: string;
  name_translations: JsonOf<Record<string, string>>;
  currency: string;
  price_type: "net" | "gross";
  tax_policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface PlansTable {
  id: string;
  tenant_id: string;
  plan_group_id: string;
  name: string;
  name_translations: JsonOf<Record<string, string>>;
  description: string | null;
  trial_period: NullableJsonOf<PeriodValue>;
  trial_end_policy: "continue" | "expire";
  requires_order_approval: boolean;
  hidden: boolean;
  created_at: Timestamp;
}

export type PriceTier = { from: string; price: string };

export interface ComponentsTable {
  id: string;
  tenant_id: string;
  plan_group_id: string;
  external_id: string | null;
  name: string;
  name_translations: JsonOf<Record<string, string>>;
  type: "quantity" | "on_off" | "metered";
  unit: string | null;
  price_model: "per_unit" | "tiered" | "volume" | "package";
  price_per_unit: string;
  tiers: JsonOf<PriceTier[]>;
  package_size: string | null;
  fee_period: JsonOf<PeriodValue>;
  prorate: boolean;
  bill_in_trial: boolean;
  hidden: boolean;
  created_at: Timestamp;
}

export type Quota = { component_id: string; quantity: string };

export interface PlanVariantsTable {
  id: string;
  tenant_id: string;
  plan_id: string;
  external_id: string | null;
  internal_name: string;
  description: string | null;
  recurring_fee: string;
  setup_fee: string;
  fee_period: JsonOf<PeriodValue>;
  billing_period: JsonOf<PeriodValue>;
  payment_period_mode: "prepaid" | "postpaid";
  billing_alignment: "anniversary" | "calendar";
  contract_period: NullableJsonOf<PeriodValue>;
  later_contract_period: NullableJsonOf<PeriodValue>;
  notice_period: NullableJsonOf<PeriodValue>;
  later_notice_period: NullableJsonOf<PeriodValue>;
  end_after_first_contract_period: boolean;
  allow_self_service: boolean;
  allow_without_payment_data: boolean;
  hidden: boolean;
  quotas: JsonOf<Quota[]>;
  created_at: Timestamp;
}

export interface ContractsTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  plan_group_id: string;
  currency: string;
  start_at: Timestamp;
  end_at: NullableTimestamp;
  /** When billing next looks at the contract; null once it has ended and is fully billed. */
  next_billing_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_billed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Until when the contract stays as it is despite unpaid debt (subscription actions). */
  grace_period_end_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Start of the inactive phase a rest action began; null when not resting. */
  resting_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The customer is frozen: billing leaves the contract alone until it is unfrozen. */
  billing_frozen: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The business entity that bills the contract. */
  business_entity_id: string;
  /** Set on the transferred copy a move leaves in the source entity: the active contract. */
  active_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the contract last moved to its customer's entity. */
  moved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Moved term ends (ISO instants, in order): billing periods restart from each. */
  term_restarts: ColumnType<string[], string | undefined, string>;
  /** Renewals invoiced in advance and the schedule of advance invoices (ISO instants). */
  advance_billing: ColumnType<AdvanceBillingJson, string | undefined, string>;
  /** Imported contracts: the other system billed every day before this; null otherwise. */
  billed_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The contract term imported onto the contract (ISO instants); null: none. */
  contract_term: ColumnType<ContractTermJson | null, string | null | undefined, string | null>;
  /** Settlements that failed in a row (0 once one succeeds). */
  settlement_failures: ColumnType<number, number | undefined, number>;
  /** The last failed settlement's error and when it failed. */
  settlement_error: ColumnType<string | null, string | null | undefined, string | null>;
  settlement_failed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Billing stopped trying to settle the contract (too many failures); null: not parked. */
  settlement_parked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** An imported contract term as stored (src/modules/contracts/imports.ts). */
export type ContractTermJson = {
  start: string;
  end: string;
  billing_cycles: number | null;
  action_at_term_end: "renew" | "renew_once" | "evergreen" | "cancel";
};

/** A contract's advance billing as stored: see src/domain/invoicing/advance.ts. */
export type AdvanceBillingJson = {
  charges: { on: string; through: string }[];
  schedule:
    | { type: "fixed_intervals"; terms: number; from: string; occurrences: number | null }
    | { type: "specific_dates"; dates: { on: string; terms: number }[] }
    | null;
};

export interface SubscriptionActionsTable {
  id: string;
  tenant_id: string;
  number: ColumnType<string, string | number | bigint, never>;
  contract_id: string;
  behaviour_code: string;
  state: "executed" | "scheduled" | "cancelled" | "rejected";
  transaction_reference_number: string | null;
  classification: string | null;
  submitted_by_type: string;
  submitted_by_id: string;
  performed_by_user: string | null;
  performed_by_unit: string | null;
  performed_by_business_unit: string | null;
  performed_on: NullableTimestamp;
  billing_effective_date: NullableTimestamp;
  billable_period_start_date: NullableTimestamp;
  scheduled_date: NullableTimestamp;
  submitted_on: Timestamp;
  executed_on: NullableTimestamp;
  cancelled_on: NullableTimestamp;
  rejection: ColumnType<{ code: string; message: string } | null, string | null, string | null>;
  parameters: ColumnType<Record<string, unknown>, string, string>;
  effects: ColumnType<unknown[], string, string>;
  udf: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProvisioningDistributorsTable {
  id: string;
  tenant_id: string;
  name: string;
  alternative_code: string | null;
  created_at: Timestamp;
}

export interface ServiceDistributionsTable {
  tenant_id: string;
  contract_id: string;
  component_id: string;
  distributor_id: string;
}

export interface InstalledItemsTable {
  id: string;
  tenant_id: string;
  contract_id: string;
  serial_number: string;
  alternative_code: string | null;
  product: string | null;
  distributor_ids: ColumnType<string[], string[], string[]>;
  udf: ColumnType<Record<string, unknown>, string, string>;
  installed_at: Timestamp;
  removed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ContractPhasesTable {
  contract_id: string;
  start_at: Timestamp;
  type: "trial" | "normal" | "inactive";
  plan_variant_id: string | null;
  quantity: string;
  /** When the phase's start was announced (contract.phase_started, or the write's own event). */
  announced_at: NullableTimestamp;
  /** A trial phase: when contract.trial_end_approaching was emitted (or skipped as too late). */
  end_approach_announced_at: NullableTimestamp;
}

export type OrderStatus = "in_progress" | "approval_pending" | "succeeded" | "declined";

export interface OrdersTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  contract_id: string;
  type: "signup" | "change";
  status: OrderStatus;
  /** Null on a component-only change. */
  plan_variant_id: string | null;
  quantity: string | null;
  /** The cart's component quantities. */
  components: JsonOf<CartComponent[]>;
  coupon_code: string | null;
  start_at: NullableTimestamp;
  /** For a change order: when the new plan variant takes effect (null: at commit). */
  change_at: NullableTimestamp;
  /** Bill the contract at once when the order succeeds, not at its next billing date. */
  trigger_interim_billing: ColumnType<boolean, boolean | undefined, boolean>;
  /** The payment method named at commit ("Role:Provider", e.g. "Debit:Stripe"). */
  payment_method: ColumnType<string | null, string | null | undefined, string | null>;
  /** Proposed by the customer in the portal (a plan change the portal may commit). */
  portal: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type CartComponent = { component_id: string; quantity: string; memo?: string };

export interface DiscountsTable {
  id: string;
  tenant_id: string;
  plan_group_id: string;
  name: string;
  description: string | null;
  kind: "percentage" | "fixed_amount";
  /** Percent off, a decimal in (0, 100]; for kind percentage. */
  percent: string | null;
  /** Minor units of the plan group's currency off the recurring fee per fee period; for kind fixed_amount. */
  amount: string | null;
  applies_to: "recurring_fee" | "components" | "all";
  /** How long it applies from the subscription's start; null: forever. */
  duration: NullableJsonOf<PeriodValue>;
  created_at: Timestamp;
}

export interface CouponsTable {
  id: string;
  tenant_id: string;
  /** Unique per tenant, compared case-insensitively. */
  code: string;
  discount_id: string;
  valid_until: NullableTimestamp;
  max_redemptions: number | null;
  redemption_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface DiscountSubscriptionsTable {
  id: string;
  tenant_id: string;
  contract_id: string;
  discount_id: string;
  coupon_id: string | null;
  order_id: string | null;
  start_at: Timestamp;
  /** An explicit end (set when ended). */
  end_at: NullableTimestamp;
  /** start + the discount's duration in the customer's time zone; null: forever. */
  duration_end_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface UsageRecordsTable {
  id: string;
  tenant_id: string;
  contract_id: string;
  component_id: string;
  quantity: string;
  due_at: Timestamp;
  memo: string | null;
  /** Caller's de-duplication key, unique per contract. */
  key: string | null;
  billed_at: NullableTimestamp;
  invoice_id: string | null;
  created_at: Timestamp;
}

export interface SelfServiceTokensTable {
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  tenant_id: string;
  contract_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  /** Set when the link was revoked before it expired. */
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Set when a merchant activated the link (Chargebee's portal session activate). */
  activated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ComponentSubscriptionsTable {
  id: string;
  tenant_id: string;
  contract_id: string;
  component_id: string;
  quantity: string;
  start_at: Timestamp;
  end_at: NullableTimestamp;
  memo: string | null;
  created_at: Timestamp;
}

export interface RatedItemsTable {
  id: string;
  tenant_id: string;
  contract_id: string;
  description: string;
  quantity: string;
  price_per_unit: string;
  period_start: Timestamp;
  period_end: Timestamp;
  billed_at: NullableTimestamp;
  invoice_id: string | null;
  tax_policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  /** Billed with the first settlement from this instant (a charge at the term end); null: from its creation. */
  due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface BusinessEntitiesTable {
  id: string;
  tenant_id: string;
  name: string;
  address: ColumnType<Address, string | undefined, string>;
  /** ISO 3166-1 alpha-2: where the seller is established (decides reverse charge). */
  country: string | null;
  vat_id: string | null;
  tax_number: string | null;
  email: string | null;
  invoice_prefix: ColumnType<string, string | undefined, string>;
  credit_note_prefix: ColumnType<string, string | undefined, string>;
  default_tax_policy_id: string | null;
  payment_terms_days: ColumnType<number, number | undefined, number>;
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  /** Currencies the entity bills in (ISO 4217); empty: any. */
  currencies: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface BusinessEntityTransfersTable {
  id: string;
  tenant_id: string;
  resource_type: "customer" | "subscription";
  /** The deprecated copy left in the source entity. */
  resource_id: string;
  /** The active record (its id never changes). */
  active_resource_id: string;
  source_business_entity_id: string;
  destination_business_entity_id: string;
  reason_code: string;
  created_at: Timestamp;
}

export type TaxRate = { country: string; rate: string };

export interface TaxPoliciesTable {
  id: string;
  tenant_id: string;
  name: string;
  rates: JsonOf<TaxRate[]>;
  default_rate: string;
  created_at: Timestamp;
}

export interface DocumentSequencesTable {
  tenant_id: string;
  business_entity_id: string;
  kind: "invoice" | "credit_note";
  last_value: ColumnType<string, string | undefined, string>;
}

export interface BillingRunsTable {
  id: string;
  tenant_id: string;
  trigger: "worker" | "api";
  status: "running" | "completed" | "interrupted";
  started_at: Timestamp;
  tenant_time: Timestamp;
  finished_at: NullableTimestamp;
  contracts_billed: ColumnType<number, number | undefined, number>;
  invoices_created: ColumnType<number, number | undefined, number>;
  credit_notes_created: ColumnType<number, number | undefined, number>;
  failures: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  updated_at: Timestamp;
}

export type PartySnapshot = {
  name: string;
  sub_name: string | null;
  address: Address;
  vat_id: string | null;
  tax_number: string | null;
  email?: string | null;
};

/** One tax rate's totals, in minor units. */
export type TaxRow = { rate: string; net: string; tax: string; gross: string };

export interface InvoicesTable {
  id: string;
  tenant_id: string;
  business_entity_id: string;
  customer_id: string;
  contract_id: string | null;
  kind: "invoice" | "credit_note";
  status: "draft" | "finalized" | "void";
  sequence: string | null;
  number: string | null;
  currency: string;
  price_basis: "net" | "gross";
  issue_date: string;
  due_date: string | null;
  service_period_start: string | null;
  service_period_end: string | null;
  sender: JsonOf<PartySnapshot>;
  recipient: JsonOf<PartySnapshot>;
  reverse_charge: boolean;
  tax_rows: JsonOf<TaxRow[]>;
  total_net: string;
  total_tax: string;
  total_gross: string;
  corrects_invoice_id: string | null;
  billing_run_id: string | null;
  created_at: Timestamp;
  finalized_at: NullableTimestamp;
  voided_at: NullableTimestamp;
  updated_at: Timestamp;
  /** Promotional credits applied when the invoice was issued, in minor units (0: none). */
  credits_applied: ColumnType<string, string | bigint | undefined, string | bigint>;
  /** The customer's purchase order number, printed on the document; changeable after issue. */
  po_number: ColumnType<string | null, string | null | undefined, string | null>;
  /** Notes for the customer, printed on the document; changeable after issue. */
  notes: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when dunning of the invoice was stopped: the dunning worker passes over it. */
  dunning_stopped_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface InvoiceLinesTable {
  id: string;
  tenant_id: string;
  invoice_id: string;
  position: number;
  contract_id: string | null;
  /** The billing engine's stable charge key; null for lines entered by hand. */
  charge_key: string | null;
  kind: string;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: string;
  unit_price: string;
  amount: string;
  tax_rate: string;
  credited_line_id: string | null;
}

export interface SigningKeysTable {
  tenant_id: string;
  purpose: string;
  secret: string;
  created_at: CreatedAt;
}

/** A quote's line as priced (decimal strings in the quote's currency). */
export type QuoteLine = {
  kind: string;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: string;
  unit_price: string;
  amount: string;
  tax_rate: string;
};

export interface QuotesTable {
  id: string;
  tenant_id: string;
  type: "subscription" | "change" | "one_time";
  /** "expired" is never stored: an open quote past valid_until reads as expired. */
  status: "open" | "accepted" | "declined";
  customer_id: string;
  /** A change's contract; a subscription's once accepted; null for one-time charges. */
  contract_id: string | null;
  /** The pricing input as given (the order's or the invoice's fields). */
  input: JsonOf<Record<string, unknown>>;
  /** When the quoted subscription starts or the change takes effect (fixed when priced). */
  starts_at: NullableTimestamp;
  currency: string;
  price_basis: "net" | "gross";
  reverse_charge: boolean;
  /** The customer's day the amounts are billed as of. */
  priced_on: string;
  lines: JsonOf<QuoteLine[]>;
  tax_rows: JsonOf<TaxRow[]>;
  /** Minor units. */
  total_net: string;
  total_tax: string;
  total_gross: string;
  valid_until: Timestamp;
  order_id: string | null;
  invoice_id: string | null;
  accepted_at: NullableTimestamp;
  declined_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A gift subscription (Chargebee's gift): paid by the gifter, claimed by the recipient. */
export interface GiftsTable {
  id: string;
  tenant_id: string;
  /** As stored; a scheduled gift whose date the tenant's clock passed reads as unclaimed. */
  status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
  gifter_customer_id: string;
  gifter_note: string | null;
  gifter_signature: string | null;
  /** Named when the gift was created, or the customer that claimed it. */
  receiver_customer_id: string | null;
  receiver_email: string;
  receiver_first_name: string | null;
  receiver_last_name: string | null;
  /** The items: plan variant, quantity, components, coupon code (a signup order's fields). */
  subscription: JsonOf<Record<string, unknown>>;
  /** The gifted term: the plan variant's billing period. */
  term: JsonOf<PeriodValue>;
  scheduled_at: Timestamp;
  claim_expires_at: NullableTimestamp;
  /** The gifter's invoice for the gifted term. */
  invoice_id: string;
  /** The credit note of the gifter's invoice, when the gift was cancelled. */
  credit_note_id: string | null;
  /** The recipient's contract, once claimed. */
  contract_id: string | null;
  claimed_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  expired_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An issued invoice or credit note sent as an EN 16931 e-invoice, with its last outcome. */
export interface EInvoicesTable {
  id: string;
  tenant_id: string;
  document_id: string;
  format: string;
  status: "scheduled" | "in_progress" | "success" | "failed";
  reference_number: string | null;
  message: string | null;
  attempts: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A page of the customer portal through which a customer completes one thing. */
export interface HostedPagesTable {
  id: string;
  tenant_id: string;
  type:
    | "checkout_new"
    | "checkout_existing"
    | "checkout_one_time"
    | "manage_payment_sources"
    | "update_payment_method"
    | "collect_now"
    | "accept_quote"
    | "extend_subscription"
    | "pre_cancel"
    | "view_voucher"
    | "checkout_gift"
    | "claim_gift";
  state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
  /** SHA-256 of the page's token; the token itself is never stored. */
  token_hash: string;
  /** Null only for a checkout of a customer created when it completes. */
  customer_id: string | null;
  contract_id: string | null;
  quote_id: string | null;
  /** A voucher page's invoice. */
  invoice_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A voucher page's offline payment voucher: reference, amount, currency, due date. */
  voucher: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** What happened on the page, recorded by the merchant (name, occurred_at, data), in order. */
  events: ColumnType<Record<string, unknown>[], string | undefined, string>;
  /** What the page was created with (the order's, the invoice's or the customer's fields). */
  input: JsonOf<Record<string, unknown>>;
  /** What completing it produced (ids of the contract, invoice, payment source, payments). */
  content: NullableJsonOf<Record<string, unknown>>;
  /** On the tenant's clock. */
  expires_at: Timestamp;
  requested_at: NullableTimestamp;
  succeeded_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The goods an issued invoice ships (Chargebee's orders); amounts in minor units. */
export interface FulfilmentOrdersTable {
  id: string;
  tenant_id: string;
  /** Unique per tenant; null until a number is assigned. */
  number: string | null;
  invoice_id: string;
  customer_id: string;
  currency: string;
  status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
  amount: ColumnType<string, string | bigint, string | bigint>;
  tracking_id: string | null;
  tracking_url: string | null;
  carrier: string | null;
  shipping_address: NullableJson;
  notes: string | null;
  cancellation_reason: string | null;
  cancellation_credit_note_id: string | null;
  refund_credit_note_id: string | null;
  /** The order this one ships again (a resend). */
  resent_from: string | null;
  imported: ColumnType<boolean, boolean | undefined, boolean>;
  order_date: string;
  shipped_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  status_updated_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FulfilmentOrderLinesTable {
  id: string;
  tenant_id: string;
  order_id: string;
  position: number;
  invoice_line_id: string;
  description: string;
  quantity: string;
  /** Minor units. */
  amount: ColumnType<string, string | bigint, never>;
}

/** The last order number each tenant's sequence gave. */
export interface FulfilmentOrderSequencesTable {
  tenant_id: string;
  last_value: ColumnType<string, string | bigint, string | bigint>;
}

/** A rate-limit token bucket per caller (PostgreSQL; src/modules/access/rate-limits.ts). */
export interface RateLimitBucketsTable {
  key: string;
  tokens: number;
  at: Timestamp;
  /** Whether the last request counted was allowed. */
  allowed: boolean;
  /** How many tokens the last draw took (a process may draw several at once). */
  granted: ColumnType<number, number | undefined, number>;
}

export interface DB {
  fulfilment_orders: FulfilmentOrdersTable;
  fulfilment_order_lines: FulfilmentOrderLinesTable;
  fulfilment_order_sequences: FulfilmentOrderSequencesTable;
  business_entities: BusinessEntitiesTable;
  business_entity_transfers: BusinessEntityTransfersTable;
  tax_policies: TaxPoliciesTable;
  document_sequences: DocumentSequencesTable;
  billing_runs: BillingRunsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  signing_keys: SigningKeysTable;
  discounts: DiscountsTable;
  coupons: CouponsTable;
  discount_subscriptions: DiscountSubscriptionsTable;
  component_subscriptions: ComponentSubscriptionsTable;
  rated_items: RatedItemsTable;
  self_service_tokens: SelfServiceTokensTable;
  quotes: QuotesTable;
  hosted_pages: HostedPagesTable;
  einvoices: EInvoicesTable;
  gifts: GiftsTable;
  usage_records: UsageRecordsTable;
  contracts: ContractsTable;
  subscription_actions: SubscriptionActionsTable;
  payments: PaymentsTable;
  roles: RolesTable;
  rate_limit_buckets: RateLimitBucketsTable;
  payment_allocations: PaymentAllocationsTable;
  payment_sources: PaymentSourcesTable;
  payment_source_setups: PaymentSourceSetupsTable;
  gateway_accounts: GatewayAccountsTable;
  customer_gateway_accounts: CustomerGatewayAccountsTable;
  gateway_events: GatewayEventsTable;
  credit_note_allocations: CreditNoteAllocationsTable;
  promotional_credit_entries: PromotionalCreditEntriesTable;
  dunning_notices: DunningNoticesTable;
  collection_attempts: CollectionAttemptsTable;
  provisioning_distributors: ProvisioningDistributorsTable;
  service_distributions: ServiceDistributionsTable;
  installed_items: InstalledItemsTable;
  contract_phases: ContractPhasesTable;
  orders: OrdersTable;
  plan_groups: PlanGroupsTable;
  plans: PlansTable;
  components: ComponentsTable;
  plan_variants: PlanVariantsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  messages: MessagesTable;
  message_templates: MessageTemplatesTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  customer_hierarchy: CustomerHierarchyTable;
  access_tokens: AccessTokensTable;
  console_users: ConsoleUsersTable;
  console_user_tokens: ConsoleUserTokensTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  oauth_clients: OauthClientsTable;
  partners: PartnersTable;
  partner_customers: PartnerCustomersTable;
  verification_codes: VerificationCodesTable;
  customer_budgets: CustomerBudgetsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  outbox_events: OutboxEventsTable;
}
