/**
 * The published `billwerk` npm client (2.1.0), unmodified, against a running server.
 */
import BillwerkModule from "billwerk";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeServer, type TestServer } from "../server.js";
import { Receiver, webhookWorker } from "../webhook-receiver.js";

type Client = Record<string, (...args: unknown[]) => Promise<any>>;
type Ctor = new (...args: unknown[]) => Client;
// CommonJS with `exports.default`: Node hands over the exports object, bundlers the class
const BillwerkAPI: Ctor =
  (BillwerkModule as { default?: Ctor }).default ?? (BillwerkModule as Ctor);

/** The published client, unmodified, pointed at the test server over plain HTTP. */
function billwerkClient(server: TestServer): Client {
  const { host } = new URL(server.url);
  return new BillwerkAPI(
    server.tenant.oauth_client_id,
    server.tenant.oauth_client_secret,
    host,
    "/api/v1",
    false,
  );
}

describeServer("billwerk 2.1.0 client: customers", (t) => {
  const client = () => billwerkClient(t.server);

  it("createCustomer → getCustomer → patchCustomer → putCustomer → deleteCustomer", async () => {
    const bw = client();
    const created = await bw.createCustomer!({
      CompanyName: "Acme GmbH",
      FirstName: "Ada",
      LastName: "Lovelace",
      EmailAddress: "billing@acme.example",
      ExternalCustomerId: "bw-ext-1",
      CustomerType: "Business",
      Locale: "de-DE",
      Address: {
        Street: "Hauptstraße",
        HouseNumber: "5",
        PostalCode: "10115",
        City: "Berlin",
        Country: "DE",
      },
      CustomFields: { segment: "smb" },
    });
    expect(created).toMatchObject({
      CompanyName: "Acme GmbH",
      CustomerName: "Acme GmbH",
      CustomerSubName: "Ada Lovelace",
      EmailAddress: "billing@acme.example",
      CustomerType: "Business",
      IsLocked: false,
      IsDeletable: true,
      Address: { Street: "Hauptstraße", City: "Berlin", Country: "DE" },
      CustomFields: { segment: "smb" },
    });
    expect(created.Id).toMatch(/^cus_/);
    expect(created).toHaveProperty("DeletedAt", null);
    expect(created.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);

    const read = await bw.getCustomer!(created.Id);
    expect(read).toEqual(created);

    const patched = await bw.patchCustomer!(created.Id, {
      EmailAddress: "ap@acme.example",
      Address: { City: "Hamburg" },
    });
    expect(patched).toMatchObject({
      EmailAddress: "ap@acme.example",
      CompanyName: "Acme GmbH",
      Address: { City: "Hamburg", Street: "Hauptstraße" },
    });

    // PUT with what was read back (read-only fields included) replaces the whole customer
    const replaced = await bw.putCustomer!(created.Id, {
      ...patched,
      CompanyName: null,
      Tag: "vip",
    });
    expect(replaced).toMatchObject({
      CompanyName: null,
      Tag: "vip",
      FirstName: "Ada",
      CustomerName: "Ada Lovelace",
    });

    // the same customer through the native API
    const native = await t.server.get(`/v1/customers/${created.Id}`);
    expect(native.body).toMatchObject({
      email: "ap@acme.example",
      tag: "vip",
      external_id: "bw-ext-1",
    });

    const deleted = await bw.deleteCustomer!(created.Id);
    expect(deleted).toEqual({});
    const gone = await bw.getCustomer!(created.Id);
    expect(gone).toMatchObject({ Code: "customer_not_found" });
  });

  it("getCustomers pages through more than one 500-item page exactly once each", async () => {
    await sql`
      INSERT INTO customers (id, tenant_id, email, created_at, updated_at, business_entity_id)
      SELECT 'cus_' || lpad(g::text, 26, '0'), ${t.server.tenant.tenant_id}, 'bulk' || g || '@x.example', now(), now(), e.id
      FROM generate_series(1, 620) AS g
      JOIN business_entities e ON e.tenant_id = ${t.server.tenant.tenant_id} AND e.is_default`.execute(
      t.server.db,
    );
    const all = await client().getCustomers!();
    expect(Array.isArray(all)).toBe(true);
    const ids = all.map((c: { Id: string }) => c.Id);
    expect(new Set(ids).size).toBe(ids.length);
    const total = await t.server.db
      .selectFrom("customers")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .where("tenant_id", "=", t.server.tenant.tenant_id)
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(ids.length).toBe(Number(total.n));
    expect(ids.length).toBeGreaterThanOrEqual(620);
  });

  it("bad input answers 422 in Billwerk's error shape naming the Billwerk field", async () => {
    const res = await fetch(`${t.server.url}/api/v1/Customers`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${t.server.tenant.api_key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ EmailAddress: "nope", Address: { Country: "Germany" } }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ Code: "validation_failed" });
    expect(["body.EmailAddress", "body.Address.Country"]).toContain(body.Details.field);
    expect(body.RequestId).toMatch(/^req_/);
  });

  it("well-behaved clients: 204 on DELETE, ?access_token=, case-insensitive paths, 401 without a token", async () => {
    const created = await t.server.post("/api/v1/Customers", { EmailAddress: "wb@x.example" });
    expect(created.status).toBe(201);
    const del = await t.server.request("DELETE", `/api/v1/customers/${created.body.Id}/`);
    expect(del.status).toBe(204);
    expect(del.body).toBeNull();
    const list = await fetch(
      `${t.server.url}/api/v1/customers?take=1&access_token=${t.server.tenant.api_key}`,
    );
    expect(list.status).toBe(200);
    expect(((await list.json()) as unknown[]).length).toBe(1);
    const anonymous = await t.server.get("/api/v1/Customers", { key: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ Code: "missing_credentials" });
  });
});

