/**
 * Customer transfers between business entities on a test clock (Chargebee's rules, seed 000):
 * numbering per entity, the prerequisites, and when a contract follows its customer — the
 * same day when the transfer comes before that day's billing run, at the next billing date
 * when it comes after.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("business entity transfers", (t) => {
  const ids: Record<string, string> = {};
  /** Responses the fixture's own case checks. */
  const created: Record<string, any> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const transfer = (customerId: string | undefined, destination: string | undefined) =>
    api.request("POST", "/v1/business_entity_transfers", {
      customer_id: customerId,
      destination_business_entity_id: destination,
    });
  const pay = (customerId: string | undefined, amount: string) =>
    api.post("/v1/payments", {
      customer_id: customerId,
      amount,
      currency: "EUR",
      method: "offline",
    });
  const contract = (id: string | undefined) => api.get(`/v1/contracts/${id}`);

  // a second entity with its own numbers; two customers billed by the default
  beforeAll(async () => {
    api = await billingTenant(t.server, "Entities", "2026-01-15T10:00:00Z");
    const [home] = (await api.get("/v1/business_entities")).data;
    ids.home = home.id;
    created.uk = await api.post("/v1/business_entities", {
      name: "Acme Ltd",
      country: "GB",
      invoice_prefix: "UK-",
      currencies: ["EUR", "GBP"],
    });
    ids.uk = created.uk.id;
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "M",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.early = await api.customer({ company_name: "Early" });
    ids.late = await api.customer({ company_name: "Late" });
    ids.earlyContract = await api.signup(ids.early, ids.variant);
    ids.lateContract = await api.signup(ids.late, ids.variant);
    await api.run();
  });

  it("a second entity has its own prefix and currencies; the default one bills its customers", async () => {
    expect(created.uk).toMatchObject({
      is_default: false,
      invoice_prefix: "UK-",
      currencies: ["EUR", "GBP"],
    });
    expect((await api.get(`/v1/business_entities/${ids.uk}`)).name).toBe("Acme Ltd");
    expect((await contract(ids.earlyContract)).business_entity_id).toBe(ids.home);
    const numbers = [
      ...(await api.invoices(ids.earlyContract!)),
      ...(await api.invoices(ids.lateContract!)),
    ].map((i) => [i.number, i.business_entity_id]);
    expect(numbers.sort()).toEqual([
      ["INV-000001", ids.home],
      ["INV-000002", ids.home],
    ]);
  });

  it("a customer created in an entity is billed by it; an entity bills only its currencies", async () => {
    const unknown = await api.request("POST", "/v1/customers", { business_entity_id: "ent_nope" });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "unknown_business_entity"]);
    const local = await api.customer({ company_name: "Local", business_entity_id: ids.uk });
    expect((await api.get(`/v1/customers/${local}`)).business_entity_id).toBe(ids.uk);
    await api.request("PATCH", `/v1/business_entities/${ids.uk}`, { currencies: ["GBP"] });
    const order = await api.post("/v1/orders", {
      customer_id: local,
      plan_variant_id: ids.variant,
    });
    const refused = await api.request("POST", `/v1/orders/${order.id}/commit`);
    expect([refused.status, refused.body.error.code]).toEqual([422, "currency_not_supported"]);
    await api.request("PATCH", `/v1/business_entities/${ids.uk}`, { currencies: ["EUR", "GBP"] });
    const contract = await api.signup(local, ids.variant!);
    await api.run();
    const [first] = await api.invoices(contract);
    expect(first).toMatchObject({ number: "UK-000001", business_entity_id: ids.uk });
    await pay(local, first.total_gross);
  });

  it("prerequisites: unpaid invoices, the same entity, an unknown entity", async () => {
    const unpaid = await transfer(ids.early, ids.uk);
    expect(unpaid.status).toBe(409);
    expect(unpaid.body.error.code).toBe("invoice_unpaid");
    await pay(ids.early, "30.00");
    await pay(ids.late, "30.00");
    const same = await transfer(ids.early, ids.home);
    expect([same.status, same.body.error.code]).toEqual([422, "same_business_entity"]);
    const unknown = await transfer(ids.early, "ent_unknown");
    expect([unknown.status, unknown.body.error.code]).toEqual([422, "unknown_business_entity"]);
    expect((await api.get("/v1/business_entity_transfers")).data).toEqual([]);
  });

  it("a transfer before the day's run: the contract moves and renews in the new entity that day", async () => {
    await api.advance("2026-02-15T00:30:00Z");
    const res = await transfer(ids.early, ids.uk);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      resource_type: "customer",
      active_resource_id: ids.early,
      source_business_entity_id: ids.home,
      destination_business_entity_id: ids.uk,
      reason_code: "correction",
    });
    // the customer keeps its id and moves at once; a deprecated copy stays behind
    const moved = await api.get(`/v1/customers/${ids.early}`);
    expect(moved).toMatchObject({ business_entity_id: ids.uk, active_id: null });
    const copy = await api.get(`/v1/customers/${res.body.resource_id}`);
    expect(copy).toMatchObject({ business_entity_id: ids.home, active_id: ids.early });
    const events = (await api.get("/v1/events?limit=100")).data;
    const announced = events.find((e: any) => e.type === "customer.transferred");
    expect(announced.data).toMatchObject({
      id: res.body.id,
      contracts: [{ contract_id: ids.earlyContract, moves: "at_renewal" }],
    });
    // the contract runs its term in the source until the renewal job reaches it
    expect((await contract(ids.earlyContract)).business_entity_id).toBe(ids.home);
    const run = await api.run();
    expect(run.invoices_created).toBe(3); // Early, Late and Local renew
    const renewed = await contract(ids.earlyContract);
    expect(renewed).toMatchObject({ business_entity_id: ids.uk, status: "active" });
    const [, second] = await api.invoices(ids.earlyContract!);
    expect(second).toMatchObject({
      number: "UK-000002",
      business_entity_id: ids.uk,
      service_period_start: "2026-02-15",
    });
    const [, other] = await api.invoices(ids.lateContract!);
    expect(other).toMatchObject({ number: "INV-000003", business_entity_id: ids.home });
    const moves = (
      await api.get(`/v1/business_entity_transfers?active_resource_id=${ids.earlyContract}`)
    ).data;
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      resource_type: "subscription",
      destination_business_entity_id: ids.uk,
    });
    const followed = (await api.get("/v1/events?limit=100")).data.find(
      (e: any) => e.type === "contract.transferred",
    );
    expect(followed).toMatchObject({
      data: { id: moves[0].id, active_resource_id: ids.earlyContract },
    });
    const left = await contract(moves[0].resource_id);
    expect(left).toMatchObject({
      status: "transferred",
      business_entity_id: ids.home,
      active_id: ids.earlyContract,
      customer_id: res.body.resource_id,
    });
  });

  it("a transfer after the day's run: the contract moves at its next billing date", async () => {
    await pay(ids.late, "30.00");
    expect((await transfer(ids.late, ids.uk)).status).toBe(201);
    expect(await api.run()).toBeNull(); // nothing due until 15 March
    expect((await contract(ids.lateContract)).business_entity_id).toBe(ids.home);
    await api.advance("2026-03-15T00:30:00Z");
    await api.run();
    expect((await contract(ids.lateContract)).business_entity_id).toBe(ids.uk);
    const numbers = (await api.invoices(ids.lateContract!)).map((i) => i.number);
    expect(numbers).toEqual(["INV-000002", "INV-000003", "UK-000005"]);
  });

  it("at most three transfers of a customer per calendar year; deprecated copies never move", async () => {
    await pay(ids.early, "60.00");
    await pay(ids.late, "30.00");
    const second = await transfer(ids.early, ids.home);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect((await transfer(ids.early, ids.uk)).status).toBe(201);
    const fourth = await transfer(ids.early, ids.home);
    expect([fourth.status, fourth.body.error.code]).toEqual([409, "transfer_limit_reached"]);
    const [first] = (
      await api.get(
        `/v1/business_entity_transfers?active_resource_id=${ids.early}&resource_type=customer`,
      )
    ).data;
    const copy = await transfer(first.resource_id, ids.uk);
    expect([copy.status, copy.body.error.code]).toEqual([409, "customer_not_active"]);
    // a new calendar year by the tenant's clock starts the count again
    await api.advance("2027-01-02T00:30:00Z");
    await api.run();
    const owed = (await api.get(`/v1/customers/${ids.early}/balance`)).open_invoices;
    for (const i of owed) await pay(ids.early, i.due);
    expect((await transfer(ids.early, ids.home)).status).toBe(201);
  });
});
