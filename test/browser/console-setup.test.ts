/**
 * The console's set-up pages in a real browser (Debian's chromium via playwright-core)
 * against a listening server: the catalog, discounts and coupons, webhook endpoints with a
 * delivery's payload, response and retry, API keys and roles, console users, business
 * entities; a customer added, signed up, paused and resumed, and quoted. Each page is
 * driven at 1280 px, then checked at 390 px (nothing scrolls sideways), with axe; the
 * results are read back through the API and screenshots kept under test-results/.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatMoney } from "../../web/shared/format.js";
import { BACKENDS } from "../harness.js";
import { Receiver, webhookWorker } from "../webhook-receiver.js";
import {
  apiClient,
  closePageWorld,
  expectAccessible,
  expectBothWidths,
  openPageWorld,
  type PageWorld,
  screenshot,
  signInToConsole,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

for (const backend of BACKENDS) {
  describe(`console set-up pages in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    let receiver: Receiver | undefined;
    const api = apiClient(
      () => base,
      () => key,
    );
    const _shot = (name: string) => screenshot(page, `${backend}-console-${name}`);

    /** Opens a page from the navigation and waits for its heading. */
    const open = async (link: string, heading = link) => {
      await page.getByRole("navigation").getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    };

    /** Axe and a screenshot at 1280 px, then at 390 px with no sideways scrolling. */
    const checkBothWidths = (name: string) => expectBothWidths(page, `${backend}-console-${name}`);

    const status = (form: ReturnType<Page["getByRole"]>) => form.getByRole("status");
    /** The contract the signup test made, for the tests after it. */
    let signedUp: string | undefined;

    beforeAll(async () => {
      [world, receiver] = await Promise.all([
        openPageWorld(backend, "Set-up Ltd", { webhookAllowPrivate: true }),
        Receiver.start(),
      ]);
      ({ base, key, page, errors } = world);
      await signInToConsole(page, base, key);
    });

    afterAll(async () => {
      await receiver?.close();
      await closePageWorld(world);
    });

    it("sets up the catalog: a plan group, a plan, a variant with its price, components with price models", async () => {
      await open("Catalog");
      await page.getByText("No plan groups yet.").waitFor();

      const groupForm = page.getByRole("form", { name: "Create a plan group", exact: true });
      await groupForm.getByLabel("Name", { exact: true }).fill("Cloud");
      await groupForm.getByLabel("Currency").fill("eur");
      await groupForm.getByRole("button", { name: "Create plan group" }).click();
      await expect
        .poll(() => status(groupForm).textContent())
        .toContain("Created plan group Cloud");
      await groupForm.getByLabel("Name", { exact: true }).fill("Archive");
      await groupForm.getByLabel("Currency").fill("USD");
      await groupForm.getByLabel("Prices are").selectOption("gross");
      await groupForm.getByRole("button", { name: "Create plan group" }).click();
      await expect
        .poll(() => status(groupForm).textContent())
        .toContain("Created plan group Archive");
      await page.getByText("2 plan groups").waitFor();

      const planForm = page.getByRole("form", { name: "Create a plan", exact: true });
      await planForm.getByLabel("Plan group").selectOption({ label: "Cloud (EUR)" });
      await planForm.getByLabel("Name", { exact: true }).fill("Team");
      await planForm.getByLabel("Orders need approval").check();
      await planForm.getByRole("button", { name: "Create plan" }).click();
      await expect.poll(() => status(planForm).textContent()).toContain("Created plan Team");

      const variantForm = page.getByRole("form", { name: "Create a plan variant", exact: true });
      await variantForm.getByLabel("Plan", { exact: true }).selectOption({ label: "Cloud › Team" });
      await variantForm.getByLabel("Name", { exact: true }).fill("Team yearly");
      await variantForm.getByLabel("Recurring fee").fill("290.00");
      await variantForm.getByLabel("Every").fill("1");
      await variantForm.getByLabel("Unit").selectOption("year");
      await variantForm.getByLabel("Setup fee (optional)").fill("49");
      await variantForm.getByRole("button", { name: "Create plan variant" }).click();
      await expect
        .poll(() => status(variantForm).textContent())
        .toMatch(/: 290(\.00)? EUR per year\.$/);

      const componentForm = page.getByRole("form", { name: "Create a component", exact: true });
      await componentForm.getByLabel("Name", { exact: true }).fill("Seats");
      await componentForm.getByLabel("Unit (optional)").fill("seat");
      await componentForm.getByLabel("Price per unit").fill("5.00");
      await componentForm.getByRole("button", { name: "Create component" }).click();
      await expect
        .poll(() => status(componentForm).textContent())
        .toMatch(/: 5(\.00)? EUR per seat\.$/);
      await componentForm.getByLabel("Name", { exact: true }).fill("Storage");
      await componentForm.getByLabel("Type").selectOption("metered");
      await componentForm.getByLabel("Unit (optional)").fill("GB");
      await componentForm.getByLabel("Price model").selectOption("tiered");
      await componentForm.getByLabel("Tiers").fill("0 0.10\n100: 0.05");
      await componentForm.getByRole("button", { name: "Create component" }).click();
      await expect
        .poll(() => status(componentForm).textContent())
        .toMatch(/tiered: from 0 0\.10? EUR; from 100 0\.05 EUR\.$/);

      // what the API holds is what the forms said
      const groups = (await api("GET", "/v1/plan_groups")).data;
      const cloud = groups.find((g: { name: string }) => g.name === "Cloud");
      expect(cloud).toMatchObject({ currency: "EUR", price_type: "net" });
      expect(groups.find((g: { name: string }) => g.name === "Archive")).toMatchObject({
        currency: "USD",
        price_type: "gross",
      });
      const [plan] = (await api("GET", "/v1/plans")).data;
      expect(plan).toMatchObject({
        plan_group_id: cloud.id,
        name: "Team",
        requires_order_approval: true,
      });
      const [variant] = (await api("GET", "/v1/plan_variants")).data;
      expect(variant).toMatchObject({
        plan_id: plan.id,
        internal_name: "Team yearly",
        fee_period: { unit: "year", count: 1 },
      });
      expect([Number(variant.recurring_fee), Number(variant.setup_fee)]).toEqual([290, 49]);
      const components = (await api("GET", `/v1/components?parent_id=${cloud.id}`)).data;
      expect(
        components.map((c: any) => [
          c.name,
          c.type,
          c.price_model,
          c.unit,
          c.tiers.map((t: { from: string; price: string }) => [Number(t.from), Number(t.price)]),
        ]),
      ).toEqual(
        expect.arrayContaining([
          ["Seats", "quantity", "per_unit", "seat", []],
          [
            "Storage",
            "metered",
            "tiered",
            "GB",
            [
              [0, 0.1],
              [100, 0.05],
            ],
          ],
        ]),
      );
      const seats = components.find((c: { name: string }) => c.name === "Seats");
      expect(Number(seats.price_per_unit)).toBe(5);

      // names where ids would be: the plan's group, the variant's plan; ids stay readable
      const plans = page.getByRole("region", { name: "Plans" });
      await expect(plans.getByRole("row", { name: /Team/ }).textContent()).resolves.toContain(
        "Cloud",
      );
      await expect(plans.getByText(plan.id).count()).resolves.toBe(1);
      await expect(
        page.getByRole("region", { name: "Plan variants" }).textContent(),
      ).resolves.toContain("Cloud › Team");

      // sorting: by name descending puts Cloud first, ascending Archive
      const groupTable = page.getByRole("region", { name: "Plan groups" });
      const firstGroup = () => groupTable.locator("tbody tr").first().textContent();
      await groupTable.getByRole("button", { name: "Name" }).click();
      await expect.poll(firstGroup).toContain("Archive");
      await groupTable.getByRole("button", { name: "Name" }).click();
      await expect.poll(firstGroup).toContain("Cloud");
      await expect(
        groupTable.getByRole("columnheader", { name: /Name/ }).getAttribute("aria-sort"),
      ).resolves.toBe("descending");

      // filter by plan group: the USD group has no components
      await page.getByLabel("Show plan group").selectOption({ label: "Archive" });
      await page.getByText("0 components").waitFor();
      await page.getByLabel("Show plan group").selectOption({ label: "All plan groups" });
      await page.getByText("2 components").waitFor();

      // a refusal is the API's own message
      await componentForm.getByLabel("Name", { exact: true }).fill("Broken");
      await componentForm.getByLabel("Price model").selectOption("tiered");
      await componentForm.getByLabel("Tiers").fill("not a tier line");
      await componentForm.getByRole("button", { name: "Create component" }).click();
      await expect
        .poll(() => componentForm.getByRole("alert").textContent())
        .toContain('A tier is "from price"');
      await checkBothWidths("catalog");
    });

    it("creates discounts and a coupon", async () => {
      await open("Discounts and coupons");
      const discountForm = page.getByRole("form", { name: "Create a discount", exact: true });
      await discountForm.getByLabel("Plan group").selectOption({ label: "Cloud (EUR)" });
      await discountForm.getByLabel("Name", { exact: true }).fill("Launch");
      await discountForm.getByLabel("Percent off").fill("12.5");
      await discountForm.getByLabel("Duration").selectOption("period");
      await discountForm.getByLabel("Length").fill("3");
      await discountForm.getByRole("button", { name: "Create discount" }).click();
      await expect
        .poll(() => status(discountForm).textContent())
        .toContain("12.5 % off the recurring fee, for 3 months");
      await discountForm.getByLabel("Name", { exact: true }).fill("Five off");
      await discountForm.getByLabel("Kind").selectOption("fixed_amount");
      await discountForm.getByLabel("Amount off (EUR)").fill("5");
      await discountForm.getByLabel("Applies to").selectOption("all");
      await discountForm.getByLabel("Duration").selectOption("forever");
      await discountForm.getByRole("button", { name: "Create discount" }).click();
      await expect
        .poll(() => status(discountForm).textContent())
        .toContain("5.00 EUR off fee and components, forever");

      const couponForm = page.getByRole("form", { name: "Create a coupon", exact: true });
      await couponForm.getByLabel("Discount").selectOption({ label: "Launch" });
      await couponForm.getByLabel("Code").fill("LAUNCH25");
      await couponForm.getByLabel("Valid until (optional)").fill("2030-01-31");
      await couponForm.getByLabel("Most redemptions (optional)").fill("100");
      await couponForm.getByRole("button", { name: "Create coupon" }).click();
      await expect
        .poll(() => status(couponForm).textContent())
        .toContain("Created coupon LAUNCH25");

      const discounts = (await api("GET", "/v1/discounts")).data;
      const launch = discounts.find((d: { name: string }) => d.name === "Launch");
      expect(launch).toMatchObject({
        kind: "percentage",
        percent: "12.5",
        applies_to: "recurring_fee",
        duration: { unit: "month", count: 3 },
      });
      expect(discounts.find((d: { name: string }) => d.name === "Five off")).toMatchObject({
        kind: "fixed_amount",
        amount: "500",
        applies_to: "all",
        duration: "forever",
      });
      const [coupon] = (await api("GET", "/v1/coupons")).data;
      expect(coupon).toMatchObject({
        code: "LAUNCH25",
        discount_id: launch.id,
        max_redemptions: 100,
        valid_until: "2030-01-31T00:00:00.000Z",
      });
      // the coupon's discount by name, its use against its limit
      const coupons = page.getByRole("region", { name: "Coupons" });
      await expect(coupons.getByRole("row", { name: /LAUNCH25/ }).textContent()).resolves.toMatch(
        /Launch.*0 of 100/,
      );
      await page.getByText("2 discounts").waitFor();

      // a code taken already is refused with the API's code
      await couponForm.getByLabel("Code").fill("launch25");
      await couponForm.getByRole("button", { name: "Create coupon" }).click();
      await expect.poll(() => couponForm.getByRole("alert").textContent()).toMatch(/\(\w+\)$/);
      await checkBothWidths("discounts");
    });

    it("adds a webhook endpoint, shows a delivery's payload and response, and retries it", async () => {
      receiver!.answer = (_req, n) =>
        n === 0 ? { status: 500, body: "receiver broke" } : { status: 200, body: "thanks" };
      await open("Webhooks");
      const form = page.getByRole("form", { name: "Add an endpoint", exact: true });
      await form.getByLabel("URL").fill(receiver!.url);
      await form.getByLabel("Description (optional)").fill("Back office");
      await form.getByLabel("Event types").fill("customer.*");
      await form.getByRole("button", { name: "Add endpoint" }).click();
      await expect.poll(() => status(form).textContent()).toContain("Created endpoint");
      const secret = (await form.locator(".secret code").textContent())!;
      expect(secret).toMatch(/^whsec_/);
      const [endpoint] = (await api("GET", "/v1/webhook_endpoints")).data;
      expect(endpoint).toMatchObject({
        url: receiver!.url,
        description: "Back office",
        event_types: ["customer.*"],
        enabled: true,
      });
      // the secret signs what the receiver gets
      const customer = await api("POST", "/v1/customers", {
        email: "hook@example.com",
        company_name: "Hook GmbH",
      });
      const worker = webhookWorker(world!.database.db);
      try {
        await worker.tick();
        expect(receiver!.received).toHaveLength(1);
        expect(Receiver.verify(secret, receiver!.received[0]!)).toMatchObject({
          type: "customer.created",
        });

        // the failed delivery, found by its status and endpoint
        await page.reload();
        await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
        await page.getByLabel("Endpoint", { exact: true }).selectOption({ label: "Back office" });
        await page.getByLabel("Status", { exact: true }).selectOption("succeeded");
        await page.getByText("No deliveries match.").waitFor();
        await page.getByText("0 deliveries", { exact: true }).waitFor();
        await page.getByLabel("Status", { exact: true }).selectOption("pending");
        const deliveries = page.getByRole("region", { name: "Webhook deliveries, newest first" });
        await expect
          .poll(() => deliveries.getByRole("row").nth(1).textContent())
          .toMatch(/customer\.created.*Back office.*pending.*HTTP 500/);
        // the count is the API's
        await page.getByText("1 delivery", { exact: true }).waitFor();
        const listed = await api(
          "GET",
          `/v1/webhook_deliveries?status=pending&endpoint_id=${endpoint.id}&include_total=true`,
        );
        expect(listed.total_count).toBe(1);
        await checkBothWidths("webhooks");
        await deliveries.getByRole("link", { name: "customer.created" }).click();
        await page
          .getByRole("heading", { level: 1, name: "Delivery of customer.created" })
          .waitFor();
        const attempts = page.getByRole("region", { name: "Attempts, newest first" });
        await expect(attempts.textContent()).resolves.toMatch(/HTTP 500.*receiver broke/);
        const payload = page.getByRole("region", { name: "Payload" });
        await expect(payload.textContent()).resolves.toContain(customer.id);
        await expect(payload.textContent()).resolves.toContain("Hook GmbH");
        await checkBothWidths("webhook-delivery");

        await page.getByRole("button", { name: "Retry this delivery now" }).click();
        await expect
          .poll(
            async () =>
              (await api("GET", "/v1/audit_events?operation=webhook_deliveries.redeliver")).data
                .length,
          )
          .toBe(1);
        worker.time.advance(60_000);
        await worker.tick();
        expect(receiver!.received).toHaveLength(2);
        await page.reload();
        await expect
          .poll(() => attempts.locator("tbody tr").first().textContent())
          .toMatch(/succeeded.*HTTP 200.*thanks/);
        await page
          .getByRole("heading", { level: 1, name: "Delivery of customer.created" })
          .waitFor();
        await expect(page.locator("dl.facts").textContent()).resolves.toContain("succeeded");
      } finally {
        await worker.stop();
      }

      // pausing the endpoint, from its row
      await page.getByRole("link", { name: "All webhooks" }).click();
      await page.getByRole("button", { name: "Pause: Back office" }).click();
      await page.getByRole("button", { name: "Resume: Back office" }).waitFor();
      expect((await api("GET", `/v1/webhook_endpoints/${endpoint.id}`)).enabled).toBe(false);
    });

    it("creates an API key (its secret shown once), a role, and revokes the key", async () => {
      await open("API keys and roles");
      const roleForm = page.getByRole("form", { name: "Create a role", exact: true });
      await roleForm.getByLabel("Name", { exact: true }).fill("order_desk");
      await roleForm.getByLabel("Description (optional)").fill("takes orders");
      await roleForm.getByLabel("Permissions").fill("customers:read, orders:read\norders:write");
      await roleForm.getByRole("button", { name: "Create role" }).click();
      await expect
        .poll(() => status(roleForm).textContent())
        .toContain("Created role order_desk with 3 permissions");
      const role = await api("GET", "/v1/roles/order_desk");
      expect(role.permissions.sort()).toEqual(["customers:read", "orders:read", "orders:write"]);

      const keyForm = page.getByRole("form", { name: "Create an API key", exact: true });
      await keyForm.getByLabel("Name", { exact: true }).fill("Shop back end");
      await keyForm.getByRole("button", { name: "Create API key" }).click();
      await expect
        .poll(() => keyForm.getByRole("alert").textContent())
        .toContain("Choose at least one role.");
      await keyForm.getByLabel("order_desk").check();
      await keyForm.getByRole("button", { name: "Create API key" }).click();
      await expect.poll(() => status(keyForm).textContent()).toContain("with order_desk");
      const secret = (await keyForm.locator(".secret code").textContent())!;
      expect(secret).toMatch(/^ak_/);
      const read = (path: string) =>
        fetch(`${base}${path}`, { headers: { authorization: `Bearer ${secret}` } });
      expect((await read("/v1/customers")).status).toBe(200);
      expect((await read("/v1/api_keys")).status).toBe(403);
      await checkBothWidths("api-keys");

      await page.getByRole("button", { name: "Revoke: Shop back end" }).click();
      await expect.poll(async () => (await read("/v1/customers")).status).toBe(401);
      await page.getByText("1 active key", { exact: true }).waitFor();
      await page.getByLabel("Show revoked keys").check();
      await page.getByText("2 keys").waitFor();
    });

    it("names customers in the lists and filters them by customer and status", async () => {
      const hook = (await api("GET", "/v1/customers?q=Hook")).data[0];
      const other = await api("POST", "/v1/customers", {
        email: "o@example.com",
        first_name: "Olga",
        last_name: "Other",
      });
      for (const [customer, amount] of [
        [hook.id, "12.00"],
        [other.id, "7.50"],
      ]) {
        await api("POST", `/v1/customers/${customer}/record_excess_payment`, {
          amount,
          currency: "EUR",
        });
      }
      await open("Payments");
      const payments = page.getByRole("region", { name: "Payments, refunds and write-offs" });
      await payments.getByRole("link", { name: "Hook GmbH" }).waitFor();
      await payments.getByRole("link", { name: "Olga Other" }).waitFor();
      await expect(payments.getByText(other.id).count()).resolves.toBe(1);
      const filter = page.getByRole("form", { name: "Filter payments by customer" });
      await filter.getByLabel("Customer (name or id)").fill(hook.id);
      await filter.getByRole("button", { name: "Filter" }).click();
      await expect.poll(() => payments.locator("tbody tr").count()).toBe(1);
      await expect(payments.textContent()).resolves.toContain("12.00 EUR");
      await expect(page.getByText("Only payments of").textContent()).resolves.toContain(
        "Hook GmbH",
      );
      expect(page.url()).toContain(`customer=${hook.id}`);
      await checkBothWidths("payments-filtered");

      // invoices by status: the address keeps the filter
      await open("Invoices");
      await page.getByLabel("Status", { exact: true }).selectOption("void");
      await page.getByText("No documents match.").waitFor();
      expect(page.url()).toContain("#/invoices?status=void");
      await expectAccessible(page, "invoices filtered");
    });

    it("adds a business entity and transfers a customer to it", async () => {
      await open("Business entities");
      const form = page.getByRole("form", { name: "Add a business entity", exact: true });
      await form.getByLabel("Name", { exact: true }).fill("Set-up Nordic AS");
      await form.getByLabel("Country (optional)").fill("no");
      await form.getByLabel("Invoice number prefix (optional)").fill("NO-");
      await form.getByLabel("Payment terms (days)").fill("30");
      await form.getByLabel("Currencies (optional)").fill("nok, eur");
      await form.getByRole("button", { name: "Add business entity" }).click();
      await expect
        .poll(() => status(form).textContent())
        .toContain("Created business entity Set-up Nordic AS");
      const nordic = (await api("GET", "/v1/business_entities")).data.find(
        (e: { name: string }) => e.name === "Set-up Nordic AS",
      );
      expect(nordic).toMatchObject({
        country: "NO",
        invoice_prefix: "NO-",
        payment_terms_days: 30,
        currencies: ["NOK", "EUR"],
        is_default: false,
      });

      // a customer in credit stays: the API's refusal is shown
      const olga = (await api("GET", "/v1/customers?q=Olga")).data[0];
      const transfer = page.getByRole("form", { name: "Transfer a customer", exact: true });
      await transfer.getByLabel("Customer id").fill(olga.id);
      await transfer.getByLabel("To", { exact: true }).selectOption({ label: "Set-up Nordic AS" });
      await transfer.getByRole("button", { name: "Transfer customer" }).click();
      await expect
        .poll(() => transfer.getByRole("alert").textContent())
        .toContain("(refundable_credits)");
      const nina = await api("POST", "/v1/customers", {
        email: "nina@example.com",
        first_name: "Nina",
        last_name: "Nomad",
      });
      await transfer.getByLabel("Customer id").fill(nina.id);
      await transfer.getByRole("button", { name: "Transfer customer" }).click();
      await expect
        .poll(() => status(transfer).textContent())
        .toContain(`Transferred ${nina.id} to Set-up Nordic AS`);
      const transfers = page.getByRole("region", { name: "Customer transfers" });
      await transfers.getByRole("link", { name: "Nina Nomad" }).waitFor();
      await expect(transfers.textContent()).resolves.toContain("Set-up Nordic AS");
      const [made] = (await api("GET", "/v1/business_entity_transfers?resource_type=customer"))
        .data;
      expect(made).toMatchObject({
        active_resource_id: nina.id,
        destination_business_entity_id: nordic.id,
      });
      await checkBothWidths("business-entities");
    });

    it("adds a customer and signs it up to a plan with a coupon; a refused signup writes nothing", async () => {
      await open("Customers");
      const form = page.getByRole("form", { name: "Add a customer", exact: true });
      await form.getByLabel("Type").selectOption("business");
      await form.getByLabel("Company name").fill("Ada Analytics GmbH");
      await form.getByLabel("First name").fill("Ada");
      await form.getByLabel("Last name").fill("Byron");
      await form.getByLabel("E-mail (optional)").fill("ada@analytics.example");
      await form.getByLabel("Time zone").fill("Europe/Berlin");
      await form.getByRole("button", { name: "Add customer" }).click();
      await page.getByRole("heading", { level: 1, name: "Ada Analytics GmbH" }).waitFor();
      const id = decodeURIComponent(page.url().split("/").pop()!);
      expect(await api("GET", `/v1/customers/${id}`)).toMatchObject({
        customer_type: "business",
        company_name: "Ada Analytics GmbH",
        first_name: "Ada",
        last_name: "Byron",
        email: "ada@analytics.example",
        time_zone: "Europe/Berlin",
      });

      const signup = page.getByRole("form", { name: "Sign up to a plan", exact: true });
      const [variant] = (await api("GET", "/v1/plan_variants")).data;
      await signup.getByLabel("Plan variant").selectOption(variant.id);
      await expect(signup.getByLabel("Plan variant").textContent()).resolves.toContain(
        "Team · Team yearly · 290 EUR / year",
      );
      // an unknown coupon: the API's refusal under the form, and no order, no contract
      await signup.getByLabel("Coupon code (optional)").fill("NOPE");
      await signup.getByRole("button", { name: "Sign up" }).click();
      await expect.poll(() => signup.getByRole("alert").textContent()).toContain("unknown_coupon");
      expect((await api("GET", `/v1/contracts?customer_id=${id}`)).data).toEqual([]);

      await signup.getByLabel("Coupon code (optional)").fill("LAUNCH25");
      await signup.getByLabel("Quantity (optional)").fill("2");
      await signup.getByRole("button", { name: "Sign up" }).click();
      // the Team plan asks for approval: the order waits, its contract does not exist yet
      await expect.poll(() => status(signup).textContent()).toContain("waits for approval");
      const orderId = /Order (\S+) waits/.exec((await status(signup).textContent())!)![1]!;
      const order = await api("GET", `/v1/orders/${orderId}`);
      expect(order).toMatchObject({
        type: "signup",
        status: "approval_pending",
        customer_id: id,
        plan_variant_id: variant.id,
        quantity: "2",
        coupon_code: "LAUNCH25",
      });
      expect((await api("GET", `/v1/contracts?customer_id=${id}`)).data).toEqual([]);
      // approved, the contract is on the customer's page
      await api("POST", `/v1/orders/${orderId}/approve`, {});
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Ada Analytics GmbH" }).waitFor();
      await page.getByRole("link", { name: order.contract_id, exact: true }).waitFor();
      await checkBothWidths("customer-signup");
      signedUp = order.contract_id;
    });

    it("pauses a contract, schedules its resumption, cancels that and resumes it now", async () => {
      const contractId = signedUp!;
      await page.getByRole("link", { name: contractId, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: `Contract ${contractId}` }).waitFor();
      const section = page.getByRole("region", { name: "Pause and resume" });
      const pause = section.getByRole("form", { name: "Pause the contract" });
      await pause.getByRole("button", { name: "Pause" }).click();
      await expect.poll(() => status(section).textContent()).toContain("Paused");
      expect((await api("GET", `/v1/contracts/${contractId}`)).status).toBe("temporarily_inactive");
      const rested = (await api("GET", `/v1/subscription_actions?contract_id=${contractId}`)).data;
      expect(rested.map((a: { action: string; state: string }) => [a.action, a.state])).toEqual([
        ["rest", "executed"],
      ]);

      // resting, the page offers to resume: on a later day first, then that is cancelled
      const resume = section.getByRole("form", { name: "Resume the contract" });
      await resume.getByLabel("On (optional)").fill("2099-03-01");
      await resume.getByRole("button", { name: "Resume" }).click();
      await expect
        .poll(() => status(section).textContent())
        .toContain("Resumption scheduled for 2099-03-01");
      await section.getByText("Resume scheduled for").waitFor();
      await checkBothWidths("contract-pause");
      await section.getByRole("button", { name: "Cancel the scheduled resumption" }).click();
      await section.getByText("Resume scheduled for").waitFor({ state: "detached" });
      const actions = (await api("GET", `/v1/subscription_actions?contract_id=${contractId}`)).data;
      const scheduled = actions.find((a: { action: string }) => a.action === "end_resting");
      expect(scheduled).toMatchObject({
        state: "cancelled",
        scheduled_date: "2099-03-01T00:00:00.000Z",
      });

      await section
        .getByRole("form", { name: "Resume the contract" })
        .getByRole("button", { name: "Resume" })
        .click();
      await section.getByRole("form", { name: "Pause the contract" }).waitFor();
      expect((await api("GET", `/v1/contracts/${contractId}`)).status).not.toBe(
        "temporarily_inactive",
      );
    });

    it("quotes a subscription from the customer's page: its lines and PDF, declined, then one accepted", async () => {
      await page.getByRole("link", { name: "Ada Analytics GmbH", exact: true }).first().click();
      await page.getByRole("heading", { level: 1, name: "Ada Analytics GmbH" }).waitFor();
      const quoteOne = async (quantity: string) => {
        const form = page.getByRole("form", { name: "Quote a subscription", exact: true });
        await form.getByLabel("Quantity (optional)").fill(quantity);
        await form.getByLabel("Coupon code (optional)").fill("LAUNCH25");
        await form.getByLabel("Valid until (optional)").fill("2099-12-31");
        await form.getByRole("button", { name: "Create quote" }).click();
        await page.getByRole("heading", { level: 1, name: /^Quote / }).waitFor();
        return decodeURIComponent(page.url().split("/").pop()!);
      };
      const first = await quoteOne("3");
      const quote = await api("GET", `/v1/quotes/${first}`);
      expect(quote).toMatchObject({
        type: "subscription",
        status: "open",
        valid_until: "2099-12-31T23:59:59.000Z",
        input: { quantity: "3", coupon_code: "LAUNCH25" },
      });
      expect(quote.lines.length).toBeGreaterThan(0);
      // the page shows the quote's own lines and totals
      const lines = page.getByRole("region", { name: /^Lines/ });
      await lines
        .locator("tbody tr")
        .nth(quote.lines.length - 1)
        .waitFor();
      await expect(lines.locator("tbody tr").count()).resolves.toBe(quote.lines.length);
      await expect(page.locator("dl.totals").textContent()).resolves.toContain(
        formatMoney(quote.total_gross, quote.currency),
      );
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download PDF" }).click();
      const file = await (await download).path();
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
      await checkBothWidths("quote");
      await page.getByRole("button", { name: "Decline quote" }).click();
      await page.locator("dl.facts .badge", { hasText: "declined" }).waitFor();
      expect((await api("GET", `/v1/quotes/${first}`)).status).toBe("declined");

      await page.getByRole("link", { name: "Ada Analytics GmbH", exact: true }).first().click();
      const second = await quoteOne("1");
      await page.getByRole("button", { name: "Accept quote" }).click();
      await page.locator("dl.facts .badge", { hasText: "accepted" }).waitFor();
      const accepted = await api("GET", `/v1/quotes/${second}`);
      expect(accepted.status).toBe("accepted");
      expect(accepted.order_id).toMatch(/^ord_/);

      await open("Quotes");
      const list = page.getByRole("region", { name: "Quotes" });
      await list.locator("tbody tr").nth(1).waitFor();
      await expect(list.locator("tbody tr").count()).resolves.toBe(2);
      // a row's customer link shows the id until the customer's name is fetched
      await expect
        .poll(() => list.getByRole("link", { name: "Ada Analytics GmbH" }).count())
        .toBe(2);
      await checkBothWidths("quotes");
    });

    it("adds a console user, who signs in, and disables one", async () => {
      await open("Console users");
      const form = page.getByRole("form", { name: "Add a console user", exact: true });
      await form.getByLabel("Name", { exact: true }).fill("Fiona Finance");
      await form.getByLabel("E-mail").fill("fiona@setup.example");
      // with a password rather than an invitation (console-invitations.test.ts invites)
      await form.getByLabel("Send an invitation").uncheck();
      await form.getByLabel("Password").fill("a long enough password");
      await form.getByLabel("finance", { exact: true }).check();
      await form.getByRole("button", { name: "Add console user" }).click();
      await expect
        .poll(() => status(form).textContent())
        .toContain("Created console user Fiona Finance");
      const session = await fetch(`${base}/v1/console_sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "fiona@setup.example", password: "a long enough password" }),
      });
      expect(session.status).toBe(201);
      await checkBothWidths("console-users");
      await page.getByRole("button", { name: "Disable: Fiona Finance" }).click();
      await page.getByText(/^disabled \d{4}-/).waitFor();
      const [user] = (await api("GET", "/v1/console_users")).data;
      expect(user.disabled_at).not.toBeNull();
      // the refusals the tests provoked (a coupon code taken, a transfer refused) are logged
      expect(errors.filter((e) => !/status of (409|422)\b/.test(e))).toEqual([]);
    });
  });
}