describeServer("billwerk 2.1.0 client: plan groups, plans, plan variants", (t) => {
  it("reads the catalog created through the native API", async () => {
    const group = (
      await t.server.post("/v1/plan_groups", {
        name: "Cloud",
        name_translations: { de: "Wolke" },
        currency: "EUR",
        price_type: "gross",
      })
    ).body;
    const plan = (
      await t.server.post("/v1/plans", {
        plan_group_id: group.id,
        name: "Pro",
        trial_period: { unit: "day", count: 14 },
      })
    ).body;
    const variant = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Pro yearly",
        recurring_fee: "299.90",
        fee_period: { unit: "year", count: 1 },
        billing_period: { unit: "month", count: 1 },
        contract_period: { unit: "year", count: 1 },
        notice_period: { unit: "month", count: 3 },
      })
    ).body;
    const bw = billwerkClient(t.server);

    expect(await bw.getPlanGroups!()).toEqual([
      expect.objectContaining({
        Id: group.id,
        Name: { _c: "Cloud", de: "Wolke" },
        Currency: "EUR",
        PriceTaxType: "Gross",
      }),
    ]);
    expect(await bw.getPlanGroup!(group.id)).toMatchObject({ Id: group.id });
    expect(await bw.getPlans!()).toEqual([
      expect.objectContaining({
        Id: plan.id,
        PlanGroupId: group.id,
        TrialPeriod: { Unit: "Day", Quantity: 14 },
        TrialEndPolicy: "ContinueAfterTrial",
      }),
    ]);
    expect(await bw.getPlan!(plan.id)).toMatchObject({ Id: plan.id, Name: { _c: "Pro" } });
    expect(await bw.getPlanVariants!()).toEqual([expect.objectContaining({ Id: variant.id })]);
    expect(await bw.getPlanVariant!(variant.id)).toMatchObject({
      PlanId: plan.id,
      PlanGroupId: group.id,
      RecurringFee: 299.9,
      SetupFee: 0,
      FeePeriod: { Unit: "Year", Quantity: 1 },
      BillingPeriod: { Unit: "Month", Quantity: 1 },
      ContractPeriod: { Unit: "Year", Quantity: 1 },
      CancellationPeriod: { Unit: "Month", Quantity: 3 },
      PaymentPeriodMode: "PrePaid",
    });
    expect(await bw.getPlanVariant!("plv_01J00000000000000000000000")).toMatchObject({
      Code: "plan_variant_not_found",
    });
  });
});

