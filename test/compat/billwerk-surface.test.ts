/**
 * Billwerk's input formats, DTOs and endpoints beyond the published client's happy path:
 * date and date-time inputs, Billwerk field names in error details, the full contract and
 * order answers (priced orders, the order preview), components, discounts, coupons, customer
 * search, payment transactions, a contract's payment data, and payment webhooks. Driven
 * through the published `billwerk` 2.1.0 client, and its generic `call` where it has no
 * function of its own; whole answers are compared.
 */
import BillwerkModule from "billwerk";
import { beforeAll, expect, it } from "vitest";
import { describeServer, type TestServer } from "../server.js";
import { Receiver, webhookWorker } from "../webhook-receiver.js";

type Fn = (...args: any[]) => Promise<any>;
/** The client's functions used here; `call` is its generic request (path, method, options). */
type Client = Record<
  | "call"
  | "createOrder"
  | "commitOrder"
  | "endContract"
  | "postContractUsage"
  | "createWebhook"
  | "createCustomer"
  | "getPlanGroups"
  | "getContract"
  | "getContracts",
  Fn
>;
type Ctor = new (...args: unknown[]) => Client;
const BillwerkAPI: Ctor =
  (BillwerkModule as { default?: Ctor }).default ?? (BillwerkModule as Ctor);

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

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
/** Midnight UTC of a day, as Billwerk writes it. */
const day = (d: string) => `${d}T00:00:00.0000000Z`;

/**
 * On a test clock at 2025-06-01 (customers in UTC): plan group G (EUR, net, no tax), plan P,
 * variant V at 5.00 a month (monthly, prepaid), component Seats at 3.00 a month, variant
 * "Paid" that needs payment data.
 */
async function catalog(server: TestServer) {
  await server.must("POST", "/v1/test_clock", { frozen_time: "2025-06-01T00:00:00Z" });
  const group = await server.must("POST", "/v1/plan_groups", {
    name: "G",
    currency: "EUR",
    price_type: "net",
  });
  const plan = await server.must("POST", "/v1/plans", { plan_group_id: group.id, name: "P" });
  const variant = await server.must("POST", "/v1/plan_variants", {
    plan_id: plan.id,
    internal_name: "V",
    recurring_fee: "5",
    fee_period: { unit: "month", count: 1 },
  });
  const paid = await server.must("POST", "/v1/plan_variants", {
    plan_id: plan.id,
    internal_name: "Paid",
    recurring_fee: "5",
    fee_period: { unit: "month", count: 1 },
    allow_without_payment_data: false,
  });
  const seats = await server.must("POST", "/v1/components", {
    plan_group_id: group.id,
    name: "Seats",
    type: "quantity",
    price_per_unit: "3",
  });
  const customer = await server.must("POST", "/v1/customers", {
    first_name: "Ada",
    last_name: "Lovelace",
    email: "ada@x.example",
    time_zone: "UTC",
  });
  return { group, plan, variant, paid, seats, customer };
}

