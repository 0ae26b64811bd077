/**
 * The catalog of error codes: every machine `code` an error answer can carry, with what it
 * means to the client that receives it. The error helpers (src/domain/errors.ts) take only
 * codes listed here, docs/errors.md is generated from it, and a test fails when a code here
 * is used nowhere. Add a code here in the same change that first raises it.
 */
export const ERROR_CODES = {
  // ---- requests: parsing, input rules, idempotency, rate limits ------------------------------
  malformed_request:
    "The request could not be parsed as HTTP; check what your client sends on the wire.",
  headers_too_large: "The request headers are too large; send fewer or shorter headers.",
  request_timeout: "The request did not arrive in time; send it again.",
  malformed_url: "The URL is not validly percent-encoded; encode the path and query properly.",
  route_not_found: "No route has this method and path; check the URL against the API reference.",
  malformed_json: "The request body is empty or not valid JSON; send a JSON document.",
  payload_too_large: "The request body is over the server's size limit; send a smaller body.",
  unsupported_media_type:
    "The request body is not JSON; send it with Content-Type application/json.",
  unsupported_content_encoding:
    "The request body is compressed; send it uncompressed, without Content-Encoding.",
  unsupported_charset: "The request body is declared in a charset other than UTF-8; send UTF-8.",
  validation_failed:
    "The request breaks the operation's schema; `details.fields` names each offending field and why.",
  invalid_characters:
    "A value or field name contains a NUL character; remove it (`details.field` names where).",
  too_deeply_nested: "The body is nested too deeply; flatten the structure you send.",
  invalid_value:
    "A value cannot be stored (characters the database refuses, or a number out of range); correct it.",
  bad_request: "The request is not acceptable as sent; the message says why.",
  invalid_cursor:
    "The cursor is not a next_cursor this list answered; pass next_cursor unchanged, or start without a cursor.",
  cursor_sort_mismatch:
    "The cursor was answered for another sort or direction of the list; keep `sort` and `order` while paging, or start again without a cursor.",
  invalid_idempotency_key:
    "The Idempotency-Key header is not 1 to 255 visible ASCII characters; send a valid key.",
  idempotency_key_reused:
    "This Idempotency-Key was used before with a different request; use a new key for a new request.",
  already_exists:
    "A concurrent request created a record with the same unique values; retry to see it.",
  rate_limited: "Too many requests; wait the seconds the Retry-After header gives, then retry.",
  internal_error: "The server failed unexpectedly; report it with the request id.",
  database_unavailable:
    "The database cannot be reached for the moment (a transient outage); retry after the seconds the Retry-After header gives.",

  // ---- the OAuth token endpoint (RFC 6749 §5.2: these are its `error` field) --------------------
  invalid_request: "The token request lacks grant_type; send grant_type=client_credentials.",
  unsupported_grant_type: "Only grant_type=client_credentials is supported.",
  invalid_client:
    "The client credentials are missing, the client is unknown or the secret is wrong; check client_id and client_secret.",

  // ---- credentials and permissions --------------------------------------------------------------
  missing_credentials:
    "The request carries no credentials; send an API key or access token as `Authorization: Bearer <key>`.",
  malformed_credentials:
    "The Authorization header is not of the form `Bearer <key>`; fix its form.",
  invalid_credentials:
    "The key, token, client secret or password is unknown, revoked, expired or wrong; sign in again or use a valid credential.",
  invalid_token:
    "The session token or self-service link is unknown, expired or released; obtain a new one.",
  permission_denied:
    "The credential holds none of the permissions the operation needs (`details.required_any_of`); use a credential with one of them.",
  partner_credential_scope:
    "A credential bound to a partner called an operation that is not a partner operation; use an unbound credential.",
  partner_credentials_required:
    "This surface takes partner credentials only; bind the API key to a partner.",
  api_key_not_found: "No API key has this id in the tenant.",
  api_key_already_revoked: "The API key is revoked already; nothing changed.",
  cannot_revoke_own_key:
    "A key cannot revoke itself; revoke it with another key or from the console.",
  console_user_not_found: "No console user has this id in the tenant.",
  console_user_email_taken: "A console user with this e-mail address exists; use another address.",
  console_user_already_disabled: "The console user is disabled already; nothing changed.",
  weak_password: "The password is too short; choose one of at least 12 characters.",
  console_user_invite_with_password:
    "An invited user sets its own password: send either a password or `invite: true`, not both.",
  console_user_not_invited:
    "The console user has set its password already; only an invited user is invited again.",
  console_link_unknown:
    "The invitation or password-reset link is unknown or not meant for this; ask for a new one.",
  console_link_used:
    "The invitation or password-reset link has been used already (each works once); ask for a new one.",
  console_link_expired: "The invitation or password-reset link has expired; ask for a new one.",
  too_many_password_reset_requests:
    "Too many password-reset requests from this client address (for this e-mail address, or in all); wait `details.retry_after_seconds`, then retry.",
  too_many_sign_in_attempts:
    "Too many failed sign-in attempts from this client address (for this e-mail address, or in all); wait `details.retry_after_seconds`, then retry.",
  role_not_found: "No role has this name in the tenant.",
  role_exists: "A role (built-in or custom) has this name already; choose another name.",
  role_built_in: "Built-in roles cannot be changed or deleted; create a custom role instead.",
  role_in_use: "Active credentials hold this role; revoke or change them before deleting the role.",
  invalid_role_name: "A role name is lower-case letters, digits and underscores; rename it.",
  invalid_roles: "A credential needs at least one role; name one.",
  unknown_role: "The role named does not exist in the tenant; create it or name another.",
  unknown_permission:
    "The permission code is not one Accrue knows; see docs/permissions.md for the list.",
  cannot_grant_role:
    "You cannot grant permissions you do not hold yourself; ask a holder of them to grant it.",

  // ---- tenants and test clocks ------------------------------------------------------------------
  tenant_not_found: "The tenant of the credential no longer exists.",
  invalid_name: "A tenant name has 1 to 200 characters.",
  test_clock_exists:
    "The tenant already runs on a test clock; advance that clock instead of creating one.",
  no_test_clock: "The tenant runs on the system clock; create a test clock before advancing it.",
  clock_cannot_move_backwards:
    "A test clock moves only forward; advance it to a time after its current one.",
  test_clock_advance_too_far:
    "A test clock advances at most one year at a time (`details.latest` is the furthest this advance may go); advance in steps.",
  test_clock_limit_reached:
    "A test clock runs at most ten years past the time it was created at (`details.latest`); use a new tenant for a longer simulation.",

  // ---- values: ids, money, countries, time --------------------------------------------------------
  invalid_id: "The id does not have the form of an id of this kind; check which id you sent.",
  invalid_currency: "The currency is not an ISO 4217 code such as EUR.",
  invalid_decimal: 'The number is not a plain finite decimal string such as "12.34".',
  invalid_amount:
    "The amount is not an integer number of minor units, or not above zero where a payment or refund needs it.",
  too_many_decimals: "The amount has more decimal places than its currency allows; round it.",
  currency_mismatch:
    "Amounts in different currencies were combined (a payment for an invoice in another currency); use one currency.",
  invalid_ratio: "A ratio needs integer parts and a positive denominator.",
  invalid_split: "An amount is split into a whole number of parts, at least 1.",
  invalid_weights: "An amount is allocated by non-negative weights, at least one of them positive.",
  invalid_country: "The country is not an ISO 3166-1 alpha-2 code such as DE.",
  invalid_timestamp:
    "The value is not a timestamp in the form the field documents (RFC 3339 with offset on the native API).",
  invalid_time_zone: "The time zone is unknown; use an IANA name such as Europe/Berlin.",
  date_out_of_range:
    "The date, or one derived from it, lies outside the supported range (2000-01-01 to 2199-12-31, UTC; `details.min` and `details.max`).",
  start_date_too_early:
    "A contract starts at most ten years before the tenant's now (`details.earliest`); use a later start date.",
  date_before_anchor:
    "The date lies before the start of the billing cycle it is measured in; use a later date.",
  invalid_alignment: "Alignment is either anniversary or calendar.",
  invalid_period: "A period needs a unit and a positive whole count.",
  invalid_period_index: "A period index is a non-negative integer.",
  invalid_period_multiple: "A period is multiplied by a whole number only.",
  invalid_report_period:
    "A report's period is a named one, or custom with from and to (dates, from on or before to, at most five years apart).",
  too_many_periods: "The date range spans too many billing periods; use a shorter range.",
  invalid_span: "The span ends before it starts; swap or correct the dates.",
  empty_span: "A span of no length cannot be prorated; give it an end after its start.",
  span_not_within: "The part to prorate lies outside the whole span; keep it within.",
  invalid_contract_terms: "A later contract period needs a (first) contract period as well.",
  invalid_term_index: "A term index is a non-negative integer.",

  // ---- catalog: plan groups, plans, plan variants, components -----------------------------------
  plan_group_not_found: "No plan group has this id in the tenant.",
  plan_not_found: "No plan has this id in the tenant.",
  plan_variant_not_found: "No plan variant has this id in the tenant.",
  component_not_found: "No component has this id in the tenant.",
  unknown_plan_group: "The plan group named in the body does not exist in the tenant.",
  unknown_plan: "The plan named in the body does not exist in the tenant.",
  unknown_plan_variant: "The plan variant named in the body does not exist in the tenant.",
  unknown_component:
    "The component named does not exist in the plan group concerned (the contract's, for orders and usage).",
  immutable_field:
    "This field cannot change once contracts may be billed by it; create a new plan variant or component instead.",
  external_id_taken: "Another record in the tenant has this external_id; use another one.",
  incompatible_periods:
    "The fee period and the billing period do not divide each other; choose periods where one is a multiple of the other.",
  contract_period_required: "later_contract_period needs a contract_period as well.",
  notice_period_required: "later_notice_period needs a notice_period as well.",
  invalid_quota:
    "A free quota names a quantity or metered component of the same plan group, at most once.",
  unknown_price_model: "The price model is none Accrue knows; see docs/catalog.md for the models.",
  price_required: "This price model needs price_per_unit.",
  negative_price: "A price cannot be negative.",
  negative_quantity: "A quantity cannot be negative.",
  tiers_required: "A tiered price model needs its tiers.",
  tiers_not_allowed: "This price model takes no tiers; leave them out.",
  invalid_tiers:
    "The tiers are not a list whose first starts at 0 and whose boundaries strictly increase.",
  package_size_required: "Package pricing needs a package_size above 0.",
  package_size_not_allowed: "package_size belongs to package pricing only; leave it out.",

  // ---- discounts and coupons --------------------------------------------------------------------
  discount_not_found: "No discount has this id in the tenant.",
  unknown_discount: "The discount named in the body does not exist in the tenant.",
  discount_value_required: "A discount takes exactly one of percent and amount.",
  invalid_percent: "A discount's percent is above 0 and at most 100.",
  discount_not_applicable:
    "The discount belongs to another plan group than the contract's; grant one of its own plan group.",
  discount_subscription_not_found: "No discount subscription has this id in the tenant.",
  coupon_not_found: "No coupon has this id in the tenant.",
  coupon_code_taken: "Another coupon has this code; choose another code.",
  unknown_coupon: "No coupon has this code; check the code the customer entered.",
  coupon_expired: "The coupon's validity has ended; it cannot be redeemed any more.",
  coupon_exhausted: "The coupon has reached its redemption limit.",
  coupon_not_applicable: "The coupon is for another plan group than the order's.",

  // ---- customers --------------------------------------------------------------------------------
  customer_not_found: "No customer has this id in the tenant.",
  unknown_customer: "The customer named in the body does not exist in the tenant.",
  customer_not_deletable:
    "The customer has contracts, orders or invoices and cannot be deleted; lock it instead.",
  customer_locked: "The customer is locked and takes no orders; unlock it first.",
  customer_already_locked: "The customer is locked already; nothing changed.",
  customer_not_locked: "The customer is not locked; nothing changed.",
  customer_frozen:
    "The customer is frozen by its partner and can neither order nor use the portal until unfrozen.",
  customer_already_frozen: "The customer is frozen already; nothing changed.",
  customer_not_frozen: "The customer is not frozen; nothing changed.",
  contact_not_found: "The customer has no contact with this id.",
  message_not_found: "No message has this id in the tenant.",
  message_not_sent:
    "Only a sent message can bounce; this one was not accepted by a mail server (see its status).",
  payment_return_link_invalid:
    "The link back from the bank's authentication of a payment is malformed or forged; open the portal and confirm the payment again.",
  payment_return_link_expired:
    "The link back from the bank's authentication of a payment has expired; open the portal and confirm the payment again.",
  payment_method_return_link_invalid:
    "The link back from the payment provider's page where a payment method is added is malformed or forged; open the portal and add the payment method again.",
  payment_method_return_link_expired:
    "The link back from the payment provider's page where a payment method is added has expired; open the portal and add the payment method again.",
  payment_source_setup_not_supported:
    "The customer's payment methods go to a gateway without a hosted page for adding them (the built-in test gateway takes the card details directly).",
  payment_source_setup_not_found:
    "No payment method setup has this id for this customer and gateway account.",
  payment_source_setup_expired:
    "The payment method setup expired before the customer finished it on the payment provider's page; open the portal and add the payment method again.",
  message_link_invalid:
    "The message's download link is malformed or forged; ask the sender for the document again.",
  message_link_expired:
    "The message's download link has expired; ask the sender for the document again.",
  email_invalid: "The e-mail address cannot be sent to; details.reason names the rule it breaks.",
  template_invalid:
    "A message template does not compile; details name the field and the line of the fault.",
  template_not_found:
    "The tenant (or the business entity named) has no template of its own for this message kind and language.",
  message_recipient_missing:
    "The message cannot be sent: the customer has no e-mail address and no contact that receives billing e-mail.",
  contact_limit_reached:
    "The customer has as many contacts as it may have (50); delete one before adding another.",
  hierarchy_cycle:
    "The link would make a customer its own ancestor (the parent is the customer or below it).",
  hierarchy_too_deep: "The link would make the hierarchy deeper than five levels.",
  hierarchy_children_limit:
    "The parent has as many direct children as it may have (100); unlink one first.",
  hierarchy_already_linked: "The customer has a parent already; unlink it before linking it anew.",
  hierarchy_not_linked: "The customer has no parent, so there is no link to change or remove.",
  hierarchy_settings_invalid:
    "Invoices go to the parent only when the parent pays them: invoice_owner parent needs payment_owner parent.",
  customer_in_hierarchy: "The customer has a parent or children; unlink them before deleting it.",

  // ---- orders and contracts ---------------------------------------------------------------------
  order_not_found: "No order has this id in the tenant.",
  customer_or_contract_required:
    "An order names either customer_id (a signup) or contract_id (a change), not both or neither.",
  plan_variant_required: "A signup needs a plan variant; name plan_variant_id.",
  change_date_on_signup: "A signup takes start_date, not change_date.",
  start_date_on_change: "A change order takes change_date, not start_date.",
  empty_order:
    "A change order changes nothing; name a plan variant, a plan quantity, components or a coupon code.",
  quantity_change_outside_paid_phase:
    "A quantity-only change needs a normal (paid) phase at its change date, not a trial or a pause; change the plan variant instead.",
  plan_group_mismatch:
    "A contract changes only to a plan variant of its own plan group; sign up a new contract instead.",
  plan_variant_hidden:
    "The plan variant (or its plan) is hidden and takes no new orders; choose a visible one.",
  payment_data_required:
    "The plan variant allows no signup without payment data; name a payment_method.",
  currency_not_supported:
    "The business entity does not bill in the currency concerned; choose another plan or business entity.",
  invalid_order_transition:
    "The order's status does not allow this step: only an in_progress order is committed, only an approval_pending one approved or declined.",
  order_closed: "The order has succeeded or been declined already; nothing is left to preview.",
  contract_not_found: "No contract has this id in the tenant.",
  settlement_not_failed:
    "No settlement of the contract has failed; there is nothing to retry (billing settles it when it is due).",
  unknown_contract: "The contract named in the body does not exist in the tenant.",
  contract_ended: "The contract has ended by the date concerned; nothing can change after its end.",
  contract_already_ended: "The contract has ended already; it cannot be cancelled again.",
  no_paid_term: "The contract has no paid phase to cancel.",
  change_before_start: "A change cannot take effect before the contract starts; use a later date.",
  end_before_start: "The end date is not after the start date; correct the dates.",
  start_before_contract:
    "A component or discount cannot start before its contract; use a date on or after the contract's start.",
  no_scheduled_changes:
    "The contract has no scheduled changes (change orders dated later that still change it); there is nothing to remove.",
  invalid_change:
    "The change would leave the contract's timeline inconsistent; the message says which rule it breaks.",
  invalid_phase:
    "A phase names a plan variant when it must not, or names none when it must (only inactive phases have none).",
  invalid_phase_transition: "This kind of phase cannot follow the phase before it.",
  invalid_timeline:
    "The contract's phases are not a valid timeline (at least one phase, not starting inactive, ending inactive at its end).",
  component_metered:
    "Metered components are billed from usage, not subscribed or ordered; record usage instead.",
  component_subscription_not_found: "No component subscription has this id in the tenant.",
  duplicate_component: "A cart names the same component twice; name each once.",
  invalid_quantity:
    "The quantity is not allowed for this component (on/off components take 0 or 1; signups order more than 0).",
  invalid_token_validity: "A self-service token is valid for 1 minute to 7 days.",
  plan_not_available:
    "This plan variant cannot be chosen in the portal: it is of another plan group, hidden, or not open to self-service.",
  plan_unchanged: "The contract is already on this plan variant.",

  // ---- quotes -----------------------------------------------------------------------------------
  quote_not_found: "No quote has this id in the tenant.",
  quote_not_open:
    "Only an open quote is edited, accepted or declined; `details.status` gives the quote's status.",
  quote_expired:
    "The quote is past its valid_until and cannot be edited, accepted or declined; create a new one.",
  quote_outdated:
    "What accepting the quote would bill now differs from its quoted amounts (prices, taxes or the contract changed since); edit the quote to price it again.",
  valid_until_not_future: "A quote's valid_until must lie after the tenant's now.",
  quote_field_not_applicable:
    "The field belongs to another type of quote; `details.field` names it.",
  quote_priced:
    "Never answered: pricing a quote runs its order or invoice in a savepoint that ends with this code, so nothing of it is kept.",
  estimate_priced:
    "Never answered: an estimate runs its operation in a savepoint that ends with this code, so nothing of it is kept.",

  // ---- hosted pages -----------------------------------------------------------------------------
  hosted_page_not_found: "No hosted page has this id in the tenant.",
  hosted_page_not_open:
    "Only a created or requested hosted page is opened, completed or cancelled; `details.state` gives its state.",
  hosted_page_expired:
    "The hosted page is past its expires_at (on the tenant's clock) and cannot be completed; create a new one.",
  hosted_page_not_succeeded: "Only a succeeded hosted page is acknowledged.",
  hosted_page_wrong_type:
    "The hosted page is of another type: complete it through the portal call its type names (`details.type`).",
  hosted_page_customer_required:
    "A checkout of a new subscription names either a stored customer (`customer_id`) or a new one (`customer`), not both and not neither.",
  hosted_page_payment_failed:
    "The payment source was charged and the charge failed (`details.failure`); nothing was kept: pay with another source.",
  portal_payment_failed:
    "The customer's payment source was charged in the portal and the charge failed; the failed payment is kept (`details.payment_id`, `details.failure`).",
  payment_authentication_expired:
    "The payment waited for the customer to authenticate it longer than the tenant's authentication_expiry_hours and was cancelled (`details.payment_id`, `details.failure`); nothing was taken, and a new charge pays the invoices.",
  hosted_page_checked:
    "Never answered: creating a checkout page tries its order or invoice in a savepoint that ends with this code, so nothing of it is kept.",
  hosted_page_extension_required:
    "An extend page names either `billing_cycles` (how many billing periods the term grows by) or `term_end` (its new end), not both and not neither.",
  contract_renews:
    "Extending by billing periods applies to a contract that ends; a renewing contract's next renewal is moved with a `term_end` instead.",
  contract_already_ending:
    "The contract already ends where a cancellation would end it (`details.end_date`); a pre-cancel page would change nothing.",
  hosted_page_events_full:
    "The hosted page keeps 100 events at most (`details.limit`); no more are recorded on it.",
  portal_link_already_activated: "The portal link was activated before; a link is activated once.",

  // ---- gifts ------------------------------------------------------------------------------------
  gift_not_found: "No gift has this id in the tenant.",
  gift_date_in_past:
    "A gift's scheduled date (`scheduled_at`) is before the tenant's now; leave it out to give the gift at once.",
  gift_claim_expiry_before_date: "A gift's claim expiry date is not after its scheduled date.",
  gift_not_giftable:
    "Only a prepaid, anniversary-aligned plan variant of a plan without a trial is gifted: its first invoice is the gifted term (`details.reason`).",
  gift_nothing_to_invoice:
    "The gifted subscription's first invoice would be empty (a free plan variant): there is nothing for the gifter to pay.",
  gift_not_claimable:
    "The gift is scheduled for a later date (`details.scheduled_at`): it is claimed from then on.",
  gift_already_claimed:
    "The gift was claimed already; a gift is claimed once and never cancelled after.",
  gift_cancelled: "The gift was cancelled: it can no longer be claimed or changed.",
  gift_expired: "The gift was not claimed by its claim expiry date: it can no longer be claimed.",
  gift_payment_failed:
    "The gifter's payment source was charged for the gift's invoice and the charge failed (`details.failure`); nothing was kept.",
  gift_priced:
    "Never answered: buying a gift is tried in a savepoint that ends with this code (a gift checkout page), so nothing of it is kept.",
  gift_not_scheduled:
    "Only a gift still scheduled (its date not reached) has its date changed; `details.status` gives its status.",

  // ---- usage ------------------------------------------------------------------------------------
  component_not_metered: "Usage is recorded for metered components only.",
  usage_not_found: "No usage record has this id on the contract.",
  usage_billed: "Billed usage cannot be deleted; correct it with a credit note instead.",

  // ---- invoices, credit notes, taxes ------------------------------------------------------------
  invoice_not_found: "No invoice or credit note has this id in the tenant.",
  invoice_not_draft:
    "Only a draft can be finalized or deleted; this document is issued or void already (an issued invoice is corrected by a credit note).",
  document_not_invoice: "The document is a credit note; the operation applies to invoices only.",
  document_not_issued:
    "Only an issued invoice or credit note is sent or voided; this one is a draft (delete it instead) or void.",
  document_not_credit_note:
    "The document is an invoice; the operation applies to credit notes only.",
  credit_note_not_draft: "Only a draft credit note can be deleted; this one is issued or void.",
  credit_note_not_refundable:
    "Only an issued credit note can be refunded; this one is a draft or void.",
  refund_exceeds_credit_note:
    "The refund is more than the credit note has left to refund (its amount less what was refunded, and less what the invoice it corrects still used); the message gives the most it can be.",
  invoice_void: "The document is void already.",
  einvoice_document_not_issued:
    "Only an issued (finalized) invoice or credit note is an e-invoice; this one is a draft or void.",
  einvoice_already_sent:
    "The document was sent as an e-invoice already; a failed one is sent again with resend_einvoice.",
  einvoice_not_failed:
    "Only a failed e-invoice is sent again; this document's was delivered, or was never sent (send it first).",
  customer_einvoicing_disabled:
    "The customer does not receive e-invoices; set its `einvoicing` to true (and its electronic address) first.",
  einvoice_incomplete:
    "The document lacks what EN 16931 requires (`details.problems` names each business term, such as a country code or the seller's VAT identifier); correct the data first.",
  invoice_has_credit_notes:
    "Credit notes correct this invoice; void them before voiding the invoice.",
  invoice_has_payments:
    "Payments, write-offs or promotional credits apply to this invoice; refund the payments first, or credit the invoice instead of voiding it.",
  invoice_not_creditable: "Only a finalized (issued) invoice can be credited.",
  nothing_to_credit: "The invoice has been credited in full already.",
  unknown_invoice_line: "The invoice has no line with this id.",
  duplicate_invoice_line: "A credit names the same invoice line twice; name each once.",
  credit_exceeds_line:
    "The credit is more than the line has left to credit; the message gives the most it can be.",

  // ---- fulfilment orders ------------------------------------------------------------------------
  fulfilment_order_not_found: "No fulfilment order has this id in the tenant.",
  invoice_not_shippable:
    "A fulfilment order ships the goods of an issued invoice; this one is a draft, void or a credit note.",
  nothing_to_ship:
    "The invoice's live fulfilment orders ship every line with an amount already; name the lines to ship, or cancel an order first.",
  fulfilment_quantity_exceeds_line:
    "The quantity is more than the invoice line has left to ship (its live orders count, resends aside); the details give what is left.",
  fulfilment_order_number_taken:
    "Another fulfilment order of the tenant has this number; order numbers are unique.",
  fulfilment_order_number_assigned: "The fulfilment order has a number already.",
  fulfilment_order_transition_not_allowed:
    "The fulfilment order's status does not allow this move or action; the details give the status and what was asked.",
  fulfilment_order_credited:
    "A credit note was issued for the order's cancellation, so it is not reopened; create a new order instead.",
  fulfilment_order_refunded: "A credit note refunds this fulfilment order already.",
  fulfilment_order_resent:
    "A live fulfilment order ships this order again already; cancel that resend first.",
  fulfilment_order_not_deletable:
    "Only a new or cancelled fulfilment order is deleted; one being fulfilled, shipped or delivered stays.",
  invalid_fulfilment_import:
    "cancelled_at and cancellation_reason belong to an imported order whose status is cancelled.",
  invalid_download_link: "The document download link is malformed or forged; request a new link.",
  download_link_expired: "The document download link has expired; request a new link.",
  invalid_price_basis: "The price basis is either net or gross.",
  invalid_tax_rate: "A tax rate is at least 0 and below 100.",
  duplicate_tax_country: "A country is listed twice among the rates; list each once.",
  duplicate_country: "A tax policy has two rates for one country; give each country one rate.",
  unknown_tax_policy: "The tax policy named does not exist in the tenant.",

  // ---- payments and dunning ---------------------------------------------------------------------
  payment_not_found: "No payment has this id in the tenant.",
  unknown_invoice: "The invoice named is not an issued invoice of this customer.",
  invoice_not_open:
    "Only an issued invoice can take payments, be written off or have its dunning stopped.",
  invoice_settled: "The invoice owes nothing; there is nothing to write off or dun.",
  dunning_stopped: "Dunning of this invoice is stopped already; nothing changed.",
  payment_not_refundable: "Only a succeeded payment can be refunded.",
  payment_not_deletable: "Only an offline payment can be deleted; refund a card payment instead.",
  payment_refunded: "The payment has refunds and cannot be deleted.",
  payment_allocated:
    "The payment is applied to invoices and cannot be deleted; remove it from them first.",
  refund_exceeds_payment:
    "The refund is more than is left to refund of the payment; the message gives the most it can be.",
  invalid_refund_date:
    "A refund is dated between the payment it refunds and now; correct refunded_at or leave it out.",
  card_number_mismatch: "A card payment needs card_number, and only a card payment takes one.",
  payment_not_applicable:
    "Only a succeeded payment of the invoice's customer can be applied to it or taken off it.",
  duplicate_payment: "The request names the same payment twice; name each once.",
  payment_exceeds_unapplied:
    "The amount is more than the payment has unapplied; the message gives the most it can be.",
  payment_exceeds_due:
    "The amount is more than the invoice still owes; the message gives the most it can be.",
  payment_not_on_invoice: "The payment has nothing applied to this invoice to take off.",
  refund_exceeds_paid:
    "The refund is more than payments have on the invoice; the message gives the most it can be.",
  invalid_card_number: "The card number is not a valid card number.",
  invalid_dunning_steps: "Dunning steps are listed in increasing order of after_days.",
  rated_item_not_found: "The contract has no rated item with this id.",
  rated_item_billed:
    "The rated item is billed on an invoice (`details.invoice_id`) and cannot be deleted; credit the invoice instead.",
  credit_note_not_applicable:
    "Only an issued credit note of the invoice's customer can have its credit applied to the invoice or taken off it.",
  duplicate_credit_note: "The request names the same credit note twice; name each once.",
  credit_not_available:
    "No credit is available to apply: the credit notes named (or all of the customer's) have none left, or the invoice owes nothing.",
  credit_exceeds_available:
    "The amount is more than the credit note has available; `details.available` gives the most it can be.",
  credit_note_not_on_invoice: "The credit note has no credit applied to this invoice to take off.",
  customers_not_mergeable:
    "The customers cannot be merged; `details.reason` says why (same_customer, business_entity, time_zone, transferred, hierarchy, partner, contact_limit).",
  tax_withheld_not_on_invoice: "No withheld tax with this id is recorded on the invoice.",
  tax_withheld_refunded:
    "A credit note refunded part of this withheld tax; remove that refund before removing the withheld tax.",
  tax_withheld_refund_not_found: "The credit note has no refund of withheld tax with this id.",
  card_expired:
    "The card's expiry month is before the current month; add a card that is still valid.",
  invalid_iban: "The IBAN is not a valid IBAN (country, check digits and account number).",
  payment_source_not_found:
    "No payment source of this customer has this id (deleted ones included).",
  source_details_mismatch:
    "A card source takes `card` and a bank-account source `bank_account`, and not the other.",
  payment_source_required:
    "The customer has no primary or backup payment source to charge; add one or name payment_source_id.",
  gateway_account_not_found:
    "No gateway account of this tenant has this id (or, where an account is named to move to, it is deleted).",
  gateway_account_other_entity:
    "The gateway account belongs to another business entity than the customer's; use an account of the customer's entity.",
  gateway_account_disabled:
    "The gateway account is disabled: it takes no payment sources and is no entity's default; enable it first.",
  gateway_account_in_use:
    "The gateway account still holds live payment sources (`details.payment_sources`); switch or delete them before deleting it.",
  gateway_kind_mismatch:
    "A payment source moves only to another account of the same gateway (`details.from`, `details.to`); copy a card to reach another gateway.",
  gateway_unavailable:
    "This version of Accrue has no adapter for the account's gateway; use an account of a gateway it has one for (docs/payments.md).",
  gateway_events_rate_limited:
    "Too many gateway events for this gateway account from this client address; wait the seconds the Retry-After header gives (gateways deliver again on their own).",
  gateway_unreachable:
    "The payment gateway gave no answer to rely on (a timeout, its server error, its rate limit); nothing was recorded: retry after Retry-After.",
  gateway_credentials_rejected:
    "The payment gateway refused the account's credentials; replace them (PATCH the gateway account).",
  invalid_gateway_credentials:
    "The credentials are not what this gateway takes (`details.field` names which): Stripe secret_key, GoCardless access_token, Mollie api_key, and the optional ones of docs/payments.md.",
  gateway_refund_refused:
    "The payment gateway refused the refund (`details.stripe_code` or `details.provider_code` says why); nothing was recorded.",
  provider_token_required:
    "This gateway account keeps only its provider's token (Stripe pm_…, GoCardless MD… or CU…, Mollie cst_… or mdt_…): send type provider_token, never card numbers or IBANs.",
  provider_token_not_accepted:
    "The test gateway takes card or bank account details, not a provider's token; add the source to a customer whose gateway account is of that provider.",
  invalid_provider_token:
    "The gateway account knows no payment method with this token; create it with the provider's client-side library in the same account (test or live mode).",
  provider_token_other_customer:
    "The provider's payment method is attached to another customer at the provider; create a new one for this customer.",
  payment_method_type_not_supported:
    "The provider's payment method is of a type Accrue does not keep (Stripe: card and sepa_debit; Mollie: creditcard and directdebit mandates).",
  mandate_not_usable:
    "The provider's mandate is cancelled, failed, expired or otherwise unusable (`details.status`), or the customer has none; the customer sets up a new one in the provider's pages.",
  authorization_not_supported:
    "This gateway charges at once and holds no amounts to capture later (GoCardless, Mollie); charge the payment source instead.",
  gateway_capture_refused:
    "The payment gateway did not capture the authorization (`details.status`); it stays held until voided or its hold runs out.",
  payment_pending:
    "A payment of the customer in this currency is pending at the gateway (a direct debit takes days) or waits for the customer to authenticate it; sync it, and collect again once it succeeded or failed.",
  payment_action_not_supported:
    "The payment's gateway cannot take the customer's confirmation of a payment their bank asks them to authenticate.",
  card_copy_not_supported:
    "The card's gateway cannot hand its cards to the target account's gateway (`details.from`, `details.to`); the customer adds the card there anew.",
  payment_source_not_card: "Only a card payment source can be copied to another gateway account.",
  same_gateway_account: "The payment source is held by this gateway account already.",
  credentials_required: "An account of this gateway needs its credentials (`credentials`).",
  secret_key_not_configured:
    "Credentials are stored only encrypted and the server has no ACCRUE_SECRET_KEY; the operator sets it (docs/configuration.md).",
  secret_key_unknown:
    "The account's credentials were encrypted under a key this server holds neither as ACCRUE_SECRET_KEY nor in ACCRUE_SECRET_KEY_PREVIOUS; the operator adds that key (docs/payments.md, how credentials are kept).",
  payment_not_authorized:
    "Only an authorization still held can be captured or voided; `details.status` gives the payment's state.",
  authorization_expired:
    "The gateway let the authorization's hold go; sync the payment to see it voided, and authorize again.",
  invalid_signature:
    "A gateway event's signature does not hold (missing, not the account's webhook secret's, older than 5 minutes, or a Mollie payment the account does not hold); the event was recorded as rejected and nothing in it was used.",
  malformed_gateway_event:
    "A gateway event's signature holds but its body is not an event of that gateway (an id and a type); it was recorded as rejected.",
  webhook_secret_not_configured:
    "The gateway account has no webhook_secret to verify its events with; set it in the account's credentials (see docs/payments.md), and the event is recorded as rejected.",
  line_not_removable:
    "The line was written by billing; delete the draft instead, and its charges are billed again by the next settlement.",
  invoice_needs_lines: "A draft keeps at least one line; delete the draft instead.",
  portal_link_not_found:
    "The contract has no live portal link with this id (revoked or expired ones included).",
  contract_has_billing:
    "The contract has invoices or credit notes (void ones too), or moved between business entities; a contract with billing history is ended, not deleted.",
  term_end_in_past:
    "The new term end is before today (the customer's calendar); choose today or later.",
  term_end_before_period_start:
    "The new term end is not after the start of the contract's current billing period.",
  term_end_not_changeable:
    "The contract has no current term to move: it has ended, or is not in a paid (normal) phase now.",
  contract_not_in_paid_phase:
    "The contract is not in a paid (normal) phase now (in trial, resting, or not started); its renewals cannot be invoiced ahead.",
  contract_not_renewing:
    "The contract has an end and no renewals to schedule; an advance invoice schedule needs a contract that renews.",
  renewals_beyond_contract_end:
    "The contract ends before the renewals asked for; charge fewer terms (`details.end_date` gives its end).",
  invalid_terms_to_charge: "terms_to_charge must be a whole number of billing periods, at least 1.",
  advance_schedule_exists:
    "The contract has an advance invoice schedule already; edit or remove it instead.",
  advance_schedule_not_found: "The contract has no advance invoice schedule.",
  advance_schedule_invalid:
    "The advance invoice schedule is incomplete or contradictory; `details.field` names what to correct (a date already past, a missing list, a schedule for another type).",
  nothing_to_regenerate:
    "The contract has no void invoice, or what its void invoices billed has been billed again; nothing is left to regenerate.",
  calendar_aligned_term:
    "The contract's billing periods follow the calendar, so its renewals cannot move; end the contract instead.",
  import_start_in_future:
    "An imported contract started in the other system: its start_date is not after now; order a contract that starts later instead.",
  billed_until_before_start:
    "billed_until (where the other system's billing stopped) is before the contract's start_date; correct one of the two.",
  billed_until_after_end:
    "billed_until is after the contract's end_date; an imported contract is billed at most until it ends.",
  import_status_mismatch:
    "The status and end_date disagree: active has no end_date, non_renewing ends after now, cancelled ended by now.",
  before_billed_until:
    "The change is dated before the imported contract's billed_until (`details.billed_until`): the other system billed that time; date the change on or after it, and correct the other system's invoices by hand.",
  term_action_conflict:
    "The contract ends at a fixed date, so a contract term that renews (renew, renew_once, evergreen) cannot be imported onto it; import one that cancels at its end.",
  charge_entity_not_of_contract:
    "The unbilled charge's entity_id is no plan variant billed on the contract (entity_type plan) or no component of its plan group (addon).",
  billing_date_out_of_range:
    "A billing date is a day of the month from 1 to 28 (every month has it, so the contracts renew on the same day each month).",
  billing_date_required:
    "billing_date_mode manually_set (the default) needs a billing_date; using_defaults clears it.",
  billing_date_not_changeable:
    "A running contract of the customer cannot renew on another day: it has a fixed end, is not in a paid (normal) phase now, follows the calendar, or is billed in days or weeks (`details.reason`); nothing was changed.",
  invoice_not_of_contract:
    "The invoice bills no contract's charges (it holds charges entered by hand only); there is no usage to sync.",
  document_number_taken:
    "The business entity has a document of this kind with this number; an imported document keeps a number of its own.",
  import_total_mismatch:
    "The imported document's lines do not add up to the total_gross given; `details.computed` is what they add up to.",
  nothing_to_collect: "The customer owes nothing in the currency; there is nothing to collect.",
  currency_required: "The customer owes in several currencies; name the currency to collect in.",

  // ---- promotional credits ----------------------------------------------------------------------
  insufficient_promotional_credits:
    "The customer's promotional credit balance in the currency is less than the amount to deduct; `details.balance` gives the balance.",

  // ---- business entities and customer transfers -------------------------------------------------
  business_entity_not_found: "No business entity has this id in the tenant.",
  unknown_business_entity: "The business entity named in the body does not exist in the tenant.",
  transfer_not_found: "No business entity transfer has this id in the tenant.",
  record_transferred:
    "The record was left in its source business entity by a customer transfer and this operation is not allowed on it; act on the customer in its new business entity.",
  source_business_entity_mismatch:
    "The customer does not belong to the source business entity named; check source_business_entity_id.",
  same_business_entity: "The customer belongs to the destination business entity already.",
  customer_not_active:
    "Only an active customer can be transferred, not a copy a transfer left behind.",
  transfer_limit_reached:
    "The customer has been transferred as often as a calendar year allows; wait for the next year.",
  contract_in_trial: "A contract of the customer is in its trial; transfer after the trial.",
  invoice_pending:
    "The customer has draft invoices or credit notes; finalize or void them before the transfer.",
  invoice_unpaid: "The customer has issued invoices that still owe money; settle them first.",
  unbilled_charges: "The customer has one-off charges not billed yet; bill them first.",
  refundable_credits:
    "The customer is in credit (paid more than it owes); refund the credit before the transfer.",

  // ---- partners, resellers and budgets ----------------------------------------------------------
  partner_not_found: "No partner has this id in the tenant.",
  unknown_partner: "The partner named in the body does not exist in the tenant.",
  reseller_cannot_have_resellers: "The parent is itself a reseller; resellers are one level deep.",
  reseller_not_permitted: "The reseller named is not one of the calling partner's resellers.",
  identity_taken:
    "The account name, e-mail address or mobile number is used by a customer already; use another.",
  invalid_account_name:
    "An account name is 5 to 32 letters, digits, _ or -, starts with a letter or -, and does not start with op_ or shadow_.",
  invalid_mobile: "A mobile number is written 00XX-XXXXXXXX: the country code, a dash, the number.",
  invalid_verification_code: "The verification code is wrong or has expired; request a new one.",
  verification_code_required:
    "Registering with an e-mail address needs the verification code sent to it; request one and send it along.",
  budget_not_set: "The customer has no budget; set one first.",
  budget_exceeded:
    "The order would take the customer past its budget; raise the budget or order less.",
  invalid_budget_amount: "A budget is more than zero, with at most two decimals.",
  password_not_supported: "Accrue keeps no customer passwords; leave the password out.",

  // ---- subscription actions and provisioning (CRM.COM) -------------------------------------------
  subscription_action_not_found: "No subscription action has this id or number in the tenant.",
  subscription_not_found: "The customer named has no contract to act on.",
  missing_identifier: "Name the subscription by contract_id or by customer_id.",
  ambiguous_identifier:
    "The subscription is named twice (by contract and by customer, or by subscription and accounts receivable); name it once.",
  customer_owns_multiple_subscriptions:
    "The customer has several contracts; name the one meant by contract_id.",
  invalid_life_cycle_state:
    "The subscription's life cycle state does not allow this action; the message names the states that do.",
  invalid_action_state:
    "The action's state does not allow this step; only scheduled actions can be cancelled.",
  scheduled_date_not_in_future: "scheduled_date lies in the past; schedule for a later date.",
  activation_after_start: "A draft subscription is activated at or before its start date.",
  no_plan_to_resume: "The contract never had a plan, so there is nothing to resume.",
  grace_period_not_extended:
    "The new end of the grace period is not after its current end; choose a later one.",
  duplicate_transaction_reference_number:
    "Another action used this transaction reference number; send a new one.",
  missing_parameter: "A parameter the request needs is missing; the message names it.",
  mutually_exclusive_parameters: "Give only one of the parameters the message names.",
  invalid_parameter: "A parameter has a value it does not take; the message says which.",
  invalid_identifier:
    "An identifier object names none or several of its fields; give exactly one (id=… or number=…).",
  distributor_exists: "A provisioning distributor with this name or code exists already.",
  unknown_distributor: "The provisioning distributor named does not exist in the tenant.",
  provisioning_distributor_not_found: "No provisioning distributor matches the identifier given.",
  service_not_found: "No service (component) matches the identifier given.",
  installed_item_not_found: "No installed item matches the identifier given.",
  accounts_receivable_not_found:
    "No single customer matches the accounts receivable identifier given (none, or several).",
  service_not_on_subscription: "The service to remove is not on the subscription.",
  service_not_distributed: "The service is not distributed by the distributor named.",
  service_already_on_subscription:
    "The service is on the subscription already (with these distributors).",
  service_added_and_removed:
    "One service is both added and removed for the same distributor; do one or the other.",
  installed_item_not_on_subscription: "The installed item to remove is not on the subscription.",
  serial_number_installed:
    "An installed item with this serial number is installed on another subscription already.",
  duplicate_serial_number: "An installed item is listed twice; list each once.",
  scheduled_installed_items_not_allowed:
    "A scheduled amend_services cannot add installed items; add them at once.",

  // ---- Billwerk orders --------------------------------------------------------------------------
  cart_field_not_supported: "The Cart has a field Accrue does not support; leave it out.",
  customer_change_on_signup: "CustomerChange belongs to change orders, not to a signup.",
  customer_required: "A signup names either CustomerId or a new Customer.",

  // ---- webhooks and events ----------------------------------------------------------------------
  webhook_endpoint_not_found: "No webhook endpoint has this id in the tenant.",
  webhook_delivery_not_found: "No webhook delivery has this id in the tenant.",
  event_not_found: "No event has this id in the tenant.",
  invalid_webhook_url:
    "The endpoint URL is not an absolute http(s) URL with a host, without credentials or fragment, or is too long; the message says which.",
  webhook_url_not_allowed:
    "The endpoint URL's host is, or resolves to, a loopback, private, link-local or reserved address, or is a localhost name, which webhooks are never sent to (unless the operator set ACCRUE_WEBHOOK_ALLOW_PRIVATE=true); use a host with public addresses only (`details.address`, `details.reason` say which).",
  webhook_host_unresolvable:
    "The endpoint URL's host name does not resolve (`details.reason`: the resolver's code, or ETIMEOUT); check the name, or retry once its DNS records exist.",
  unknown_webhook_format: "The webhook format is none Accrue knows; see docs/webhooks.md.",
  too_many_webhook_endpoints:
    "The tenant has as many webhook endpoints as it may; delete one first.",
  webhook_endpoint_deleted:
    "The delivery's endpoint was deleted; the delivery cannot be sent again.",
  webhook_endpoint_disabled:
    "The delivery's endpoint is disabled; enable it before sending the delivery again.",
  no_matching_webhook_endpoints:
    "No enabled webhook endpoint subscribes to the event's type; create or enable one first.",
  invalid_event_filter: 'An event filter has 1 to 100 entries ("*" for every type).',
  unknown_event_type:
    "The event filter names a type that is not in the event catalog; see docs/webhooks.md.",
} as const satisfies Record<string, string>;

/** A machine code an error answer carries. */
export type ErrorCode = keyof typeof ERROR_CODES;
