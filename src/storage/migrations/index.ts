import type { Migration } from "kysely/migration";
import * as m0001 from "./0001_foundation.js";
import * as m0003 from "./0003_oauth_tokens.js";
import * as m0004 from "./0004_customers.js";
import * as m0005 from "./0005_catalog.js";
import * as m0006 from "./0006_webhooks.js";
import * as m0007 from "./0007_contracts_orders.js";
import * as m0008 from "./0008_usage.js";
import * as m0009 from "./0009_self_service_tokens.js";
import * as m0010 from "./0010_component_subscriptions_rated_items.js";
import * as m0011 from "./0011_change_orders.js";
import * as m0012 from "./0012_carts_discounts_phase_events.js";
import * as m0013 from "./0013_invoicing.js";
import * as m0014 from "./0014_interim_billing.js";
import * as m0015 from "./0015_billing_run_indexes.js";
import * as m0016 from "./0016_subscription_actions.js";
import * as m0017 from "./0017_payments.js";
import * as m0018 from "./0018_roles.js";
import * as m0019 from "./0019_business_entities.js";
import * as m0020 from "./0020_partners.js";
import * as m0021 from "./0021_console_users.js";
import * as m0022 from "./0022_customer_has_orders.js";
import * as m0023 from "./0023_customer_contacts.js";
import * as m0024 from "./0024_promotional_credits.js";
import * as m0025 from "./0025_invoice_details.js";
import * as m0026 from "./0026_payment_method.js";
import * as m0027 from "./0027_customer_hierarchy.js";
import * as m0028 from "./0028_credit_note_refunds.js";
import * as m0029 from "./0029_customer_personal_data_cleared.js";
import * as m0030 from "./0030_payment_sources.js";
import * as m0031 from "./0031_credit_note_allocations.js";
import * as m0032 from "./0032_tax_withheld.js";
import * as m0033 from "./0033_test_clock_started.js";
import * as m0034 from "./0034_payment_authorizations.js";
import * as m0035 from "./0035_portal_link_revocation.js";
import * as m0036 from "./0036_quotes.js";
import * as m0037 from "./0037_fulfilment_orders.js";
import * as m0038 from "./0038_contract_term_restarts.js";
import * as m0039 from "./0039_advance_billing.js";
import * as m0040 from "./0040_contract_imports.js";
import * as m0041 from "./0041_customer_billing_date.js";
import * as m0042 from "./0042_hosted_pages.js";
import * as m0043 from "./0043_gifts.js";
import * as m0044 from "./0044_hosted_page_retention.js";
import * as m0045 from "./0045_einvoices.js";
import * as m0046 from "./0046_gateway_accounts.js";
import * as m0047 from "./0047_settlement_failures.js";
import * as m0048 from "./0048_rate_limit_buckets.js";
import * as m0049 from "./0049_messages.js";
import * as m0050 from "./0050_message_templates.js";
import * as m0051 from "./0051_stripe_payments.js";
import * as m0052 from "./0052_gateway_events.js";
import * as m0053 from "./0053_automatic_collection.js";
import * as m0054 from "./0054_entity_message_templates.js";
import * as m0055 from "./0055_message_bounces.js";
import * as m0056 from "./0056_console_user_tokens.js";
import * as m0057 from "./0057_provider_payment_sources.js";
import * as m0058 from "./0058_invoice_list_sorts.js";
import * as m0059 from "./0059_gateway_event_reversals.js";
import * as m0060 from "./0060_list_sorts.js";
import * as m0061 from "./0061_payment_authentication.js";
import * as m0062 from "./0062_payment_source_setups.js";
import * as m0065 from "./0065_rate_limit_grants.js";
import * as m0066 from "./0066_payment_expiry.js";
import * as m0067 from "./0067_contract_list_sorts.js";
import * as m0068 from "./0068_quote_list_sorts.js";
import * as m0069 from "./0069_list_day_filters.js";
import * as m0070 from "./0070_action_list_sorts.js";
import * as m0071 from "./0071_read_cache_changes.js";
import * as m0072 from "./0072_contract_read_cache_row_trigger.js";
import * as m0073 from "./0073_deferrable_line_documents.js";

/**
 * Every migration, in order. Names sort lexically; never rename or edit a released one —
 * add a new file. They target PostgreSQL 15 (the oldest supported server) and run unchanged
 * on PGlite.
 */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0003_oauth_tokens": m0003,
  "0004_customers": m0004,
  "0005_catalog": m0005,
  "0006_webhooks": m0006,
  "0007_contracts_orders": m0007,
  "0008_usage": m0008,
  "0009_self_service_tokens": m0009,
  "0010_component_subscriptions_rated_items": m0010,
  "0011_change_orders": m0011,
  "0012_carts_discounts_phase_events": m0012,
  "0013_invoicing": m0013,
  "0014_interim_billing": m0014,
  "0015_billing_run_indexes": m0015,
  "0016_subscription_actions": m0016,
  "0017_payments": m0017,
  "0018_roles": m0018,
  "0019_business_entities": m0019,
  "0020_partners": m0020,
  "0021_console_users": m0021,
  "0022_customer_has_orders": m0022,
  "0023_customer_contacts": m0023,
  "0024_promotional_credits": m0024,
  "0025_invoice_details": m0025,
  "0026_payment_method": m0026,
  "0027_customer_hierarchy": m0027,
  "0028_credit_note_refunds": m0028,
  "0029_customer_personal_data_cleared": m0029,
  "0030_payment_sources": m0030,
  "0031_credit_note_allocations": m0031,
  "0032_tax_withheld": m0032,
  "0033_test_clock_started": m0033,
  "0034_payment_authorizations": m0034,
  "0035_portal_link_revocation": m0035,
  "0036_quotes": m0036,
  "0037_fulfilment_orders": m0037,
  "0038_contract_term_restarts": m0038,
  "0039_advance_billing": m0039,
  "0040_contract_imports": m0040,
  "0041_customer_billing_date": m0041,
  "0042_hosted_pages": m0042,
  "0043_gifts": m0043,
  "0044_hosted_page_retention": m0044,
  "0045_einvoices": m0045,
  "0046_gateway_accounts": m0046,
  "0047_settlement_failures": m0047,
  "0048_rate_limit_buckets": m0048,
  "0049_messages": m0049,
  "0050_message_templates": m0050,
  "0051_stripe_payments": m0051,
  "0052_gateway_events": m0052,
  "0053_automatic_collection": m0053,
  "0054_entity_message_templates": m0054,
  "0055_message_bounces": m0055,
  "0056_console_user_tokens": m0056,
  "0057_provider_payment_sources": m0057,
  "0058_invoice_list_sorts": m0058,
  "0059_gateway_event_reversals": m0059,
  "0060_list_sorts": m0060,
  "0061_payment_authentication": m0061,
  "0062_payment_source_setups": m0062,
  "0065_rate_limit_grants": m0065,
  "0066_payment_expiry": m0066,
  "0067_contract_list_sorts": m0067,
  "0068_quote_list_sorts": m0068,
  "0069_list_day_filters": m0069,
  "0070_action_list_sorts": m0070,
  "0071_read_cache_changes": m0071,
  "0072_contract_read_cache_row_trigger": m0072,
  "0073_deferrable_line_documents": m0073,
};
