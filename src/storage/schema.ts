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
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
}

export interface OauthClientsTable {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  roles: string[];
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
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
}

export interface AccessTokensTable {
  /** SHA-256 of the opaque token; the token itself is never stored. */
  token_hash: string;
  tenant_id: string;
  client_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export type Address = {
  line1?: string;
  line2?: string;
  street?: string;
  house_number?: string;
  postal_code?: string;
  city?: string;
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
  time_zone: string;
  default_bearer_medium: string | null;
  address: ColumnType<Address, string, string>;
  custom_fields: ColumnType<Record<string, unknown>, string, string>;
  hidden: boolean;
  locked: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
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
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContractPhasesTable {
  contract_id: string;
  start_at: Timestamp;
  type: "trial" | "normal" | "inactive";
  plan_variant_id: string | null;
  quantity: string;
}

export type OrderStatus = "in_progress" | "approval_pending" | "succeeded" | "declined";

export interface OrdersTable {
  id: string;
  tenant_id: string;
  customer_id: string;
  contract_id: string;
  type: "signup" | "change";
  status: OrderStatus;
  plan_variant_id: string;
  quantity: string;
  start_at: NullableTimestamp;
  /** For a change order: when the new plan variant takes effect (null: at commit). */
  change_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
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
  created_at: Timestamp;
}

export interface DB {
  component_subscriptions: ComponentSubscriptionsTable;
  rated_items: RatedItemsTable;
  self_service_tokens: SelfServiceTokensTable;
  usage_records: UsageRecordsTable;
  contracts: ContractsTable;
  contract_phases: ContractPhasesTable;
  orders: OrdersTable;
  plan_groups: PlanGroupsTable;
  plans: PlansTable;
  components: ComponentsTable;
  plan_variants: PlanVariantsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  customers: CustomersTable;
  access_tokens: AccessTokensTable;
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  oauth_clients: OauthClientsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  outbox_events: OutboxEventsTable;
}
