/**
 * The operation catalog: every API operation declared once, with the permission codes that
 * allow it. A caller may run an operation when it holds ANY ONE of its codes (the rule of
 * Huawei's fine-grained permissions). Routing, authorization, audit and the API reference
 * all read this table; a route without an entry here fails at start-up.
 */
export type Operation = {
  readonly id: string;
  readonly summary: string;
  /** Any one of these permission codes allows the call. Empty: public (no credentials). */
  readonly permissions: readonly string[];
  /** Mutations run in one transaction with idempotency and an audit record. */
  readonly mutation: boolean;
  /** Group in the API reference. */
  readonly tag: string;
  /**
   * Set when the operation exists only on another surface (not in /openapi.json): a
   * compatibility surface (docs/compat/) or the customer portal's own API (docs/console.md).
   */
  readonly surface?: "crmcom" | "huawei" | "portal";
  /**
   * A credential bound to a partner may call only operations marked so; they see only that
   * partner's records (and its resellers'). See modules/partners.
   */
  readonly partnerScope?: true;
  /**
   * A public operation that trades or ends credentials (a login, a token release): its
   * requests count against the client address's rate limit, as no caller is known yet.
   */
  readonly credentialExchange?: true;
};

const op = (
  id: string,
  tag: string,
  summary: string,
  permissions: string[],
  mutation: boolean,
): Operation => ({ id, tag, summary, permissions, mutation });

/** The permission every portal operation names; held only by self-service token holders. */
export const PORTAL_PERMISSION = "portal:self";

const portal = (id: string, summary: string, mutation: boolean): Operation => ({
  ...op(id, "Portal", summary, [PORTAL_PERMISSION], mutation),
  surface: "portal",
});

/** Huawei Cloud Partner Center's action codes (seed 001), any one of which allows an operation. */
const BPC = {
  register: "BPC_ITEM_SUBCUSTSERV_010118",
  queryCustomers: ["BPC_ITEM_SUBCUSTSERV_010100", "BPC_ITEM_SUBCUSTSERV_010500"],
  freeze: ["BPC_ITEM_SUBCUSTSERV_010501", "BPC_ITEM_SUBCUSTSERV_010115"],
  resellers: "BPC_ITEM_SALES_020100",
  orders: ["BPC_ITEM_SUBCUSTSERV_060100", "BPC_ITEM_SUBCUSTSERV_060200"],
  budgetRead: [
    "BPC_ITEM_SUBCUSTSERV_010111",
    "BPC_ITEM_SUBCUSTSERV_010503",
    "BPC_ITEM_SUBCUSTSERV_010107",
  ],
  budgetWrite: ["BPC_ITEM_SUBCUSTSERV_010111", "BPC_ITEM_SUBCUSTSERV_010503"],
  bills: "BPC_ITEM_FINANCE_090100",
} as const;

/** An operation a partner-bound credential may call (on its own partner or a reseller). */
const partnerOp = (
  id: string,
  summary: string,
  permissions: string[],
  mutation: boolean,
): Operation => ({ id, tag: "Partners", summary, permissions, mutation, partnerScope: true });

