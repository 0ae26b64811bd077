/**
 * The Accrue API's types, generated from its OpenAPI document (/openapi.json) by
 * `npm run sdk:types` (scripts/sdk-types.ts). Do not edit: regenerate.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database check */
        get: operations["system.health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade OAuth client credentials for a bearer token (RFC 6749 client credentials) */
        post: operations["oauth.token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's tenant
         * @description Permissions (any one of): `tenant:read`.
         */
        get: operations["tenant.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the tenant, or choose whether billing issues documents at once or as drafts
         * @description Permissions (any one of): `tenant:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["tenant.update"];
        trace?: never;
    };
    "/v1/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Permissions (any one of): `api_keys:read`.
         */
        get: operations["api_keys.list"];
        put?: never;
        /**
         * Create an API key (the secret is shown once)
         * @description Permissions (any one of): `api_keys:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["api_keys.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an API key
         * @description Permissions (any one of): `api_keys:read`.
         */
        get: operations["api_keys.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api_keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description Permissions (any one of): `api_keys:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["api_keys.revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles: the built-in ones and the tenant's own
         * @description Permissions (any one of): `roles:read`.
         */
        get: operations["roles.list"];
        put?: never;
        /**
         * Create a role: a named set of permission codes (only codes the caller holds)
         * @description Permissions (any one of): `roles:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["roles.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a role and its permission codes
         * @description Permissions (any one of): `roles:read`.
         */
        get: operations["roles.get"];
        put?: never;
        post?: never;
        /**
         * Delete a role no active credential holds
         * @description Permissions (any one of): `roles:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["roles.delete"];
        options?: never;
        head?: never;
        /**
         * Change a role's permission codes or description; its holders change with it
         * @description Permissions (any one of): `roles:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["roles.update"];
        trace?: never;
    };
    "/v1/console_users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List console users
         * @description Permissions (any one of): `console_users:read`.
         */
        get: operations["console_users.list"];
        put?: never;
        /**
         * Create a console user (e-mail address, password, roles)
         * @description A person who signs in to the console with an e-mail address and a password. An e-mail address belongs to one user across the installation.
         *
         *     Permissions (any one of): `console_users:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["console_users.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console_users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable a console user and end its sessions
         * @description The user can no longer sign in; its sessions end at once.
         *
         *     Permissions (any one of): `console_users:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["console_users.disable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console_sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign a console user in with e-mail address and password (a 12-hour bearer token)
         * @description Sign a console user in: a bearer token (at_…) for 12 hours with the user's roles. Wrong e-mail and wrong password answer alike. Failed attempts are limited per client address and per e-mail address from that client address, with a back-off (docs/operations.md#limits): someone guessing elsewhere never locks the user out.
         */
        post: operations["console_sessions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console_sessions/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign a console session out (its token stops working at once)
         * @description Sign out: the session token stops working at once. Knowing the token is the authority to end it; an unknown or ended token answers ended: false.
         */
        post: operations["console_sessions.end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge one customer into another: its contracts, documents, payments, payment sources, contacts and credits move; it is deleted
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customers
         * @description Permissions (any one of): `customers:read`.
         */
        get: operations["customers.list"];
        put?: never;
        /**
         * Create a customer
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a customer
         * @description Permissions (any one of): `customers:read`.
         */
        get: operations["customers.get"];
        /**
         * Replace a customer (PUT: absent fields are cleared)
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        put: operations["customers.replace"];
        post?: never;
        /**
         * Delete a customer that nothing refers to
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["customers.delete"];
        options?: never;
        head?: never;
        /**
         * Update some fields of a customer (PATCH)
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["customers.update"];
        trace?: never;
    };
    "/v1/customers/{id}/clear_personal_data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a customer's personal data and contacts (GDPR); its invoices and payments stay
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.clear_personal_data"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/update_billing_info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update a customer's billing information: VAT id, customer type, document language, address
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.update_billing_info"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/update_address": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a customer's address
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.update_address"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/change_billing_date": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set or clear the day of the month a customer's contracts renew on; each running contract renews on it from the end of its current billing period, the days between billed pro rata (Chargebee: change billing date)
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.change_billing_date"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lock a customer
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.lock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unlock a customer
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.unlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a customer's contacts
         * @description Permissions (any one of): `customers:read`.
         */
        get: operations["customer_contacts.list"];
        put?: never;
        /**
         * Add a contact to a customer
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customer_contacts.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/contacts/{contact_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a contact from a customer
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["customer_contacts.delete"];
        options?: never;
        head?: never;
        /**
         * Change a contact of a customer
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["customer_contacts.update"];
        trace?: never;
    };
    "/v1/customers/{id}/hierarchy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's account hierarchy: its parent link, ancestors, children and their balances
         * @description Permissions (any one of): `customers:read`.
         */
        get: operations["customer_hierarchy.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/hierarchy/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link a customer under a parent customer (Chargebee: link_a_customer)
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customer_hierarchy.link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/hierarchy/unlink": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a customer's link to its parent (Chargebee: delete_relationship)
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customer_hierarchy.unlink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/hierarchy/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change who receives and who pays a linked customer's invoices (Chargebee: update_hierarchy_settings)
         * @description Permissions (any one of): `customers:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customer_hierarchy.update_settings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plan_groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List plan groups
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["plan_groups.list"];
        put?: never;
        /**
         * Create a plan group
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["plan_groups.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plan_groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a plan group
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["plan_groups.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a plan group's descriptive fields (name and translations)
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["plan_groups.update"];
        trace?: never;
    };
    "/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List plans
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["plans.list"];
        put?: never;
        /**
         * Create a plan
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["plans.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a plan
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["plans.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a plan's descriptive fields (name, translations, description, order approval, hidden)
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["plans.update"];
        trace?: never;
    };
    "/v1/plan_variants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List plan variants
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["plan_variants.list"];
        put?: never;
        /**
         * Create a plan variant
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["plan_variants.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plan_variants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a plan variant
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["plan_variants.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a plan variant's descriptive fields (names, description, external id, flags, hidden; prices and terms are fixed)
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["plan_variants.update"];
        trace?: never;
    };
    "/v1/components": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List components
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["components.list"];
        put?: never;
        /**
         * Create a component
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["components.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/components/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a component
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["components.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a component's descriptive fields (name, translations, external id, unit, hidden; prices are fixed)
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["components.update"];
        trace?: never;
    };
    "/v1/discounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List discounts
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["discounts.list"];
        put?: never;
        /**
         * Create a discount: a percentage or a fixed amount off the recurring fee, the components or both, for ever or for a period
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["discounts.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a discount
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["discounts.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List coupons
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["coupons.list"];
        put?: never;
        /**
         * Create a coupon: a code that grants a discount when an order carrying it succeeds
         * @description Permissions (any one of): `catalog:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["coupons.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a coupon with its redemption count
         * @description Permissions (any one of): `catalog:read`.
         */
        get: operations["coupons.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders
         * @description Permissions (any one of): `orders:read`.
         */
        get: operations["orders.list"];
        put?: never;
        /**
         * Create an order: a signup, or a change of a contract (plan variant, components, coupon)
         * @description Permissions (any one of): `orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["orders.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Price an order: what billing would invoice if it succeeded now (nothing is written)
         * @description Permissions (any one of): `orders:read`.
         */
        get: operations["orders.preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Estimate an order without placing it: what billing would invoice if it were placed and committed now, and at the next billing date after (nothing is written)
         * @description Permissions (any one of): `orders:read`.
         */
        post: operations["orders.estimate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an order
         * @description Permissions (any one of): `orders:read`.
         */
        get: operations["orders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Commit an order: it succeeds and creates the contract, or awaits approval
         * @description Permissions (any one of): `orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["orders.commit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve an order awaiting approval
         * @description Permissions (any one of): `orders:approve`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["orders.approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an order awaiting approval
         * @description Permissions (any one of): `orders:approve`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["orders.decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List contracts
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a contract with its phases and its status at the tenant's now
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.get"];
        put?: never;
        post?: never;
        /**
         * Delete a contract that never billed, with its phases, components, discounts, rated items, usage and subscription actions
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["contracts.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a contract at a date after its start (again: move the end)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/cancellation_preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * When the contract would end if cancelled now, honouring terms and notice (nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.cancellation_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/self_service_token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A short-lived customer portal token scoped to one contract
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.self_service_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/portal_links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's portal links (self-service tokens): live, expired or revoked
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.portal_links"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/portal_links/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke one portal link of a contract, or all its live ones (Chargebee: portal session logout)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.revoke_portal_links"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal_sessions/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a live portal link by its token, once: answers the contract and customer it opens (Chargebee: activate a portal session)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["portal_sessions.activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/discounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's discount subscriptions, each with its discount and span
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["discount_subscriptions.list"];
        put?: never;
        /**
         * Grant a discount on a contract from a start date
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["discount_subscriptions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/discount_subscriptions/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a discount subscription
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["discount_subscriptions.end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/component_subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's component subscriptions
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["component_subscriptions.list"];
        put?: never;
        /**
         * Subscribe a quantity-based or on/off component on a contract
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["component_subscriptions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/component_subscriptions/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a component subscription
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["component_subscriptions.end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/rated_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A contract's rated items
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["rated_items.list"];
        put?: never;
        /**
         * Add a one-off charge with a service period to a contract
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["rated_items.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/rated_items/{rated_item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a one-off charge no invoice billed yet (Chargebee: delete unbilled charge)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["rated_items.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/change_term_end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the current term's end (the next renewal, or the end of an ending contract); billing bills or credits the difference
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.change_term_end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/change_term_end_preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What moving the current term's end would bill or credit (nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.change_term_end_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/current_term": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contract's current term: the billing period holding now, a moved term end included (Chargebee: current_term_start and current_term_end)
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.current_term"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/scheduled_changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contract's scheduled changes: change orders dated later, with what they still change (Chargebee: has_scheduled_changes, retrieve with scheduled changes)
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.scheduled_changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/remove_scheduled_changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove the contract's scheduled changes: the plan, components and coupons they change from their dates stay as they are, and nothing of them is billed (Chargebee: remove scheduled changes)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.remove_scheduled_changes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a contract from another billing system with its history, billed there until a date (Chargebee: import subscription); billing bills from that date on
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/import_contract_term": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import the contract term a contract runs in, with its action at the term's end (Chargebee: import contract term)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.import_contract_term"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/import_unbilled_charges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import charges another system had not billed as rated items, billed once by the next settlement (Chargebee: import unbilled charges)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.import_unbilled_charges"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/charge_future_renewals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invoice the contract's next renewals now, in advance, or set up a schedule of advance invoices (Chargebee: charge future renewals); later settlements do not bill those periods again
         * @description Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.charge_future_renewals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/advance_invoice_schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contract's advance invoice schedule and how far its renewals are invoiced in advance (Chargebee: retrieve advance invoice schedule)
         * @description Permissions (any one of): `contracts:read`.
         */
        get: operations["contracts.advance_invoice_schedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/edit_advance_invoice_schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the contract's advance invoice schedule; what it invoiced by today stays invoiced (Chargebee: edit advance invoice schedule)
         * @description Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.edit_advance_invoice_schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/remove_advance_invoice_schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove the contract's advance invoice schedule; what it invoiced by today stays invoiced (Chargebee: remove advance invoice schedule)
         * @description Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.remove_advance_invoice_schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/add_charge_at_term_end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a one-time charge billed with the contract's next renewal or term-end invoice, not now (Chargebee: add charge at term end)
         * @description Permissions (any one of): `contracts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.add_charge_at_term_end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/regenerate_invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invoice again now what the contract's voided invoices billed (a settlement; 409 when nothing is left to bill again)
         * @description Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.regenerate_invoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/regenerate_invoice_preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What regenerating the contract's voided invoice would invoice now (nothing is written)
         * @description Permissions (any one of): `invoices:read`.
         */
        get: operations["contracts.regenerate_invoice_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/send_einvoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an issued invoice as an EN 16931 e-invoice through the einvoice.sent event (Chargebee: send_einvoice)
         * @description Writes the issued document as an EN 16931 e-invoice (UN/CEFACT CII, Factur-X / ZUGFeRD EN 16931 profile) and delivers it through the `einvoice.sent` event, which carries the URL of the XML. When the document lacks what EN 16931 requires, the e-invoice is recorded `failed` with the missing business terms and `einvoice.failed` is sent; correct the data and resend. A draft or void document is refused (409 einvoice_document_not_issued), and so is a second send (409 einvoice_already_sent).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.send_einvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/resend_einvoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an invoice's failed e-invoice again (Chargebee: resend_einvoice)
         * @description Sends a failed e-invoice again, written from the document as it is now. Only a failed one is sent again (409 einvoice_not_failed).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.resend_einvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}/send_einvoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an issued credit note as an EN 16931 e-invoice through the einvoice.sent event (Chargebee: send_einvoice)
         * @description Writes the issued document as an EN 16931 e-invoice (UN/CEFACT CII, Factur-X / ZUGFeRD EN 16931 profile) and delivers it through the `einvoice.sent` event, which carries the URL of the XML. When the document lacks what EN 16931 requires, the e-invoice is recorded `failed` with the missing business terms and `einvoice.failed` is sent; correct the data and resend. A draft or void document is refused (409 einvoice_document_not_issued), and so is a second send (409 einvoice_already_sent).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["credit_notes.send_einvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}/resend_einvoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a credit note's failed e-invoice again (Chargebee: resend_einvoice)
         * @description Sends a failed e-invoice again, written from the document as it is now. Only a failed one is sent again (409 einvoice_not_failed).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["credit_notes.resend_einvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/einvoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an issued invoice or credit note as an EN 16931 e-invoice (CII XML, Factur-X / ZUGFeRD EN 16931 profile)
         * @description The issued invoice or credit note as an EN 16931 e-invoice (UN/CEFACT CII XML, Factur-X / ZUGFeRD EN 16931 profile). 409 einvoice_document_not_issued for a draft or void document; 422 einvoice_incomplete names the business terms it lacks.
         *
         *     Permissions (any one of): `invoices:read`.
         */
        get: operations["invoices.einvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/upcoming_invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What billing would invoice for each of a customer's contracts at its next billing date, with totals per currency (nothing is written)
         * @description Permissions (any one of): `invoices:read`.
         */
        get: operations["estimates.upcoming_invoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The first invoice of a new subscription of a stored customer, as its signup order would bill (nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        post: operations["estimates.create_subscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/subscription_for_new_customer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The first invoice of a new subscription for a customer given inline, not stored (nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        post: operations["estimates.create_subscription_for_new_customer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What pausing the contract now (a rest action) would bill or credit (nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        post: operations["estimates.pause_subscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What resuming the resting contract now would bill (nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        post: operations["estimates.resume_subscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/advance_invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What invoicing the contract's next renewals in advance now would bill (Chargebee: advance invoice estimate; nothing is written)
         * @description Permissions (any one of): `contracts:read`.
         */
        post: operations["estimates.advance_invoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The invoice of hand-entered charges POST /v1/invoices would create, as a draft (nothing is written)
         * @description Permissions (any one of): `invoices:read`.
         */
        post: operations["estimates.create_invoice_for_items"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quote a new subscription for a customer (a signup order's fields), priced as the order would bill (Chargebee: create a quote for new subscription items)
         * @description Permissions (any one of): `quotes:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["quotes.create_subscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quote a change of a contract (a change order's fields), priced as the order would bill (Chargebee: create a quote for updating subscription items)
         * @description Permissions (any one of): `quotes:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["quotes.create_change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/one_time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quote one-time charges for a customer (an invoice of hand-entered charges) (Chargebee: create a quote for one-time charges)
         * @description Permissions (any one of): `quotes:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["quotes.create_one_time"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List quotes
         * @description Permissions (any one of): `quotes:read`.
         */
        get: operations["quotes.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a quote with its lines and totals
         * @description Permissions (any one of): `quotes:read`.
         */
        get: operations["quotes.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit an open quote: its fields and validity; it is priced again
         * @description Permissions (any one of): `quotes:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["quotes.update"];
        trace?: never;
    };
    "/v1/quotes/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the PDF of a quote
         * @description Permissions (any one of): `quotes:read`.
         */
        get: operations["quotes.pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an open quote: its order is created and committed, or its invoice issued, exactly as quoted
         * @description Permissions (any one of): `quotes:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["quotes.accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline an open quote
         * @description Permissions (any one of): `quotes:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["quotes.decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/checkout_new_for_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer (stored, or created when it completes) checks out a new subscription (Chargebee: checkout new subscription for items)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.checkout_new_for_items"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/checkout_existing_for_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer checks out a change of its contract (Chargebee: checkout existing subscription for items)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.checkout_existing_for_items"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/checkout_one_time_for_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer checks out one-time charges, invoiced when it completes (Chargebee: checkout one-time payment for items)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.checkout_one_time_for_items"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/checkout_one_time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer checks out one-time charges, invoiced when it completes (Chargebee: checkout one-time payment)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.checkout_one_time"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/manage_payment_sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer adds a payment source (Chargebee: manage payment sources)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.manage_payments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/update_payment_method": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer replaces its primary payment method (Chargebee: update payment method)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.update_payment_method"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/collect_now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer pays its open invoices (Chargebee: collect unpaid invoices)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.collect_unpaid_invoices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/accept_quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer accepts an open quote (Chargebee: accept a quote)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.accept_quote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/extend_subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a customer extends its contract's current term by billing periods or to a new end (Chargebee: extend a subscription)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.extend_subscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/pre_cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page shown before a cancellation: the customer stays or cancels, with a reason (Chargebee: pre-cancel)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.pre_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/view_voucher": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page showing an offline payment voucher (payment reference, amount, due date) of an issued invoice still owed (Chargebee: view voucher)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.view_voucher"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an event on a hosted page, such as cancellation_page_loaded (Chargebee: hosted page events)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.events"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List hosted pages (Chargebee: list hosted pages)
         * @description Permissions (any one of): `hosted_pages:read`.
         */
        get: operations["hosted_pages.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a hosted page with its state and content (Chargebee: retrieve a hosted page)
         * @description Permissions (any one of): `hosted_pages:read`.
         */
        get: operations["hosted_pages.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge a succeeded hosted page: its outcome was taken over (Chargebee: acknowledge a hosted page)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List gifts (Chargebee: list gifts)
         * @description Permissions (any one of): `gifts:read`.
         */
        get: operations["gifts.list"];
        put?: never;
        /**
         * Buy a subscription as a gift: the gifter is invoiced for the gifted term now, the recipient claims it from its date (Chargebee: create a gift subscription for items)
         * @description Permissions (any one of): `gifts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["gifts.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gifts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a gift with its status at the tenant's now (Chargebee: retrieve a gift)
         * @description Permissions (any one of): `gifts:read`.
         */
        get: operations["gifts.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gifts/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim an unclaimed gift: the recipient's customer is found or created and its non-renewing contract starts for the gifted term, billing nothing (Chargebee: claim a gift)
         * @description Permissions (any one of): `gifts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["gifts.claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gifts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a gift not claimed yet: the gifter's invoice is credited (Chargebee: cancel a gift)
         * @description Permissions (any one of): `gifts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["gifts.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gifts/{id}/update_gift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a scheduled gift's date (Chargebee: update a gift)
         * @description Permissions (any one of): `gifts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["gifts.update_gift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/estimates/gift_subscription_for_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The invoice a gifter would get for a gift subscription; nothing is written (Chargebee: estimate a gift subscription for items)
         * @description Permissions (any one of): `gifts:read`.
         */
        post: operations["estimates.gift_subscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/checkout_gift_for_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a gifter checks out a gift subscription, invoiced (and charged through a card given) when it completes (Chargebee: checkout a gift subscription for items)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.checkout_gift_for_items"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosted_pages/claim_gift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hosted page on which a recipient claims a gift (Chargebee: claim a gift)
         * @description Permissions (any one of): `hosted_pages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["hosted_pages.claim_gift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a contract's metered usage
         * @description Permissions (any one of): `usage:read`.
         */
        get: operations["usage.list"];
        put?: never;
        /**
         * Record metered usage of a contract's component (a repeated key is not stored twice)
         * @description Permissions (any one of): `usage:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["usage.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/usage/{usage_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete usage that is not billed yet
         * @description Permissions (any one of): `usage:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["usage.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record up to 1,000 usage events of any contracts in one request
         * @description Permissions (any one of): `usage:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["usage.ingest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit_events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit records, newest first
         * @description Permissions (any one of): `audit:read`.
         */
        get: operations["audit_events.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test_clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's clock
         * @description Permissions (any one of): `clock:read`.
         */
        get: operations["test_clock.get"];
        put?: never;
        /**
         * Put the tenant on a test clock frozen at a given instant
         * @description Permissions (any one of): `clock:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["test_clock.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test_clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move the tenant's test clock forward
         * @description Permissions (any one of): `clock:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["test_clock.advance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Permissions (any one of): `webhooks:read`.
         */
        get: operations["webhook_endpoints.list"];
        put?: never;
        /**
         * Create a webhook endpoint (the signing secret is shown once)
         * @description Permissions (any one of): `webhooks:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["webhook_endpoints.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Permissions (any one of): `webhooks:read`.
         */
        get: operations["webhook_endpoints.get"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint; its pending deliveries are cancelled
         * @description Permissions (any one of): `webhooks:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["webhook_endpoints.delete"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint's URL, event types or description; disable or enable it
         * @description Permissions (any one of): `webhooks:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["webhook_endpoints.update"];
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook endpoint's signing secret (the old one keeps signing for 24 hours)
         * @description Permissions (any one of): `webhooks:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["webhook_endpoints.rotate_secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook deliveries, newest first
         * @description Permissions (any one of): `webhooks:read`.
         */
        get: operations["webhook_deliveries.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_deliveries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook delivery with its attempts
         * @description Permissions (any one of): `webhooks:read`.
         */
        get: operations["webhook_deliveries.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a webhook delivery again now, with a fresh retry schedule
         * @description Permissions (any one of): `webhooks:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["webhook_deliveries.redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events, newest first
         * @description Permissions (any one of): `events:read`.
         */
        get: operations["events.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an event
         * @description Permissions (any one of): `events:read`.
         */
        get: operations["events.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an event again to every enabled webhook endpoint that subscribes to it
         * @description Permissions (any one of): `webhooks:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["events.redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the e-mails sent to a customer, newest first (the delivery log)
         * @description Permissions (any one of): `messages:read`.
         */
        get: operations["messages.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message again: a new message with the same content, queued now
         * @description Permissions (any one of): `messages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["messages.resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/message_templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the message templates in force: each kind in each language, the tenant's or the built-in one
         * @description Permissions (any one of): `messages:read`.
         */
        get: operations["message_templates.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/message_templates/{kind}/{language}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save the tenant's own template of a message kind in a language (refused with the line when it does not compile)
         * @description Permissions (any one of): `messages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        put: operations["message_templates.put"];
        post?: never;
        /**
         * Remove the tenant's own template: the built-in one is used again
         * @description Permissions (any one of): `messages:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["message_templates.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/message_templates/{kind}/{language}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Render the template in force of a kind in a language with made-up values
         * @description Permissions (any one of): `messages:read`.
         */
        get: operations["message_templates.preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invoices and credit notes
         * @description Permissions (any one of): `invoices:read`.
         */
        get: operations["invoices.list"];
        put?: never;
        /**
         * Create an invoice of charges entered by hand for a customer, issued at once or as a draft (Chargebee: create invoice for charges)
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an invoice or credit note with its lines
         * @description Permissions (any one of): `invoices:read`.
         */
        get: operations["invoices.get"];
        put?: never;
        post?: never;
        /**
         * Delete a draft invoice; its charges are billed again by the next settlement
         * @description Deletes a draft invoice; what it billed (charges, usage, rated items) is billed again by the contract's next settlement. An issued invoice is corrected by a credit note instead (422 invoice_not_draft).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["invoices.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the PDF of an invoice or credit note
         * @description Permissions (any one of): `invoices:read`.
         */
        get: operations["invoices.pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/download_link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a signed, expiring URL that serves the document's PDF without other credentials
         * @description Permissions (any one of): `invoices:read`.
         */
        post: operations["invoices.download_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/documents/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a document's PDF with a signed link (no other credentials) */
        get: operations["documents.download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import an invoice or credit note another system issued, with its number, dates and lines (Chargebee: import invoice, import credit note)
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/add_charge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a charge entered by hand to a draft invoice (Chargebee: add charge to a pending invoice)
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.add_charge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/sync_usages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate a contract's draft invoice's usage again with the usage recorded since it was written, so it bills what billing would bill now (Chargebee: sync usages of a pending invoice)
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.sync_usages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/delete_line_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove hand-entered lines from a draft invoice (Chargebee: delete line items)
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.delete_lines"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/finalize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a draft: it gets the next number of its business entity
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.finalize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void a draft or issued document; its charges are billed again by the next settlement
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.void"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/update_details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change a draft or issued invoice's purchase order number, notes or billing address (never its number or amounts)
         * @description Changes a draft or issued invoice's purchase order number, notes or the billing address it shows. Its number, dates, lines and amounts never change; a void invoice is not changed (422 invoice_void).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.update_details"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/stop_dunning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop dunning an issued invoice that still owes: it reaches no further dunning steps
         * @description Stops dunning an issued invoice that still owes: the dunning worker notices no further steps for it. What it owes does not change.
         *
         *     Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.stop_dunning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/credit_notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a credit note for an invoice, in full or for chosen lines and amounts
         * @description Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.credit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a draft credit note (Chargebee: delete)
         * @description Deletes a draft credit note (one created with `draft: true`, or by a settlement left as a draft); it never credited anything. An issued credit note is voided instead (422 credit_note_not_draft); an invoice is not a credit note (422 document_not_credit_note).
         *
         *     Permissions (any one of): `invoices:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["credit_notes.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bill a contract now: everything due and not billed yet, and corrections of past charges
         * @description Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.settle"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/settlement/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a contract whose settlement failed (parked, or waiting for its next attempt): its failures are cleared and billing settles it at once
         * @description Un-parks a contract whose settlement failed 5 times in a row (or clears the failures of one waiting for its next attempt): billing settles it at the tenant's now, and parks it again only after 5 new failures. 409 settlement_not_failed when no settlement of it failed.
         *
         *     Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["contracts.retry_settlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contracts/{id}/billing_preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview what billing a contract now would invoice (nothing is written)
         * @description Permissions (any one of): `invoices:read`.
         */
        get: operations["contracts.billing_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing_runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List billing runs, newest first
         * @description Permissions (any one of): `billing:read`.
         */
        get: operations["billing_runs.list"];
        put?: never;
        /**
         * Run billing now for every due contract of the tenant
         * @description Settles the tenant's due contracts now, in batches of up to 100, each batch in one transaction (a contract is settled entirely or not at all). Safe to repeat: a second run finds nothing due.
         *
         *     Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["billing_runs.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tax_policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tax policies
         * @description Permissions (any one of): `billing:read`.
         */
        get: operations["tax_policies.list"];
        put?: never;
        /**
         * Create a tax policy (rates per country)
         * @description Permissions (any one of): `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["tax_policies.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/business_entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List business entities (the tenant's invoicing companies)
         * @description Permissions (any one of): `business_entities:read`, `billing:read`.
         */
        get: operations["business_entities.list"];
        put?: never;
        /**
         * Create a business entity: a company the tenant invoices as, with its own document numbers
         * @description Permissions (any one of): `business_entities:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["business_entities.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/business_entities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a business entity
         * @description Permissions (any one of): `business_entities:read`, `billing:read`.
         */
        get: operations["business_entities.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a business entity's sender data, numbering prefixes, payment terms, default tax policy or currencies
         * @description Permissions (any one of): `business_entities:write`, `billing:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["business_entities.update"];
        trace?: never;
    };
    "/v1/business_entity_transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List transfers of customers and contracts between business entities
         * @description Permissions (any one of): `business_entities:read`.
         */
        get: operations["business_entity_transfers.list"];
        put?: never;
        /**
         * Transfer a customer to another business entity; its contracts follow at their next renewal, start or resumption
         * @description Permissions (any one of): `business_entities:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["business_entity_transfers.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/business_entity_transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a transfer between business entities
         * @description Permissions (any one of): `business_entities:read`.
         */
        get: operations["business_entity_transfers.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a draft or not-effective subscription (behaviour activate_subscription)
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate an effective subscription: not billed from the billable period start
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.deactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/rest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rest (pause) an effective subscription
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.rest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/end_resting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a subscription's resting: billed again from the billable period start
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.end_resting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/terminate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Terminate a subscription: the contract ends at the billable period start
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.terminate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/extend_grace_period": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend the grace period of a draft, effective or not-effective subscription
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.extend_grace_period"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/amend_services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add and remove services and installed items across provisioning distributors in one action
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.amend_services"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscription actions, by contract, state or behaviour code
         * @description Permissions (any one of): `subscription_actions:read`.
         */
        get: operations["subscription_actions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a subscription action
         * @description Permissions (any one of): `subscription_actions:read`.
         */
        get: operations["subscription_actions.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription_actions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a scheduled subscription action before it runs
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["subscription_actions.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provisioning_distributors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List provisioning distributors
         * @description Permissions (any one of): `subscription_actions:read`.
         */
        get: operations["provisioning_distributors.list"];
        put?: never;
        /**
         * Create a provisioning distributor (who provisions services and installed items)
         * @description Permissions (any one of): `subscription_actions:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["provisioning_distributors.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List payments, refunds and write-offs
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["payments.list"];
        put?: never;
        /**
         * Record an offline payment or charge a card through the test gateway; applied to open invoices
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payments.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a payment, refund or write-off
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["payments.get"];
        put?: never;
        post?: never;
        /**
         * Delete an offline payment that is applied to no invoice and not refunded
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["payments.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund all or part of a payment; the invoices it paid owe again as needed
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payments.refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/write_off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write off what an issued invoice still owes
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.write_off"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/record_payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a payment received outside Accrue against one issued invoice
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.record_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/apply_payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply what existing payments of the customer left unapplied to an issued invoice
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.apply_payments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/remove_payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a payment off an issued invoice: the invoice owes it again, the payment has it unapplied
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.remove_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/record_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a refund, made outside Accrue, of money paid on an issued invoice
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.record_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}/record_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a refund, made outside Accrue, of a credit note's amount to the customer (Chargebee: record_refund)
         * @description Records a refund, made outside Accrue, of an issued credit note's amount to the customer. Only the part the invoice it corrects did not use (it was paid already) can be refunded, less earlier refunds (422 refund_exceeds_credit_note); the refunds return money of the payments on that invoice, the most recent first.
         *
         *     Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["credit_notes.record_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund money paid on an invoice through the gateway that took it (Chargebee: refund_invoice)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund a credit note's unused amount through the gateway that took the money (Chargebee: refund)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["credit_notes.refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/collection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where automatic collection of an invoice stands: its attempts and when the next is due
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["invoices.collection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's account per currency and the invoices still owing
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["customers.balance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning_policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's dunning steps and the retry schedule of automatic collection
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["dunning_policy.get"];
        /**
         * Replace the tenant's dunning steps (and the retry schedule of automatic collection)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        put: operations["dunning_policy.set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/apply_credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply the available credit of the customer's credit notes to an issued invoice (Chargebee: apply_credits)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.apply_credits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/remove_credit_note": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a credit note's credit off an invoice it was applied to; the invoice owes it again
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.remove_credit_note"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/record_tax_withheld": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record tax the customer withheld from an issued invoice (settles it by that amount without money)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.record_tax_withheld"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/remove_tax_withheld": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove withheld tax recorded on an invoice in error; the invoice owes it again
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.remove_tax_withheld"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}/record_tax_withheld_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give withheld tax of the corrected invoice back through a credit note
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["credit_notes.record_tax_withheld_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit_notes/{id}/remove_tax_withheld_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a refund of withheld tax recorded on a credit note in error
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["credit_notes.remove_tax_withheld_refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/payment_sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a customer's payment sources (cards and bank accounts held by a gateway)
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["payment_sources.list"];
        put?: never;
        /**
         * Add a card or bank account to a customer through the gateway, with a payment role
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payment_sources.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/payment_sources/{payment_source_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a payment source of a customer
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["payment_sources.get"];
        put?: never;
        post?: never;
        /**
         * Delete a payment source; a deleted primary hands its role to the backup (Chargebee: delete card)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["payment_sources.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment_sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a payment source by its id alone (Chargebee: retrieve a payment source)
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["payment_sources.retrieve"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/payment_sources/{payment_source_id}/switch_gateway_account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a payment source to another account of the same gateway, charged through it from now on (Chargebee: switch_gateway_account)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payment_sources.switch_gateway_account"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/payment_sources/{payment_source_id}/copy_card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy a card to another gateway account as a new payment source, where the gateway allows it (Chargebee: copy card)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payment_sources.copy_card"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/gateway_account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The gateway account a customer's new payment sources go to, and why
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["customers.get_gateway_account"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/switch_gateway_account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch a customer to a gateway account of its business entity: its new payment sources go there (Chargebee: switch gateway for a customer)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.switch_gateway_account"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/assign_payment_role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a payment source the customer's primary or backup, or take its role (Chargebee: assign_payment_role)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payment_sources.assign_role"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/update_payment_method": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the customer's primary payment source with a new card or bank account
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.update_payment_method"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/collect_payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Charge what the customer owes now through a payment source (primary, then backup)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.collect_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/record_excess_payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record money received outside Accrue as the customer's credit, applied to no invoice
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["customers.record_excess_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/collect_payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Charge what an issued invoice owes now through a payment source (primary, then backup)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["invoices.collect_payment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/authorize_payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hold an amount on a customer's payment source until it is captured or voided (Chargebee: authorization payment)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payments.authorize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture a held authorization: it becomes a succeeded payment applied to open invoices
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payments.capture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Let a held authorization go (Chargebee: cancel an authorization payment)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payments.void_authorization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Read a payment's state from its gateway; an authorization whose hold ran out is voided (Chargebee: sync_transaction)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["payments.sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateway_accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's gateway accounts (never their credentials)
         * @description Permissions (any one of): `gateway_accounts:read`.
         */
        get: operations["gateway_accounts.list"];
        put?: never;
        /**
         * Connect a payment gateway account to a business entity; its credentials are stored encrypted and never answered
         * @description Permissions (any one of): `gateway_accounts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["gateway_accounts.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gateway_accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a gateway account (never its credentials)
         * @description Permissions (any one of): `gateway_accounts:read`.
         */
        get: operations["gateway_accounts.get"];
        put?: never;
        post?: never;
        /**
         * Delete a gateway account that holds no live payment source; its credentials are erased
         * @description Permissions (any one of): `gateway_accounts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["gateway_accounts.delete"];
        options?: never;
        head?: never;
        /**
         * Rename a gateway account, enable or disable it, make it its entity's default, or replace its credentials
         * @description Permissions (any one of): `gateway_accounts:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["gateway_accounts.update"];
        trace?: never;
    };
    "/v1/gateways/{account_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the events a gateway account received, newest first, with what became of each
         * @description Permissions (any one of): `payments:read`, `gateway_accounts:read`.
         */
        get: operations["gateway_events.list"];
        put?: never;
        /**
         * Receive an event of the account's payment gateway (its webhook): verified by the gateway's signature, recorded once, and applied to the charge it names (no API key: the signature authenticates)
         * @description The URL to configure at the gateway as its webhook endpoint. The body is the gateway's event as it sends it, verified with the account's webhook_secret: Stripe's `Stripe-Signature`, the test gateway's `Accrue-Test-Signature` (docs/payments.md). A repeated event is answered as recorded the first time; a refused one is recorded as rejected and answered 400 (`invalid_signature`, `malformed_gateway_event`) or 422 (`webhook_secret_not_configured`).
         */
        post: operations["gateway_events.receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/promotional_credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's promotional credit balances per currency and its ledger
         * @description Permissions (any one of): `payments:read`.
         */
        get: operations["promotional_credits.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/promotional_credits/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add promotional credits to a customer (applied to its next invoices when they are issued)
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["promotional_credits.add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/promotional_credits/deduct": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deduct promotional credits from a customer, at most its balance
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["promotional_credits.deduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/promotional_credits/set": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a customer's promotional credit balance in a currency
         * @description Permissions (any one of): `payments:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["promotional_credits.set"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List partners and resellers
         * @description Permissions (any one of): `partners:read`.
         */
        get: operations["partners.list"];
        put?: never;
        /**
         * Create a partner, or a reseller under a partner (parent_id)
         * @description Permissions (any one of): `partners:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["partners.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a partner or reseller
         * @description Permissions (any one of): `partners:read`.
         */
        get: operations["partners.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/resellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a partner's resellers (indirect partners)
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SALES_020100`.
         */
        get: operations["partners.resellers.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/identity_checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check whether an account name, e-mail address or mobile number is free for a new customer
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SUBCUSTSERV_010118`.
         */
        post: operations["partners.identity_check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/verification_codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a verification code for registering a customer with an e-mail address (delivered as the verification_code.sent event)
         * @description Permissions (any one of): `partners:write`, `BPC_ITEM_SUBCUSTSERV_010118`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["partners.verification_codes.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a partner's customers
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SUBCUSTSERV_010100`, `BPC_ITEM_SUBCUSTSERV_010500`.
         */
        get: operations["partners.customers.list"];
        put?: never;
        /**
         * Register a customer under a partner (with a verification code when an e-mail address is given)
         * @description Permissions (any one of): `partners:write`, `BPC_ITEM_SUBCUSTSERV_010118`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["partners.customers.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/customers/{customer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of a partner's customers
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SUBCUSTSERV_010100`, `BPC_ITEM_SUBCUSTSERV_010500`.
         */
        get: operations["partners.customers.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/customers/{customer_id}/freeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Freeze a partner's customer: it cannot order and its contracts are not billed
         * @description Permissions (any one of): `partners:write`, `BPC_ITEM_SUBCUSTSERV_010501`, `BPC_ITEM_SUBCUSTSERV_010115`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["partners.customers.freeze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/customers/{customer_id}/unfreeze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unfreeze a partner's customer: it orders again and billing catches up
         * @description Permissions (any one of): `partners:write`, `BPC_ITEM_SUBCUSTSERV_010501`, `BPC_ITEM_SUBCUSTSERV_010115`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["partners.customers.unfreeze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/customers/{customer_id}/budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a customer's budget and what it has used
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SUBCUSTSERV_010111`, `BPC_ITEM_SUBCUSTSERV_010503`, `BPC_ITEM_SUBCUSTSERV_010107`.
         */
        get: operations["partners.budgets.get"];
        /**
         * Set a customer's budget: orders that would exceed it are refused; crossing its alert threshold emits budget.threshold_crossed
         * @description Permissions (any one of): `partners:write`, `BPC_ITEM_SUBCUSTSERV_010111`, `BPC_ITEM_SUBCUSTSERV_010503`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        put: operations["partners.budgets.set"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the orders of a partner's customers
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SUBCUSTSERV_060100`, `BPC_ITEM_SUBCUSTSERV_060200`.
         */
        get: operations["partners.orders.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an order of one of a partner's customers
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_SUBCUSTSERV_060100`, `BPC_ITEM_SUBCUSTSERV_060200`.
         */
        get: operations["partners.orders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{id}/bill_summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner's monthly bill summary across its customers' invoices and credit notes
         * @description Permissions (any one of): `partners:read`, `BPC_ITEM_FINANCE_090100`.
         */
        get: operations["partners.bill_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List fulfilment orders (by invoice, customer or status)
         * @description Permissions (any one of): `fulfilment_orders:read`.
         */
        get: operations["fulfilment_orders.list"];
        put?: never;
        /**
         * Create an order for goods of an issued invoice: its lines with quantities and amounts, numbered from the tenant's sequence unless given (Chargebee: create an order)
         * @description Creates an order for goods of an issued invoice: the chosen invoice lines (every line with an amount when none is chosen), each with the quantity shipped and its amount. The invoice's live orders never ship more of a line than it bills (422 fulfilment_quantity_exceeds_line). The number is the next of the tenant's sequence unless given (409 fulfilment_order_number_taken).
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import an order another system made, with its number, status and dates (Chargebee: import an order)
         * @description Imports an order another system made for goods of an issued invoice, with its own number, status and dates.
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a fulfilment order with its lines
         * @description Permissions (any one of): `fulfilment_orders:read`.
         */
        get: operations["fulfilment_orders.get"];
        put?: never;
        post?: never;
        /**
         * Delete a new or cancelled fulfilment order (Chargebee: delete an order)
         * @description Deletes a new or cancelled order; any other is 409 fulfilment_order_not_deletable.
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        delete: operations["fulfilment_orders.delete"];
        options?: never;
        head?: never;
        /**
         * Move a fulfilment order on (processing, complete, shipped, delivered, returned) or change its tracking and shipping details (Chargebee: update an order)
         * @description Moves an order on (new → processing → complete or shipped → delivered → returned) and changes its tracking id, tracking URL, carrier, shipping address or notes. Any other move is 409 fulfilment_order_transition_not_allowed.
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        patch: operations["fulfilment_orders.update"];
        trace?: never;
    };
    "/v1/fulfilment_orders/{id}/assign_order_number": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Number a fulfilment order created without a number (Chargebee: assign order number)
         * @description Numbers an order that has no number yet: the given number, or the next of the tenant's sequence.
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.assign_order_number"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a fulfilment order that has not shipped, optionally with a credit note for its amount (Chargebee: cancel an order)
         * @description Cancels a new, processing or complete order. With `credit_note: true` a credit note for the order's amount is issued against its invoice (needs invoices:write too); the order can then not be reopened.
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a refundable credit note for a delivered or returned order's amount (Chargebee: create a refundable credit note)
         * @description Issues a refundable credit note for a delivered or returned order's amount against its invoice (once per order; needs invoices:write too).
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a cancelled fulfilment order back to new, unless a credit note was issued for it (Chargebee: reopen a cancelled order)
         * @description Takes a cancelled order back to new, unless a credit note was issued for its cancellation (409 fulfilment_order_credited).
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fulfilment_orders/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship a shipped or delivered order's lines again as a new order linked to it (Chargebee: resend an order)
         * @description Creates a new order shipping a shipped or delivered order's lines again (lost in transit, damaged), linked by `resent_from`; an order has at most one live resend.
         *
         *     Permissions (any one of): `fulfilment_orders:write`.
         *
         *     Accepts `Idempotency-Key`; audited.
         */
        post: operations["fulfilment_orders.resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly recurring revenue, active contracts, invoiced and collected amounts per month
         * @description Permissions (any one of): `reports:read`.
         */
        get: operations["reports.dashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Error */
        Error: {
            error: {
                /** @description Stable machine code, e.g. validation_failed */
                code: string;
                message: string;
                details: {
                    [key: string]: unknown;
                };
                request_id: string;
            };
        };
        Invoice: {
            id: string;
            kind: "invoice" | "credit_note";
            status: "draft" | "finalized" | "void";
            number: string | null;
            business_entity_id: string;
            customer_id: string;
            contract_id: string | null;
            currency: string;
            price_basis: "net" | "gross";
            /**
             * Format: date
             * @description YYYY-MM-DD
             */
            issue_date: string;
            due_date: string | null;
            service_period_start: string | null;
            service_period_end: string | null;
            /** @description Decimal amount in the document's currency */
            total_net: string;
            /** @description Decimal amount in the document's currency */
            total_tax: string;
            /** @description Decimal amount in the document's currency */
            total_gross: string;
            tax_rows: {
                /** @description Percent */
                rate: string;
                /** @description Decimal amount in the document's currency */
                net: string;
                /** @description Decimal amount in the document's currency */
                tax: string;
                /** @description Decimal amount in the document's currency */
                gross: string;
            }[];
            reverse_charge: boolean;
            corrects_invoice_id: string | null;
            billing_run_id: string | null;
            sender: {
                name: string;
                sub_name: string | null;
                address: {
                    [key: string]: unknown;
                };
                vat_id: string | null;
                tax_number: string | null;
                email?: string | null;
            };
            recipient: {
                name: string;
                sub_name: string | null;
                address: {
                    [key: string]: unknown;
                };
                vat_id: string | null;
                tax_number: string | null;
                email?: string | null;
            };
            lines: {
                id: string;
                position: number;
                /** @description setup_fee, recurring_fee, component_fee, usage, rated_item or discount */
                kind: string;
                charge_key: string | null;
                description: string;
                period_start: string | null;
                period_end: string | null;
                quantity: string;
                unit_price: string;
                /** @description Decimal amount in the document's currency */
                amount: string;
                tax_rate: string;
                credited_line_id: string | null;
            }[];
            /** Format: date-time */
            created_at: string;
            finalized_at: string | null;
            voided_at: string | null;
            /** @description Promotional credits applied when the invoice was issued; what it owes is less by this */
            credits_applied: string;
            po_number: string | null;
            notes: string | null;
            dunning_stopped_at: string | null;
        };
        BillingRun: {
            id: string;
            trigger: "worker" | "api";
            status: "running" | "completed" | "interrupted";
            /** Format: date-time */
            started_at: string;
            /** Format: date-time */
            tenant_time: string;
            finished_at: string | null;
            contracts_billed: number;
            invoices_created: number;
            credit_notes_created: number;
            failures: number;
            last_error: string | null;
        };
        TaxPolicy: {
            id: string;
            name: string;
            rates: {
                country: string;
                rate: string;
            }[];
            default_rate: string;
            /** Format: date-time */
            created_at: string;
        };
        EInvoice: {
            id: string;
            document_id: string;
            /** @description cii_en16931: UN/CEFACT CII, Factur-X EN 16931 profile */
            format: string;
            status: "scheduled" | "in_progress" | "success" | "failed";
            reference_number: string | null;
            /** @description Why the last attempt failed: the EN 16931 business terms the document lacks */
            message: string | null;
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        BusinessEntity: {
            id: string;
            name: string;
            address: {
                [key: string]: unknown;
            };
            country: string | null;
            vat_id: string | null;
            tax_number: string | null;
            email: string | null;
            invoice_prefix: string;
            credit_note_prefix: string;
            payment_terms_days: number;
            default_tax_policy_id: string | null;
            /** @description Currencies the entity bills in (ISO 4217); empty: any */
            currencies: string[];
            is_default: boolean;
        };
        BusinessEntityTransfer: {
            id: string;
            /** @description customer: a transfer someone made; subscription: a contract that followed it */
            resource_type: "customer" | "subscription";
            /** @description The deprecated copy left in the source entity */
            resource_id: string;
            /** @description The active customer or contract (its id never changes) */
            active_resource_id: string;
            source_business_entity_id: string;
            destination_business_entity_id: string;
            reason_code: string;
            /** Format: date-time */
            created_at: string;
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description First characters of the key, for recognition */
            prefix: string;
            roles: string[];
            /** @description The partner the key is bound to: it sees only that partner's customers */
            partner_id: string | null;
            /** Format: date-time */
            created_at: string;
            revoked_at: string | null;
        };
        ConsoleUser: {
            id: string;
            email: string;
            name: string;
            roles: string[];
            /** Format: date-time */
            created_at: string;
            disabled_at: string | null;
        };
        Customer: {
            id: string;
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
            /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
            time_zone: string;
            default_bearer_medium: string | null;
            /** @description Whether the customer receives e-invoices (send_einvoice); default false */
            einvoicing: boolean;
            einvoice_scheme: string | null;
            einvoice_endpoint_id: string | null;
            address: components["schemas"]["Address"];
            custom_fields: {
                [key: string]: string | number | boolean | null;
            };
            hidden: boolean;
            /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
            auto_collection: "on" | "off";
            /** @description Company name, or first and last name */
            display_name: string;
            locked: boolean;
            deletable: boolean;
            /** @description The business entity the customer belongs to */
            business_entity_id: string;
            /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
            active_id: string | null;
            /** @description When the customer's personal data was last erased; null: never */
            personal_data_cleared_at: string | null;
            /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
            billing_date: number | null;
            /** @description manually_set while a billing date is set; using_defaults otherwise */
            billing_date_mode: "using_defaults" | "manually_set";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Address: {
            line1?: string;
            line2?: string;
            street?: string;
            house_number?: string;
            postal_code?: string;
            city?: string;
            /** @description Region, state or province, e.g. CA */
            state?: string;
            /** @description ISO 3166-1 alpha-2, e.g. DE */
            country?: string;
        };
        CustomerContact: {
            id: string;
            customer_id: string;
            first_name: string | null;
            last_name: string | null;
            email: string;
            phone: string | null;
            label: string | null;
            /** @description The contact receives the customer's billing e-mails (invoices, dunning) */
            send_billing_email: boolean;
            /** @description The contact receives the customer's account e-mails */
            send_account_email: boolean;
            /** @description Whether the contact receives any e-mail at all */
            enabled: boolean;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        CustomerHierarchyLink: {
            customer_id: string;
            parent_id: string;
            /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
            invoice_owner: "self" | "parent";
            /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
            payment_owner: "self" | "parent";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        PlanGroup: {
            id: string;
            name: string;
            name_translations: {
                [key: string]: string;
            };
            currency: string;
            price_type: "net" | "gross";
            tax_policy_id: string | null;
            /** Format: date-time */
            created_at: string;
        };
        Plan: {
            id: string;
            plan_group_id: string;
            name: string;
            name_translations: {
                [key: string]: string;
            };
            description: string | null;
            trial_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            } | null;
            trial_end_policy: "continue" | "expire";
            requires_order_approval: boolean;
            hidden: boolean;
            /** Format: date-time */
            created_at: string;
        };
        PlanVariant: {
            id: string;
            plan_id: string;
            plan_group_id: string;
            currency: string;
            external_id: string | null;
            internal_name: string;
            description: string | null;
            recurring_fee: string;
            setup_fee: string;
            fee_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            };
            billing_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            };
            payment_period_mode: "prepaid" | "postpaid";
            billing_alignment: "anniversary" | "calendar";
            contract_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            } | null;
            later_contract_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            } | null;
            notice_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            } | null;
            later_notice_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            } | null;
            end_after_first_contract_period: boolean;
            allow_self_service: boolean;
            allow_without_payment_data: boolean;
            hidden: boolean;
            quotas: {
                component_id: string;
                /** @description a decimal string, e.g. "10" */
                quantity: string;
            }[];
            /** Format: date-time */
            created_at: string;
        };
        Component: {
            id: string;
            plan_group_id: string;
            name: string;
            name_translations: {
                [key: string]: string;
            };
            external_id: string | null;
            type: "quantity" | "on_off" | "metered";
            unit: string | null;
            /** @description per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units */
            price_model: "per_unit" | "tiered" | "volume" | "package";
            price_per_unit: string;
            tiers: {
                /** @description a decimal string, e.g. "10" */
                from: string;
                /** @description Price per unit from this quantity on; a decimal string, e.g. "29.90" */
                price: string;
            }[];
            package_size: string | null;
            fee_period: {
                unit: "day" | "week" | "month" | "year";
                count: number;
            };
            prorate: boolean;
            bill_in_trial: boolean;
            hidden: boolean;
            /** Format: date-time */
            created_at: string;
        };
        Discount: {
            id: string;
            plan_group_id: string;
            /** @description The plan group's currency, which amount is in */
            currency: string;
            name: string;
            description: string | null;
            kind: "percentage" | "fixed_amount";
            percent: string | null;
            amount: string | null;
            /** @description What the discount reduces: the plan's recurring fee, the components, or both */
            applies_to: "recurring_fee" | "components" | "all";
            /** @description How long it applies from the discount subscription's start: "forever" or a period */
            duration: "forever" | {
                unit: "day" | "week" | "month" | "year";
                count: number;
            };
            /** Format: date-time */
            created_at: string;
        };
        Coupon: {
            id: string;
            code: string;
            discount_id: string;
            valid_until: string | null;
            max_redemptions: number | null;
            redemption_count: number;
            /** Format: date-time */
            created_at: string;
        };
        Order: {
            id: string;
            type: "signup" | "change";
            status: "in_progress" | "approval_pending" | "succeeded" | "declined";
            customer_id: string;
            /** @description Allocated at creation; the contract exists once the order succeeds */
            contract_id: string;
            plan_variant_id: string | null;
            quantity: string | null;
            components: {
                component_id: string;
                /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                quantity: string;
                memo?: string;
            }[];
            coupon_code: string | null;
            /** @description When the order succeeds, the contract is billed at once (an interim invoice) */
            trigger_interim_billing: boolean;
            payment_method: string | null;
            start_date: string | null;
            change_date: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Contract: {
            id: string;
            customer_id: string;
            plan_group_id: string;
            currency: string;
            /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
            status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
            /** Format: date-time */
            start_date: string;
            end_date: string | null;
            current_phase: {
                type: "trial" | "normal" | "inactive";
                /** Format: date-time */
                start_date: string;
                plan_variant_id: string | null;
                quantity: string;
            } | null;
            phases: {
                type: "trial" | "normal" | "inactive";
                /** Format: date-time */
                start_date: string;
                plan_variant_id: string | null;
                quantity: string;
            }[];
            /** @description The business entity that bills it */
            business_entity_id: string;
            active_id: string | null;
            /** @description How billing the contract goes: failed settlements and parking */
            settlement: {
                /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                status: "ok" | "retrying" | "parked";
                /** @description Settlements that failed in a row */
                failed_attempts: number;
                last_error: string | null;
                last_failed_at: string | null;
                parked_at: string | null;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        DiscountSubscription: {
            id: string;
            contract_id: string;
            discount_id: string;
            coupon_id: string | null;
            order_id: string | null;
            /** Format: date-time */
            start_date: string;
            end_date: string | null;
            duration_end_date: string | null;
            effective_end_date: string | null;
            discount: components["schemas"]["Discount"];
            /** Format: date-time */
            created_at: string;
        };
        ComponentSubscription: {
            id: string;
            contract_id: string;
            component_id: string;
            quantity: string;
            /** Format: date-time */
            start_date: string;
            end_date: string | null;
            memo: string | null;
            /** Format: date-time */
            created_at: string;
        };
        RatedItem: {
            id: string;
            contract_id: string;
            description: string;
            quantity: string;
            price_per_unit: string;
            /** Format: date-time */
            period_start: string;
            /** Format: date-time */
            period_end: string;
            billed: boolean;
            invoice_id: string | null;
            /** Format: date-time */
            created_at: string;
            due_at: string | null;
        };
        Quote: {
            id: string;
            type: "subscription" | "change" | "one_time";
            /** @description expired: open, and the tenant's now is past valid_until */
            status: "open" | "accepted" | "declined" | "expired";
            customer_id: string;
            contract_id: string | null;
            /** @description The fields the quote was created or last edited with */
            input: {
                [key: string]: unknown;
            };
            starts_at: string | null;
            currency: string;
            price_basis: "net" | "gross";
            reverse_charge: boolean;
            /**
             * Format: date
             * @description The customer's day the amounts are billed as of
             */
            priced_on: string;
            lines: {
                kind: string;
                description: string;
                period_start: string | null;
                period_end: string | null;
                quantity: string;
                unit_price: string;
                /** @description In the quote's price basis (net or gross) */
                amount: string;
                /** @description Percent */
                tax_rate: string;
            }[];
            tax_rows: {
                rate: string;
                net: string;
                tax: string;
                gross: string;
            }[];
            total_net: string;
            total_tax: string;
            total_gross: string;
            /** Format: date-time */
            valid_until: string;
            order_id: string | null;
            invoice_id: string | null;
            accepted_at: string | null;
            declined_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        Usage: {
            id: string;
            contract_id: string;
            component_id: string;
            quantity: string;
            /** Format: date-time */
            due_date: string;
            memo: string | null;
            key: string | null;
            billed: boolean;
            invoice_id: string | null;
            /** Format: date-time */
            created_at: string;
        };
        AuditEvent: {
            id: string;
            /**
             * Format: date-time
             * @description Wall-clock time
             */
            occurred_at: string;
            /**
             * Format: date-time
             * @description The tenant clock's time
             */
            tenant_time: string;
            actor: {
                type: string;
                id: string;
            };
            operation: string;
            outcome: "succeeded" | "denied";
            target: {
                type: string;
                id: string;
            } | null;
            before: unknown;
            after: unknown;
            request_id: string;
            idempotency_key: string | null;
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            description: string;
            event_types: string[];
            /** @description Payload format: "native"; compatibility layers have their own */
            format: string;
            enabled: boolean;
            disabled_reason: "manual" | "sustained_failure" | null;
            disabled_at: string | null;
            /** @description First failed attempt since the last successful one; null while healthy */
            failing_since: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        WebhookDelivery: {
            id: string;
            event_id: string;
            event_type: string;
            endpoint_id: string;
            status: "pending" | "succeeded" | "failed" | "cancelled";
            /** @description Attempts in the current retry schedule */
            attempt_count: number;
            /** @description When the next attempt is due (pending only) */
            next_attempt_at: string | null;
            last_attempt_at: string | null;
            last_status_code: number | null;
            last_error: string | null;
            delivered_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        WebhookAttempt: {
            id: string;
            /** Format: date-time */
            attempted_at: string;
            duration_ms: number;
            succeeded: boolean;
            status_code: number | null;
            /** @description The first 1,024 bytes of the response body */
            response_excerpt: string | null;
            /** @description Why the attempt failed: http_status, timeout, connection_failed, dns_failed, address_not_allowed… */
            error: string | null;
        };
        Event: {
            /** @description Unique; the webhook-id header of its deliveries */
            id: string;
            type: string;
            /**
             * Format: date-time
             * @description Wall-clock time of the change
             */
            timestamp: string;
            /**
             * Format: date-time
             * @description The tenant clock's time of the change
             */
            tenant_time: string;
            tenant_id: string;
            subject: {
                type: string;
                id: string;
            } | null;
            /** @description The subject as it was after the change */
            data: unknown;
        };
        /** Message */
        Message: {
            id: string;
            customer_id: string | null;
            /** @description The event the message tells of */
            event_id: string;
            /** @description invoice_issued, credit_note_issued, payment_failed, dunning_step or contract_cancelled */
            kind: string;
            recipient: string;
            sender: string;
            /** @description en, de or fr: the customer's locale, else English */
            language: string;
            subject: string;
            attachment_document_id: string | null;
            /** @description queued (waiting to be sent, or for its next attempt), sent, failed (every attempt failed), skipped (not sent: no SMTP) */
            status: "queued" | "sent" | "failed" | "skipped";
            attempt_count: number;
            next_attempt_at: string | null;
            last_error: string | null;
            sent_at: string | null;
            resend_of: string | null;
            /** Format: date-time */
            created_at: string;
        };
        /** MessageTemplate */
        MessageTemplate: {
            /** @description The message kind */
            kind: "invoice_issued" | "credit_note_issued" | "payment_failed" | "dunning_step" | "contract_cancelled";
            /** @description en, de or fr */
            language: "en" | "de" | "fr";
            /** @description built_in: Accrue's wording; tenant: the tenant's own */
            source: "built_in" | "tenant";
            subject: string;
            text: string;
            html: string | null;
            updated_at: string | null;
        };
        Partner: {
            id: string;
            parent_id: string | null;
            name: string;
            email: string | null;
            mobile: string | null;
            account_manager: string | null;
            /** Format: date-time */
            created_at: string;
        };
        PartnerCustomer: {
            /** @description The customer's id (GET /v1/customers/{id}) */
            id: string;
            partner_id: string;
            account_name: string;
            email: string | null;
            mobile: string | null;
            company_name: string | null;
            first_name: string | null;
            last_name: string | null;
            country: string | null;
            xaccount_id: string | null;
            xaccount_type: string | null;
            frozen: boolean;
            frozen_at: string | null;
            frozen_reason: string | null;
            /** Format: date-time */
            associated_at: string;
        };
        PartnerOrder: {
            id: string;
            customer_id: string;
            contract_id: string;
            type: "signup" | "change";
            status: string;
            plan_variant_id: string | null;
            quantity: string | null;
            currency: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "system.health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                        database: string;
                        /** @description Present while messages wait after a failed SMTP attempt: they stay queued and are retried; billing goes on. last_error is the kind of the last failure (an SMTP reply code or a connection error code) */
                        messages?: {
                            /** @enum {string} */
                            smtp: "failing";
                            queued: number;
                            retrying: number;
                            last_error: string | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "unavailable";
                        database: string;
                    };
                };
            };
        };
    };
    "oauth.token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Form fields (application/x-www-form-urlencoded) or JSON */
        requestBody: {
            content: {
                "application/json": {
                    grant_type?: string;
                    client_id?: string;
                    client_secret?: string;
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "bearer";
                        /** @description Seconds until the token expires */
                        expires_in: number;
                        /** @description Unix time (seconds) when the token expires */
                        expires: number;
                    };
                };
            };
        };
    };
    "tenant.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** Format: date-time */
                        created_at: string;
                        clock: "system" | "test";
                        /** @description Whether billing issues its documents at once (else they wait as drafts) */
                        auto_finalize_invoices: boolean;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "tenant.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    auto_finalize_invoices?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** Format: date-time */
                        created_at: string;
                        clock: "system" | "test";
                        /** @description Whether billing issues its documents at once (else they wait as drafts) */
                        auto_finalize_invoices: boolean;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_keys.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_keys.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Role names: the built-in admin, read_only, finance and partner_operator, or the tenant's own (GET /v1/roles) */
                    roles: string[];
                    /** @description Bind the key to a partner (POST /v1/partners): it may then call only partner operations, and sees only that partner's customers and those of its resellers */
                    partner_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description First characters of the key, for recognition */
                        prefix: string;
                        roles: string[];
                        /** @description The partner the key is bound to: it sees only that partner's customers */
                        partner_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        revoked_at: string | null;
                        /** @description The key itself. Shown once; store it now. An idempotent replay of the request answers null: the secret is never stored. */
                        secret: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_keys.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description First characters of the key, for recognition */
                        prefix: string;
                        roles: string[];
                        /** @description The partner the key is bound to: it sees only that partner's customers */
                        partner_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        revoked_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "api_keys.revoke": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description First characters of the key, for recognition */
                        prefix: string;
                        roles: string[];
                        /** @description The partner the key is bound to: it sees only that partner's customers */
                        partner_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        revoked_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "roles.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string | null;
                            name: string;
                            description: string | null;
                            built_in: boolean;
                            /** @description "*" holds every code */
                            permissions: string[];
                            created_at: string | null;
                            updated_at: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "roles.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    description?: string;
                    /** @description Permission codes, as the API reference lists them per operation */
                    permissions: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        name: string;
                        description: string | null;
                        built_in: boolean;
                        /** @description "*" holds every code */
                        permissions: string[];
                        created_at: string | null;
                        updated_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "roles.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        name: string;
                        description: string | null;
                        built_in: boolean;
                        /** @description "*" holds every code */
                        permissions: string[];
                        created_at: string | null;
                        updated_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "roles.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        name: string;
                        description: string | null;
                        built_in: boolean;
                        /** @description "*" holds every code */
                        permissions: string[];
                        created_at: string | null;
                        updated_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "roles.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    /** @description Permission codes, as the API reference lists them per operation */
                    permissions?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        name: string;
                        description: string | null;
                        built_in: boolean;
                        /** @description "*" holds every code */
                        permissions: string[];
                        created_at: string | null;
                        updated_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "console_users.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConsoleUser"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "console_users.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    name: string;
                    /** @description At least 12 characters; stored only as an scrypt hash */
                    password: string;
                    /** @description Role names, as for API keys */
                    roles: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        name: string;
                        roles: string[];
                        /** Format: date-time */
                        created_at: string;
                        disabled_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "console_users.disable": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        email: string;
                        name: string;
                        roles: string[];
                        /** Format: date-time */
                        created_at: string;
                        disabled_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "console_sessions.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** Format: date-time */
                        expires_at: string;
                        user: components["schemas"]["ConsoleUser"];
                    };
                };
            };
        };
    };
    "console_sessions.end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    access_token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ended: boolean;
                    };
                };
            };
        };
    };
    "customers.merge": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The customer merged: its records move, then it is deleted */
                    from_customer_id: string;
                    /** @description The customer that remains */
                    to_customer_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: components["schemas"]["Customer"];
                        merged_customer_id: string;
                        moved: {
                            contracts: number;
                            /** @description Invoices and credit notes */
                            documents: number;
                            /** @description Payments, refunds and write-offs */
                            payments: number;
                            payment_sources: number;
                            contacts: number;
                            promotional_credit_currencies: string[];
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                external_id?: string;
                email?: string;
                /** @description Search: part of the name, company, e-mail or external id, or the id */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Customer"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    external_id?: string | null;
                    debitor_account?: string | null;
                    company_name?: string | null;
                    first_name?: string | null;
                    last_name?: string | null;
                    email?: string | null;
                    language?: string | null;
                    locale?: string | null;
                    vat_id?: string | null;
                    tag?: string | null;
                    customer_type?: "consumer" | "business";
                    /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                    time_zone?: string;
                    default_bearer_medium?: string | null;
                    /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                    einvoicing?: boolean;
                    einvoice_scheme?: string | null;
                    einvoice_endpoint_id?: string | null;
                    address?: components["schemas"]["Address"];
                    custom_fields?: {
                        [key: string]: string | number | boolean | null;
                    };
                    hidden?: boolean;
                    /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                    auto_collection?: "on" | "off";
                    /** @description The business entity the customer belongs to (default: the tenant's default) */
                    business_entity_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.replace": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    external_id?: string | null;
                    debitor_account?: string | null;
                    company_name?: string | null;
                    first_name?: string | null;
                    last_name?: string | null;
                    email?: string | null;
                    language?: string | null;
                    locale?: string | null;
                    vat_id?: string | null;
                    tag?: string | null;
                    customer_type?: "consumer" | "business";
                    /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                    time_zone?: string;
                    default_bearer_medium?: string | null;
                    /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                    einvoicing?: boolean;
                    einvoice_scheme?: string | null;
                    einvoice_endpoint_id?: string | null;
                    address?: components["schemas"]["Address"];
                    custom_fields?: {
                        [key: string]: string | number | boolean | null;
                    };
                    hidden?: boolean;
                    /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                    auto_collection?: "on" | "off";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    external_id?: string | null;
                    debitor_account?: string | null;
                    company_name?: string | null;
                    first_name?: string | null;
                    last_name?: string | null;
                    email?: string | null;
                    language?: string | null;
                    locale?: string | null;
                    vat_id?: string | null;
                    tag?: string | null;
                    customer_type?: "consumer" | "business";
                    /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                    time_zone?: string;
                    default_bearer_medium?: string | null;
                    /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                    einvoicing?: boolean;
                    einvoice_scheme?: string | null;
                    einvoice_endpoint_id?: string | null;
                    address?: {
                        line1?: string | null;
                        line2?: string | null;
                        street?: string | null;
                        house_number?: string | null;
                        postal_code?: string | null;
                        city?: string | null;
                        state?: string | null;
                        country?: string | null;
                    };
                    custom_fields?: {
                        [key: string]: string | number | boolean | null;
                    };
                    hidden?: boolean;
                    /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                    auto_collection?: "on" | "off";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.clear_personal_data": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.update_billing_info": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    vat_id?: string | null;
                    customer_type?: "consumer" | "business";
                    language?: string | null;
                    locale?: string | null;
                    address?: components["schemas"]["Address"];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.update_address": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    address: components["schemas"]["Address"];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.change_billing_date": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The day of the month (1–28) the customer's contracts renew on; required with manually_set */
                    billing_date?: number | null;
                    /** @description manually_set (default): set billing_date; using_defaults: clear it (contracts keep the day they renew on now) */
                    billing_date_mode?: "manually_set" | "using_defaults";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: components["schemas"]["Customer"];
                        /** @description The customer's running contracts (not the ended ones) */
                        contracts: {
                            contract_id: string;
                            /**
                             * Format: date
                             * @description The current billing period's first day (the customer's calendar)
                             */
                            current_period_start: string;
                            /**
                             * Format: date
                             * @description The day after the current billing period (end exclusive)
                             */
                            current_period_end: string;
                            /** @description The first renewal on the new day: the days from current_period_end to it are a prorated period; null when the contract renews on that day already */
                            anchor: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.lock": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.unlock": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
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
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone: string;
                        default_bearer_medium: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing: boolean;
                        einvoice_scheme: string | null;
                        einvoice_endpoint_id: string | null;
                        address: components["schemas"]["Address"];
                        custom_fields: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection: "on" | "off";
                        /** @description Company name, or first and last name */
                        display_name: string;
                        locked: boolean;
                        deletable: boolean;
                        /** @description The business entity the customer belongs to */
                        business_entity_id: string;
                        /** @description Set on a deprecated copy a transfer left in the source entity: the active customer's id */
                        active_id: string | null;
                        /** @description When the customer's personal data was last erased; null: never */
                        personal_data_cleared_at: string | null;
                        /** @description The day of the month (1–28) the customer's contracts renew on, set by change_billing_date; null: each contract renews on the day it started */
                        billing_date: number | null;
                        /** @description manually_set while a billing date is set; using_defaults otherwise */
                        billing_date_mode: "using_defaults" | "manually_set";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_contacts.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CustomerContact"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_contacts.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    first_name?: string | null;
                    last_name?: string | null;
                    email: string;
                    phone?: string | null;
                    label?: string | null;
                    /** @description The contact receives the customer's billing e-mails (invoices, dunning) */
                    send_billing_email?: boolean;
                    /** @description The contact receives the customer's account e-mails */
                    send_account_email?: boolean;
                    /** @description Whether the contact receives any e-mail at all */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        first_name: string | null;
                        last_name: string | null;
                        email: string;
                        phone: string | null;
                        label: string | null;
                        /** @description The contact receives the customer's billing e-mails (invoices, dunning) */
                        send_billing_email: boolean;
                        /** @description The contact receives the customer's account e-mails */
                        send_account_email: boolean;
                        /** @description Whether the contact receives any e-mail at all */
                        enabled: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_contacts.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                contact_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_contacts.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                contact_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    first_name?: string | null;
                    last_name?: string | null;
                    email?: string;
                    phone?: string | null;
                    label?: string | null;
                    /** @description The contact receives the customer's billing e-mails (invoices, dunning) */
                    send_billing_email?: boolean;
                    /** @description The contact receives the customer's account e-mails */
                    send_account_email?: boolean;
                    /** @description Whether the contact receives any e-mail at all */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        first_name: string | null;
                        last_name: string | null;
                        email: string;
                        phone: string | null;
                        label: string | null;
                        /** @description The contact receives the customer's billing e-mails (invoices, dunning) */
                        send_billing_email: boolean;
                        /** @description The contact receives the customer's account e-mails */
                        send_account_email: boolean;
                        /** @description Whether the contact receives any e-mail at all */
                        enabled: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_hierarchy.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        /** @description The customer's own link to its parent; null for a root */
                        link: components["schemas"]["CustomerHierarchyLink"] | null;
                        /** @description Parent first, the root last */
                        ancestors: string[];
                        balances: {
                            currency: string;
                            /** @description Positive: the customer owes this; negative: the customer has this credit */
                            balance: string;
                        }[];
                        children: {
                            customer_id: string;
                            parent_id: string;
                            /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
                            invoice_owner: "self" | "parent";
                            /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
                            payment_owner: "self" | "parent";
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            display_name: string;
                            has_children: boolean;
                            balances: {
                                currency: string;
                                /** @description Positive: the customer owes this; negative: the customer has this credit */
                                balance: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_hierarchy.link": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The customer to link this one under */
                    parent_id: string;
                    /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
                    invoice_owner?: "self" | "parent";
                    /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
                    payment_owner?: "self" | "parent";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        parent_id: string;
                        /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
                        invoice_owner: "self" | "parent";
                        /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
                        payment_owner: "self" | "parent";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_hierarchy.unlink": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        parent_id: string;
                        /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
                        invoice_owner: "self" | "parent";
                        /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
                        payment_owner: "self" | "parent";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customer_hierarchy.update_settings": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
                    invoice_owner?: "self" | "parent";
                    /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
                    payment_owner?: "self" | "parent";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        parent_id: string;
                        /** @description Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent` */
                        invoice_owner: "self" | "parent";
                        /** @description Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them) */
                        payment_owner: "self" | "parent";
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_groups.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only items of this plan group (plans, components) or plan (variants) */
                parent_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PlanGroup"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_groups.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description The name in other languages, by language code */
                    name_translations?: {
                        [key: string]: string;
                    };
                    /** @description ISO 4217, e.g. EUR */
                    currency: string;
                    /** @description Whether the group's prices include tax (gross) or not (net) */
                    price_type: "net" | "gross";
                    /** @description Tax policy of the group's charges; default: the business entity's */
                    tax_policy_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        currency: string;
                        price_type: "net" | "gross";
                        tax_policy_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_groups.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        currency: string;
                        price_type: "net" | "gross";
                        tax_policy_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_groups.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Changes name, translations and tax policy (for documents issued from now on); currency and price type are fixed */
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description The name in other languages, by language code */
                    name_translations?: {
                        [key: string]: string;
                    };
                    currency?: string;
                    price_type?: "net" | "gross";
                    tax_policy_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        currency: string;
                        price_type: "net" | "gross";
                        tax_policy_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plans.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only items of this plan group (plans, components) or plan (variants) */
                parent_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Plan"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plans.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan_group_id: string;
                    name: string;
                    /** @description The name in other languages, by language code */
                    name_translations?: {
                        [key: string]: string;
                    };
                    description?: string;
                    trial_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    /** @description After the trial: continue into the paid phase, or expire (default continue) */
                    trial_end_policy?: "continue" | "expire";
                    requires_order_approval?: boolean;
                    hidden?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        description: string | null;
                        trial_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        trial_end_policy: "continue" | "expire";
                        requires_order_approval: boolean;
                        hidden: boolean;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plans.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        description: string | null;
                        trial_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        trial_end_policy: "continue" | "expire";
                        requires_order_approval: boolean;
                        hidden: boolean;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plans.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Changes name, translations, description, order approval and hidden; the trial is fixed */
        requestBody: {
            content: {
                "application/json": {
                    plan_group_id?: string;
                    name?: string;
                    /** @description The name in other languages, by language code */
                    name_translations?: {
                        [key: string]: string;
                    };
                    description?: string | null;
                    trial_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    trial_end_policy?: "continue" | "expire";
                    requires_order_approval?: boolean;
                    /** @description A hidden plan stays readable; new orders for it are refused */
                    hidden?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        description: string | null;
                        trial_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        trial_end_policy: "continue" | "expire";
                        requires_order_approval: boolean;
                        hidden: boolean;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_variants.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only items of this plan group (plans, components) or plan (variants) */
                parent_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PlanVariant"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_variants.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan_id: string;
                    internal_name: string;
                    external_id?: string;
                    description?: string;
                    /** @description Fee per fee period; a decimal string, e.g. "29.90" */
                    recurring_fee: string;
                    /** @description One-off fee on signup; a decimal string, e.g. "29.90" */
                    setup_fee?: string;
                    fee_period: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                    billing_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                    /** @description prepaid: the fee is billed at the start of its period; postpaid: at its end */
                    payment_period_mode?: "prepaid" | "postpaid";
                    /** @description Periods from the contract start, or from calendar boundaries */
                    billing_alignment?: "anniversary" | "calendar";
                    contract_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    later_contract_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    notice_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    later_notice_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    end_after_first_contract_period?: boolean;
                    allow_self_service?: boolean;
                    allow_without_payment_data?: boolean;
                    hidden?: boolean;
                    /** @description Free quantity per component and billing period */
                    quotas?: {
                        component_id: string;
                        /** @description a decimal string, e.g. "10" */
                        quantity: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_id: string;
                        plan_group_id: string;
                        currency: string;
                        external_id: string | null;
                        internal_name: string;
                        description: string | null;
                        recurring_fee: string;
                        setup_fee: string;
                        fee_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        billing_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        payment_period_mode: "prepaid" | "postpaid";
                        billing_alignment: "anniversary" | "calendar";
                        contract_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        later_contract_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        notice_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        later_notice_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        end_after_first_contract_period: boolean;
                        allow_self_service: boolean;
                        allow_without_payment_data: boolean;
                        hidden: boolean;
                        quotas: {
                            component_id: string;
                            /** @description a decimal string, e.g. "10" */
                            quantity: string;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_variants.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_id: string;
                        plan_group_id: string;
                        currency: string;
                        external_id: string | null;
                        internal_name: string;
                        description: string | null;
                        recurring_fee: string;
                        setup_fee: string;
                        fee_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        billing_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        payment_period_mode: "prepaid" | "postpaid";
                        billing_alignment: "anniversary" | "calendar";
                        contract_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        later_contract_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        notice_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        later_notice_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        end_after_first_contract_period: boolean;
                        allow_self_service: boolean;
                        allow_without_payment_data: boolean;
                        hidden: boolean;
                        quotas: {
                            component_id: string;
                            /** @description a decimal string, e.g. "10" */
                            quantity: string;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "plan_variants.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Changes internal name, description, external id, self-service, payment-data and hidden flags; fees, periods, terms and quotas are fixed (a price change is a new plan variant) */
        requestBody: {
            content: {
                "application/json": {
                    plan_id?: string;
                    internal_name?: string;
                    external_id?: string | null;
                    description?: string | null;
                    /** @description Fee per fee period; a decimal string, e.g. "29.90" */
                    recurring_fee?: string;
                    /** @description One-off fee on signup; a decimal string, e.g. "29.90" */
                    setup_fee?: string;
                    fee_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                    billing_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                    /** @description prepaid: the fee is billed at the start of its period; postpaid: at its end */
                    payment_period_mode?: "prepaid" | "postpaid";
                    /** @description Periods from the contract start, or from calendar boundaries */
                    billing_alignment?: "anniversary" | "calendar";
                    contract_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    later_contract_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    notice_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    later_notice_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    } | null;
                    end_after_first_contract_period?: boolean;
                    allow_self_service?: boolean;
                    allow_without_payment_data?: boolean;
                    hidden?: boolean;
                    /** @description Free quantity per component and billing period */
                    quotas?: {
                        component_id: string;
                        /** @description a decimal string, e.g. "10" */
                        quantity: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_id: string;
                        plan_group_id: string;
                        currency: string;
                        external_id: string | null;
                        internal_name: string;
                        description: string | null;
                        recurring_fee: string;
                        setup_fee: string;
                        fee_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        billing_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        payment_period_mode: "prepaid" | "postpaid";
                        billing_alignment: "anniversary" | "calendar";
                        contract_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        later_contract_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        notice_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        later_notice_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        } | null;
                        end_after_first_contract_period: boolean;
                        allow_self_service: boolean;
                        allow_without_payment_data: boolean;
                        hidden: boolean;
                        quotas: {
                            component_id: string;
                            /** @description a decimal string, e.g. "10" */
                            quantity: string;
                        }[];
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "components.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only items of this plan group (plans, components) or plan (variants) */
                parent_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Component"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "components.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan_group_id: string;
                    name: string;
                    /** @description The name in other languages, by language code */
                    name_translations?: {
                        [key: string]: string;
                    };
                    external_id?: string;
                    type: "quantity" | "on_off" | "metered";
                    unit?: string;
                    /** @description per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units */
                    price_model?: "per_unit" | "tiered" | "volume" | "package";
                    /** @description Price per unit (per package for package pricing); a decimal string, e.g. "29.90" */
                    price_per_unit?: string;
                    tiers?: {
                        /** @description a decimal string, e.g. "10" */
                        from: string;
                        /** @description Price per unit from this quantity on; a decimal string, e.g. "29.90" */
                        price: string;
                    }[];
                    /** @description a decimal string, e.g. "10" */
                    package_size?: string;
                    fee_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                    prorate?: boolean;
                    bill_in_trial?: boolean;
                    hidden?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        external_id: string | null;
                        type: "quantity" | "on_off" | "metered";
                        unit: string | null;
                        /** @description per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units */
                        price_model: "per_unit" | "tiered" | "volume" | "package";
                        price_per_unit: string;
                        tiers: {
                            /** @description a decimal string, e.g. "10" */
                            from: string;
                            /** @description Price per unit from this quantity on; a decimal string, e.g. "29.90" */
                            price: string;
                        }[];
                        package_size: string | null;
                        fee_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        prorate: boolean;
                        bill_in_trial: boolean;
                        hidden: boolean;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "components.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        external_id: string | null;
                        type: "quantity" | "on_off" | "metered";
                        unit: string | null;
                        /** @description per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units */
                        price_model: "per_unit" | "tiered" | "volume" | "package";
                        price_per_unit: string;
                        tiers: {
                            /** @description a decimal string, e.g. "10" */
                            from: string;
                            /** @description Price per unit from this quantity on; a decimal string, e.g. "29.90" */
                            price: string;
                        }[];
                        package_size: string | null;
                        fee_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        prorate: boolean;
                        bill_in_trial: boolean;
                        hidden: boolean;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "components.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Changes name, translations, external id, unit and hidden; type, prices and periods are fixed */
        requestBody: {
            content: {
                "application/json": {
                    plan_group_id?: string;
                    name?: string;
                    /** @description The name in other languages, by language code */
                    name_translations?: {
                        [key: string]: string;
                    };
                    external_id?: string | null;
                    type?: "quantity" | "on_off" | "metered";
                    unit?: string | null;
                    /** @description per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units */
                    price_model?: "per_unit" | "tiered" | "volume" | "package";
                    /** @description Price per unit (per package for package pricing); a decimal string, e.g. "29.90" */
                    price_per_unit?: string;
                    tiers?: {
                        /** @description a decimal string, e.g. "10" */
                        from: string;
                        /** @description Price per unit from this quantity on; a decimal string, e.g. "29.90" */
                        price: string;
                    }[];
                    /** @description a decimal string, e.g. "10" */
                    package_size?: string;
                    fee_period?: {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                    prorate?: boolean;
                    bill_in_trial?: boolean;
                    hidden?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        name: string;
                        name_translations: {
                            [key: string]: string;
                        };
                        external_id: string | null;
                        type: "quantity" | "on_off" | "metered";
                        unit: string | null;
                        /** @description per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units */
                        price_model: "per_unit" | "tiered" | "volume" | "package";
                        price_per_unit: string;
                        tiers: {
                            /** @description a decimal string, e.g. "10" */
                            from: string;
                            /** @description Price per unit from this quantity on; a decimal string, e.g. "29.90" */
                            price: string;
                        }[];
                        package_size: string | null;
                        fee_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        prorate: boolean;
                        bill_in_trial: boolean;
                        hidden: boolean;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discounts.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only discounts of this plan group */
                parent_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Discount"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discounts.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description Exactly one of percent and amount */
        requestBody: {
            content: {
                "application/json": {
                    plan_group_id: string;
                    name: string;
                    description?: string;
                    /** @description Percent off, above 0 and at most 100, e.g. "12.5" */
                    percent?: string;
                    /** @description Fixed amount off the recurring fee per fee period, in minor units of the plan group's currency */
                    amount?: string;
                    /** @description What the discount reduces: the plan's recurring fee, the components, or both */
                    applies_to?: "recurring_fee" | "components" | "all";
                    /** @description How long it applies from the discount subscription's start: "forever" or a period */
                    duration?: "forever" | {
                        unit: "day" | "week" | "month" | "year";
                        count: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        /** @description The plan group's currency, which amount is in */
                        currency: string;
                        name: string;
                        description: string | null;
                        kind: "percentage" | "fixed_amount";
                        percent: string | null;
                        amount: string | null;
                        /** @description What the discount reduces: the plan's recurring fee, the components, or both */
                        applies_to: "recurring_fee" | "components" | "all";
                        /** @description How long it applies from the discount subscription's start: "forever" or a period */
                        duration: "forever" | {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discounts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        plan_group_id: string;
                        /** @description The plan group's currency, which amount is in */
                        currency: string;
                        name: string;
                        description: string | null;
                        kind: "percentage" | "fixed_amount";
                        percent: string | null;
                        amount: string | null;
                        /** @description What the discount reduces: the plan's recurring fee, the components, or both */
                        applies_to: "recurring_fee" | "components" | "all";
                        /** @description How long it applies from the discount subscription's start: "forever" or a period */
                        duration: "forever" | {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "coupons.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only coupons of this discount */
                parent_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Coupon"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "coupons.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique per tenant, compared case-insensitively */
                    code: string;
                    discount_id: string;
                    /**
                     * Format: date-time
                     * @description Redeemable before this
                     */
                    valid_until?: string;
                    max_redemptions?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        code: string;
                        discount_id: string;
                        valid_until: string | null;
                        max_redemptions: number | null;
                        redemption_count: number;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "coupons.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        code: string;
                        discount_id: string;
                        valid_until: string | null;
                        max_redemptions: number | null;
                        redemption_count: number;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Order"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description Exactly one of customer_id (signup) and contract_id (change); a change names a plan_variant_id, components or a coupon_code */
        requestBody: {
            content: {
                "application/json": {
                    /** @description A signup for this customer */
                    customer_id?: string;
                    /** @description An up- or downgrade of this contract */
                    contract_id?: string;
                    /** @description Required on a signup; on a change, absent keeps the plan */
                    plan_variant_id?: string;
                    /** @description Plan quantity; on a change without plan_variant_id, the new quantity of the plan variant billed at the change date */
                    quantity?: string;
                    /** Format: date-time */
                    start_date?: string;
                    /** Format: date-time */
                    change_date?: string;
                    /** @description Quantity-based or on/off components of the plan group: a signup starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /** @description Redeemed when the order succeeds; its discount starts with the contract or at the change date */
                    coupon_code?: string;
                    /** @description Bill the contract at once when the order succeeds (an interim invoice), not at its next billing date */
                    trigger_interim_billing?: boolean;
                    /** @description Commit the order in the same request (all or nothing): the answer is the committed order */
                    commit?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "signup" | "change";
                        status: "in_progress" | "approval_pending" | "succeeded" | "declined";
                        customer_id: string;
                        /** @description Allocated at creation; the contract exists once the order succeeds */
                        contract_id: string;
                        plan_variant_id: string | null;
                        quantity: string | null;
                        components: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        coupon_code: string | null;
                        /** @description When the order succeeds, the contract is billed at once (an interim invoice) */
                        trigger_interim_billing: boolean;
                        payment_method: string | null;
                        start_date: string | null;
                        change_date: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description An order's fields, as POST /v1/orders takes them: exactly one of customer_id (signup) and contract_id (change) */
        requestBody: {
            content: {
                "application/json": {
                    /** @description A signup for this customer */
                    customer_id?: string;
                    /** @description An up- or downgrade of this contract */
                    contract_id?: string;
                    /** @description Required on a signup; on a change, absent keeps the plan */
                    plan_variant_id?: string;
                    /** @description Plan quantity; on a change without plan_variant_id, the new quantity of the plan variant billed at the change date */
                    quantity?: string;
                    /** Format: date-time */
                    start_date?: string;
                    /** Format: date-time */
                    change_date?: string;
                    /** @description Quantity-based or on/off components of the plan group: a signup starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /** @description Redeemed when the order succeeds; its discount starts with the contract or at the change date */
                    coupon_code?: string;
                    /** @description Bill the contract at once when the order succeeds (an interim invoice), not at its next billing date */
                    trigger_interim_billing?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What billing invoices for the order at its start or change date (now, if that is past): for an order taking effect now with trigger_interim_billing, the invoice its success issues at once; otherwise what waits for a later billing. A negative total is a credit note. */
                        invoice: {
                            contract_id: string;
                            currency: string;
                            price_basis: "net" | "gross";
                            reverse_charge: boolean;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            lines: {
                                kind: string;
                                charge_key: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_price: string;
                                /** @description Decimal amount in the document's currency */
                                amount: string;
                                tax_rate: string;
                            }[];
                            tax_rows: {
                                /** @description Percent */
                                rate: string;
                                /** @description Decimal amount in the document's currency */
                                net: string;
                                /** @description Decimal amount in the document's currency */
                                tax: string;
                                /** @description Decimal amount in the document's currency */
                                gross: string;
                            }[];
                            /** @description Decimal amount in the document's currency */
                            total_net: string;
                            /** @description Decimal amount in the document's currency */
                            total_tax: string;
                            /** @description Decimal amount in the document's currency */
                            total_gross: string;
                        };
                        /** @description When billing looks at the contract next once the order succeeded (and its interim invoice was issued); null: never */
                        next_billing_at: string | null;
                        /** @description What billing would invoice at next_billing_at */
                        next_invoice: {
                            contract_id: string;
                            currency: string;
                            price_basis: "net" | "gross";
                            reverse_charge: boolean;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            lines: {
                                kind: string;
                                charge_key: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_price: string;
                                /** @description Decimal amount in the document's currency */
                                amount: string;
                                tax_rate: string;
                            }[];
                            tax_rows: {
                                /** @description Percent */
                                rate: string;
                                /** @description Decimal amount in the document's currency */
                                net: string;
                                /** @description Decimal amount in the document's currency */
                                tax: string;
                                /** @description Decimal amount in the document's currency */
                                gross: string;
                            }[];
                            /** @description Decimal amount in the document's currency */
                            total_net: string;
                            /** @description Decimal amount in the document's currency */
                            total_tax: string;
                            /** @description Decimal amount in the document's currency */
                            total_gross: string;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "signup" | "change";
                        status: "in_progress" | "approval_pending" | "succeeded" | "declined";
                        customer_id: string;
                        /** @description Allocated at creation; the contract exists once the order succeeds */
                        contract_id: string;
                        plan_variant_id: string | null;
                        quantity: string | null;
                        components: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        coupon_code: string | null;
                        /** @description When the order succeeds, the contract is billed at once (an interim invoice) */
                        trigger_interim_billing: boolean;
                        payment_method: string | null;
                        start_date: string | null;
                        change_date: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.commit": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How the customer pays ("Role:Provider", e.g. "Debit:Stripe"); required for a signup when the plan variant does not allow one without payment data */
                    payment_method?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "signup" | "change";
                        status: "in_progress" | "approval_pending" | "succeeded" | "declined";
                        customer_id: string;
                        /** @description Allocated at creation; the contract exists once the order succeeds */
                        contract_id: string;
                        plan_variant_id: string | null;
                        quantity: string | null;
                        components: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        coupon_code: string | null;
                        /** @description When the order succeeds, the contract is billed at once (an interim invoice) */
                        trigger_interim_billing: boolean;
                        payment_method: string | null;
                        start_date: string | null;
                        change_date: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.approve": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "signup" | "change";
                        status: "in_progress" | "approval_pending" | "succeeded" | "declined";
                        customer_id: string;
                        /** @description Allocated at creation; the contract exists once the order succeeds */
                        contract_id: string;
                        plan_variant_id: string | null;
                        quantity: string | null;
                        components: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        coupon_code: string | null;
                        /** @description When the order succeeds, the contract is billed at once (an interim invoice) */
                        trigger_interim_billing: boolean;
                        payment_method: string | null;
                        start_date: string | null;
                        change_date: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "orders.decline": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "signup" | "change";
                        status: "in_progress" | "approval_pending" | "succeeded" | "declined";
                        customer_id: string;
                        /** @description Allocated at creation; the contract exists once the order succeeds */
                        contract_id: string;
                        plan_variant_id: string | null;
                        quantity: string | null;
                        components: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        coupon_code: string | null;
                        /** @description When the order succeeds, the contract is billed at once (an interim invoice) */
                        trigger_interim_billing: boolean;
                        payment_method: string | null;
                        start_date: string | null;
                        change_date: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Contract"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract: components["schemas"]["Contract"];
                        /** @description How many records of each kind went with the contract (phases, component and discount subscriptions, rated items, usage records, subscription actions, …) */
                        removed: {
                            [key: string]: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.end": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    end_date: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.cancellation_preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description The last day (customer's calendar) a cancellation still reaches end_date
                         */
                        last_notice_date: string;
                        /** Format: date-time */
                        end_date: string;
                        /** @description The contract already ends at end_date (an end set before, or the end of a first term that does not renew); a cancellation changes nothing */
                        already_ending: boolean;
                        contract_after: components["schemas"]["Contract"];
                        invoice: {
                            contract_id: string;
                            currency: string;
                            price_basis: "net" | "gross";
                            reverse_charge: boolean;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            lines: {
                                kind: string;
                                charge_key: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_price: string;
                                /** @description Decimal amount in the document's currency */
                                amount: string;
                                tax_rate: string;
                            }[];
                            tax_rows: {
                                /** @description Percent */
                                rate: string;
                                /** @description Decimal amount in the document's currency */
                                net: string;
                                /** @description Decimal amount in the document's currency */
                                tax: string;
                                /** @description Decimal amount in the document's currency */
                                gross: string;
                            }[];
                            /** @description Decimal amount in the document's currency */
                            total_net: string;
                            /** @description Decimal amount in the document's currency */
                            total_tax: string;
                            /** @description Decimal amount in the document's currency */
                            total_gross: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.self_service_token": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Shown once (null on an idempotent replay); valid up to 10080 minutes */
                        token: string | null;
                        /** Format: date-time */
                        expires_at: string;
                        url: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.portal_links": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Names the link (made from its token's hash, never the token) */
                            id: string;
                            contract_id: string;
                            status: "live" | "expired" | "revoked";
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            expires_at: string;
                            revoked_at: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.revoke_portal_links": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The link to revoke; default: every live link of the contract */
                    link_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revoked: string[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "portal_sessions.activate": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The link's token */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The portal link (as its portal_links list names it) */
                        id: string;
                        contract_id: string;
                        customer_id: string;
                        /** @enum {string} */
                        status: "activated";
                        /** Format: date-time */
                        activated_at: string;
                        /** Format: date-time */
                        expires_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discount_subscriptions.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DiscountSubscription"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discount_subscriptions.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    discount_id: string;
                    /** Format: date-time */
                    start_date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        discount_id: string;
                        coupon_id: string | null;
                        order_id: string | null;
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        duration_end_date: string | null;
                        effective_end_date: string | null;
                        discount: components["schemas"]["Discount"];
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "discount_subscriptions.end": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    end_date: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        discount_id: string;
                        coupon_id: string | null;
                        order_id: string | null;
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        duration_end_date: string | null;
                        effective_end_date: string | null;
                        discount: components["schemas"]["Discount"];
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "component_subscriptions.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ComponentSubscription"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "component_subscriptions.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    component_id: string;
                    quantity: string;
                    /** Format: date-time */
                    start_date?: string;
                    /** Format: date-time */
                    end_date?: string;
                    memo?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        component_id: string;
                        quantity: string;
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        memo: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "component_subscriptions.end": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    end_date: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        component_id: string;
                        quantity: string;
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        memo: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "rated_items.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RatedItem"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "rated_items.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description: string;
                    quantity: string;
                    price_per_unit: string;
                    /** Format: date-time */
                    period_start?: string;
                    /** Format: date-time */
                    period_end?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        description: string;
                        quantity: string;
                        price_per_unit: string;
                        /** Format: date-time */
                        period_start: string;
                        /** Format: date-time */
                        period_end: string;
                        billed: boolean;
                        invoice_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        due_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "rated_items.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                rated_item_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.change_term_end": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description The new end of the current term: today or later, after the current billing period's start
                     */
                    term_end: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /**
                         * Format: date-time
                         * @description The start of the current term (billing period)
                         */
                        term_start: string;
                        /**
                         * Format: date-time
                         * @description When the current term ended before the change (the next renewal, or the end)
                         */
                        previous_term_end: string;
                        /**
                         * Format: date-time
                         * @description When it ends now
                         */
                        term_end: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.change_term_end_preview": {
        parameters: {
            query: {
                /** @description The new end of the current term: today or later, after the current billing period's start */
                term_end: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description The start of the current term (billing period)
                         */
                        term_start: string;
                        /**
                         * Format: date-time
                         * @description When the current term ended before the change (the next renewal, or the end)
                         */
                        previous_term_end: string;
                        /**
                         * Format: date-time
                         * @description When it ends now
                         */
                        term_end: string;
                        invoice: {
                            contract_id: string;
                            currency: string;
                            price_basis: "net" | "gross";
                            reverse_charge: boolean;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            date: string;
                            lines: {
                                kind: string;
                                charge_key: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_price: string;
                                /** @description Decimal amount in the document's currency */
                                amount: string;
                                tax_rate: string;
                            }[];
                            tax_rows: {
                                /** @description Percent */
                                rate: string;
                                /** @description Decimal amount in the document's currency */
                                net: string;
                                /** @description Decimal amount in the document's currency */
                                tax: string;
                                /** @description Decimal amount in the document's currency */
                                gross: string;
                            }[];
                            /** @description Decimal amount in the document's currency */
                            total_net: string;
                            /** @description Decimal amount in the document's currency */
                            total_tax: string;
                            /** @description Decimal amount in the document's currency */
                            total_gross: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.current_term": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        /**
                         * Format: date-time
                         * @description The start of the current term (billing period)
                         */
                        term_start: string;
                        /**
                         * Format: date-time
                         * @description When the current term ends: the next renewal (a moved term end included)
                         */
                        term_end: string;
                        billing_period: {
                            unit: "day" | "week" | "month" | "year";
                            count: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.scheduled_changes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        data: {
                            /** @description The change order that scheduled it */
                            order_id: string;
                            /**
                             * Format: date-time
                             * @description When it takes effect
                             */
                            change_date: string;
                            /** @description The plan variant from the change date on; null: the plan stays */
                            plan_variant_id: string | null;
                            /** @description The plan quantity from the change date on; null: it stays */
                            quantity: string | null;
                            /** @description Component quantities from the change date on (0 ends one) */
                            components: {
                                component_id: string;
                                quantity: string;
                            }[];
                            coupon_code: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.remove_scheduled_changes": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The scheduled changes removed */
                        removed: {
                            /** @description The change order that scheduled it */
                            order_id: string;
                            /**
                             * Format: date-time
                             * @description When it takes effect
                             */
                            change_date: string;
                            /** @description The plan variant from the change date on; null: the plan stays */
                            plan_variant_id: string | null;
                            /** @description The plan quantity from the change date on; null: it stays */
                            quantity: string | null;
                            /** @description Component quantities from the change date on (0 ends one) */
                            components: {
                                component_id: string;
                                quantity: string;
                            }[];
                            coupon_code: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.import": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    plan_variant_id: string;
                    quantity?: string;
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /**
                     * Format: date-time
                     * @description When the contract started in the other system: now or earlier
                     */
                    start_date: string;
                    /**
                     * Format: date-time
                     * @description Until when the other system billed the contract (its next billing date there): not before start_date
                     */
                    billed_until: string;
                    /** @description active (default): no end_date; non_renewing: ends at end_date, after now; cancelled: ended at end_date, by now */
                    status?: "active" | "non_renewing" | "cancelled";
                    /**
                     * Format: date-time
                     * @description When the contract ends or ended
                     */
                    end_date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The other system billed every day before this; billing bills from it on */
                        billed_until: string | null;
                        /** @description The contract term imported onto the contract */
                        contract_term: {
                            /** Format: date-time */
                            start: string;
                            /** Format: date-time */
                            end: string;
                            billing_cycles: number | null;
                            action_at_term_end: "renew" | "renew_once" | "evergreen" | "cancel";
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.import_contract_term": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description When the term started (not before the contract)
                     */
                    contract_start: string;
                    /**
                     * Format: date-time
                     * @description When the term ends: after now, not before the contract's billed_until
                     */
                    contract_end: string;
                    /** @description Billing periods in the term */
                    billing_cycles?: number;
                    action_at_term_end: "renew" | "renew_once" | "evergreen" | "cancel";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The other system billed every day before this; billing bills from it on */
                        billed_until: string | null;
                        /** @description The contract term imported onto the contract */
                        contract_term: {
                            /** Format: date-time */
                            start: string;
                            /** Format: date-time */
                            end: string;
                            billing_cycles: number | null;
                            action_at_term_end: "renew" | "renew_once" | "evergreen" | "cancel";
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.import_unbilled_charges": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    charges: {
                        entity_type: "plan" | "addon" | "charge" | "adhoc";
                        /** @description plan: a plan variant billed on the contract; addon: a component of its plan group; charge: the other system's id (not checked) */
                        entity_id?: string;
                        description: string;
                        quantity?: string;
                        unit_amount: string;
                        /**
                         * Format: date-time
                         * @description The service period's start
                         */
                        date_from: string;
                        /**
                         * Format: date-time
                         * @description The service period's end (not before date_from)
                         */
                        date_to: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        rated_items: components["schemas"]["RatedItem"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.charge_future_renewals": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description immediate (default): invoice the next terms_to_charge renewals now */
                    schedule_type?: "immediate" | "fixed_intervals" | "specific_dates";
                    /** @description Billing periods (terms) to invoice, 1 to 120 (default 1) */
                    terms_to_charge?: number;
                    fixed_intervals_schedule?: {
                        /** @description Advance invoices to make; absent: as long as the contract renews */
                        number_of_occurrences?: number;
                    };
                    specific_dates_schedule?: {
                        /** Format: date-time */
                        date: string;
                        /** @description Billing periods (terms) to invoice, 1 to 120 (default 1) */
                        terms_to_charge: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        /**
                         * Format: date-time
                         * @description The end of the current billing period
                         */
                        next_renewal_at: string;
                        charged_through: string | null;
                        schedule_type: ("fixed_intervals" | "specific_dates") | null;
                        fixed_intervals_schedule: {
                            terms_to_charge: number;
                            /**
                             * Format: date-time
                             * @description Its first advance invoice
                             */
                            starts_at: string;
                            number_of_occurrences: number | null;
                        } | null;
                        specific_dates_schedule: {
                            /** Format: date-time */
                            date: string;
                            terms_to_charge: number;
                        }[] | null;
                        invoice: components["schemas"]["Invoice"] | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.advance_invoice_schedule": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        /**
                         * Format: date-time
                         * @description The end of the current billing period
                         */
                        next_renewal_at: string;
                        charged_through: string | null;
                        schedule_type: ("fixed_intervals" | "specific_dates") | null;
                        fixed_intervals_schedule: {
                            terms_to_charge: number;
                            /**
                             * Format: date-time
                             * @description Its first advance invoice
                             */
                            starts_at: string;
                            number_of_occurrences: number | null;
                        } | null;
                        specific_dates_schedule: {
                            /** Format: date-time */
                            date: string;
                            terms_to_charge: number;
                        }[] | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.edit_advance_invoice_schedule": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    schedule_type: "fixed_intervals" | "specific_dates";
                    /** @description Billing periods (terms) to invoice, 1 to 120 (default 1) */
                    terms_to_charge?: number;
                    fixed_intervals_schedule?: {
                        /** @description Advance invoices to make; absent: as long as the contract renews */
                        number_of_occurrences?: number;
                    };
                    specific_dates_schedule?: {
                        /** Format: date-time */
                        date: string;
                        /** @description Billing periods (terms) to invoice, 1 to 120 (default 1) */
                        terms_to_charge: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        /**
                         * Format: date-time
                         * @description The end of the current billing period
                         */
                        next_renewal_at: string;
                        charged_through: string | null;
                        schedule_type: ("fixed_intervals" | "specific_dates") | null;
                        fixed_intervals_schedule: {
                            terms_to_charge: number;
                            /**
                             * Format: date-time
                             * @description Its first advance invoice
                             */
                            starts_at: string;
                            number_of_occurrences: number | null;
                        } | null;
                        specific_dates_schedule: {
                            /** Format: date-time */
                            date: string;
                            terms_to_charge: number;
                        }[] | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.remove_advance_invoice_schedule": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        /**
                         * Format: date-time
                         * @description The end of the current billing period
                         */
                        next_renewal_at: string;
                        charged_through: string | null;
                        schedule_type: ("fixed_intervals" | "specific_dates") | null;
                        fixed_intervals_schedule: {
                            terms_to_charge: number;
                            /**
                             * Format: date-time
                             * @description Its first advance invoice
                             */
                            starts_at: string;
                            number_of_occurrences: number | null;
                        } | null;
                        specific_dates_schedule: {
                            /** Format: date-time */
                            date: string;
                            terms_to_charge: number;
                        }[] | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.add_charge_at_term_end": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the contract's currency */
                    amount: string;
                    description: string;
                    /** Format: date-time */
                    date_from?: string;
                    /** Format: date-time */
                    date_to?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        description: string;
                        quantity: string;
                        price_per_unit: string;
                        /** Format: date-time */
                        period_start: string;
                        /** Format: date-time */
                        period_end: string;
                        billed: boolean;
                        invoice_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        due_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.regenerate_invoice": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        invoice: {
                            id: string;
                            kind: "invoice" | "credit_note";
                            status: "draft" | "finalized" | "void";
                            number: string | null;
                            business_entity_id: string;
                            customer_id: string;
                            contract_id: string | null;
                            currency: string;
                            price_basis: "net" | "gross";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            issue_date: string;
                            due_date: string | null;
                            service_period_start: string | null;
                            service_period_end: string | null;
                            /** @description Decimal amount in the document's currency */
                            total_net: string;
                            /** @description Decimal amount in the document's currency */
                            total_tax: string;
                            /** @description Decimal amount in the document's currency */
                            total_gross: string;
                            tax_rows: {
                                /** @description Percent */
                                rate: string;
                                /** @description Decimal amount in the document's currency */
                                net: string;
                                /** @description Decimal amount in the document's currency */
                                tax: string;
                                /** @description Decimal amount in the document's currency */
                                gross: string;
                            }[];
                            reverse_charge: boolean;
                            corrects_invoice_id: string | null;
                            billing_run_id: string | null;
                            sender: {
                                name: string;
                                sub_name: string | null;
                                address: {
                                    [key: string]: unknown;
                                };
                                vat_id: string | null;
                                tax_number: string | null;
                                email?: string | null;
                            };
                            recipient: {
                                name: string;
                                sub_name: string | null;
                                address: {
                                    [key: string]: unknown;
                                };
                                vat_id: string | null;
                                tax_number: string | null;
                                email?: string | null;
                            };
                            lines: {
                                id: string;
                                position: number;
                                /** @description setup_fee, recurring_fee, component_fee, usage, rated_item or discount */
                                kind: string;
                                charge_key: string | null;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_price: string;
                                /** @description Decimal amount in the document's currency */
                                amount: string;
                                tax_rate: string;
                                credited_line_id: string | null;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            finalized_at: string | null;
                            voided_at: string | null;
                            /** @description Promotional credits applied when the invoice was issued; what it owes is less by this */
                            credits_applied: string;
                            po_number: string | null;
                            notes: string | null;
                            dunning_stopped_at: string | null;
                        } | null;
                        next_billing_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.regenerate_invoice_preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.send_einvoice": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EInvoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.resend_einvoice": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EInvoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.send_einvoice": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EInvoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.resend_einvoice": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EInvoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.einvoice": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The XML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.upcoming_invoices": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        invoices: {
                            /** Format: date-time */
                            next_billing_at: string;
                            invoice: {
                                contract_id: string;
                                currency: string;
                                price_basis: "net" | "gross";
                                reverse_charge: boolean;
                                /**
                                 * Format: date
                                 * @description YYYY-MM-DD
                                 */
                                date: string;
                                lines: {
                                    kind: string;
                                    charge_key: string;
                                    description: string;
                                    period_start: string | null;
                                    period_end: string | null;
                                    quantity: string;
                                    unit_price: string;
                                    /** @description Decimal amount in the document's currency */
                                    amount: string;
                                    tax_rate: string;
                                }[];
                                tax_rows: {
                                    /** @description Percent */
                                    rate: string;
                                    /** @description Decimal amount in the document's currency */
                                    net: string;
                                    /** @description Decimal amount in the document's currency */
                                    tax: string;
                                    /** @description Decimal amount in the document's currency */
                                    gross: string;
                                }[];
                                /** @description Decimal amount in the document's currency */
                                total_net: string;
                                /** @description Decimal amount in the document's currency */
                                total_tax: string;
                                /** @description Decimal amount in the document's currency */
                                total_gross: string;
                            };
                        }[];
                        totals: {
                            currency: string;
                            total_net: string;
                            total_tax: string;
                            total_gross: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.create_subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    plan_variant_id: string;
                    /**
                     * Format: date-time
                     * @description When the subscription starts; default: when the quote is priced
                     */
                    start_date?: string;
                    /** @description Plan quantity */
                    quantity?: string;
                    /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /** @description Redeemed when the quote is accepted; its discount is in the quoted amounts */
                    coupon_code?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.create_subscription_for_new_customer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer: {
                        external_id?: string | null;
                        debitor_account?: string | null;
                        company_name?: string | null;
                        first_name?: string | null;
                        last_name?: string | null;
                        email?: string | null;
                        language?: string | null;
                        locale?: string | null;
                        vat_id?: string | null;
                        tag?: string | null;
                        customer_type?: "consumer" | "business";
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone?: string;
                        default_bearer_medium?: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing?: boolean;
                        einvoice_scheme?: string | null;
                        einvoice_endpoint_id?: string | null;
                        address?: components["schemas"]["Address"];
                        custom_fields?: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden?: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection?: "on" | "off";
                        /** @description The business entity the customer belongs to (default: the tenant's default) */
                        business_entity_id?: string;
                    };
                    subscription: {
                        plan_variant_id: string;
                        /**
                         * Format: date-time
                         * @description When the subscription starts; default: when the quote is priced
                         */
                        start_date?: string;
                        /** @description Plan quantity */
                        quantity?: string;
                        /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                        components?: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        /** @description Redeemed when the quote is accepted; its discount is in the quoted amounts */
                        coupon_code?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.pause_subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                    /**
                     * Format: date-time
                     * @description The pause starts then (a rest action scheduled for it, in the future); default now
                     */
                    pause_date?: string;
                    /**
                     * Format: date-time
                     * @description The pause ends then (an end of the rest scheduled for it, after pause_date)
                     */
                    resume_date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.resume_subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.advance_invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                    /** @description Renewals (billing periods) to invoice ahead (default 1) */
                    terms_to_charge?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.create_invoice_for_items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    currency: string;
                    /** @description Whether unit prices are before (net, default) or after tax (gross) */
                    price_basis?: "net" | "gross";
                    lines: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                    }[];
                    /** @description Keep it as a draft, to add or remove charges before issuing it */
                    draft?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.create_subscription": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    plan_variant_id: string;
                    /**
                     * Format: date-time
                     * @description When the subscription starts; default: when the quote is priced
                     */
                    start_date?: string;
                    /** @description Plan quantity */
                    quantity?: string;
                    /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /** @description Redeemed when the quote is accepted; its discount is in the quoted amounts */
                    coupon_code?: string;
                    /**
                     * Format: date-time
                     * @description Until when the quote can be accepted; default: 30 days after it is created
                     */
                    valid_until?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.create_change": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description Names a plan_variant_id, components or a coupon_code */
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                    /** @description The new plan variant; absent keeps the plan */
                    plan_variant_id?: string;
                    /**
                     * Format: date-time
                     * @description When the change takes effect; default: when the quote is priced
                     */
                    change_date?: string;
                    /** @description Plan quantity */
                    quantity?: string;
                    /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /** @description Redeemed when the quote is accepted; its discount is in the quoted amounts */
                    coupon_code?: string;
                    /**
                     * Format: date-time
                     * @description Until when the quote can be accepted; default: 30 days after it is created
                     */
                    valid_until?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.create_one_time": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    currency: string;
                    /** @description Whether unit prices are before (net, default) or after tax (gross) */
                    price_basis?: "net" | "gross";
                    lines: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                    }[];
                    /**
                     * Format: date-time
                     * @description Until when the quote can be accepted; default: 30 days after it is created
                     */
                    valid_until?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Quote"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan_variant_id?: string;
                    /** @description Plan quantity */
                    quantity?: string;
                    /** Format: date-time */
                    start_date?: string;
                    /** Format: date-time */
                    change_date?: string;
                    /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    coupon_code?: string | null;
                    currency?: string;
                    price_basis?: "net" | "gross";
                    lines?: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                    }[];
                    /**
                     * Format: date-time
                     * @description Until when the quote can be accepted; default: 30 days after it is created
                     */
                    valid_until?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.accept": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How the customer pays ("Role:Provider"), for a subscription quote whose plan variant does not allow one without payment data */
                    payment_method?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "quotes.decline": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "subscription" | "change" | "one_time";
                        /** @description expired: open, and the tenant's now is past valid_until */
                        status: "open" | "accepted" | "declined" | "expired";
                        customer_id: string;
                        contract_id: string | null;
                        /** @description The fields the quote was created or last edited with */
                        input: {
                            [key: string]: unknown;
                        };
                        starts_at: string | null;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description The customer's day the amounts are billed as of
                         */
                        priced_on: string;
                        lines: {
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description In the quote's price basis (net or gross) */
                            amount: string;
                            /** @description Percent */
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            rate: string;
                            net: string;
                            tax: string;
                            gross: string;
                        }[];
                        total_net: string;
                        total_tax: string;
                        total_gross: string;
                        /** Format: date-time */
                        valid_until: string;
                        order_id: string | null;
                        invoice_id: string | null;
                        accepted_at: string | null;
                        declined_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.checkout_new_for_items": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A stored customer; or give `customer` */
                    customer_id?: string;
                    /** @description A customer created when the checkout completes; or give `customer_id` */
                    customer?: {
                        external_id?: string | null;
                        debitor_account?: string | null;
                        company_name?: string | null;
                        first_name?: string | null;
                        last_name?: string | null;
                        email?: string | null;
                        language?: string | null;
                        locale?: string | null;
                        vat_id?: string | null;
                        tag?: string | null;
                        customer_type?: "consumer" | "business";
                        /** @description IANA time zone in which billing dates fall, e.g. Europe/Berlin */
                        time_zone?: string;
                        default_bearer_medium?: string | null;
                        /** @description Whether the customer receives e-invoices (send_einvoice); default false */
                        einvoicing?: boolean;
                        einvoice_scheme?: string | null;
                        einvoice_endpoint_id?: string | null;
                        address?: components["schemas"]["Address"];
                        custom_fields?: {
                            [key: string]: string | number | boolean | null;
                        };
                        hidden?: boolean;
                        /** @description on (default): the worker charges the customer's issued invoices through its primary, else backup, payment source; off: the customer pays by itself (an offline customer) */
                        auto_collection?: "on" | "off";
                        /** @description The business entity the customer belongs to (default: the tenant's default) */
                        business_entity_id?: string;
                    };
                    subscription: {
                        plan_variant_id: string;
                        /**
                         * Format: date-time
                         * @description When the subscription starts; default: when the quote is priced
                         */
                        start_date?: string;
                        /** @description Plan quantity */
                        quantity?: string;
                        /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                        components?: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                        /** @description Redeemed when the quote is accepted; its discount is in the quoted amounts */
                        coupon_code?: string;
                    };
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.checkout_existing_for_items": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                    /** @description The new plan variant; absent keeps the plan */
                    plan_variant_id?: string;
                    /**
                     * Format: date-time
                     * @description When the change takes effect; default: when the quote is priced
                     */
                    change_date?: string;
                    /** @description Plan quantity */
                    quantity?: string;
                    /** @description Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date */
                    components?: {
                        component_id: string;
                        /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                        quantity: string;
                        memo?: string;
                    }[];
                    /** @description Redeemed when the quote is accepted; its discount is in the quoted amounts */
                    coupon_code?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.checkout_one_time_for_items": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    currency: string;
                    /** @description Whether unit prices are before (net, default) or after tax (gross) */
                    price_basis?: "net" | "gross";
                    lines: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                    }[];
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.checkout_one_time": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    currency: string;
                    /** @description Whether unit prices are before (net, default) or after tax (gross) */
                    price_basis?: "net" | "gross";
                    lines: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                    }[];
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.manage_payments": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.update_payment_method": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.collect_unpaid_invoices": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    /** @description Default: the one currency the customer owes in */
                    currency?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.accept_quote": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    quote_id: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.extend_subscription": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                    /** @description The current term's end moves later by this many of the plan variant's billing periods; or give term_end */
                    billing_cycles?: number;
                    /**
                     * Format: date-time
                     * @description The new end of the current term; or give billing_cycles
                     */
                    term_end?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.pre_cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    contract_id: string;
                    /** @description true (default): cancelling ends the contract as a regular cancellation does (at the end of the notice period or term); false: it ends now */
                    end_of_term?: boolean;
                    /** @description What the page offers the customer to stay (shown on the page) */
                    offer?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.view_voucher": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    invoice_id: string;
                    /**
                     * Format: date
                     * @description Pay by this day; default the invoice's due date (or the page's last day)
                     */
                    due_date?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.events": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What happened, e.g. cancellation_page_loaded */
                    event_name: string;
                    /**
                     * Format: date-time
                     * @description Default: the tenant's now
                     */
                    occurred_at?: string;
                    /** @description What the merchant keeps with it */
                    data?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                customer_id?: string;
                /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                state?: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                            /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                            state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                            url: string | null;
                            customer_id: string | null;
                            contract_id: string | null;
                            quote_id: string | null;
                            invoice_id: string | null;
                            /** @description A view_voucher page's offline payment voucher; null for other types */
                            voucher: {
                                /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                                reference: string;
                                invoice_id: string;
                                invoice_number: string | null;
                                /** @description What the invoice owed when the page was created */
                                amount: string;
                                currency: string;
                                /** Format: date */
                                due_date: string;
                            } | null;
                            /** @description The events recorded on the page, in the order they were recorded */
                            events: {
                                event_name: string;
                                /** Format: date-time */
                                occurred_at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                recorded_at: string;
                            }[];
                            /** @description What the page was created with */
                            input: {
                                [key: string]: unknown;
                            };
                            /** @description Null until it succeeded */
                            content: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @description On the tenant's clock
                             */
                            expires_at: string;
                            /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                            expired: boolean;
                            requested_at: string | null;
                            succeeded_at: string | null;
                            cancelled_at: string | null;
                            acknowledged_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.acknowledge": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gifts.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                status?: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                gifter_customer_id?: string;
                receiver_customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                            status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                            /** Format: date-time */
                            scheduled_at: string;
                            claim_expiry_date: string | null;
                            gifter: {
                                customer_id: string;
                                /** @description The gifter's invoice for the gifted term */
                                invoice_id: string;
                                credit_note_id: string | null;
                                note: string | null;
                                signature: string | null;
                            };
                            gift_receiver: {
                                customer_id: string | null;
                                email: string;
                                first_name: string | null;
                                last_name: string | null;
                            };
                            subscription: {
                                plan_variant_id: string;
                                quantity: string;
                                components: {
                                    component_id: string;
                                    /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                                    quantity: string;
                                    memo?: string;
                                }[];
                                /** @description The gifted term: the plan variant's billing period */
                                term: {
                                    unit: "day" | "week" | "month" | "year";
                                    count: number;
                                };
                                contract_id: string | null;
                            };
                            claimed_at: string | null;
                            cancelled_at: string | null;
                            expired_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gifts.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gifter: {
                        /** @description The customer who pays */
                        customer_id: string;
                        /** @description A personal message */
                        note?: string;
                        signature?: string;
                        /** @description A payment source of the gifter's charged for the invoice at once; a failed charge refuses the gift */
                        payment_source_id?: string;
                    };
                    gift_receiver: {
                        /** @description A stored customer the gift is for; default: the customer is found or created when the gift is claimed */
                        customer_id?: string;
                        email: string;
                        first_name?: string;
                        last_name?: string;
                    };
                    subscription: {
                        plan_variant_id: string;
                        /** @description Plan quantity (default 1) */
                        quantity?: string;
                        /** @description Quantity-based or on/off components (addons) the gifted contract runs with */
                        components?: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                    };
                    /**
                     * Format: date-time
                     * @description When the recipient can claim it (the gift notification); default: now. Not before now.
                     */
                    scheduled_at?: string;
                    /**
                     * Format: date-time
                     * @description After it an unclaimed gift expires; default: never
                     */
                    claim_expiry_date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                        status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                        /** Format: date-time */
                        scheduled_at: string;
                        claim_expiry_date: string | null;
                        gifter: {
                            customer_id: string;
                            /** @description The gifter's invoice for the gifted term */
                            invoice_id: string;
                            credit_note_id: string | null;
                            note: string | null;
                            signature: string | null;
                        };
                        gift_receiver: {
                            customer_id: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                        };
                        subscription: {
                            plan_variant_id: string;
                            quantity: string;
                            components: {
                                component_id: string;
                                /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                                quantity: string;
                                memo?: string;
                            }[];
                            /** @description The gifted term: the plan variant's billing period */
                            term: {
                                unit: "day" | "week" | "month" | "year";
                                count: number;
                            };
                            contract_id: string | null;
                        };
                        claimed_at: string | null;
                        cancelled_at: string | null;
                        expired_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gifts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                        status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                        /** Format: date-time */
                        scheduled_at: string;
                        claim_expiry_date: string | null;
                        gifter: {
                            customer_id: string;
                            /** @description The gifter's invoice for the gifted term */
                            invoice_id: string;
                            credit_note_id: string | null;
                            note: string | null;
                            signature: string | null;
                        };
                        gift_receiver: {
                            customer_id: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                        };
                        subscription: {
                            plan_variant_id: string;
                            quantity: string;
                            components: {
                                component_id: string;
                                /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                                quantity: string;
                                memo?: string;
                            }[];
                            /** @description The gifted term: the plan variant's billing period */
                            term: {
                                unit: "day" | "week" | "month" | "year";
                                count: number;
                            };
                            contract_id: string | null;
                        };
                        claimed_at: string | null;
                        cancelled_at: string | null;
                        expired_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gifts.claim": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The stored customer that claims it; default: the gift's receiver customer, else one created from the receiver's e-mail and name */
                    customer_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                        status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                        /** Format: date-time */
                        scheduled_at: string;
                        claim_expiry_date: string | null;
                        gifter: {
                            customer_id: string;
                            /** @description The gifter's invoice for the gifted term */
                            invoice_id: string;
                            credit_note_id: string | null;
                            note: string | null;
                            signature: string | null;
                        };
                        gift_receiver: {
                            customer_id: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                        };
                        subscription: {
                            plan_variant_id: string;
                            quantity: string;
                            components: {
                                component_id: string;
                                /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                                quantity: string;
                                memo?: string;
                            }[];
                            /** @description The gifted term: the plan variant's billing period */
                            term: {
                                unit: "day" | "week" | "month" | "year";
                                count: number;
                            };
                            contract_id: string | null;
                        };
                        claimed_at: string | null;
                        cancelled_at: string | null;
                        expired_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gifts.cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                        status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                        /** Format: date-time */
                        scheduled_at: string;
                        claim_expiry_date: string | null;
                        gifter: {
                            customer_id: string;
                            /** @description The gifter's invoice for the gifted term */
                            invoice_id: string;
                            credit_note_id: string | null;
                            note: string | null;
                            signature: string | null;
                        };
                        gift_receiver: {
                            customer_id: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                        };
                        subscription: {
                            plan_variant_id: string;
                            quantity: string;
                            components: {
                                component_id: string;
                                /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                                quantity: string;
                                memo?: string;
                            }[];
                            /** @description The gifted term: the plan variant's billing period */
                            term: {
                                unit: "day" | "week" | "month" | "year";
                                count: number;
                            };
                            contract_id: string | null;
                        };
                        claimed_at: string | null;
                        cancelled_at: string | null;
                        expired_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gifts.update_gift": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description The new date; not before now
                     */
                    scheduled_at: string;
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock. */
                        status: "scheduled" | "unclaimed" | "claimed" | "cancelled" | "expired";
                        /** Format: date-time */
                        scheduled_at: string;
                        claim_expiry_date: string | null;
                        gifter: {
                            customer_id: string;
                            /** @description The gifter's invoice for the gifted term */
                            invoice_id: string;
                            credit_note_id: string | null;
                            note: string | null;
                            signature: string | null;
                        };
                        gift_receiver: {
                            customer_id: string | null;
                            email: string;
                            first_name: string | null;
                            last_name: string | null;
                        };
                        subscription: {
                            plan_variant_id: string;
                            quantity: string;
                            components: {
                                component_id: string;
                                /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                                quantity: string;
                                memo?: string;
                            }[];
                            /** @description The gifted term: the plan variant's billing period */
                            term: {
                                unit: "day" | "week" | "month" | "year";
                                count: number;
                            };
                            contract_id: string | null;
                        };
                        claimed_at: string | null;
                        cancelled_at: string | null;
                        expired_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "estimates.gift_subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gifter: {
                        /** @description The customer who pays */
                        customer_id: string;
                        /** @description A personal message */
                        note?: string;
                        signature?: string;
                        /** @description A payment source of the gifter's charged for the invoice at once; a failed charge refuses the gift */
                        payment_source_id?: string;
                    };
                    gift_receiver: {
                        /** @description A stored customer the gift is for; default: the customer is found or created when the gift is claimed */
                        customer_id?: string;
                        email: string;
                        first_name?: string;
                        last_name?: string;
                    };
                    subscription: {
                        plan_variant_id: string;
                        /** @description Plan quantity (default 1) */
                        quantity?: string;
                        /** @description Quantity-based or on/off components (addons) the gifted contract runs with */
                        components?: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                    };
                    /**
                     * Format: date-time
                     * @description When the recipient can claim it (the gift notification); default: now. Not before now.
                     */
                    scheduled_at?: string;
                    /**
                     * Format: date-time
                     * @description After it an unclaimed gift expires; default: never
                     */
                    claim_expiry_date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.checkout_gift_for_items": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gifter: {
                        /** @description The customer who pays */
                        customer_id: string;
                        /** @description A personal message */
                        note?: string;
                        signature?: string;
                    };
                    gift_receiver: {
                        /** @description A stored customer the gift is for; default: the customer is found or created when the gift is claimed */
                        customer_id?: string;
                        email: string;
                        first_name?: string;
                        last_name?: string;
                    };
                    subscription: {
                        plan_variant_id: string;
                        /** @description Plan quantity (default 1) */
                        quantity?: string;
                        /** @description Quantity-based or on/off components (addons) the gifted contract runs with */
                        components?: {
                            component_id: string;
                            /** @description The component's quantity from the start (signup) or change date on; 0 ends it */
                            quantity: string;
                            memo?: string;
                        }[];
                    };
                    /**
                     * Format: date-time
                     * @description When the recipient can claim it (the gift notification); default: now. Not before now.
                     */
                    scheduled_at?: string;
                    /**
                     * Format: date-time
                     * @description After it an unclaimed gift expires; default: never
                     */
                    claim_expiry_date?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "hosted_pages.claim_gift": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gift_id: string;
                    /** @description The stored customer that claims it; default: the gift's receiver customer, else one created from the receiver's e-mail and name */
                    customer_id?: string;
                    /** @description How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days) */
                    validity_minutes?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        type: "checkout_new" | "checkout_existing" | "checkout_one_time" | "manage_payment_sources" | "update_payment_method" | "collect_now" | "accept_quote" | "extend_subscription" | "pre_cancel" | "view_voucher" | "checkout_gift" | "claim_gift";
                        /** @description created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over */
                        state: "created" | "requested" | "succeeded" | "cancelled" | "acknowledged";
                        url: string | null;
                        customer_id: string | null;
                        contract_id: string | null;
                        quote_id: string | null;
                        invoice_id: string | null;
                        /** @description A view_voucher page's offline payment voucher; null for other types */
                        voucher: {
                            /** @description The payment reference the customer quotes (an ISO 11649 RF reference) */
                            reference: string;
                            invoice_id: string;
                            invoice_number: string | null;
                            /** @description What the invoice owed when the page was created */
                            amount: string;
                            currency: string;
                            /** Format: date */
                            due_date: string;
                        } | null;
                        /** @description The events recorded on the page, in the order they were recorded */
                        events: {
                            event_name: string;
                            /** Format: date-time */
                            occurred_at: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            recorded_at: string;
                        }[];
                        /** @description What the page was created with */
                        input: {
                            [key: string]: unknown;
                        };
                        /** @description Null until it succeeded */
                        content: {
                            [key: string]: unknown;
                        } | null;
                        /**
                         * Format: date-time
                         * @description On the tenant's clock
                         */
                        expires_at: string;
                        /** @description Not completed, and the tenant's now is past expires_at: it cannot be completed */
                        expired: boolean;
                        requested_at: string | null;
                        succeeded_at: string | null;
                        cancelled_at: string | null;
                        acknowledged_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "usage.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Usage"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "usage.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    component_id: string;
                    quantity: string;
                    /**
                     * Format: date-time
                     * @description Default: the tenant's now
                     */
                    due_date?: string;
                    memo?: string;
                    /** @description De-duplication key, unique per contract: a repeated key is not stored twice */
                    key?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        component_id: string;
                        quantity: string;
                        /** Format: date-time */
                        due_date: string;
                        memo: string | null;
                        key: string | null;
                        billed: boolean;
                        invoice_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        contract_id: string;
                        component_id: string;
                        quantity: string;
                        /** Format: date-time */
                        due_date: string;
                        memo: string | null;
                        key: string | null;
                        billed: boolean;
                        invoice_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "usage.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                usage_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "usage.ingest": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    events: {
                        contract_id: string;
                        component_id: string;
                        quantity: string;
                        /**
                         * Format: date-time
                         * @description Default: the tenant's now
                         */
                        due_date?: string;
                        memo?: string;
                        /** @description De-duplication key, unique per contract: a repeated key is not stored twice */
                        key?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Events stored */
                        accepted: number;
                        /** @description Events skipped: their key was stored already */
                        duplicates: number;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "audit_events.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                target_id?: string;
                operation?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuditEvent"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "test_clock.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mode: "system" | "test";
                        /** Format: date-time */
                        now: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "test_clock.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    frozen_time: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mode: "system" | "test";
                        /** Format: date-time */
                        now: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "test_clock.advance": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    frozen_time: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        mode: "system" | "test";
                        /** Format: date-time */
                        now: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_endpoints.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookEndpoint"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_endpoints.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description https:// (or http://) URL without credentials */
                    url: string;
                    /** @description Event types this endpoint receives: a type ("customer.created"), every type of a resource ("customer.*") or every type ("*"). See docs/webhooks.md. */
                    event_types?: string[];
                    description?: string;
                    /** @default true */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        event_types: string[];
                        /** @description Payload format: "native"; compatibility layers have their own */
                        format: string;
                        enabled: boolean;
                        disabled_reason: "manual" | "sustained_failure" | null;
                        disabled_at: string | null;
                        /** @description First failed attempt since the last successful one; null while healthy */
                        failing_since: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The signing secret (whsec_…), Standard Webhooks format. Shown once; store it now. An idempotent replay answers null: the secret is never shown again. */
                        secret: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_endpoints.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        event_types: string[];
                        /** @description Payload format: "native"; compatibility layers have their own */
                        format: string;
                        enabled: boolean;
                        disabled_reason: "manual" | "sustained_failure" | null;
                        disabled_at: string | null;
                        /** @description First failed attempt since the last successful one; null while healthy */
                        failing_since: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_endpoints.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        event_types: string[];
                        /** @description Payload format: "native"; compatibility layers have their own */
                        format: string;
                        enabled: boolean;
                        disabled_reason: "manual" | "sustained_failure" | null;
                        disabled_at: string | null;
                        /** @description First failed attempt since the last successful one; null while healthy */
                        failing_since: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_endpoints.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    /** @description Event types this endpoint receives: a type ("customer.created"), every type of a resource ("customer.*") or every type ("*"). See docs/webhooks.md. */
                    event_types?: string[];
                    description?: string;
                    /** @description false pauses deliveries; true resumes them (waiting deliveries are sent at once) */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        event_types: string[];
                        /** @description Payload format: "native"; compatibility layers have their own */
                        format: string;
                        enabled: boolean;
                        disabled_reason: "manual" | "sustained_failure" | null;
                        disabled_at: string | null;
                        /** @description First failed attempt since the last successful one; null while healthy */
                        failing_since: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_endpoints.rotate_secret": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        description: string;
                        event_types: string[];
                        /** @description Payload format: "native"; compatibility layers have their own */
                        format: string;
                        enabled: boolean;
                        disabled_reason: "manual" | "sustained_failure" | null;
                        disabled_at: string | null;
                        /** @description First failed attempt since the last successful one; null while healthy */
                        failing_since: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        /** @description The signing secret (whsec_…), Standard Webhooks format. Shown once; store it now. An idempotent replay answers null: the secret is never shown again. */
                        secret: string | null;
                        /**
                         * Format: date-time
                         * @description Until then every message is signed with the previous secret too
                         */
                        previous_secret_expires_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_deliveries.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                endpoint_id?: string;
                event_id?: string;
                status?: "pending" | "succeeded" | "failed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDelivery"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_deliveries.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        event_id: string;
                        event_type: string;
                        endpoint_id: string;
                        status: "pending" | "succeeded" | "failed" | "cancelled";
                        /** @description Attempts in the current retry schedule */
                        attempt_count: number;
                        /** @description When the next attempt is due (pending only) */
                        next_attempt_at: string | null;
                        last_attempt_at: string | null;
                        last_status_code: number | null;
                        last_error: string | null;
                        delivered_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** @description Newest first, at most 100 */
                        attempts: components["schemas"]["WebhookAttempt"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "webhook_deliveries.redeliver": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        event_id: string;
                        event_type: string;
                        endpoint_id: string;
                        status: "pending" | "succeeded" | "failed" | "cancelled";
                        /** @description Attempts in the current retry schedule */
                        attempt_count: number;
                        /** @description When the next attempt is due (pending only) */
                        next_attempt_at: string | null;
                        last_attempt_at: string | null;
                        last_status_code: number | null;
                        last_error: string | null;
                        delivered_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "events.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                type?: string;
                subject_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Event"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "events.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Unique; the webhook-id header of its deliveries */
                        id: string;
                        type: string;
                        /**
                         * Format: date-time
                         * @description Wall-clock time of the change
                         */
                        timestamp: string;
                        /**
                         * Format: date-time
                         * @description The tenant clock's time of the change
                         */
                        tenant_time: string;
                        tenant_id: string;
                        subject: {
                            type: string;
                            id: string;
                        } | null;
                        /** @description The subject as it was after the change */
                        data: unknown;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "events.redeliver": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDelivery"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "messages.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Message"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "messages.resend": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string | null;
                        /** @description The event the message tells of */
                        event_id: string;
                        /** @description invoice_issued, credit_note_issued, payment_failed, dunning_step or contract_cancelled */
                        kind: string;
                        recipient: string;
                        sender: string;
                        /** @description en, de or fr: the customer's locale, else English */
                        language: string;
                        subject: string;
                        attachment_document_id: string | null;
                        /** @description queued (waiting to be sent, or for its next attempt), sent, failed (every attempt failed), skipped (not sent: no SMTP) */
                        status: "queued" | "sent" | "failed" | "skipped";
                        attempt_count: number;
                        next_attempt_at: string | null;
                        last_error: string | null;
                        sent_at: string | null;
                        resend_of: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "message_templates.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MessageTemplate"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "message_templates.put": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                /** @description The message kind */
                kind: "invoice_issued" | "credit_note_issued" | "payment_failed" | "dunning_step" | "contract_cancelled";
                /** @description en, de or fr */
                language: "en" | "de" | "fr";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    subject: string;
                    /** @description The plain-text body; paragraphs are separated by blank lines */
                    text: string;
                    /** @description The HTML body; absent or null: the text's paragraphs in a plain layout */
                    html?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The message kind */
                        kind: "invoice_issued" | "credit_note_issued" | "payment_failed" | "dunning_step" | "contract_cancelled";
                        /** @description en, de or fr */
                        language: "en" | "de" | "fr";
                        /** @description built_in: Accrue's wording; tenant: the tenant's own */
                        source: "built_in" | "tenant";
                        subject: string;
                        text: string;
                        html: string | null;
                        updated_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "message_templates.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                /** @description The message kind */
                kind: "invoice_issued" | "credit_note_issued" | "payment_failed" | "dunning_step" | "contract_cancelled";
                /** @description en, de or fr */
                language: "en" | "de" | "fr";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "message_templates.preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The message kind */
                kind: "invoice_issued" | "credit_note_issued" | "payment_failed" | "dunning_step" | "contract_cancelled";
                /** @description en, de or fr */
                language: "en" | "de" | "fr";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The message kind */
                        kind: "invoice_issued" | "credit_note_issued" | "payment_failed" | "dunning_step" | "contract_cancelled";
                        /** @description en, de or fr */
                        language: "en" | "de" | "fr";
                        /** @description built_in: Accrue's wording; tenant: the tenant's own */
                        source: "built_in" | "tenant";
                        subject: string;
                        text: string;
                        html: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                customer_id?: string;
                contract_id?: string;
                status?: "draft" | "finalized" | "void";
                kind?: "invoice" | "credit_note";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Invoice"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    currency: string;
                    /** @description Whether unit prices are before (net, default) or after tax (gross) */
                    price_basis?: "net" | "gross";
                    lines: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                    }[];
                    /** @description Keep it as a draft, to add or remove charges before issuing it */
                    draft?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.download_link": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        url: string;
                        /** Format: date-time */
                        expires_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "documents.download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.import": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: "invoice" | "credit_note";
                    customer_id: string;
                    /** @description As the other system issued it */
                    number: string;
                    currency: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    issue_date: string;
                    /**
                     * Format: date
                     * @description Default for an invoice: the issue date plus the entity's payment terms
                     */
                    due_date?: string;
                    /** @description Whether unit prices are before (net, default) or after tax (gross) */
                    price_basis?: "net" | "gross";
                    /** @description A credit note: the invoice it corrects */
                    corrects_invoice_id?: string;
                    /** @description Amounts are positive, for a credit note too */
                    lines: {
                        description: string;
                        /** @description In the document's currency, e.g. 12.50 */
                        unit_price: string;
                        /** @description Default: 1 */
                        quantity?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        period_start?: string;
                        /**
                         * Format: date
                         * @description Exclusive
                         */
                        period_end?: string;
                        /** @description Percent, as the document was taxed; default 0 */
                        tax_rate?: string;
                    }[];
                    /** @description The total the document printed; refused when the lines add up otherwise */
                    total_gross?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.add_charge": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description: string;
                    /** @description In the document's currency, e.g. 12.50 */
                    unit_price: string;
                    /** @description Default: 1 */
                    quantity?: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    period_start?: string;
                    /**
                     * Format: date
                     * @description Exclusive
                     */
                    period_end?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.sync_usages": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.delete_lines": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    line_ids: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.finalize": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.void": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.update_details": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    po_number?: string | null;
                    notes?: string | null;
                    billing_address?: {
                        line1?: string;
                        line2?: string;
                        street?: string;
                        house_number?: string;
                        postal_code?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.stop_dunning": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.credit": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    lines?: {
                        line_id: string;
                        /** @description Part of the line to credit; the rest of it when absent */
                        amount?: string;
                    }[];
                    reason?: string;
                    /** @description Leave the credit note a draft: it credits nothing until finalized, and may be deleted until then */
                    draft?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.settle": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Leave the document a draft (default: per tenant) */
                    draft?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        invoice: {
                            id: string;
                            kind: "invoice" | "credit_note";
                            status: "draft" | "finalized" | "void";
                            number: string | null;
                            business_entity_id: string;
                            customer_id: string;
                            contract_id: string | null;
                            currency: string;
                            price_basis: "net" | "gross";
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            issue_date: string;
                            due_date: string | null;
                            service_period_start: string | null;
                            service_period_end: string | null;
                            /** @description Decimal amount in the document's currency */
                            total_net: string;
                            /** @description Decimal amount in the document's currency */
                            total_tax: string;
                            /** @description Decimal amount in the document's currency */
                            total_gross: string;
                            tax_rows: {
                                /** @description Percent */
                                rate: string;
                                /** @description Decimal amount in the document's currency */
                                net: string;
                                /** @description Decimal amount in the document's currency */
                                tax: string;
                                /** @description Decimal amount in the document's currency */
                                gross: string;
                            }[];
                            reverse_charge: boolean;
                            corrects_invoice_id: string | null;
                            billing_run_id: string | null;
                            sender: {
                                name: string;
                                sub_name: string | null;
                                address: {
                                    [key: string]: unknown;
                                };
                                vat_id: string | null;
                                tax_number: string | null;
                                email?: string | null;
                            };
                            recipient: {
                                name: string;
                                sub_name: string | null;
                                address: {
                                    [key: string]: unknown;
                                };
                                vat_id: string | null;
                                tax_number: string | null;
                                email?: string | null;
                            };
                            lines: {
                                id: string;
                                position: number;
                                /** @description setup_fee, recurring_fee, component_fee, usage, rated_item or discount */
                                kind: string;
                                charge_key: string | null;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_price: string;
                                /** @description Decimal amount in the document's currency */
                                amount: string;
                                tax_rate: string;
                                credited_line_id: string | null;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            finalized_at: string | null;
                            voided_at: string | null;
                            /** @description Promotional credits applied when the invoice was issued; what it owes is less by this */
                            credits_applied: string;
                            po_number: string | null;
                            notes: string | null;
                            dunning_stopped_at: string | null;
                        } | null;
                        next_billing_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.retry_settlement": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        plan_group_id: string;
                        currency: string;
                        /** @description Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind */
                        status: "future" | "in_trial" | "trial_expired" | "active" | "temporarily_inactive" | "ended" | "transferred";
                        /** Format: date-time */
                        start_date: string;
                        end_date: string | null;
                        current_phase: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        } | null;
                        phases: {
                            type: "trial" | "normal" | "inactive";
                            /** Format: date-time */
                            start_date: string;
                            plan_variant_id: string | null;
                            quantity: string;
                        }[];
                        /** @description The business entity that bills it */
                        business_entity_id: string;
                        active_id: string | null;
                        /** @description How billing the contract goes: failed settlements and parking */
                        settlement: {
                            /** @description ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry) */
                            status: "ok" | "retrying" | "parked";
                            /** @description Settlements that failed in a row */
                            failed_attempts: number;
                            last_error: string | null;
                            last_failed_at: string | null;
                            parked_at: string | null;
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "contracts.billing_preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_id: string;
                        currency: string;
                        price_basis: "net" | "gross";
                        reverse_charge: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        date: string;
                        lines: {
                            kind: string;
                            charge_key: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_price: string;
                            /** @description Decimal amount in the document's currency */
                            amount: string;
                            tax_rate: string;
                        }[];
                        tax_rows: {
                            /** @description Percent */
                            rate: string;
                            /** @description Decimal amount in the document's currency */
                            net: string;
                            /** @description Decimal amount in the document's currency */
                            tax: string;
                            /** @description Decimal amount in the document's currency */
                            gross: string;
                        }[];
                        /** @description Decimal amount in the document's currency */
                        total_net: string;
                        /** @description Decimal amount in the document's currency */
                        total_tax: string;
                        /** @description Decimal amount in the document's currency */
                        total_gross: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "billing_runs.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BillingRun"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "billing_runs.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingRun"] | null;
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "tax_policies.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TaxPolicy"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "tax_policies.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    rates: {
                        country: string;
                        /** @description Percent */
                        rate: string;
                    }[];
                    /** @description Percent */
                    default_rate?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaxPolicy"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entities.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BusinessEntity"][];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entities.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    address?: {
                        line1?: string;
                        line2?: string;
                        street?: string;
                        house_number?: string;
                        postal_code?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                    };
                    country?: string | null;
                    vat_id?: string | null;
                    tax_number?: string | null;
                    email?: string | null;
                    invoice_prefix?: string;
                    credit_note_prefix?: string;
                    payment_terms_days?: number;
                    default_tax_policy_id?: string | null;
                    currencies?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessEntity"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entities.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessEntity"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entities.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    address?: {
                        line1?: string;
                        line2?: string;
                        street?: string;
                        house_number?: string;
                        postal_code?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                    };
                    country?: string | null;
                    vat_id?: string | null;
                    tax_number?: string | null;
                    email?: string | null;
                    invoice_prefix?: string;
                    credit_note_prefix?: string;
                    payment_terms_days?: number;
                    default_tax_policy_id?: string | null;
                    currencies?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessEntity"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entity_transfers.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                resource_type?: "customer" | "subscription";
                active_resource_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BusinessEntityTransfer"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entity_transfers.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    destination_business_entity_id: string;
                    /** @description When given, must be the customer's entity */
                    source_business_entity_id?: string;
                    /** @enum {string} */
                    reason_code?: "correction";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessEntityTransfer"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "business_entity_transfers.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BusinessEntityTransfer"];
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.activate": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.deactivate": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.rest": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.end_resting": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.terminate": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.extend_grace_period": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                    /**
                     * Format: date-time
                     * @description The grace period's new end (give this or the number of days)
                     */
                    end_grace_period_on?: string;
                    /** @description The grace period ends this many days after the action executes */
                    end_grace_period_after_specific_days?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.amend_services": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The subscription (contract) acted on */
                    contract_id?: string;
                    /** @description Instead of contract_id: the customer, when it owns exactly one contract */
                    customer_id?: string;
                    /** @description Unique across the tenant's actions: a repeat is refused and changes nothing */
                    transaction_reference_number?: string;
                    classification?: string;
                    performed_by_user?: string;
                    performed_by_unit?: string;
                    performed_by_business_unit?: string;
                    /** Format: date-time */
                    performed_on?: string;
                    /** Format: date-time */
                    billing_effective_date?: string;
                    /**
                     * Format: date-time
                     * @description The date from which the change is billed; default: when the action executes
                     */
                    billable_period_start_date?: string;
                    /**
                     * Format: date-time
                     * @description Execute when the tenant's clock reaches this date rather than now
                     */
                    scheduled_date?: string;
                    udf_string_1?: string;
                    udf_string_2?: string;
                    udf_string_3?: string;
                    udf_string_4?: string;
                    udf_string_5?: string;
                    udf_string_6?: string;
                    udf_string_7?: string;
                    udf_string_8?: string;
                    udf_float_1?: number;
                    udf_float_2?: number;
                    udf_float_3?: number;
                    udf_float_4?: number;
                    /** Format: date-time */
                    udf_date_1?: string;
                    /** Format: date-time */
                    udf_date_2?: string;
                    /** Format: date-time */
                    udf_date_3?: string;
                    /** Format: date-time */
                    udf_date_4?: string;
                    services_to_add?: {
                        component_id: string;
                        quantity?: string;
                        distributor_ids?: string[];
                    }[];
                    services_to_remove?: {
                        component_id: string;
                        /** @description Absent: every distributor, and the service leaves the subscription */
                        distributor_ids?: string[];
                    }[];
                    installed_items_to_add?: {
                        serial_number: string;
                        product?: string;
                        alternative_code?: string;
                        distributor_ids?: string[];
                    }[];
                    installed_items_to_remove?: {
                        serial_number: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                contract_id?: string;
                state?: "executed" | "scheduled" | "cancelled" | "rejected";
                behaviour_code?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /** @description Sequential per tenant */
                            number: string;
                            contract_id: string;
                            action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                            behaviour_code: string;
                            state: "executed" | "scheduled" | "cancelled" | "rejected";
                            transaction_reference_number: string | null;
                            classification: string | null;
                            submitted_by: {
                                type: string;
                                id: string;
                            };
                            performed_by_user: string | null;
                            performed_by_unit: string | null;
                            performed_by_business_unit: string | null;
                            performed_on: string | null;
                            billing_effective_date: string | null;
                            billable_period_start_date: string | null;
                            scheduled_date: string | null;
                            /** Format: date-time */
                            submitted_on: string;
                            executed_on: string | null;
                            cancelled_on: string | null;
                            rejection: {
                                code: string;
                                message: string;
                            } | null;
                            /** @description The action's own parameters, as submitted */
                            parameters: {
                                [key: string]: unknown;
                            };
                            /** @description What executing it changed */
                            effects: unknown[];
                            subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                            udf_string_1: string | null;
                            udf_string_2: string | null;
                            udf_string_3: string | null;
                            udf_string_4: string | null;
                            udf_string_5: string | null;
                            udf_string_6: string | null;
                            udf_string_7: string | null;
                            udf_string_8: string | null;
                            udf_float_1: number | null;
                            udf_float_2: number | null;
                            udf_float_3: number | null;
                            udf_float_4: number | null;
                            udf_date_1: string | null;
                            udf_date_2: string | null;
                            udf_date_3: string | null;
                            udf_date_4: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "subscription_actions.cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Sequential per tenant */
                        number: string;
                        contract_id: string;
                        action: "activate" | "deactivate" | "rest" | "end_resting" | "terminate" | "extend_grace_period" | "amend_services";
                        behaviour_code: string;
                        state: "executed" | "scheduled" | "cancelled" | "rejected";
                        transaction_reference_number: string | null;
                        classification: string | null;
                        submitted_by: {
                            type: string;
                            id: string;
                        };
                        performed_by_user: string | null;
                        performed_by_unit: string | null;
                        performed_by_business_unit: string | null;
                        performed_on: string | null;
                        billing_effective_date: string | null;
                        billable_period_start_date: string | null;
                        scheduled_date: string | null;
                        /** Format: date-time */
                        submitted_on: string;
                        executed_on: string | null;
                        cancelled_on: string | null;
                        rejection: {
                            code: string;
                            message: string;
                        } | null;
                        /** @description The action's own parameters, as submitted */
                        parameters: {
                            [key: string]: unknown;
                        };
                        /** @description What executing it changed */
                        effects: unknown[];
                        subscription_state: ("draft" | "effective" | "not_effective" | "in_resting" | "cancelled") | null;
                        udf_string_1: string | null;
                        udf_string_2: string | null;
                        udf_string_3: string | null;
                        udf_string_4: string | null;
                        udf_string_5: string | null;
                        udf_string_6: string | null;
                        udf_string_7: string | null;
                        udf_string_8: string | null;
                        udf_float_1: number | null;
                        udf_float_2: number | null;
                        udf_float_3: number | null;
                        udf_float_4: number | null;
                        udf_date_1: string | null;
                        udf_date_2: string | null;
                        udf_date_3: string | null;
                        udf_date_4: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "provisioning_distributors.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            name: string;
                            alternative_code: string | null;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "provisioning_distributors.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    alternative_code?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        alternative_code: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    currency: string;
                    /** @description offline: money received outside Accrue; card: charged through the built-in test gateway */
                    method: "offline" | "card";
                    /** @description Test gateway: 4000000000000002 is declined, 4000000000009995 has insufficient funds, other valid numbers succeed */
                    card_number?: string;
                    reference?: string;
                    /** Format: date-time */
                    received_at?: string;
                    /** @description Pay these invoices in this order; default: every open one, oldest first */
                    invoice_ids?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: all that is refundable */
                    amount?: string;
                    reference?: string;
                    /** @description How the money was given back (kept on the refund) */
                    payment_method?: "cash" | "check" | "bank_transfer" | "card" | "other";
                    /**
                     * Format: date-time
                     * @description When the money was given back: not before the payment, not later than now (422 invalid_refund_date). Default: now
                     */
                    refunded_at?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.write_off": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.record_payment": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: what the invoice still owes; more than that is the customer's credit */
                    amount?: string;
                    /** @description How the money was paid (kept on the payment) */
                    payment_method?: "cash" | "check" | "bank_transfer" | "card" | "other";
                    reference?: string;
                    /**
                     * Format: date-time
                     * @description Default: now
                     */
                    paid_at?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.apply_payments": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    payments: {
                        payment_id: string;
                        /** @description Default: all the payment has unapplied, up to what the invoice still owes */
                        amount?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        currency: string;
                        /** @description What the invoice still owes */
                        due: string;
                        /** @description What payments (net of refunds) have on the invoice */
                        paid: string;
                        /** @description The payments (or refunds) the change applied, took off or wrote */
                        payments: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.remove_payment": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    payment_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        currency: string;
                        /** @description What the invoice still owes */
                        due: string;
                        /** @description What payments (net of refunds) have on the invoice */
                        paid: string;
                        /** @description The payments (or refunds) the change applied, took off or wrote */
                        payments: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.record_refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: all that was paid on the invoice */
                    amount?: string;
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        currency: string;
                        /** @description What the invoice still owes */
                        due: string;
                        /** @description What payments (net of refunds) have on the invoice */
                        paid: string;
                        /** @description The payments (or refunds) the change applied, took off or wrote */
                        payments: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.record_refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: all the credit note has left to refund */
                    amount?: string;
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credit_note_id: string;
                        /** @description The invoice the credit note corrects */
                        invoice_id: string;
                        currency: string;
                        /** @description What the credit note credits (a positive amount) */
                        total: string;
                        /** @description What refunds recorded against it paid out */
                        refunded: string;
                        /** @description What can still be refunded: the part of the credit note the invoice did not use (it was paid already), less refunds */
                        refundable: string;
                        /** @description The refunds written, one per payment on the invoice they return money of */
                        refunds: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: all that was paid on the invoice */
                    amount?: string;
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        currency: string;
                        /** @description What the invoice still owes */
                        due: string;
                        /** @description What payments (net of refunds) have on the invoice */
                        paid: string;
                        /** @description The payments (or refunds) the change applied, took off or wrote */
                        payments: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: all the credit note has left to refund */
                    amount?: string;
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credit_note_id: string;
                        /** @description The invoice the credit note corrects */
                        invoice_id: string;
                        currency: string;
                        /** @description What the credit note credits (a positive amount) */
                        total: string;
                        /** @description What refunds recorded against it paid out */
                        refunded: string;
                        /** @description What can still be refunded: the part of the credit note the invoice did not use (it was paid already), less refunds */
                        refundable: string;
                        /** @description The refunds written, one per payment on the invoice they return money of */
                        refunds: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.collection": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        customer_id: string;
                        /** @description The customer's setting now: off, the worker makes no attempt */
                        auto_collection: "on" | "off";
                        /** @description From the latest attempt: not_attempted (none yet), pending, succeeded, retrying (failed; the next is due at next_attempt_at) or exhausted (failed with no retry left: collection stopped, dunning goes on) */
                        status: "not_attempted" | "pending" | "succeeded" | "retrying" | "exhausted";
                        next_attempt_at: string | null;
                        attempts: {
                            /** @description 1 for the first attempt, counting on */
                            attempt: number;
                            /** @description The outcome of the attempt's last charge; pending: the gateway decides later (a direct debit), and no other attempt is made until it settles */
                            status: "succeeded" | "failed" | "pending";
                            /** Format: date-time */
                            attempted_at: string;
                            /** @description The source charged last: the backup when the primary was refused */
                            payment_source_id: string;
                            /** @description The payment of that charge */
                            payment_id: string;
                            /** @description Every payment the attempt recorded, in the order the sources were charged */
                            payment_ids: string[];
                            settled_at: string | null;
                            next_attempt_at: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.balance": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        balances: {
                            currency: string;
                            invoiced: string;
                            credited: string;
                            /** @description Promotional credits applied to invoices when they were issued */
                            credits_applied: string;
                            paid: string;
                            refunded: string;
                            written_off: string;
                            /** @description Tax the customer withheld and paid to its tax authority, net of refunds */
                            tax_withheld: string;
                            /** @description Positive: the customer owes this; negative: the customer's credit */
                            balance: string;
                        }[];
                        open_invoices: {
                            invoice_id: string;
                            number: string | null;
                            currency: string;
                            /** Format: date */
                            issue_date: string;
                            total: string;
                            due: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "dunning_policy.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        steps: {
                            level: number;
                            name: string;
                            after_days: number;
                            after_failed_payments?: number;
                            grace_days?: number;
                        }[];
                        /** @description Automatic collection: days after a failed attempt the next is made, one entry per retry (default [3, 5, 7]; [] makes one attempt only) */
                        collection_retry_days: number[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "dunning_policy.set": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    steps: {
                        name: string;
                        /** @description Reached this many days after the invoice's issue date */
                        after_days: number;
                        /** @description …or after this many failed payments of the customer since the issue date */
                        after_failed_payments?: number;
                        /** @description Reaching the step gives the invoice's contract this many days of grace */
                        grace_days?: number;
                    }[];
                    /** @description Automatic collection: days after a failed attempt the next is made, one entry per retry (default [3, 5, 7]; [] makes one attempt only); absent: unchanged */
                    collection_retry_days?: number[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        steps: {
                            level: number;
                            name: string;
                            after_days: number;
                            after_failed_payments?: number;
                            grace_days?: number;
                        }[];
                        /** @description Automatic collection: days after a failed attempt the next is made, one entry per retry (default [3, 5, 7]; [] makes one attempt only) */
                        collection_retry_days: number[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.apply_credits": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Apply these, in this order; default: every credit note with credit available, oldest first */
                    credit_notes?: {
                        credit_note_id: string;
                        /** @description Default: all the credit note has available, up to what the invoice still owes */
                        amount?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        currency: string;
                        /** @description What the invoice still owes */
                        due: string;
                        /** @description Credit notes of other invoices whose credit is applied to this one */
                        credit_notes: {
                            credit_note_id: string;
                            /** @description What the credit note has applied to the invoice, net */
                            amount: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.remove_credit_note": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    credit_note_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoice_id: string;
                        currency: string;
                        /** @description What the invoice still owes */
                        due: string;
                        /** @description Credit notes of other invoices whose credit is applied to this one */
                        credit_notes: {
                            credit_note_id: string;
                            /** @description What the credit note has applied to the invoice, net */
                            amount: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.record_tax_withheld": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    reference?: string;
                    /**
                     * Format: date-time
                     * @description Default: now
                     */
                    date?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.remove_tax_withheld": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tax_withheld_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.record_tax_withheld_refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        refunds: {
                            id: string;
                            customer_id: string;
                            kind: "payment" | "refund" | "write_off" | "tax_withheld";
                            /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                            method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                            /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                            status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                            amount: string;
                            currency: string;
                            reference: string | null;
                            card_last4: string | null;
                            failure: {
                                code: string;
                                message: string;
                            } | null;
                            refunds_payment_id: string | null;
                            payment_method: string | null;
                            payment_source_id: string | null;
                            authorized_until: string | null;
                            allocations: {
                                invoice_id: string;
                                /** @description Negative on a refund: the invoice owes this again */
                                amount: string;
                            }[];
                            /** @description What the payment left as the customer's credit */
                            unapplied: string;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "credit_notes.remove_tax_withheld_refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refund_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                include_deleted?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            customer_id: string;
                            type: "card" | "bank_account";
                            /** @description The kind of gateway holding the source */
                            gateway: "test" | "stripe";
                            gateway_account_id: string | null;
                            /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                            role: "primary" | "backup" | "none";
                            /** @description expired: a card past its expiry month (as of the tenant's clock) */
                            status: "valid" | "expired" | "deleted";
                            card: {
                                brand: string;
                                last4: string;
                                exp_month: number;
                                exp_year: number;
                            } | null;
                            bank_account: {
                                country: string;
                                last4: string;
                                account_holder_name: string;
                            } | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            deleted_at: string | null;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description card, bank_account: details the test gateway tokenizes; provider_token: the provider's token (a Stripe account takes only this) */
                    type: "card" | "bank_account" | "provider_token";
                    card?: {
                        /** @description The card number; only its brand and last four digits are kept */
                        number: string;
                        exp_month: number;
                        exp_year: number;
                        /** @description Checked, never kept */
                        cvc?: string;
                    };
                    bank_account?: {
                        iban: string;
                        account_holder_name: string;
                    };
                    /** @description The payment provider's own token of the card or bank account: for a Stripe account the id of a PaymentMethod (pm_…, card or sepa_debit) created by Stripe.js or Elements. The source's type is the payment method's. */
                    provider_token?: string;
                    /** @description Default: primary when the customer has no primary source, else none */
                    role?: "primary" | "backup" | "none";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                payment_source_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                payment_source_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.retrieve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.switch_gateway_account": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                payment_source_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gateway_account_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.copy_card": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                payment_source_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gateway_account_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.get_gateway_account": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        gateway_account_id: string | null;
                        /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                        gateway: "test" | "stripe" | "mollie" | "gocardless";
                        /** @description customer: the customer was switched to it; business_entity: the default account of the customer's entity; built_in: neither exists */
                        chosen_by: "customer" | "business_entity" | "built_in";
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.switch_gateway_account": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    gateway_account_id: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        gateway_account_id: string | null;
                        /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                        gateway: "test" | "stripe" | "mollie" | "gocardless";
                        /** @description customer: the customer was switched to it; business_entity: the default account of the customer's entity; built_in: neither exists */
                        chosen_by: "customer" | "business_entity" | "built_in";
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payment_sources.assign_role": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    payment_source_id: string;
                    /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                    role: "primary" | "backup" | "none";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.update_payment_method": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description card, bank_account: details the test gateway tokenizes; provider_token: the provider's token (a Stripe account takes only this) */
                    type: "card" | "bank_account" | "provider_token";
                    card?: {
                        /** @description The card number; only its brand and last four digits are kept */
                        number: string;
                        exp_month: number;
                        exp_year: number;
                        /** @description Checked, never kept */
                        cvc?: string;
                    };
                    bank_account?: {
                        iban: string;
                        account_holder_name: string;
                    };
                    /** @description The payment provider's own token of the card or bank account: for a Stripe account the id of a PaymentMethod (pm_…, card or sepa_debit) created by Stripe.js or Elements. The source's type is the payment method's. */
                    provider_token?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        type: "card" | "bank_account";
                        /** @description The kind of gateway holding the source */
                        gateway: "test" | "stripe";
                        gateway_account_id: string | null;
                        /** @description primary: charged first; backup: charged when the primary fails; none: charged only when named */
                        role: "primary" | "backup" | "none";
                        /** @description expired: a card past its expiry month (as of the tenant's clock) */
                        status: "valid" | "expired" | "deleted";
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        bank_account: {
                            country: string;
                            last4: string;
                            account_holder_name: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.collect_payment": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: the one currency the customer owes in */
                    currency?: string;
                    /** @description Default: all the customer owes in the currency */
                    amount?: string;
                    /** @description Default: the primary source, then the backup if the primary fails */
                    payment_source_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "customers.record_excess_payment": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    currency: string;
                    /** @description How the money was paid (kept on the payment) */
                    payment_method?: "cash" | "check" | "bank_transfer" | "card" | "other";
                    reference?: string;
                    /**
                     * Format: date-time
                     * @description Default: now
                     */
                    received_at?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "invoices.collect_payment": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default: all the invoice still owes */
                    amount?: string;
                    /** @description Default: the primary source, then the backup if the primary fails */
                    payment_source_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.authorize": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    currency: string;
                    /** @description Default: the primary source, then the backup if the primary fails */
                    payment_source_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.capture": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Pay these invoices in this order; default: every open one, oldest first */
                    invoice_ids?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.void_authorization": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "payments.sync": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        kind: "payment" | "refund" | "write_off" | "tax_withheld";
                        /** @description test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe) */
                        method: "offline" | "test_card" | "test_direct_debit" | "card" | "direct_debit" | "write_off" | "tax_withheld";
                        /** @description authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded */
                        status: "succeeded" | "failed" | "authorized" | "voided" | "pending";
                        amount: string;
                        currency: string;
                        reference: string | null;
                        card_last4: string | null;
                        failure: {
                            code: string;
                            message: string;
                        } | null;
                        refunds_payment_id: string | null;
                        payment_method: string | null;
                        payment_source_id: string | null;
                        authorized_until: string | null;
                        allocations: {
                            invoice_id: string;
                            /** @description Negative on a refund: the invoice owes this again */
                            amount: string;
                        }[];
                        /** @description What the payment left as the customer's credit */
                        unapplied: string;
                        /** Format: date-time */
                        received_at: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_accounts.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                business_entity_id?: string;
                include_deleted?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            business_entity_id: string;
                            /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                            gateway: "test" | "stripe" | "mollie" | "gocardless";
                            name: string;
                            status: ("active" | "disabled") | "deleted";
                            default: boolean;
                            /** @description Whether credentials are stored; they themselves are never answered */
                            has_credentials: boolean;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            deleted_at: string | null;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_accounts.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                    gateway: "test" | "stripe" | "mollie" | "gocardless";
                    name: string;
                    /** @description Default: the tenant's default entity */
                    business_entity_id?: string;
                    /**
                     * @description disabled: takes no new payment sources, and charges through it fail
                     * @default active
                     */
                    status?: "active" | "disabled";
                    /**
                     * @description New payment sources of the entity's customers go to this account
                     * @default false
                     */
                    default?: boolean;
                    /** @description The account's secrets at the gateway (API keys, webhook secrets), as names and values. Stored encrypted; never answered, logged or audited. Needs ACCRUE_SECRET_KEY. */
                    credentials?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        business_entity_id: string;
                        /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                        gateway: "test" | "stripe" | "mollie" | "gocardless";
                        name: string;
                        status: ("active" | "disabled") | "deleted";
                        default: boolean;
                        /** @description Whether credentials are stored; they themselves are never answered */
                        has_credentials: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_accounts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        business_entity_id: string;
                        /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                        gateway: "test" | "stripe" | "mollie" | "gocardless";
                        name: string;
                        status: ("active" | "disabled") | "deleted";
                        default: boolean;
                        /** @description Whether credentials are stored; they themselves are never answered */
                        has_credentials: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_accounts.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        business_entity_id: string;
                        /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                        gateway: "test" | "stripe" | "mollie" | "gocardless";
                        name: string;
                        status: ("active" | "disabled") | "deleted";
                        default: boolean;
                        /** @description Whether credentials are stored; they themselves are never answered */
                        has_credentials: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_accounts.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description disabled: takes no new payment sources, and charges through it fail */
                    status?: "active" | "disabled";
                    default?: boolean;
                    /** @description Replaces every credential of the account */
                    credentials?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        business_entity_id: string;
                        /** @description test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret; docs/payments.md); mollie, gocardless: accounts may be kept ahead, charging through them comes with their adapters */
                        gateway: "test" | "stripe" | "mollie" | "gocardless";
                        name: string;
                        status: ("active" | "disabled") | "deleted";
                        default: boolean;
                        /** @description Whether credentials are stored; they themselves are never answered */
                        has_credentials: boolean;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                        deleted_at: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_events.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description applied: it changed a payment (settled, failed, refunded, disputed); ignored: nothing to change (an unknown type, a charge Accrue does not know, or one already as the event says); rejected: refused before its content was used (a bad signature) */
                status?: "applied" | "ignored" | "rejected";
            };
            header?: never;
            path: {
                account_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            gateway_account_id: string;
                            /** @description The gateway's id of the event; null when rejected */
                            provider_event_id: string | null;
                            /** @description What the event tells, as Accrue reads it; null when rejected */
                            type: ("charge.succeeded" | "charge.failed" | "charge.refunded" | "charge.disputed" | "unknown") | null;
                            /** @description The gateway's own type, e.g. payment_intent.succeeded */
                            provider_type: string | null;
                            /** @description applied: it changed a payment (settled, failed, refunded, disputed); ignored: nothing to change (an unknown type, a charge Accrue does not know, or one already as the event says); rejected: refused before its content was used (a bad signature) */
                            status: "applied" | "ignored" | "rejected";
                            /** @description Why it was rejected or could not be applied (docs/errors.md) */
                            error_code: string | null;
                            /** @description What applying it did, or why it was not */
                            detail: string | null;
                            /** @description The gateway's reference of the charge */
                            charge_reference: string | null;
                            /** @description The payment the event concerned */
                            payment_id: string | null;
                            /** Format: date-time */
                            received_at: string;
                            /** @description The verified event as the gateway sent it; null when rejected */
                            payload: unknown;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "gateway_events.receive": {
        parameters: {
            query?: never;
            header?: {
                /** @description Stripe's signature of the event (Stripe) */
                "stripe-signature"?: string;
                /** @description The test gateway's signature: t=<unix seconds>,v1=<hex HMAC-SHA256> (docs/payments.md) */
                "accrue-test-signature"?: string;
            };
            path: {
                account_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        gateway_account_id: string;
                        /** @description The gateway's id of the event; null when rejected */
                        provider_event_id: string | null;
                        /** @description What the event tells, as Accrue reads it; null when rejected */
                        type: ("charge.succeeded" | "charge.failed" | "charge.refunded" | "charge.disputed" | "unknown") | null;
                        /** @description The gateway's own type, e.g. payment_intent.succeeded */
                        provider_type: string | null;
                        /** @description applied: it changed a payment (settled, failed, refunded, disputed); ignored: nothing to change (an unknown type, a charge Accrue does not know, or one already as the event says); rejected: refused before its content was used (a bad signature) */
                        status: "applied" | "ignored" | "rejected";
                        /** @description Why it was rejected or could not be applied (docs/errors.md) */
                        error_code: string | null;
                        /** @description What applying it did, or why it was not */
                        detail: string | null;
                        /** @description The gateway's reference of the charge */
                        charge_reference: string | null;
                        /** @description The payment the event concerned */
                        payment_id: string | null;
                        /** Format: date-time */
                        received_at: string;
                        /** @description The verified event as the gateway sent it; null when rejected */
                        payload: unknown;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "promotional_credits.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Only this currency's entries */
                currency?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        /** @description Every currency the customer has had credits in, by currency code */
                        balances: {
                            currency: string;
                            balance: string;
                        }[];
                        data: {
                            id: string;
                            customer_id: string;
                            currency: string;
                            /** @description applied: consumed by the invoice named in `reference` when it was issued */
                            kind: "add" | "deduct" | "set" | "applied";
                            /** @description Signed: positive when credits were added, negative when deducted or applied */
                            amount: string;
                            /** @description The balance in the currency after this entry */
                            balance_after: string;
                            description: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "promotional_credits.add": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    /** @description ISO 4217, e.g. EUR */
                    currency: string;
                    /** @description Why the credits change, kept on the ledger entry */
                    description: string;
                    /** @description Your own reference (a campaign, a ticket), kept on the ledger entry */
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        currency: string;
                        /** @description The customer's balance in the currency afterwards */
                        balance: string;
                        entry: {
                            id: string;
                            customer_id: string;
                            currency: string;
                            /** @description applied: consumed by the invoice named in `reference` when it was issued */
                            kind: "add" | "deduct" | "set" | "applied";
                            /** @description Signed: positive when credits were added, negative when deducted or applied */
                            amount: string;
                            /** @description The balance in the currency after this entry */
                            balance_after: string;
                            description: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            created_at: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "promotional_credits.deduct": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    /** @description ISO 4217, e.g. EUR */
                    currency: string;
                    /** @description Why the credits change, kept on the ledger entry */
                    description: string;
                    /** @description Your own reference (a campaign, a ticket), kept on the ledger entry */
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        currency: string;
                        /** @description The customer's balance in the currency afterwards */
                        balance: string;
                        entry: {
                            id: string;
                            customer_id: string;
                            currency: string;
                            /** @description applied: consumed by the invoice named in `reference` when it was issued */
                            kind: "add" | "deduct" | "set" | "applied";
                            /** @description Signed: positive when credits were added, negative when deducted or applied */
                            amount: string;
                            /** @description The balance in the currency after this entry */
                            balance_after: string;
                            description: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            created_at: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "promotional_credits.set": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 12.50 */
                    amount: string;
                    /** @description ISO 4217, e.g. EUR */
                    currency: string;
                    /** @description Why the credits change, kept on the ledger entry */
                    description: string;
                    /** @description Your own reference (a campaign, a ticket), kept on the ledger entry */
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        currency: string;
                        /** @description The customer's balance in the currency afterwards */
                        balance: string;
                        entry: {
                            id: string;
                            customer_id: string;
                            currency: string;
                            /** @description applied: consumed by the invoice named in `reference` when it was issued */
                            kind: "add" | "deduct" | "set" | "applied";
                            /** @description Signed: positive when credits were added, negative when deducted or applied */
                            amount: string;
                            /** @description The balance in the currency after this entry */
                            balance_after: string;
                            description: string | null;
                            reference: string | null;
                            /** Format: date-time */
                            created_at: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Partner"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    email?: string;
                    /** @description 00XX-XXXXXXXX: the country code with 00, a dash, the number */
                    mobile?: string;
                    account_manager?: string;
                    /** @description Create a reseller under this partner (resellers are one level deep) */
                    parent_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        parent_id: string | null;
                        name: string;
                        email: string | null;
                        mobile: string | null;
                        account_manager: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        parent_id: string | null;
                        name: string;
                        email: string | null;
                        mobile: string | null;
                        account_manager: string | null;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.resellers.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Partner"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.identity_check": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    search_type: "email" | "mobile" | "name";
                    search_value: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        available: boolean;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.verification_codes.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    /**
                     * @description Validity (minutes)
                     * @default 5
                     */
                    timeout_minutes?: number;
                    language?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        partner_id: string;
                        email: string;
                        /** Format: date-time */
                        expires_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.customers.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Part of the name */
                account_name?: string;
                /** @description Part of the company or person name */
                name?: string;
                frozen?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PartnerCustomer"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.customers.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 5–32 letters, digits, _ or -, not starting with op_ or shadow_; random when absent */
                    account_name?: string;
                    email?: string;
                    /** @description The code sent to email (POST …/verification_codes); needed with email */
                    verification_code?: string;
                    /** @description 00XX-XXXXXXXX: the country code with 00, a dash, the number */
                    mobile?: string;
                    company_name?: string;
                    first_name?: string;
                    last_name?: string;
                    /** @description ISO 3166-1 alpha-2 */
                    country?: string;
                    /** @description The partner's own user id */
                    xaccount_id?: string;
                    xaccount_type?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The customer's id (GET /v1/customers/{id}) */
                        id: string;
                        partner_id: string;
                        account_name: string;
                        email: string | null;
                        mobile: string | null;
                        company_name: string | null;
                        first_name: string | null;
                        last_name: string | null;
                        country: string | null;
                        xaccount_id: string | null;
                        xaccount_type: string | null;
                        frozen: boolean;
                        frozen_at: string | null;
                        frozen_reason: string | null;
                        /** Format: date-time */
                        associated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.customers.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The customer's id (GET /v1/customers/{id}) */
                        id: string;
                        partner_id: string;
                        account_name: string;
                        email: string | null;
                        mobile: string | null;
                        company_name: string | null;
                        first_name: string | null;
                        last_name: string | null;
                        country: string | null;
                        xaccount_id: string | null;
                        xaccount_type: string | null;
                        frozen: boolean;
                        frozen_at: string | null;
                        frozen_reason: string | null;
                        /** Format: date-time */
                        associated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.customers.freeze": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The customer's id (GET /v1/customers/{id}) */
                        id: string;
                        partner_id: string;
                        account_name: string;
                        email: string | null;
                        mobile: string | null;
                        company_name: string | null;
                        first_name: string | null;
                        last_name: string | null;
                        country: string | null;
                        xaccount_id: string | null;
                        xaccount_type: string | null;
                        frozen: boolean;
                        frozen_at: string | null;
                        frozen_reason: string | null;
                        /** Format: date-time */
                        associated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.customers.unfreeze": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The customer's id (GET /v1/customers/{id}) */
                        id: string;
                        partner_id: string;
                        account_name: string;
                        email: string | null;
                        mobile: string | null;
                        company_name: string | null;
                        first_name: string | null;
                        last_name: string | null;
                        country: string | null;
                        xaccount_id: string | null;
                        xaccount_type: string | null;
                        frozen: boolean;
                        frozen_at: string | null;
                        frozen_reason: string | null;
                        /** Format: date-time */
                        associated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.budgets.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        type: "monthly" | "package";
                        currency: string;
                        amount: string;
                        used_amount: string;
                        remaining_amount: string;
                        alert_threshold_percent: number;
                        period: string | null;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.budgets.set": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A decimal amount in the currency, e.g. 100.00 */
                    amount: string;
                    currency: string;
                    /** @description monthly: per calendar month (UTC); package: since the budget was set */
                    type?: "monthly" | "package";
                    /** @default 80 */
                    alert_threshold_percent?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        type: "monthly" | "package";
                        currency: string;
                        amount: string;
                        used_amount: string;
                        remaining_amount: string;
                        alert_threshold_percent: number;
                        period: string | null;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.orders.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                customer_id?: string;
                status?: "in_progress" | "approval_pending" | "succeeded" | "declined";
                created_from?: string;
                created_to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PartnerOrder"][];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.orders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        contract_id: string;
                        type: "signup" | "change";
                        status: string;
                        plan_variant_id: string | null;
                        quantity: string | null;
                        currency: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "partners.bill_summary": {
        parameters: {
            query: {
                /** @description The month, YYYY-MM (issue dates of the documents) */
                period: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        partner_id: string;
                        period: string;
                        currencies: {
                            currency: string;
                            invoiced_amount: string;
                            credited_amount: string;
                            tax_amount: string;
                            amount_due: string;
                            invoice_count: number;
                            credit_note_count: number;
                            customer_count: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.list": {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                invoice_id?: string;
                customer_id?: string;
                /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                status?: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            number: string | null;
                            invoice_id: string;
                            customer_id: string;
                            currency: string;
                            /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                            status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                            /** @description The sum of the lines' amounts */
                            amount: string;
                            lines: {
                                id: string;
                                position: number;
                                /** @description The invoice line whose goods the line ships */
                                invoice_line_id: string;
                                description: string;
                                /** @description Decimal quantity shipped */
                                quantity: string;
                                /** @description Decimal amount in the invoice's currency */
                                amount: string;
                            }[];
                            tracking_id: string | null;
                            tracking_url: string | null;
                            carrier: string | null;
                            shipping_address: {
                                name?: string;
                                company?: string;
                                line1?: string;
                                line2?: string;
                                postal_code?: string;
                                city?: string;
                                state?: string;
                                country?: string;
                                phone?: string;
                            } | null;
                            notes: string | null;
                            cancellation_reason: string | null;
                            cancellation_credit_note_id: string | null;
                            refund_credit_note_id: string | null;
                            resent_from: string | null;
                            /** @description Imported from another system */
                            imported: boolean;
                            /**
                             * Format: date
                             * @description YYYY-MM-DD
                             */
                            order_date: string;
                            shipped_at: string | null;
                            delivered_at: string | null;
                            cancelled_at: string | null;
                            /** Format: date-time */
                            status_updated_at: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                        has_more: boolean;
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An issued invoice */
                    invoice_id: string;
                    /** @description The order's number; default: the next of the tenant's sequence; null: none yet (assign_order_number gives one later) */
                    number?: string | null;
                    /** @description Invoice lines to ship; every line with an amount when absent */
                    lines?: {
                        invoice_line_id: string;
                        /** @description Quantity to ship; what is left of the invoice line when absent */
                        quantity?: string;
                    }[];
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    order_date?: string;
                    tracking_id?: string | null;
                    tracking_url?: string | null;
                    carrier?: string | null;
                    shipping_address?: {
                        name?: string;
                        company?: string;
                        line1?: string;
                        line2?: string;
                        postal_code?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                        phone?: string;
                    } | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.import": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An issued invoice */
                    invoice_id: string;
                    /** @description Unique in the tenant; letters, digits, '.', '_', '/', '-' (at most 50) */
                    number: string;
                    /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                    status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                    /**
                     * Format: date
                     * @description YYYY-MM-DD
                     */
                    order_date: string;
                    /** @description Invoice lines to ship; every line with an amount when absent */
                    lines?: {
                        invoice_line_id: string;
                        /** @description Quantity to ship; what is left of the invoice line when absent */
                        quantity?: string;
                    }[];
                    /** Format: date-time */
                    shipped_at?: string;
                    /** Format: date-time */
                    delivered_at?: string;
                    /** Format: date-time */
                    cancelled_at?: string;
                    cancellation_reason?: string;
                    tracking_id?: string | null;
                    tracking_url?: string | null;
                    carrier?: string | null;
                    shipping_address?: {
                        name?: string;
                        company?: string;
                        line1?: string;
                        line2?: string;
                        postal_code?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                        phone?: string;
                    } | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.delete": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.update": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                    status?: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                    tracking_id?: string | null;
                    tracking_url?: string | null;
                    carrier?: string | null;
                    shipping_address?: {
                        name?: string;
                        company?: string;
                        line1?: string;
                        line2?: string;
                        postal_code?: string;
                        city?: string;
                        state?: string;
                        country?: string;
                        phone?: string;
                    } | null;
                    notes?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.assign_order_number": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique in the tenant; letters, digits, '.', '_', '/', '-' (at most 50) */
                    number?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.cancel": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    /** @description Issue a credit note for the order's amount against its invoice (default false) */
                    credit_note?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.refund": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.reopen": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "fulfilment_orders.resend": {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the first response */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique in the tenant; letters, digits, '.', '_', '/', '-' (at most 50) */
                    number?: string;
                    notes?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        number: string | null;
                        invoice_id: string;
                        customer_id: string;
                        currency: string;
                        /** @description new → processing → complete or shipped → delivered → returned; or cancelled */
                        status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
                        /** @description The sum of the lines' amounts */
                        amount: string;
                        lines: {
                            id: string;
                            position: number;
                            /** @description The invoice line whose goods the line ships */
                            invoice_line_id: string;
                            description: string;
                            /** @description Decimal quantity shipped */
                            quantity: string;
                            /** @description Decimal amount in the invoice's currency */
                            amount: string;
                        }[];
                        tracking_id: string | null;
                        tracking_url: string | null;
                        carrier: string | null;
                        shipping_address: {
                            name?: string;
                            company?: string;
                            line1?: string;
                            line2?: string;
                            postal_code?: string;
                            city?: string;
                            state?: string;
                            country?: string;
                            phone?: string;
                        } | null;
                        notes: string | null;
                        cancellation_reason: string | null;
                        cancellation_credit_note_id: string | null;
                        refund_credit_note_id: string | null;
                        resent_from: string | null;
                        /** @description Imported from another system */
                        imported: boolean;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        order_date: string;
                        shipped_at: string | null;
                        delivered_at: string | null;
                        cancelled_at: string | null;
                        /** Format: date-time */
                        status_updated_at: string;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        updated_at: string;
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "reports.dashboard": {
        parameters: {
            query?: {
                /** @description Months to show */
                months?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description The tenant clock's time
                         */
                        as_of: string;
                        active_contracts: number;
                        customers: number;
                        /** @description Issued invoices that still owe something */
                        open_invoices: number;
                        currencies: {
                            currency: string;
                            /** @description A decimal amount in the currency */
                            mrr: string;
                            active_contracts: number;
                            months: {
                                /** @description YYYY-MM (UTC) */
                                month: string;
                                /** @description Monthly recurring revenue at the month's end (now for this month) */
                                mrr: string;
                                active_contracts: number;
                                /** @description Invoices issued in the month (gross) */
                                invoiced: string;
                                /** @description What credit notes issued in the month gave back (gross) */
                                credited: string;
                                /** @description Payments received less refunds */
                                collected: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