describeServer("billwerk 2.1.0 client: webhooks", (t) => {
  it("createWebhook → thin, signed Billwerk payloads for the chosen events → getWebhooks → deleteWebhook", async () => {
    const receiver = await Receiver.start();
    try {
      const bw = billwerkClient(t.server);
      const hook = await bw.createWebhook!({
        Url: receiver.url,
        Events: ["CustomerCreated", "CustomerLocked"],
      });
      expect(hook).toMatchObject({
        Url: receiver.url,
        Events: ["CustomerCreated", "CustomerLocked"],
        Enabled: true,
      });
      expect(hook.Secret).toMatch(/^whsec_/);
      expect(await bw.getWebhooks!()).toEqual([
        expect.objectContaining({ Id: hook.Id, Url: receiver.url }),
      ]);

      const customer = await bw.createCustomer!({ EmailAddress: "hooked@x.example" });
      await bw.patchCustomer!(customer.Id, { Tag: "not subscribed" });
      await t.server.post(`/v1/customers/${customer.Id}/lock`);
      // per-subject order: the lock waits for the creation's delivery, one tick each
      const worker = webhookWorker(t.server.db);
      for (let i = 0; i < 3; i++) await worker.tick();

      expect(receiver.received.map((r) => r.json.Event)).toEqual([
        "CustomerCreated",
        "CustomerLocked",
      ]);
      const payload = Receiver.verify(hook.Secret, receiver.received[0]!);
      expect(payload).toMatchObject({
        Event: "CustomerCreated",
        EntityId: t.server.tenant.tenant_id,
        CustomerId: customer.Id,
      });

      expect(await bw.createWebhook!({ Url: receiver.url, Events: ["NoSuchEvent"] })).toMatchObject(
        { Code: "unknown_event_type" },
      );

      expect(await bw.deleteWebhook!(hook.Id)).toEqual({});
      expect(await bw.getWebhooks!()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describeServer("billwerk 2.1.0 client: orders and contracts", (t) => {
  it("signup for a new customer → commit → contract; customer contracts; end (singular path) ", async () => {
    await t.server.post("/v1/test_clock", { frozen_time: "2025-05-10T12:00:00Z" });
    const group = (
      await t.server.post("/v1/plan_groups", { name: "Cloud", currency: "EUR", price_type: "net" })
    ).body;
    const plan = (
      await t.server.post("/v1/plans", {
        plan_group_id: group.id,
        name: "Pro",
        trial_period: { unit: "day", count: 14 },
      })
    ).body;
    const variant = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Pro",
        recurring_fee: "10",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const bw = billwerkClient(t.server);

    const order = await bw.createOrder!({
      Customer: { FirstName: "Ada", LastName: "Lovelace", EmailAddress: "ada@x.example" },
      Cart: { PlanVariantId: variant.id, Quantity: 2 },
    });
    expect(order).toMatchObject({
      Status: "InProgress",
      OrderType: "Signup",
      PlanVariantId: variant.id,
      Quantity: 2,
    });
    expect(order.Customer).toMatchObject({ FirstName: "Ada", CustomerName: "Ada Lovelace" });
    expect(order.ContractId).toMatch(/^con_/);

    const contract = await bw.commitOrder!(order.Id, {});
    expect(contract).toMatchObject({
      Id: order.ContractId,
      CustomerId: order.CustomerId,
      LifecycleStatus: "InTrial",
      StartDate: "2025-05-10T12:00:00.0000000Z",
      Phases: [
        {
          Type: "Trial",
          StartDate: "2025-05-10T12:00:00.0000000Z",
          PlanVariantId: variant.id,
          Quantity: 2,
        },
        {
          Type: "Normal",
          StartDate: "2025-05-24T12:00:00.0000000Z",
          PlanVariantId: variant.id,
          Quantity: 2,
        },
      ],
      Currency: "EUR",
    });
    expect(await bw.getContract!(order.ContractId)).toEqual(contract);
    expect(await bw.getContracts!()).toEqual([contract]);
    expect(await bw.getCustomerContracts!(order.CustomerId)).toEqual([contract]);

    // committing again: a 422 in Billwerk's shape (the client resolves it as data)
    expect(await bw.commitOrder!(order.Id, {})).toMatchObject({ Code: "invalid_order_transition" });

    const token = await bw.getContractSelfServiceToken!(order.ContractId);
    expect(token).toMatchObject({ Purpose: "CustomerPortal" });
    expect(token.Token).toMatch(/^sst_/);
    expect(token.Expiry).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);

    const ended = await bw.endContract!(order.ContractId, { EndDate: "2025-12-31T00:00:00Z" });
    expect(ended).toMatchObject({
      EndDate: "2025-12-31T00:00:00.0000000Z",
      LifecycleStatus: "InTrial",
    });
    expect(ended.Phases.at(-1)).toMatchObject({
      Type: "Inactive",
      StartDate: "2025-12-31T00:00:00.0000000Z",
    });
    expect(
      await bw.endContract!(order.ContractId, { EndDate: "2025-01-01T00:00:00Z" }),
    ).toMatchObject({ Code: "end_before_start" });
  });

  it("approval: commit → ApprovalPending → approve / decline; approving a plain order is 422", async () => {
    const group = (
      await t.server.post("/v1/plan_groups", { name: "Ent", currency: "EUR", price_type: "net" })
    ).body;
    const plan = (
      await t.server.post("/v1/plans", {
        plan_group_id: group.id,
        name: "Ent",
        requires_order_approval: true,
      })
    ).body;
    const variant = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Ent",
        recurring_fee: "99",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const customer = (await t.server.post("/v1/customers", { email: "ent@x.example" })).body;
    const bw = billwerkClient(t.server);

    const first = await bw.createOrder!({
      CustomerId: customer.id,
      Cart: { PlanVariantId: variant.id },
    });
    expect(await bw.commitOrder!(first.Id, {})).toMatchObject({
      Id: first.Id,
      Status: "ApprovalPending",
    });
    expect(await bw.approveOrder!(first.Id)).toMatchObject({ Status: "Succeeded" });
    expect(await bw.getContract!(first.ContractId)).toMatchObject({ LifecycleStatus: "Active" });

    const second = await bw.createOrder!({
      CustomerId: customer.id,
      Cart: { PlanVariantId: variant.id },
    });
    await bw.commitOrder!(second.Id, {});
    expect(await bw.declineOrder!(second.Id)).toMatchObject({ Status: "Declined" });
    expect(await bw.getContract!(second.ContractId)).toMatchObject({ Code: "contract_not_found" });
    expect(await bw.approveOrder!(second.Id)).toMatchObject({ Code: "invalid_order_transition" });

    // bad orders: 422 with a code, nothing written
    expect(await bw.createOrder!({ Cart: { PlanVariantId: variant.id } })).toMatchObject({
      Code: "customer_required",
    });
    expect(await bw.createOrder!({ CustomerId: customer.id, Cart: {} })).toMatchObject({
      Code: "plan_variant_required",
    });
    expect(
      await bw.createOrder!({
        CustomerId: customer.id,
        Cart: { PlanVariantId: "plv_01J00000000000000000000000" },
      }),
    ).toMatchObject({ Code: "unknown_plan_variant" });
    expect(await bw.createOrder!({ ContractId: first.ContractId, Cart: {} })).toMatchObject({
      Code: "empty_order",
    });

    // an up/downgrade: ContractId + Cart.PlanVariantId + ChangeDate, committed by the client
    const bigger = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Ent XL",
        recurring_fee: "199",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const change = await bw.createOrder!({
      ContractId: first.ContractId,
      Cart: { PlanVariantId: bigger.id },
      ChangeDate: "2030-01-01T00:00:00Z",
    });
    expect(change).toMatchObject({
      OrderType: "Upgrade",
      ContractId: first.ContractId,
      ChangeDate: "2030-01-01T00:00:00.0000000Z",
    });
    // the plan requires approval for changes too
    expect(await bw.commitOrder!(change.Id, {})).toMatchObject({ Status: "ApprovalPending" });
    expect(await bw.approveOrder!(change.Id)).toMatchObject({ Status: "Succeeded" });
    const after = await bw.getContract!(first.ContractId);
    expect(after.Phases.at(-1)).toMatchObject({
      Type: "Normal",
      PlanVariantId: bigger.id,
      StartDate: "2030-01-01T00:00:00.0000000Z",
    });
  });
});

describeServer("billwerk 2.1.0 client: metered usage", (t) => {
  it("postContractUsage → getContractUsage → deleteContractUsage (the client's GET)", async () => {
    const group = (
      await t.server.post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" })
    ).body;
    const plan = (await t.server.post("/v1/plans", { plan_group_id: group.id, name: "P" })).body;
    const variant = (
      await t.server.post("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "V",
        recurring_fee: "5",
        fee_period: { unit: "month", count: 1 },
      })
    ).body;
    const metered = (
      await t.server.post("/v1/components", {
        plan_group_id: group.id,
        name: "Calls",
        type: "metered",
        price_per_unit: "0.01",
      })
    ).body;
    const customer = (await t.server.post("/v1/customers", { email: "m@x.example" })).body;
    const order = (
      await t.server.post("/v1/orders", { customer_id: customer.id, plan_variant_id: variant.id })
    ).body;
    await t.server.post(`/v1/orders/${order.id}/commit`);
    const bw = billwerkClient(t.server);

    const posted = await bw.postContractUsage!(order.contract_id, {
      ComponentId: metered.id,
      Quantity: 12.5,
      DueDate: "2025-01-15T00:00:00Z",
      Key: "k1",
    });
    expect(posted).toMatchObject({
      ContractId: order.contract_id,
      ComponentId: metered.id,
      Quantity: 12.5,
      Key: "k1",
      DueDate: "2025-01-15T00:00:00.0000000Z",
    });
    expect(
      await bw.postContractUsage!(order.contract_id, {
        ComponentId: metered.id,
        Quantity: 99,
        Key: "k1",
      }),
    ).toEqual(posted);
    expect(await bw.getContractUsage!(order.contract_id)).toEqual([posted]);

    // a well-behaved GET of one record reads it
    const read = await t.server.get(`/api/v1/Contracts/${order.contract_id}/Usage/${posted.Id}`);
    expect(read.body).toEqual(posted);
    // the client's deleteContractUsage (a GET with its take parameter) deletes
    expect(await bw.deleteContractUsage!(order.contract_id, posted.Id)).toEqual(posted);
    expect(await bw.getContractUsage!(order.contract_id)).toEqual([]);
  });
});

describeServer(
  "billwerk 2.1.0 client: component subscriptions, rated items, subscriptions",
  (t) => {
    it("createContractComponentSubscription, getContractComponentSubscriptions, createContractRatedItem, getContractSubscriptions, getSubscriptions", async () => {
      const { group, variant, seats } = await seatsCatalog(t.server);
      const metered = (
        await t.server.post("/v1/components", {
          plan_group_id: group.id,
          name: "Calls",
          type: "metered",
          price_per_unit: "0.01",
        })
      ).body;
      const customer = (
        await t.server.post("/v1/customers", { company_name: "Sub GmbH", email: "s@x.example" })
      ).body;
      const order = (
        await t.server.post("/v1/orders", {
          customer_id: customer.id,
          plan_variant_id: variant.id,
          quantity: "2",
        })
      ).body;
      await t.server.post(`/v1/orders/${order.id}/commit`);
      const bw = billwerkClient(t.server);

      const sub = await bw.createContractComponentSubscription!(order.contract_id, {
        ComponentId: seats.id,
        Quantity: 5,
      });
      expect(sub).toMatchObject({
        ContractId: order.contract_id,
        CustomerId: customer.id,
        ComponentId: seats.id,
        Quantity: 5,
        StartDate: "2025-06-01T00:00:00.0000000Z",
        EndDate: null,
      });
      expect(await bw.getContractComponentSubscriptions!(order.contract_id)).toEqual([sub]);
      expect(
        await bw.createContractComponentSubscription!(order.contract_id, {
          ComponentId: metered.id,
          Quantity: 1,
        }),
      ).toMatchObject({ Code: "component_metered" });

      const rated = await bw.createContractRatedItem!(order.contract_id, {
        Description: "Onboarding workshop",
        Quantity: 1,
        PricePerUnit: 450.5,
        PeriodStart: "2025-06-01T00:00:00Z",
        PeriodEnd: "2025-06-02T00:00:00Z",
      });
      expect(rated).toMatchObject({
        ContractId: order.contract_id,
        Description: "Onboarding workshop",
        PricePerUnit: 450.5,
        PeriodEnd: "2025-06-02T00:00:00.0000000Z",
      });
      const native = await t.server.get(`/v1/contracts/${order.contract_id}/rated_items`);
      expect(native.body.data[0]).toMatchObject({ price_per_unit: "450.5", billed: false });

      expect(await bw.getContractSubscriptions!(order.contract_id)).toEqual([
        {
          Type: "PlanVariant",
          ContractId: order.contract_id,
          PlanVariantId: variant.id,
          Quantity: 2,
          StartDate: "2025-06-01T00:00:00.0000000Z",
        },
        expect.objectContaining({ Type: "Component", ComponentId: seats.id, Quantity: 5 }),
      ]);
      expect(await bw.getSubscriptions!()).toEqual([
        expect.objectContaining({
          ContractId: order.contract_id,
          CustomerId: customer.id,
          CustomerName: "Sub GmbH",
          PlanVariantId: variant.id,
          LifecycleStatus: "Active",
          Currency: "EUR",
        }),
      ]);

      // end the component subscription natively; it leaves the combined view
      const ended = await t.server.post(`/v1/component_subscriptions/${sub.Id}/end`, {
        end_date: "2025-06-15T00:00:00Z",
      });
      expect(ended.body.end_date).toBe("2025-06-15T00:00:00.000Z");
      await t.server.post("/v1/test_clock/advance", { frozen_time: "2025-06-16T00:00:00Z" });
      expect(
        (await bw.getContractSubscriptions!(order.contract_id)).map(
          (s: { Type: string }) => s.Type,
        ),
      ).toEqual(["PlanVariant"]);
      const early = await t.server.post(`/v1/component_subscriptions/${sub.Id}/end`, {
        end_date: "2025-05-01T00:00:00Z",
      });
      expect(early.body.error.code).toBe("end_before_start");
    });
  },
);

describeServer("billwerk 2.1.0 client: order carts with components and a coupon", (t) => {
  it("signup with Cart.ComponentSubscriptions and CouponCode; a component-only change order", async () => {
    const { group, variant, seats } = await seatsCatalog(t.server);
    const discount = (
      await t.server.post("/v1/discounts", { plan_group_id: group.id, name: "D", percent: "10" })
    ).body;
    await t.server.post("/v1/coupons", { code: "WELCOME", discount_id: discount.id });
    const customer = (await t.server.post("/v1/customers", { email: "cart@x.example" })).body;
    const bw = billwerkClient(t.server);

    const order = await bw.createOrder!({
      CustomerId: customer.id,
      Cart: {
        PlanVariantId: variant.id,
        ComponentSubscriptions: [{ ComponentId: seats.id, Quantity: 3, Memo: "three" }],
        CouponCode: "WELCOME",
      },
    });
    expect(order).toMatchObject({
      OrderType: "Signup",
      ComponentSubscriptions: [{ ComponentId: seats.id, Quantity: 3, Memo: "three" }],
      CouponCode: "WELCOME",
    });
    const contract = await bw.commitOrder!(order.Id, {});
    expect(contract).toMatchObject({ Id: order.ContractId, LifecycleStatus: "Active" });
    expect(await bw.getContractComponentSubscriptions!(order.ContractId)).toEqual([
      expect.objectContaining({
        ComponentId: seats.id,
        Quantity: 3,
        Memo: "three",
        StartDate: "2025-06-01T00:00:00.0000000Z",
        EndDate: null,
      }),
    ]);
    const discounts = await t.server.get(`/v1/contracts/${order.ContractId}/discounts`);
    expect(discounts.body.data).toEqual([
      expect.objectContaining({ discount_id: discount.id, order_id: order.Id }),
    ]);
    const combined = await bw.getContractSubscriptions!(order.ContractId);
    expect(combined.map((s: { Type: string }) => s.Type)).toEqual([
      "PlanVariant",
      "Component",
      "Discount",
    ]);
    expect(combined[2]).toMatchObject({
      DiscountId: discount.id,
      StartDate: "2025-06-01T00:00:00.0000000Z",
      EndDate: null,
    });

    // a component-only change: ContractId, no PlanVariantId, a ChangeDate
    const change = await bw.createOrder!({
      ContractId: order.ContractId,
      Cart: { ComponentSubscriptions: [{ ComponentId: seats.id, Quantity: 7 }] },
      ChangeDate: "2025-07-01T00:00:00Z",
    });
    expect(change).toMatchObject({ PlanVariantId: null, Quantity: null, Status: "InProgress" });
    await bw.commitOrder!(change.Id, {});
    const after = await bw.getContractComponentSubscriptions!(order.ContractId);
    expect(after.map((s: Record<string, unknown>) => [s.Quantity, s.StartDate, s.EndDate])).toEqual(
      [
        [3, "2025-06-01T00:00:00.0000000Z", "2025-07-01T00:00:00.0000000Z"],
        [7, "2025-07-01T00:00:00.0000000Z", null],
      ],
    );

    // what the surface does not do is refused by name, not ignored
    expect(
      await bw.createOrder!({
        ContractId: order.ContractId,
        Cart: { EndComponentSubscriptions: [after[1].Id] },
      }),
    ).toMatchObject({ Code: "cart_field_not_supported" });
    expect(
      await bw.createOrder!({
        ContractId: order.ContractId,
        Cart: {
          ComponentSubscriptions: [
            { ComponentId: seats.id, Quantity: 1, StartDate: "2025-08-01T00:00:00Z" },
          ],
        },
      }),
    ).toMatchObject({ Code: "cart_field_not_supported" });
    expect(
      await bw.createOrder!({
        CustomerId: customer.id,
        Cart: { PlanVariantId: variant.id, CouponCode: "NOPE" },
      }),
    ).toMatchObject({ Code: "unknown_coupon" });
  });
});

/** On a test clock at 2025-06-01: plan group G, plan P, variant V (5.00 a month), Seats at 3.00. */
async function seatsCatalog(server: TestServer) {
  await server.post("/v1/test_clock", { frozen_time: "2025-06-01T00:00:00Z" });
  const group = (
    await server.post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" })
  ).body;
  const plan = (await server.post("/v1/plans", { plan_group_id: group.id, name: "P" })).body;
  const variant = (
    await server.post("/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "V",
      recurring_fee: "5",
      fee_period: { unit: "month", count: 1 },
    })
  ).body;
  const seats = (
    await server.post("/v1/components", {
      plan_group_id: group.id,
      name: "Seats",
      type: "quantity",
      price_per_unit: "3",
    })
  ).body;
  return { group, plan, variant, seats };
}