export const OPERATIONS = {
  "system.health": op("system.health", "System", "Liveness and database check", [], false),

  "oauth.token": {
    ...op(
      "oauth.token",
      "Access",
      "Trade OAuth client credentials for a bearer token (RFC 6749 client credentials)",
      [],
      false,
    ),
    credentialExchange: true,
  },

  "tenant.get": op("tenant.get", "Tenant", "The caller's tenant", ["tenant:read"], false),
  "tenant.update": op(
    "tenant.update",
    "Tenant",
    "Rename the tenant, or choose whether billing issues documents at once or as drafts",
    ["tenant:write"],
    true,
  ),

  "api_keys.create": op(
    "api_keys.create",
    "Access",
    "Create an API key (the secret is shown once)",
    ["api_keys:write"],
    true,
  ),
  "api_keys.list": op("api_keys.list", "Access", "List API keys", ["api_keys:read"], false),
  "api_keys.get": op("api_keys.get", "Access", "Get an API key", ["api_keys:read"], false),
  "api_keys.revoke": op("api_keys.revoke", "Access", "Revoke an API key", ["api_keys:write"], true),
  "console_users.create": op(
    "console_users.create",
    "Access",
    "Create a console user (e-mail address, password, roles)",
    ["console_users:write"],
    true,
  ),
  "console_users.list": op(
    "console_users.list",
    "Access",
    "List console users",
    ["console_users:read"],
    false,
  ),
  "console_users.disable": op(
    "console_users.disable",
    "Access",
    "Disable a console user and end its sessions",
    ["console_users:write"],
    true,
  ),
  "console_sessions.end": {
    ...op(
      "console_sessions.end",
      "Access",
      "Sign a console session out (its token stops working at once)",
      [],
      false,
    ),
    credentialExchange: true,
  },
  "console_sessions.create": {
    ...op(
      "console_sessions.create",
      "Access",
      "Sign a console user in with e-mail address and password (a 12-hour bearer token)",
      [],
      false,
    ),
    credentialExchange: true,
  },
  "roles.list": op(
    "roles.list",
    "Access",
    "List roles: the built-in ones and the tenant's own",
    ["roles:read"],
    false,
  ),
  "roles.get": op(
    "roles.get",
    "Access",
    "Get a role and its permission codes",
    ["roles:read"],
    false,
  ),
  "roles.create": op(
    "roles.create",
    "Access",
    "Create a role: a named set of permission codes (only codes the caller holds)",
    ["roles:write"],
    true,
  ),
  "roles.update": op(
    "roles.update",
    "Access",
    "Change a role's permission codes or description; its holders change with it",
    ["roles:write"],
    true,
  ),
  "roles.delete": op(
    "roles.delete",
    "Access",
    "Delete a role no active credential holds",
    ["roles:write"],
    true,
  ),

  "plan_groups.create": op(
    "plan_groups.create",
    "Catalog",
    "Create a plan group",
    ["catalog:write"],
    true,
  ),
  "plan_groups.update": op(
    "plan_groups.update",
    "Catalog",
    "Change a plan group's descriptive fields (name and translations)",
    ["catalog:write"],
    true,
  ),
  "plan_groups.list": op(
    "plan_groups.list",
    "Catalog",
    "List plan groups",
    ["catalog:read"],
    false,
  ),
  "plan_groups.get": op("plan_groups.get", "Catalog", "Get a plan group", ["catalog:read"], false),
  "plans.create": op("plans.create", "Catalog", "Create a plan", ["catalog:write"], true),
  "plans.update": op(
    "plans.update",
    "Catalog",
    "Change a plan's descriptive fields (name, translations, description, order approval, hidden)",
    ["catalog:write"],
    true,
  ),
  "plans.list": op("plans.list", "Catalog", "List plans", ["catalog:read"], false),
  "plans.get": op("plans.get", "Catalog", "Get a plan", ["catalog:read"], false),
  "plan_variants.create": op(
    "plan_variants.create",
    "Catalog",
    "Create a plan variant",
    ["catalog:write"],
    true,
  ),
  "plan_variants.update": op(
    "plan_variants.update",
    "Catalog",
    "Change a plan variant's descriptive fields (names, description, external id, flags, hidden; prices and terms are fixed)",
    ["catalog:write"],
    true,
  ),
  "plan_variants.list": op(
    "plan_variants.list",
    "Catalog",
    "List plan variants",
    ["catalog:read"],
    false,
  ),
  "plan_variants.get": op(
    "plan_variants.get",
    "Catalog",
    "Get a plan variant",
    ["catalog:read"],
    false,
  ),
  "components.create": op(
    "components.create",
    "Catalog",
    "Create a component",
    ["catalog:write"],
    true,
  ),
  "components.update": op(
    "components.update",
    "Catalog",
    "Change a component's descriptive fields (name, translations, external id, unit, hidden; prices are fixed)",
    ["catalog:write"],
    true,
  ),
  "components.list": op("components.list", "Catalog", "List components", ["catalog:read"], false),
  "components.get": op("components.get", "Catalog", "Get a component", ["catalog:read"], false),

  "discounts.create": op(
    "discounts.create",
    "Catalog",
    "Create a discount: a percentage or a fixed amount off the recurring fee, the components or both, for ever or for a period",
    ["catalog:write"],
    true,
  ),
  "discounts.list": op("discounts.list", "Catalog", "List discounts", ["catalog:read"], false),
  "discounts.get": op("discounts.get", "Catalog", "Get a discount", ["catalog:read"], false),
  "coupons.create": op(
    "coupons.create",
    "Catalog",
    "Create a coupon: a code that grants a discount when an order carrying it succeeds",
    ["catalog:write"],
    true,
  ),
  "coupons.list": op("coupons.list", "Catalog", "List coupons", ["catalog:read"], false),
  "coupons.get": op(
    "coupons.get",
    "Catalog",
    "Get a coupon with its redemption count",
    ["catalog:read"],
    false,
  ),

  "customers.create": op(
    "customers.create",
    "Customers",
    "Create a customer",
    ["customers:write"],
    true,
  ),
  "reports.dashboard": op(
    "reports.dashboard",
    "Reports",
    "Monthly recurring revenue, active contracts, invoiced and collected amounts per month",
    ["reports:read"],
    false,
  ),
  "customers.list": op("customers.list", "Customers", "List customers", ["customers:read"], false),
  "customers.get": op("customers.get", "Customers", "Get a customer", ["customers:read"], false),
  "customers.replace": op(
    "customers.replace",
    "Customers",
    "Replace a customer (PUT: absent fields are cleared)",
    ["customers:write"],
    true,
  ),
  "customers.update": op(
    "customers.update",
    "Customers",
    "Update some fields of a customer (PATCH)",
    ["customers:write"],
    true,
  ),
  "customers.delete": op(
    "customers.delete",
    "Customers",
    "Delete a customer that nothing refers to",
    ["customers:write"],
    true,
  ),
  "customers.lock": op("customers.lock", "Customers", "Lock a customer", ["customers:write"], true),
  "customers.clear_personal_data": op(
    "customers.clear_personal_data",
    "Customers",
    "Erase a customer's personal data and contacts (GDPR); its invoices and payments stay",
    ["customers:write"],
    true,
  ),
  "customers.unlock": op(
    "customers.unlock",
    "Customers",
    "Unlock a customer",
    ["customers:write"],
    true,
  ),
  "customers.update_billing_info": op(
    "customers.update_billing_info",
    "Customers",
    "Update a customer's billing information: VAT id, customer type, document language, address",
    ["customers:write"],
    true,
  ),
  "customers.update_address": op(
    "customers.update_address",
    "Customers",
    "Replace a customer's address",
    ["customers:write"],
    true,
  ),
  "customers.merge": op(
    "customers.merge",
    "Customers",
    "Merge one customer into another: its contracts, documents, payments, payment sources, contacts and credits move; it is deleted",
    ["customers:write"],
    true,
  ),
  "customer_contacts.list": op(
    "customer_contacts.list",
    "Customers",
    "List a customer's contacts",
    ["customers:read"],
    false,
  ),
  "customer_contacts.create": op(
    "customer_contacts.create",
    "Customers",
    "Add a contact to a customer",
    ["customers:write"],
    true,
  ),
  "customer_contacts.update": op(
    "customer_contacts.update",
    "Customers",
    "Change a contact of a customer",
    ["customers:write"],
    true,
  ),
  "customer_contacts.delete": op(
    "customer_contacts.delete",
    "Customers",
    "Remove a contact from a customer",
    ["customers:write"],
    true,
  ),
  "customer_hierarchy.get": op(
    "customer_hierarchy.get",
    "Customers",
    "A customer's account hierarchy: its parent link, ancestors, children and their balances",
    ["customers:read"],
    false,
  ),
  "customer_hierarchy.link": op(
    "customer_hierarchy.link",
    "Customers",
    "Link a customer under a parent customer (Chargebee: link_a_customer)",
    ["customers:write"],
    true,
  ),
  "customer_hierarchy.unlink": op(
    "customer_hierarchy.unlink",
    "Customers",
    "Remove a customer's link to its parent (Chargebee: delete_relationship)",
    ["customers:write"],
    true,
  ),
  "customer_hierarchy.update_settings": op(
    "customer_hierarchy.update_settings",
    "Customers",
    "Change who receives and who pays a linked customer's invoices (Chargebee: update_hierarchy_settings)",
    ["customers:write"],
    true,
  ),

  "orders.create": op(
    "orders.create",
    "Orders",
    "Create an order: a signup, or a change of a contract (plan variant, components, coupon)",
    ["orders:write"],
    true,
  ),
  "orders.list": op("orders.list", "Orders", "List orders", ["orders:read"], false),
  "orders.get": op("orders.get", "Orders", "Get an order", ["orders:read"], false),
  "orders.preview": op(
    "orders.preview",
    "Orders",
    "Price an order: what billing would invoice if it succeeded now (nothing is written)",
    ["orders:read"],
    false,
  ),
  "orders.commit": op(
    "orders.commit",
    "Orders",
    "Commit an order: it succeeds and creates the contract, or awaits approval",
    ["orders:write"],
    true,
  ),
  "orders.approve": op(
    "orders.approve",
    "Orders",
    "Approve an order awaiting approval",
    ["orders:approve"],
    true,
  ),
  "orders.decline": op(
    "orders.decline",
    "Orders",
    "Decline an order awaiting approval",
    ["orders:approve"],
    true,
  ),

  "quotes.create_subscription": op(
    "quotes.create_subscription",
    "Quotes",
    "Quote a new subscription for a customer (a signup order's fields), priced as the order would bill (Chargebee: create a quote for new subscription items)",
    ["quotes:write"],
    true,
  ),
  "quotes.create_change": op(
    "quotes.create_change",
    "Quotes",
    "Quote a change of a contract (a change order's fields), priced as the order would bill (Chargebee: create a quote for updating subscription items)",
    ["quotes:write"],
    true,
  ),
  "quotes.create_one_time": op(
    "quotes.create_one_time",
    "Quotes",
    "Quote one-time charges for a customer (an invoice of hand-entered charges) (Chargebee: create a quote for one-time charges)",
    ["quotes:write"],
    true,
  ),
  "quotes.list": op("quotes.list", "Quotes", "List quotes", ["quotes:read"], false),
  "quotes.get": op(
    "quotes.get",
    "Quotes",
    "Get a quote with its lines and totals",
    ["quotes:read"],
    false,
  ),
  "quotes.pdf": op("quotes.pdf", "Quotes", "Get the PDF of a quote", ["quotes:read"], false),
  "quotes.update": op(
    "quotes.update",
    "Quotes",
    "Edit an open quote: its fields and validity; it is priced again",
    ["quotes:write"],
    true,
  ),
  "quotes.accept": op(
    "quotes.accept",
    "Quotes",
    "Accept an open quote: its order is created and committed, or its invoice issued, exactly as quoted",
    ["quotes:write"],
    true,
  ),
  "quotes.decline": op("quotes.decline", "Quotes", "Decline an open quote", ["quotes:write"], true),

  "contracts.list": op("contracts.list", "Contracts", "List contracts", ["contracts:read"], false),
  "contracts.get": op(
    "contracts.get",
    "Contracts",
    "Get a contract with its phases and its status at the tenant's now",
    ["contracts:read"],
    false,
  ),
  "contracts.end": op(
    "contracts.end",
    "Contracts",
    "End a contract at a date after its start (again: move the end)",
    ["contracts:write"],
    true,
  ),

  "usage.create": op(
    "usage.create",
    "Usage",
    "Record metered usage of a contract's component (a repeated key is not stored twice)",
    ["usage:write"],
    true,
  ),
  "usage.list": op("usage.list", "Usage", "List a contract's metered usage", ["usage:read"], false),
  "usage.delete": op(
    "usage.delete",
    "Usage",
    "Delete usage that is not billed yet",
    ["usage:write"],
    true,
  ),
  "usage.ingest": op(
    "usage.ingest",
    "Usage",
    "Record up to 1,000 usage events of any contracts in one request",
    ["usage:write"],
    true,
  ),

  "contracts.cancellation_preview": op(
    "contracts.cancellation_preview",
    "Contracts",
    "When the contract would end if cancelled now, honouring terms and notice (nothing is written)",
    ["contracts:read"],
    false,
  ),
  "contracts.self_service_token": op(
    "contracts.self_service_token",
    "Contracts",
    "A short-lived customer portal token scoped to one contract",
    ["contracts:write"],
    true,
  ),
  "contracts.portal_links": op(
    "contracts.portal_links",
    "Contracts",
    "A contract's portal links (self-service tokens): live, expired or revoked",
    ["contracts:read"],
    false,
  ),
  "contracts.revoke_portal_links": op(
    "contracts.revoke_portal_links",
    "Contracts",
    "Revoke one portal link of a contract, or all its live ones (Chargebee: portal session logout)",
    ["contracts:write"],
    true,
  ),
  "contracts.delete": op(
    "contracts.delete",
    "Contracts",
    "Delete a contract that never billed, with its phases, components, discounts, rated items, usage and subscription actions",
    ["contracts:write"],
    true,
  ),
  "contracts.change_term_end": op(
    "contracts.change_term_end",
    "Contracts",
    "Move the current term's end (the next renewal, or the end of an ending contract); billing bills or credits the difference",
    ["contracts:write"],
    true,
  ),
  "contracts.change_term_end_preview": op(
    "contracts.change_term_end_preview",
    "Contracts",
    "What moving the current term's end would bill or credit (nothing is written)",
    ["contracts:read"],
    false,
  ),
  "contracts.regenerate_invoice": op(
    "contracts.regenerate_invoice",
    "Billing",
    "Invoice again now what the contract's voided invoices billed (a settlement; 409 when nothing is left to bill again)",
    ["billing:write"],
    true,
  ),
  "contracts.regenerate_invoice_preview": op(
    "contracts.regenerate_invoice_preview",
    "Billing",
    "What regenerating the contract's voided invoice would invoice now (nothing is written)",
    ["invoices:read"],
    false,
  ),

  "component_subscriptions.create": op(
    "component_subscriptions.create",
    "Contracts",
    "Subscribe a quantity-based or on/off component on a contract",
    ["contracts:write"],
    true,
  ),
  "component_subscriptions.list": op(
    "component_subscriptions.list",
    "Contracts",
    "A contract's component subscriptions",
    ["contracts:read"],
    false,
  ),
  "component_subscriptions.end": op(
    "component_subscriptions.end",
    "Contracts",
    "End a component subscription",
    ["contracts:write"],
    true,
  ),
  "discount_subscriptions.create": op(
    "discount_subscriptions.create",
    "Contracts",
    "Grant a discount on a contract from a start date",
    ["contracts:write"],
    true,
  ),
  "discount_subscriptions.list": op(
    "discount_subscriptions.list",
    "Contracts",
    "A contract's discount subscriptions, each with its discount and span",
    ["contracts:read"],
    false,
  ),
  "discount_subscriptions.end": op(
    "discount_subscriptions.end",
    "Contracts",
    "End a discount subscription",
    ["contracts:write"],
    true,
  ),
  "rated_items.create": op(
    "rated_items.create",
    "Contracts",
    "Add a one-off charge with a service period to a contract",
    ["contracts:write"],
    true,
  ),
  "rated_items.delete": op(
    "rated_items.delete",
    "Contracts",
    "Delete a one-off charge no invoice billed yet (Chargebee: delete unbilled charge)",
    ["contracts:write"],
    true,
  ),
  "rated_items.list": op(
    "rated_items.list",
    "Contracts",
    "A contract's rated items",
    ["contracts:read"],
    false,
  ),

  "audit_events.list": op(
    "audit_events.list",
    "Audit",
    "List audit records, newest first",
    ["audit:read"],
    false,
  ),

  "test_clock.get": op("test_clock.get", "Test clock", "The tenant's clock", ["clock:read"], false),
  "test_clock.create": op(
    "test_clock.create",
    "Test clock",
    "Put the tenant on a test clock frozen at a given instant",
    ["clock:write"],
    true,
  ),
  "test_clock.advance": op(
    "test_clock.advance",
    "Test clock",
    "Move the tenant's test clock forward",
    ["clock:write"],
    true,
  ),

  "webhook_endpoints.create": op(
    "webhook_endpoints.create",
    "Webhooks",
    "Create a webhook endpoint (the signing secret is shown once)",
    ["webhooks:write"],
    true,
  ),
  "webhook_endpoints.list": op(
    "webhook_endpoints.list",
    "Webhooks",
    "List webhook endpoints",
    ["webhooks:read"],
    false,
  ),
  "webhook_endpoints.get": op(
    "webhook_endpoints.get",
    "Webhooks",
    "Get a webhook endpoint",
    ["webhooks:read"],
    false,
  ),
  "webhook_endpoints.update": op(
    "webhook_endpoints.update",
    "Webhooks",
    "Change a webhook endpoint's URL, event types or description; disable or enable it",
    ["webhooks:write"],
    true,
  ),
  "webhook_endpoints.delete": op(
    "webhook_endpoints.delete",
    "Webhooks",
    "Delete a webhook endpoint; its pending deliveries are cancelled",
    ["webhooks:write"],
    true,
  ),
  "webhook_endpoints.rotate_secret": op(
    "webhook_endpoints.rotate_secret",
    "Webhooks",
    "Rotate a webhook endpoint's signing secret (the old one keeps signing for 24 hours)",
    ["webhooks:write"],
    true,
  ),
  "webhook_deliveries.list": op(
    "webhook_deliveries.list",
    "Webhooks",
    "List webhook deliveries, newest first",
    ["webhooks:read"],
    false,
  ),
  "webhook_deliveries.get": op(
    "webhook_deliveries.get",
    "Webhooks",
    "Get a webhook delivery with its attempts",
    ["webhooks:read"],
    false,
  ),
  "webhook_deliveries.redeliver": op(
    "webhook_deliveries.redeliver",
    "Webhooks",
    "Send a webhook delivery again now, with a fresh retry schedule",
    ["webhooks:write"],
    true,
  ),

  "invoices.list": op(
    "invoices.list",
    "Invoices",
    "List invoices and credit notes",
    ["invoices:read"],
    false,
  ),
  "invoices.get": op(
    "invoices.get",
    "Invoices",
    "Get an invoice or credit note with its lines",
    ["invoices:read"],
    false,
  ),
  "invoices.pdf": op(
    "invoices.pdf",
    "Invoices",
    "Get the PDF of an invoice or credit note",
    ["invoices:read"],
    false,
  ),
  "invoices.download_link": op(
    "invoices.download_link",
    "Invoices",
    "Create a signed, expiring URL that serves the document's PDF without other credentials",
    ["invoices:read"],
    false,
  ),
  "invoices.finalize": op(
    "invoices.finalize",
    "Invoices",
    "Issue a draft: it gets the next number of its business entity",
    ["invoices:write"],
    true,
  ),
  "invoices.void": op(
    "invoices.void",
    "Invoices",
    "Void a draft or issued document; its charges are billed again by the next settlement",
    ["invoices:write"],
    true,
  ),
  "invoices.credit": op(
    "invoices.credit",
    "Invoices",
    "Issue a credit note for an invoice, in full or for chosen lines and amounts",
    ["invoices:write"],
    true,
  ),
  "invoices.update_details": op(
    "invoices.update_details",
    "Invoices",
    "Change a draft or issued invoice's purchase order number, notes or billing address (never its number or amounts)",
    ["invoices:write"],
    true,
  ),
  "invoices.delete": op(
    "invoices.delete",
    "Invoices",
    "Delete a draft invoice; its charges are billed again by the next settlement",
    ["invoices:write"],
    true,
  ),
  "invoices.create": op(
    "invoices.create",
    "Invoices",
    "Create an invoice of charges entered by hand for a customer, issued at once or as a draft (Chargebee: create invoice for charges)",
    ["invoices:write"],
    true,
  ),
  "invoices.import": op(
    "invoices.import",
    "Invoices",
    "Import an invoice or credit note another system issued, with its number, dates and lines (Chargebee: import invoice, import credit note)",
    ["invoices:write"],
    true,
  ),
  "invoices.add_charge": op(
    "invoices.add_charge",
    "Invoices",
    "Add a charge entered by hand to a draft invoice (Chargebee: add charge to a pending invoice)",
    ["invoices:write"],
    true,
  ),
  "invoices.delete_lines": op(
    "invoices.delete_lines",
    "Invoices",
    "Remove hand-entered lines from a draft invoice (Chargebee: delete line items)",
    ["invoices:write"],
    true,
  ),
  "credit_notes.delete": op(
    "credit_notes.delete",
    "Invoices",
    "Delete a draft credit note (Chargebee: delete)",
    ["invoices:write"],
    true,
  ),
  "documents.download": op(
    "documents.download",
    "Invoices",
    "Download a document's PDF with a signed link (no other credentials)",
    [],
    false,
  ),
  "contracts.settle": op(
    "contracts.settle",
    "Billing",
    "Bill a contract now: everything due and not billed yet, and corrections of past charges",
    ["billing:write"],
    true,
  ),
  "contracts.billing_preview": op(
    "contracts.billing_preview",
    "Billing",
    "Preview what billing a contract now would invoice (nothing is written)",
    ["invoices:read"],
    false,
  ),
  "billing_runs.create": op(
    "billing_runs.create",
    "Billing",
    "Run billing now for every due contract of the tenant",
    ["billing:write"],
    true,
  ),
  "billing_runs.list": op(
    "billing_runs.list",
    "Billing",
    "List billing runs, newest first",
    ["billing:read"],
    false,
  ),
  "tax_policies.create": op(
    "tax_policies.create",
    "Billing",
    "Create a tax policy (rates per country)",
    ["billing:write"],
    true,
  ),
  "tax_policies.list": op(
    "tax_policies.list",
    "Billing",
    "List tax policies",
    ["billing:read"],
    false,
  ),
  "business_entities.create": op(
    "business_entities.create",
    "Business entities",
    "Create a business entity: a company the tenant invoices as, with its own document numbers",
    ["business_entities:write"],
    true,
  ),
  "business_entities.list": op(
    "business_entities.list",
    "Business entities",
    "List business entities (the tenant's invoicing companies)",
    ["business_entities:read", "billing:read"],
    false,
  ),
  "business_entities.get": op(
    "business_entities.get",
    "Business entities",
    "Get a business entity",
    ["business_entities:read", "billing:read"],
    false,
  ),
  "business_entities.update": op(
    "business_entities.update",
    "Business entities",
    "Change a business entity's sender data, numbering prefixes, payment terms, default tax policy or currencies",
    ["business_entities:write", "billing:write"],
    true,
  ),
  "business_entity_transfers.create": op(
    "business_entity_transfers.create",
    "Business entities",
    "Transfer a customer to another business entity; its contracts follow at their next renewal, start or resumption",
    ["business_entities:write"],
    true,
  ),
  "business_entity_transfers.list": op(
    "business_entity_transfers.list",
    "Business entities",
    "List transfers of customers and contracts between business entities",
    ["business_entities:read"],
    false,
  ),
  "business_entity_transfers.get": op(
    "business_entity_transfers.get",
    "Business entities",
    "Get a transfer between business entities",
    ["business_entities:read"],
    false,
  ),

  "fulfilment_orders.create": op(
    "fulfilment_orders.create",
    "Fulfilment orders",
    "Create an order for goods of an issued invoice: its lines with quantities and amounts, numbered from the tenant's sequence unless given (Chargebee: create an order)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.list": op(
    "fulfilment_orders.list",
    "Fulfilment orders",
    "List fulfilment orders (by invoice, customer or status)",
    ["fulfilment_orders:read"],
    false,
  ),
  "fulfilment_orders.get": op(
    "fulfilment_orders.get",
    "Fulfilment orders",
    "Get a fulfilment order with its lines",
    ["fulfilment_orders:read"],
    false,
  ),
  "fulfilment_orders.update": op(
    "fulfilment_orders.update",
    "Fulfilment orders",
    "Move a fulfilment order on (processing, complete, shipped, delivered, returned) or change its tracking and shipping details (Chargebee: update an order)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.import": op(
    "fulfilment_orders.import",
    "Fulfilment orders",
    "Import an order another system made, with its number, status and dates (Chargebee: import an order)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.assign_order_number": op(
    "fulfilment_orders.assign_order_number",
    "Fulfilment orders",
    "Number a fulfilment order created without a number (Chargebee: assign order number)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.cancel": op(
    "fulfilment_orders.cancel",
    "Fulfilment orders",
    "Cancel a fulfilment order that has not shipped, optionally with a credit note for its amount (Chargebee: cancel an order)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.refund": op(
    "fulfilment_orders.refund",
    "Fulfilment orders",
    "Issue a refundable credit note for a delivered or returned order's amount (Chargebee: create a refundable credit note)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.reopen": op(
    "fulfilment_orders.reopen",
    "Fulfilment orders",
    "Take a cancelled fulfilment order back to new, unless a credit note was issued for it (Chargebee: reopen a cancelled order)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.delete": op(
    "fulfilment_orders.delete",
    "Fulfilment orders",
    "Delete a new or cancelled fulfilment order (Chargebee: delete an order)",
    ["fulfilment_orders:write"],
    true,
  ),
  "fulfilment_orders.resend": op(
    "fulfilment_orders.resend",
    "Fulfilment orders",
    "Ship a shipped or delivered order's lines again as a new order linked to it (Chargebee: resend an order)",
    ["fulfilment_orders:write"],
    true,
  ),

  "events.list": op("events.list", "Events", "List events, newest first", ["events:read"], false),
  "events.get": op("events.get", "Events", "Get an event", ["events:read"], false),
  "events.redeliver": op(
    "events.redeliver",
    "Events",
    "Send an event again to every enabled webhook endpoint that subscribes to it",
    ["webhooks:write"],
    true,
  ),
  "partners.create": op(
    "partners.create",
    "Partners",
    "Create a partner, or a reseller under a partner (parent_id)",
    ["partners:write"],
    true,
  ),
  "partners.list": op(
    "partners.list",
    "Partners",
    "List partners and resellers",
    ["partners:read"],
    false,
  ),
  "partners.get": partnerOp("partners.get", "Get a partner or reseller", ["partners:read"], false),
  "partners.resellers.list": partnerOp(
    "partners.resellers.list",
    "List a partner's resellers (indirect partners)",
    ["partners:read", BPC.resellers],
    false,
  ),
  "partners.identity_check": partnerOp(
    "partners.identity_check",
    "Check whether an account name, e-mail address or mobile number is free for a new customer",
    ["partners:read", BPC.register],
    false,
  ),
  "partners.verification_codes.create": partnerOp(
    "partners.verification_codes.create",
    "Send a verification code for registering a customer with an e-mail address (delivered as the verification_code.sent event)",
    ["partners:write", BPC.register],
    true,
  ),
  "partners.customers.create": partnerOp(
    "partners.customers.create",
    "Register a customer under a partner (with a verification code when an e-mail address is given)",
    ["partners:write", BPC.register],
    true,
  ),
  "partners.customers.list": partnerOp(
    "partners.customers.list",
    "List a partner's customers",
    ["partners:read", ...BPC.queryCustomers],
    false,
  ),
  "partners.customers.get": partnerOp(
    "partners.customers.get",
    "Get one of a partner's customers",
    ["partners:read", ...BPC.queryCustomers],
    false,
  ),
  "partners.customers.freeze": partnerOp(
    "partners.customers.freeze",
    "Freeze a partner's customer: it cannot order and its contracts are not billed",
    ["partners:write", ...BPC.freeze],
    true,
  ),
  "partners.customers.unfreeze": partnerOp(
    "partners.customers.unfreeze",
    "Unfreeze a partner's customer: it orders again and billing catches up",
    ["partners:write", ...BPC.freeze],
    true,
  ),
  "partners.budgets.get": partnerOp(
    "partners.budgets.get",
    "Get a customer's budget and what it has used",
    ["partners:read", ...BPC.budgetRead],
    false,
  ),
  "partners.budgets.set": partnerOp(
    "partners.budgets.set",
    "Set a customer's budget: orders that would exceed it are refused; crossing its alert threshold emits budget.threshold_crossed",
    ["partners:write", ...BPC.budgetWrite],
    true,
  ),
  "partners.orders.list": partnerOp(
    "partners.orders.list",
    "List the orders of a partner's customers",
    ["partners:read", ...BPC.orders],
    false,
  ),
  "partners.orders.get": partnerOp(
    "partners.orders.get",
    "Get an order of one of a partner's customers",
    ["partners:read", ...BPC.orders],
    false,
  ),
  "partners.bill_summary": partnerOp(
    "partners.bill_summary",
    "A partner's monthly bill summary across its customers' invoices and credit notes",
    ["partners:read", BPC.bills],
    false,
  ),

  "subscription_actions.activate": op(
    "subscription_actions.activate",
    "Subscription actions",
    "Activate a draft or not-effective subscription (behaviour activate_subscription)",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.deactivate": op(
    "subscription_actions.deactivate",
    "Subscription actions",
    "Deactivate an effective subscription: not billed from the billable period start",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.rest": op(
    "subscription_actions.rest",
    "Subscription actions",
    "Rest (pause) an effective subscription",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.end_resting": op(
    "subscription_actions.end_resting",
    "Subscription actions",
    "End a subscription's resting: billed again from the billable period start",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.terminate": op(
    "subscription_actions.terminate",
    "Subscription actions",
    "Terminate a subscription: the contract ends at the billable period start",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.extend_grace_period": op(
    "subscription_actions.extend_grace_period",
    "Subscription actions",
    "Extend the grace period of a draft, effective or not-effective subscription",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.amend_services": op(
    "subscription_actions.amend_services",
    "Subscription actions",
    "Add and remove services and installed items across provisioning distributors in one action",
    ["subscription_actions:write"],
    true,
  ),
  "subscription_actions.list": op(
    "subscription_actions.list",
    "Subscription actions",
    "List subscription actions, by contract, state or behaviour code",
    ["subscription_actions:read"],
    false,
  ),
  "subscription_actions.get": op(
    "subscription_actions.get",
    "Subscription actions",
    "Get a subscription action",
    ["subscription_actions:read"],
    false,
  ),
  "subscription_actions.cancel": op(
    "subscription_actions.cancel",
    "Subscription actions",
    "Cancel a scheduled subscription action before it runs",
    ["subscription_actions:write"],
    true,
  ),
  "crm.authenticate": {
    credentialExchange: true,
    ...op(
      "crm.authenticate",
      "Access",
      "CRM.COM login: an OAuth client's id and secret for a two-hour session token",
      [],
      false,
    ),
    surface: "crmcom",
  },
  "crm.web_api_key_token": {
    credentialExchange: true,
    ...op(
      "crm.web_api_key_token",
      "Access",
      "CRM.COM login with an API key (HTTP Basic user name) for a two-hour session token",
      [],
      false,
    ),
    surface: "crmcom",
  },
  "crm.token_release": {
    credentialExchange: true,
    ...op("crm.token_release", "Access", "End a CRM.COM session token", [], false),
    surface: "crmcom",
  },
  "provisioning_distributors.create": op(
    "provisioning_distributors.create",
    "Subscription actions",
    "Create a provisioning distributor (who provisions services and installed items)",
    ["subscription_actions:write"],
    true,
  ),
  "provisioning_distributors.list": op(
    "provisioning_distributors.list",
    "Subscription actions",
    "List provisioning distributors",
    ["subscription_actions:read"],
    false,
  ),
  "payments.create": op(
    "payments.create",
    "Payments",
    "Record an offline payment or charge a card through the test gateway; applied to open invoices",
    ["payments:write"],
    true,
  ),
  "payment_sources.list": op(
    "payment_sources.list",
    "Payments",
    "List a customer's payment sources (cards and bank accounts held by a gateway)",
    ["payments:read"],
    false,
  ),
  "payment_sources.get": op(
    "payment_sources.get",
    "Payments",
    "Get a payment source of a customer",
    ["payments:read"],
    false,
  ),
  "payment_sources.create": op(
    "payment_sources.create",
    "Payments",
    "Add a card or bank account to a customer through the gateway, with a payment role",
    ["payments:write"],
    true,
  ),
  "payment_sources.delete": op(
    "payment_sources.delete",
    "Payments",
    "Delete a payment source; a deleted primary hands its role to the backup (Chargebee: delete card)",
    ["payments:write"],
    true,
  ),
  "payment_sources.assign_role": op(
    "payment_sources.assign_role",
    "Payments",
    "Make a payment source the customer's primary or backup, or take its role (Chargebee: assign_payment_role)",
    ["payments:write"],
    true,
  ),
  "customers.update_payment_method": op(
    "customers.update_payment_method",
    "Payments",
    "Replace the customer's primary payment source with a new card or bank account",
    ["payments:write"],
    true,
  ),
  "customers.collect_payment": op(
    "customers.collect_payment",
    "Payments",
    "Charge what the customer owes now through a payment source (primary, then backup)",
    ["payments:write"],
    true,
  ),
  "customers.record_excess_payment": op(
    "customers.record_excess_payment",
    "Payments",
    "Record money received outside Accrue as the customer's credit, applied to no invoice",
    ["payments:write"],
    true,
  ),
  "invoices.collect_payment": op(
    "invoices.collect_payment",
    "Payments",
    "Charge what an issued invoice owes now through a payment source (primary, then backup)",
    ["payments:write"],
    true,
  ),
  "payments.authorize": op(
    "payments.authorize",
    "Payments",
    "Hold an amount on a customer's payment source until it is captured or voided (Chargebee: authorization payment)",
    ["payments:write"],
    true,
  ),
  "payments.capture": op(
    "payments.capture",
    "Payments",
    "Capture a held authorization: it becomes a succeeded payment applied to open invoices",
    ["payments:write"],
    true,
  ),
  "payments.void_authorization": op(
    "payments.void_authorization",
    "Payments",
    "Let a held authorization go (Chargebee: cancel an authorization payment)",
    ["payments:write"],
    true,
  ),
  "payments.sync": op(
    "payments.sync",
    "Payments",
    "Read a payment's state from its gateway; an authorization whose hold ran out is voided (Chargebee: sync_transaction)",
    ["payments:write"],
    true,
  ),
  "payments.list": op(
    "payments.list",
    "Payments",
    "List payments, refunds and write-offs",
    ["payments:read"],
    false,
  ),
  "payments.get": op(
    "payments.get",
    "Payments",
    "Get a payment, refund or write-off",
    ["payments:read"],
    false,
  ),
  "payments.delete": op(
    "payments.delete",
    "Payments",
    "Delete an offline payment that is applied to no invoice and not refunded",
    ["payments:write"],
    true,
  ),
  "payments.refund": op(
    "payments.refund",
    "Payments",
    "Refund all or part of a payment; the invoices it paid owe again as needed",
    ["payments:write"],
    true,
  ),
  "invoices.write_off": op(
    "invoices.write_off",
    "Payments",
    "Write off what an issued invoice still owes",
    ["payments:write"],
    true,
  ),
  "invoices.record_payment": op(
    "invoices.record_payment",
    "Payments",
    "Record a payment received outside Accrue against one issued invoice",
    ["payments:write"],
    true,
  ),
  "invoices.apply_payments": op(
    "invoices.apply_payments",
    "Payments",
    "Apply what existing payments of the customer left unapplied to an issued invoice",
    ["payments:write"],
    true,
  ),
  "invoices.remove_payment": op(
    "invoices.remove_payment",
    "Payments",
    "Take a payment off an issued invoice: the invoice owes it again, the payment has it unapplied",
    ["payments:write"],
    true,
  ),
  "invoices.record_refund": op(
    "invoices.record_refund",
    "Payments",
    "Record a refund, made outside Accrue, of money paid on an issued invoice",
    ["payments:write"],
    true,
  ),
  "invoices.apply_credits": op(
    "invoices.apply_credits",
    "Payments",
    "Apply the available credit of the customer's credit notes to an issued invoice (Chargebee: apply_credits)",
    ["payments:write"],
    true,
  ),
  "invoices.remove_credit_note": op(
    "invoices.remove_credit_note",
    "Payments",
    "Take a credit note's credit off an invoice it was applied to; the invoice owes it again",
    ["payments:write"],
    true,
  ),
  "invoices.record_tax_withheld": op(
    "invoices.record_tax_withheld",
    "Payments",
    "Record tax the customer withheld from an issued invoice (settles it by that amount without money)",
    ["payments:write"],
    true,
  ),
  "invoices.remove_tax_withheld": op(
    "invoices.remove_tax_withheld",
    "Payments",
    "Remove withheld tax recorded on an invoice in error; the invoice owes it again",
    ["payments:write"],
    true,
  ),
  "credit_notes.record_tax_withheld_refund": op(
    "credit_notes.record_tax_withheld_refund",
    "Payments",
    "Give withheld tax of the corrected invoice back through a credit note",
    ["payments:write"],
    true,
  ),
  "credit_notes.remove_tax_withheld_refund": op(
    "credit_notes.remove_tax_withheld_refund",
    "Payments",
    "Remove a refund of withheld tax recorded on a credit note in error",
    ["payments:write"],
    true,
  ),
  "invoices.refund": op(
    "invoices.refund",
    "Payments",
    "Refund money paid on an invoice through the gateway that took it (Chargebee: refund_invoice)",
    ["payments:write"],
    true,
  ),
  "credit_notes.refund": op(
    "credit_notes.refund",
    "Payments",
    "Refund a credit note's unused amount through the gateway that took the money (Chargebee: refund)",
    ["payments:write"],
    true,
  ),
  "credit_notes.record_refund": op(
    "credit_notes.record_refund",
    "Payments",
    "Record a refund, made outside Accrue, of a credit note's amount to the customer (Chargebee: record_refund)",
    ["payments:write"],
    true,
  ),
  "invoices.stop_dunning": op(
    "invoices.stop_dunning",
    "Payments",
    "Stop dunning an issued invoice that still owes: it reaches no further dunning steps",
    ["payments:write"],
    true,
  ),
  "customers.balance": op(
    "customers.balance",
    "Payments",
    "A customer's account per currency and the invoices still owing",
    ["payments:read"],
    false,
  ),
  "promotional_credits.list": op(
    "promotional_credits.list",
    "Payments",
    "A customer's promotional credit balances per currency and its ledger",
    ["payments:read"],
    false,
  ),
  "promotional_credits.add": op(
    "promotional_credits.add",
    "Payments",
    "Add promotional credits to a customer (applied to its next invoices when they are issued)",
    ["payments:write"],
    true,
  ),
  "promotional_credits.deduct": op(
    "promotional_credits.deduct",
    "Payments",
    "Deduct promotional credits from a customer, at most its balance",
    ["payments:write"],
    true,
  ),
  "promotional_credits.set": op(
    "promotional_credits.set",
    "Payments",
    "Set a customer's promotional credit balance in a currency",
    ["payments:write"],
    true,
  ),
  "dunning_policy.get": op(
    "dunning_policy.get",
    "Payments",
    "The tenant's dunning steps",
    ["payments:read"],
    false,
  ),
  "dunning_policy.set": op(
    "dunning_policy.set",
    "Payments",
    "Replace the tenant's dunning steps",
    ["payments:write"],
    true,
  ),
  // the customer portal's API (/portal/api): callable only with a self-service token, for the
  // one contract it opens; its code is never granted to API keys or roles
  "portal.overview": portal(
    "portal.overview",
    "The contract, its plan and plan choices, the next invoice and the customer's documents",
    false,
  ),
  "portal.contact_update": portal(
    "portal.contact_update",
    "Change the customer's billing address and contact",
    true,
  ),
  "portal.plan_change_create": portal(
    "portal.plan_change_create",
    "Order a change to another self-service plan variant, with what it would bill",
    true,
  ),
  "portal.plan_change_commit": portal(
    "portal.plan_change_commit",
    "Commit a plan change the portal ordered",
    true,
  ),
  "portal.cancellation_preview": portal(
    "portal.cancellation_preview",
    "When the contract would end if cancelled now, and the final invoice",
    false,
  ),
  "portal.cancel": portal(
    "portal.cancel",
    "Cancel the contract at the end the notice period reaches",
    true,
  ),
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof OPERATIONS;

export function getOperation(id: string): Operation | undefined {
  return (OPERATIONS as Record<string, Operation>)[id];
}

/** Every permission code an API credential may hold (the portal's is not one), sorted. */
export function allPermissionCodes(): string[] {
  const codes = new Set<string>();
  for (const o of Object.values(OPERATIONS) as Operation[]) {
    if (o.surface === "portal") continue;
    for (const c of o.permissions) codes.add(c);
  }
  return [...codes].sort();
}

/** The any-of rule: allowed when the holder has at least one of the operation's codes. */
export function isAllowed(operation: Operation, held: ReadonlySet<string>): boolean {
  if (operation.permissions.length === 0) return true;
  if (held.has("*")) return true;
  return operation.permissions.some((code) => held.has(code));
}

/**
 * What the system does on its own, outside any request: the operation a job's or workflow's
 * context names, written on the audit records it leaves. Not callable over HTTP, so not in
 * OPERATIONS; an id that is also a catalog operation (the bootstrap's `api_keys.create`) is
 * named as the catalog operation instead.
 */
export const SYSTEM_OPERATIONS = {
  "tenant.create": "A tenant was created with its default business entity (bootstrap).",
  "oauth_clients.create": "A new tenant's admin OAuth client was created (bootstrap).",
  "billing.settle": "The billing run settled a due contract.",
  "dunning.notice": "An unpaid invoice reached a dunning step.",
  "contracts.grace_period_expiry":
    "A contract's grace period ran out; it was deactivated if its customer still owed money.",
  "contracts.phase_events":
    "Contract phases that started and trials about to end were announced as the clock passed them.",
  "subscription_actions.execute": "A scheduled subscription action ran on its date.",
  "subscription_actions.reject":
    "A scheduled subscription action came due when it was no longer allowed and was rejected.",
  "webhook_endpoints.disable": "Webhook delivery disabled an endpoint after sustained failure.",
} as const satisfies Record<string, string>;

export type SystemOperation = keyof typeof SYSTEM_OPERATIONS;