describeServer("billwerk surface: date inputs and Billwerk field names in errors", (t) => {
  let c: Awaited<ReturnType<typeof catalog>>;
  let bw: Client;
  let contractId: string;
  beforeAll(async () => {
    c = await catalog(t.server);
    bw = billwerkClient(t.server);
    const order = await bw.createOrder({
      CustomerId: c.customer.id,
      Cart: { PlanVariantId: c.variant.id },
    });
    contractId = (await bw.commitOrder(order.Id, {})).Id;
  });

  it("EndDate: a date is midnight UTC, a date-time without offset is UTC, an offset is kept", async () => {
    for (const [sent, answered] of [
      ["2031-06-30", day("2031-06-30")],
      ["2031-06-30T10:00:00", "2031-06-30T10:00:00.0000000Z"],
      ["2031-06-30T12:00:00+02:00", "2031-06-30T10:00:00.0000000Z"],
      // instants are kept to the millisecond
      ["2031-06-30T10:00:00.1234567Z", "2031-06-30T10:00:00.1230000Z"],
    ]) {
      const ended = await bw.endContract(contractId, { EndDate: sent });
      expect(ended.EndDate, sent).toBe(answered);
      expect(ended.Phases.at(-1)).toEqual({
        Type: "Inactive",
        StartDate: answered,
        PlanVariantId: null,
        PlanId: null,
        Quantity: expect.any(Number),
      });
    }
  });

  it("other forms are 422 naming body.EndDate; far dates 400 date_out_of_range; rules name EndDate", async () => {
    const bad = await t.server.post(`/api/v1/Contracts/${contractId}/end`, {
      EndDate: "30.06.2031",
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({
      Message: expect.stringContaining("body.EndDate"),
      Code: "validation_failed",
      Details: {
        field: "body.EndDate",
        fields: [{ field: "body.EndDate", message: "is not a date or date-time" }],
      },
      RequestId: expect.stringMatching(/^req_/),
    });
    const far = await t.server.post(`/api/v1/Contracts/${contractId}/end`, {
      EndDate: "2300-01-01",
    });
    expect(far.status).toBe(400);
    expect(far.body).toMatchObject({
      Code: "date_out_of_range",
      Details: { field: "body.EndDate", value: "2300-01-01" },
    });
    const early = await bw.endContract(contractId, { EndDate: "2025-01-01" });
    expect(early).toMatchObject({ Code: "end_before_start", Details: { field: "EndDate" } });
  });

  it("usage DueDate takes a date and a date-time without offset, both UTC", async () => {
    const metered = await t.server.must("POST", "/v1/components", {
      plan_group_id: c.group.id,
      name: "Calls",
      type: "metered",
      price_per_unit: "0.01",
    });
    const first = await bw.postContractUsage(contractId, {
      ComponentId: metered.id,
      Quantity: 2,
      DueDate: "2026-12-01",
    });
    const second = await bw.postContractUsage(contractId, {
      ComponentId: metered.id,
      Quantity: 3,
      DueDate: "2026-12-01T10:00:00",
    });
    expect([first.DueDate, second.DueDate]).toEqual([
      day("2026-12-01"),
      "2026-12-01T10:00:00.0000000Z",
    ]);
    expect(
      await bw.postContractUsage(contractId, {
        ComponentId: metered.id,
        Quantity: 1,
        DueDate: "tomorrow",
      }),
    ).toMatchObject({ Code: "validation_failed", Details: { field: "body.DueDate" } });
  });

  it("errors of rules name Billwerk's fields: PaymentMethod, CustomerId, Cart.PlanVariantId, Url", async () => {
    const order = await bw.createOrder({
      CustomerId: c.customer.id,
      Cart: { PlanVariantId: c.paid.id },
    });
    expect(await bw.commitOrder(order.Id, {})).toMatchObject({
      Code: "payment_data_required",
      Details: { field: "PaymentMethod", plan_variant_id: c.paid.id },
    });
    expect(
      await bw.createOrder({
        CustomerId: "cus_01J00000000000000000000000",
        Cart: { PlanVariantId: c.variant.id },
      }),
    ).toMatchObject({ Code: "unknown_customer", Details: { field: "CustomerId" } });
    expect(
      await bw.createOrder({
        CustomerId: c.customer.id,
        Cart: { PlanVariantId: "plv_01J00000000000000000000000" },
      }),
    ).toMatchObject({ Code: "unknown_plan_variant", Details: { field: "Cart.PlanVariantId" } });
    expect(await bw.createWebhook({ Url: "ftp://example.com/hook" })).toMatchObject({
      Code: "invalid_webhook_url",
      Details: { field: "Url" },
    });
  });

  it("GET /PlanGroups answers CreatedAt with seven fractional digits", async () => {
    const groups = await bw.getPlanGroups();
    expect(groups.map((g: { CreatedAt: string }) => g.CreatedAt)).toEqual([
      expect.stringMatching(TIMESTAMP),
    ]);
    const native = await t.server.must("GET", `/v1/plan_groups/${c.group.id}`);
    expect(groups[0].CreatedAt.slice(0, 23)).toBe(native.created_at.slice(0, 23));
  });
});

describeServer("billwerk surface: priced orders, the order preview, the full contract", (t) => {
  let c: Awaited<ReturnType<typeof catalog>>;
  let bw: Client;
  beforeAll(async () => {
    c = await catalog(t.server);
    bw = billwerkClient(t.server);
  });

  it("an order answers its cart, currency, totals and line items; the preview the same, keeping nothing", async () => {
    const dto = {
      CustomerId: c.customer.id,
      Cart: {
        PlanVariantId: c.variant.id,
        Quantity: 2,
        ComponentSubscriptions: [{ ComponentId: c.seats.id, Quantity: 3 }],
      },
    };
    const cart = {
      PlanVariantId: c.variant.id,
      Quantity: 2,
      ComponentSubscriptions: [{ ComponentId: c.seats.id, Quantity: 3 }],
      CouponCode: null,
    };
    // June 2025 billed in advance from June 1: the plan 2 × 5.00 = 10.00, seats 3 × 3.00 = 9.00
    const priced = {
      PlanId: c.plan.id,
      Cart: cart,
      AllowWithoutPaymentData: true,
      Currency: "EUR",
      Total: 19,
      TotalNet: 19,
      TotalVat: 0,
      TotalGross: 19,
      LineItems: [
        {
          Description: expect.stringContaining("V"),
          Quantity: 2,
          PricePerUnit: 5,
          PeriodStart: day("2025-06-01"),
          PeriodEnd: day("2025-07-01"),
          TotalNet: 10,
          TotalGross: null,
          VatPercentage: 0,
        },
        {
          Description: expect.stringContaining("Seats"),
          Quantity: 3,
          PricePerUnit: 3,
          PeriodStart: day("2025-06-01"),
          PeriodEnd: day("2025-07-01"),
          TotalNet: 9,
          TotalGross: null,
          VatPercentage: 0,
        },
      ],
    };
    const before = (await t.server.must("GET", "/v1/orders?limit=100")).data.length;
    const preview = await bw.call("/Orders/preview", "POST", { data: dto });
    expect(preview).toEqual({
      Id: null,
      Status: null,
      OrderType: "Signup",
      CustomerId: c.customer.id,
      ContractId: null,
      PlanVariantId: c.variant.id,
      Quantity: 2,
      ComponentSubscriptions: cart.ComponentSubscriptions,
      CouponCode: null,
      TriggerInterimBilling: false,
      StartDate: null,
      ChangeDate: null,
      CreatedAt: null,
      ...priced,
    });
    expect((await t.server.must("GET", "/v1/orders?limit=100")).data.length).toBe(before);

    const order = await bw.createOrder(dto);
    expect(order).toEqual({
      ...preview,
      Id: expect.stringMatching(/^ord_/),
      Status: "InProgress",
      ContractId: expect.stringMatching(/^con_/),
      CreatedAt: day("2025-06-01"),
    });
    expect(await t.server.must("GET", `/api/v1/Orders/${order.Id}`)).toEqual(order);

    const contract = await bw.commitOrder(order.Id, {});
    const phase = {
      Type: "Normal",
      StartDate: day("2025-06-01"),
      PlanVariantId: c.variant.id,
      PlanId: c.plan.id,
      Quantity: 2,
    };
    expect(contract).toEqual({
      Id: order.ContractId,
      CustomerId: c.customer.id,
      PlanGroupId: c.group.id,
      PlanId: c.plan.id,
      PlanVariantId: c.variant.id,
      LifecycleStatus: "Active",
      StartDate: day("2025-06-01"),
      EndDate: null,
      BilledUntil: null,
      LastBillingDate: null,
      NextBillingDate: day("2025-06-01"),
      Phases: [phase],
      CurrentPhase: phase,
      Balance: 0,
      Currency: "EUR",
      ReferenceCode: order.ContractId,
      IsDeletable: false,
    });
    // a succeeded order is no longer priced
    expect(await t.server.must("GET", `/api/v1/Orders/${order.Id}`)).toMatchObject({
      Status: "Succeeded",
      Currency: "EUR",
      Total: null,
      TotalNet: null,
      TotalVat: null,
      TotalGross: null,
      LineItems: [],
    });

    // billed: June invoiced (19.00, unpaid), the next billing on July 1
    await t.server.must("POST", "/v1/billing_runs");
    expect(await bw.getContract(order.ContractId)).toEqual({
      ...contract,
      BilledUntil: day("2025-07-01"),
      LastBillingDate: day("2025-06-01"),
      NextBillingDate: day("2025-07-01"),
      Balance: -19,
    });
    await t.server.must("POST", "/v1/payments", {
      customer_id: c.customer.id,
      amount: "12.50",
      currency: "EUR",
      method: "offline",
    });
    expect((await bw.getContracts()).map((x: { Balance: number }) => x.Balance)).toEqual([-6.5]);
  });

  it("a quantity-only change (ContractId and Cart.Quantity): priced, committed, a new phase", async () => {
    const signup = await bw.createOrder({
      CustomerId: c.customer.id,
      Cart: { PlanVariantId: c.variant.id },
    });
    const contractId = (await bw.commitOrder(signup.Id, {})).Id;
    await t.server.must("POST", "/v1/billing_runs");
    await t.server.must("POST", "/v1/test_clock/advance", { frozen_time: "2025-06-16T00:00:00Z" });

    const change = await bw.createOrder({ ContractId: contractId, Cart: { Quantity: 3 } });
    // June 16 – July 1 is 15 of 30 days: quantity 1 kept until June 16 costs 2.50 of the 5.00
    // billed (−2.50); quantity 3 from June 16: 3 × 5.00 × 15/30 = 7.50; together 5.00
    expect(change).toMatchObject({
      OrderType: "Upgrade",
      ContractId: contractId,
      PlanVariantId: null,
      PlanId: null,
      Quantity: 3,
      Cart: { PlanVariantId: null, Quantity: 3, ComponentSubscriptions: [], CouponCode: null },
      Currency: "EUR",
      TotalNet: 5,
      LineItems: [
        expect.objectContaining({ Quantity: 1, TotalNet: -2.5, PeriodEnd: day("2025-06-16") }),
        expect.objectContaining({ Quantity: 3, PricePerUnit: 5, TotalNet: 7.5 }),
      ],
    });
    const after = await bw.commitOrder(change.Id, {});
    expect(after.CurrentPhase).toEqual({
      Type: "Normal",
      StartDate: day("2025-06-16"),
      PlanVariantId: c.variant.id,
      PlanId: c.plan.id,
      Quantity: 3,
    });
    expect(after.Phases.map((p: { Quantity: number }) => p.Quantity)).toEqual([1, 3]);
  });

  it("an order its commit would refuse: kept unpriced; the preview answers the refusal", async () => {
    const trialPlan = await t.server.must("POST", "/v1/plans", {
      plan_group_id: c.group.id,
      name: "Trial",
      trial_period: { unit: "day", count: 30 },
    });
    const trialVariant = await t.server.must("POST", "/v1/plan_variants", {
      plan_id: trialPlan.id,
      internal_name: "T",
      recurring_fee: "5",
      fee_period: { unit: "month", count: 1 },
    });
    const signup = await bw.createOrder({
      CustomerId: c.customer.id,
      Cart: { PlanVariantId: trialVariant.id },
    });
    const contractId = (await bw.commitOrder(signup.Id, {})).Id;
    // a plan quantity changes only in a paid phase: the contract is in its trial
    const dto = { ContractId: contractId, Cart: { Quantity: 2 } };
    const kept = await bw.createOrder(dto);
    expect(kept).toMatchObject({
      Status: "InProgress",
      Quantity: 2,
      Currency: "EUR",
      Total: null,
      TotalNet: null,
      LineItems: [],
    });
    const preview = await bw.call("/Orders/preview", "POST", { data: dto });
    expect(preview).toMatchObject({ Code: "quantity_change_outside_paid_phase" });
    expect(await bw.commitOrder(kept.Id, {})).toMatchObject({
      Code: "quantity_change_outside_paid_phase",
    });
  });

  it("an order with TriggerInterimBilling: priced as the native estimate's invoice, the preview the same", async () => {
    await t.server.must("POST", "/v1/test_clock/advance", { frozen_time: "2025-06-16T00:00:00Z" });
    const grace = await t.server.must("POST", "/v1/customers", {
      first_name: "Grace",
      last_name: "Hopper",
      email: "grace@x.example",
      time_zone: "UTC",
    });
    const dto = {
      CustomerId: grace.id,
      TriggerInterimBilling: true,
      Cart: {
        PlanVariantId: c.variant.id,
        ComponentSubscriptions: [{ ComponentId: c.seats.id, Quantity: 2 }],
      },
    };
    // June 16 – July 16 in advance, the plan 5.00, seats 2 × 3.00
    const lines = [
      {
        Description: expect.stringContaining("V"),
        Quantity: 1,
        PricePerUnit: 5,
        PeriodStart: day("2025-06-16"),
        PeriodEnd: day("2025-07-16"),
        TotalNet: 5,
        TotalGross: null,
        VatPercentage: 0,
      },
      {
        Description: expect.stringContaining("Seats"),
        Quantity: 2,
        PricePerUnit: 3,
        PeriodStart: day("2025-06-16"),
        PeriodEnd: day("2025-07-16"),
        TotalNet: 6,
        TotalGross: null,
        VatPercentage: 0,
      },
    ];
    const preview = await bw.call("/Orders/preview", "POST", { data: dto });
    expect(preview).toEqual({
      Id: null,
      Status: null,
      OrderType: "Signup",
      CustomerId: grace.id,
      ContractId: null,
      PlanVariantId: c.variant.id,
      Quantity: 1,
      ComponentSubscriptions: dto.Cart.ComponentSubscriptions,
      CouponCode: null,
      TriggerInterimBilling: true,
      StartDate: null,
      ChangeDate: null,
      CreatedAt: null,
      PlanId: c.plan.id,
      Cart: {
        PlanVariantId: c.variant.id,
        Quantity: 1,
        ComponentSubscriptions: dto.Cart.ComponentSubscriptions,
        CouponCode: null,
      },
      AllowWithoutPaymentData: true,
      Currency: "EUR",
      Total: 11,
      TotalNet: 11,
      TotalVat: 0,
      TotalGross: 11,
      LineItems: lines,
    });
    // the same as the native estimate's invoice: what the order's success bills at once
    const estimate = await t.server.must("POST", "/v1/orders/estimate", {
      customer_id: grace.id,
      plan_variant_id: c.variant.id,
      components: [{ component_id: c.seats.id, quantity: "2" }],
      trigger_interim_billing: true,
    });
    expect({
      net: estimate.invoice.total_net,
      lines: estimate.invoice.lines.map((l: { amount: string }) => l.amount),
    }).toEqual({ net: "11.00", lines: ["5.00", "6.00"] });

    // kept, priced the same; committed, it bills 11.00 at once
    const order = await bw.createOrder(dto);
    expect(order).toEqual({
      ...preview,
      Id: expect.stringMatching(/^ord_/),
      Status: "InProgress",
      ContractId: expect.stringMatching(/^con_/),
      CreatedAt: day("2025-06-16"),
    });
    expect(await t.server.must("GET", `/api/v1/Orders/${order.Id}`)).toEqual(order);
    await bw.commitOrder(order.Id, {});
    const invoices = await t.server.must("GET", `/v1/invoices?customer_id=${grace.id}`);
    expect(
      invoices.data.map((i: { status: string; total_net: string }) => [i.status, i.total_net]),
    ).toEqual([["finalized", "11.00"]]);
  });

  it("a change with TriggerInterimBilling: the preview prices the change, its commit bills it", async () => {
    await t.server.must("POST", "/v1/test_clock/advance", { frozen_time: "2025-06-16T00:00:00Z" });
    const signup = await bw.createOrder({
      CustomerId: c.customer.id,
      Cart: { PlanVariantId: c.variant.id },
    });
    const contractId = (await bw.commitOrder(signup.Id, {})).Id;
    await t.server.must("POST", "/v1/billing_runs");
    const dto = { ContractId: contractId, TriggerInterimBilling: true, Cart: { Quantity: 2 } };
    // billed June 16 – July 16 at quantity 1; from now quantity 2: +10.00, and the 5.00 billed
    // for quantity 1 credited (−5.00)
    const lines = [
      {
        Description: "V",
        Quantity: 2,
        PricePerUnit: 5,
        PeriodStart: day("2025-06-16"),
        PeriodEnd: day("2025-07-16"),
        TotalNet: 10,
        TotalGross: null,
        VatPercentage: 0,
      },
      {
        Description: "V — no longer due",
        Quantity: 1,
        PricePerUnit: -5,
        PeriodStart: day("2025-06-16"),
        PeriodEnd: day("2025-07-16"),
        TotalNet: -5,
        TotalGross: null,
        VatPercentage: 0,
      },
    ];
    const preview = await bw.call("/Orders/preview", "POST", { data: dto });
    expect(preview).toEqual({
      Id: null,
      Status: null,
      OrderType: "Upgrade",
      CustomerId: c.customer.id,
      ContractId: contractId,
      PlanVariantId: null,
      Quantity: 2,
      ComponentSubscriptions: [],
      CouponCode: null,
      TriggerInterimBilling: true,
      StartDate: null,
      ChangeDate: null,
      CreatedAt: null,
      PlanId: null,
      Cart: { PlanVariantId: null, Quantity: 2, ComponentSubscriptions: [], CouponCode: null },
      AllowWithoutPaymentData: null,
      Currency: "EUR",
      Total: 5,
      TotalNet: 5,
      TotalVat: 0,
      TotalGross: 5,
      LineItems: lines,
    });
    // kept, priced the same; committed, the change bills its 5.00 at once
    const change = await bw.createOrder(dto);
    expect(change).toEqual({
      ...preview,
      Id: expect.stringMatching(/^ord_/),
      Status: "InProgress",
      CreatedAt: day("2025-06-16"),
    });
    await bw.commitOrder(change.Id, {});
    const invoices = await t.server.must("GET", `/v1/invoices?contract_id=${contractId}`);
    expect(
      invoices.data
        .map((i: { status: string; total_net: string }) => [i.status, i.total_net])
        .sort(),
    ).toEqual([
      ["finalized", "5.00"],
      ["finalized", "5.00"],
    ]);
  });
});

describeServer("billwerk surface: components, discounts, coupons, customer search", (t) => {
  it("GET /Components, /Discounts, /Coupons and one of each; GET /Customers?search=", async () => {
    const c = await catalog(t.server);
    const api = await t.server.must("POST", "/v1/components", {
      plan_group_id: c.group.id,
      name: "API calls",
      type: "metered",
      price_model: "volume",
      price_per_unit: "0",
      tiers: [
        { from: "0", price: "0.02" },
        { from: "1000", price: "0.01" },
      ],
    });
    const discount = await t.server.must("POST", "/v1/discounts", {
      plan_group_id: c.group.id,
      name: "Launch",
      percent: "10",
      duration: { unit: "month", count: 3 },
    });
    const fixed = await t.server.must("POST", "/v1/discounts", {
      plan_group_id: c.group.id,
      name: "Five off",
      amount: "500",
    });
    const coupon = await t.server.must("POST", "/v1/coupons", {
      code: "LAUNCH",
      discount_id: discount.id,
      valid_until: "2025-12-31T00:00:00Z",
      max_redemptions: 100,
    });
    const bw = billwerkClient(t.server);

    const seats = {
      Id: c.seats.id,
      PlanGroupId: c.group.id,
      Name: { _c: "Seats" },
      ExternalId: null,
      ComponentType: "QuantityBased",
      Unit: null,
      PricePerUnit: 3,
      PriceScale: null,
      PackageSize: null,
      FeePeriod: { Unit: "Month", Quantity: 1 },
      Prorate: true,
      BillInTrial: false,
      Hidden: false,
      CreatedAt: day("2025-06-01"),
    };
    const calls = {
      ...seats,
      Id: api.id,
      Name: { _c: "API calls" },
      ComponentType: "Metered",
      PricePerUnit: 0,
      PriceScale: {
        IsCumulative: false,
        Items: [
          { From: 0, Value: 0.02, IsBucketPrice: false },
          { From: 1000, Value: 0.01, IsBucketPrice: false },
        ],
      },
      Prorate: false,
    };
    expect(await bw.call("/Components")).toEqual(
      [seats, calls].sort((a, b) => (a.Id < b.Id ? -1 : 1)),
    );
    expect(await bw.call(`/Components/${api.id}`)).toEqual(calls);

    const launch = {
      Id: discount.id,
      PlanGroupId: c.group.id,
      Name: { _c: "Launch" },
      Description: null,
      Type: "Percentage",
      Percentage: 10,
      Amount: null,
      Currency: "EUR",
      Target: "All",
      Duration: { Unit: "Month", Quantity: 3 },
      CreatedAt: day("2025-06-01"),
    };
    const fiveOff = {
      ...launch,
      Id: fixed.id,
      Name: { _c: "Five off" },
      Type: "FixedAmount",
      Percentage: null,
      Amount: 5,
      Duration: null,
    };
    expect(await bw.call("/Discounts")).toEqual([launch, fiveOff]);
    expect(await bw.call(`/Discounts/${fixed.id}`)).toEqual(fiveOff);
    const launchCoupon = {
      Id: coupon.id,
      Code: "LAUNCH",
      DiscountId: discount.id,
      ValidUntil: day("2025-12-31"),
      MaxRedemptions: 100,
      RedemptionCount: 0,
      CreatedAt: day("2025-06-01"),
    };
    expect(await bw.call("/Coupons")).toEqual([launchCoupon]);
    expect(await bw.call(`/Coupons/${coupon.id}`)).toEqual(launchCoupon);
    expect(await bw.call("/Coupons/cpn_01J00000000000000000000000")).toMatchObject({
      Code: "coupon_not_found",
    });

    const grace = await bw.createCustomer({
      FirstName: "Grace",
      LastName: "Hopper",
      EmailAddress: "grace@navy.example",
      ExternalCustomerId: "gh-1",
    });
    const ids = (list: { Id: string }[]) => list.map((x) => x.Id);
    expect(ids(await bw.call("/Customers", "GET", { query: { search: "hopp" } }))).toEqual([
      grace.Id,
    ]);
    expect(ids(await bw.call("/Customers", "GET", { query: { search: "lovelace" } }))).toEqual([
      c.customer.id,
    ]);
    expect(ids(await bw.call("/Customers", "GET", { query: { externalId: "gh-1" } }))).toEqual([
      grace.Id,
    ]);
    expect(
      await bw.call("/Customers", "GET", { query: { emailAddress: "grace@navy.example" } }),
    ).toEqual([grace]);
    expect(await bw.call("/Customers", "GET", { query: { search: "nobody" } })).toEqual([]);
  });
});

describeServer("billwerk surface: payment transactions, payment data, payment webhooks", (t) => {
  it("payments and refusals as PaymentTransactions; the contract's payment data; PaymentSucceeded, PaymentFailed, PaymentDataChanged, InvoiceCreated", async () => {
    const c = await catalog(t.server);
    const bw = billwerkClient(t.server);
    const receiver = await Receiver.start();
    try {
      const hook = await bw.createWebhook({
        Url: receiver.url,
        Events: ["InvoiceCreated", "PaymentSucceeded", "PaymentFailed", "PaymentDataChanged"],
      });
      const order = await bw.createOrder({
        CustomerId: c.customer.id,
        Cart: { PlanVariantId: c.variant.id },
      });
      const contractId = (await bw.commitOrder(order.Id, {})).Id;
      expect(await bw.call(`/Contracts/${contractId}/PaymentData`)).toEqual({
        ContractId: contractId,
        CustomerId: c.customer.id,
        PaymentProvider: "InvoicePayment",
        PaymentProviderRole: "OnAccount",
        PaymentBearer: null,
        PaymentSourceId: null,
      });

      await t.server.must("POST", "/v1/billing_runs");
      const [invoice] = (await t.server.must("GET", `/v1/invoices?contract_id=${contractId}`)).data;
      const paid = await t.server.must("POST", "/v1/payments", {
        customer_id: c.customer.id,
        amount: "5.00",
        currency: "EUR",
        method: "offline",
        reference: "bank-123",
      });
      const refused = (
        await t.server.post("/v1/payments", {
          customer_id: c.customer.id,
          amount: "5.00",
          currency: "EUR",
          method: "card",
          card_number: "4000000000000002",
        })
      ).body;
      expect(refused.status).toBe("failed");
      const source = await t.server.must("POST", `/v1/customers/${c.customer.id}/payment_sources`, {
        type: "card",
        card: { number: "4242424242424242", exp_month: 12, exp_year: 2030 },
      });

      const succeeded = {
        Id: paid.id,
        CustomerId: c.customer.id,
        CustomerName: "Ada Lovelace",
        ContractId: contractId,
        InvoiceId: invoice.id,
        InvoiceReferenceCode: invoice.number,
        PaymentProvider: "InvoicePayment",
        PaymentProviderRole: "OnAccount",
        Trigger: "Payment",
        ProviderTransactionId: "bank-123",
        Currency: "EUR",
        Amount: 5,
        Status: "Succeeded",
        StatusHistory: [
          { Status: "Succeeded", Timestamp: day("2025-06-01"), Amount: 5, Preauth: false },
        ],
        LastUpdated: day("2025-06-01"),
        CreatedAt: day("2025-06-01"),
      };
      const failed = {
        ...succeeded,
        Id: refused.id,
        ContractId: null,
        InvoiceId: null,
        InvoiceReferenceCode: null,
        PaymentProvider: "FakeProvider",
        PaymentProviderRole: "CreditCard",
        ProviderTransactionId: refused.reference,
        Status: "Failed",
        StatusHistory: [
          {
            Status: "Failed",
            Timestamp: day("2025-06-01"),
            Amount: 5,
            Preauth: false,
            Reason: refused.failure.message,
          },
        ],
      };
      const transactions = await bw.call("/PaymentTransactions");
      expect(transactions).toEqual([succeeded, failed].sort((a, b) => (a.Id < b.Id ? -1 : 1)));
      expect(await bw.call(`/PaymentTransactions/${paid.id}`)).toEqual(succeeded);
      expect(
        await bw.call("/PaymentTransactions", "GET", { query: { customerId: "cus_other" } }),
      ).toEqual([]);

      expect(await bw.call(`/Contracts/${contractId}/PaymentData`)).toEqual({
        ContractId: contractId,
        CustomerId: c.customer.id,
        PaymentProvider: "FakeProvider",
        PaymentProviderRole: "CreditCard",
        PaymentBearer: {
          Type: "CreditCard",
          CardType: source.card.brand,
          Last4: "4242",
          ExpiryMonth: 12,
          ExpiryYear: 2030,
        },
        PaymentSourceId: source.id,
      });

      const worker = webhookWorker(t.server.db);
      for (let i = 0; i < 6; i++) await worker.tick();
      const thin = (event: string, ids: Record<string, string>) => ({
        Event: event,
        EntityId: t.server.tenant.tenant_id,
        ...ids,
        EventId: expect.stringMatching(/^evt_/),
        Timestamp: expect.stringMatching(TIMESTAMP),
      });
      const received = receiver.received.map((r) => Receiver.verify(hook.Secret, r));
      const byEvent = (name: string) => received.filter((r: any) => r.Event === name);
      expect(byEvent("InvoiceCreated")).toEqual([
        thin("InvoiceCreated", {
          CustomerId: c.customer.id,
          ContractId: contractId,
          InvoiceId: invoice.id,
        }),
      ]);
      expect(byEvent("PaymentSucceeded")).toEqual([
        thin("PaymentSucceeded", { CustomerId: c.customer.id, PaymentTransactionId: paid.id }),
      ]);
      expect(byEvent("PaymentFailed")).toEqual([
        thin("PaymentFailed", { CustomerId: c.customer.id, PaymentTransactionId: refused.id }),
      ]);
      expect(byEvent("PaymentDataChanged")).toEqual([
        thin("PaymentDataChanged", { CustomerId: c.customer.id }),
      ]);
      expect(received).toHaveLength(4);
    } finally {
      await receiver.close();
    }
  });
});
