/**
 * Seed 000's records in both transfer states, made through the native API on a tenant of its
 * own: one customer per state transferred to another business entity, with a contract, an
 * invoice, a payment, usage, a contact, a payment source, a fulfilment order, a hosted page,
 * a portal link and a gift each; in the Intermediate state also a pending change order, a
 * component and a discount subscription, scheduled actions (a pause, a resumption and a
 * cancellation) and a quote. The native rule walk
 * (test/api/entity-rules.test.ts) and the Chargebee client's walk
 * (test/compat/chargebee-seed-000.test.ts) call the seed's operations on them.
 */
import { expect } from "vitest";
import type { TransferState } from "../src/domain/entities/rules.js";
import { billingTenant } from "./billing-tenant.js";
import type { TestServer } from "./server.js";

export const CARD = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };

/** What a case calls on: the records of one state. */
export type Records = {
  customer: string;
  contract: string;
  invoice: string;
  payment: string;
  /** A usage record of the state, and the contract it is on. */
  usage: { contract: string; id: string };
  /**
   * A contact of the active customer: a copy a transfer left behind has none of its own, so a
   * contact path under the copy is refused before the contact is looked up.
   */
  contact: string;
  /** A payment source of the active customer, named under the copy's path like `contact`. */
  source: string;
  /** A draft credit note of `invoice`, created before the transfer. */
  creditNote: string;
  /** A fulfilment order of `invoice`, created before the transfer. */
  fulfilmentOrder: string;
  /** A hosted page of `customer`, created after the transfer. */
  hostedPage: string;
  /** A live portal link's token of `contract`, made after the transfer. */
  portalToken: string;
  /** A claimable gift (bought by an active customer after the transfer), claimed as `customer`. */
  gift: string;
  /** Only in Intermediate: records that name the contract that has not moved yet. */
  order?: string;
  componentSubscription?: string;
  discountSubscription?: string;
  action?: string;
  /** Scheduled end_resting and terminate actions of the contract (a resumption, a cancellation). */
  resumption?: string;
  cancellation?: string;
  /** A quote of a change of the contract, made before the transfer. */
  quote?: string;
};

export type TransferFixture = {
  api: Awaited<ReturnType<typeof billingTenant>>;
  /** Catalog and entity ids: home, uk, parent, gatewayAccount, variant, large, seats, calls, discount. */
  ids: Record<string, string>;
  records: Record<TransferState, Records>;
};

/** One customer per state, transferred; only one contract renewed since. */
export async function transferFixture(server: TestServer): Promise<TransferFixture> {
  const api = await billingTenant(server, "Rules", "2026-01-15T10:00:00Z");
  const ids: Record<string, string> = {};
  const records = {} as Record<TransferState, Records>;
  const payAll = async (customer: string) => {
    const { open_invoices } = await api.get(`/v1/customers/${customer}/balance`);
    const paid = [];
    for (const i of open_invoices) {
      paid.push(
        await api.post("/v1/payments", {
          customer_id: customer,
          amount: i.due,
          currency: "EUR",
          method: "offline",
        }),
      );
    }
    return paid;
  };
  const moveTo = async (customer: string, entity = ids.uk!) =>
    (
      await api.post("/v1/business_entity_transfers", {
        customer_id: customer,
        destination_business_entity_id: entity,
      })
    ).resource_id as string;

  ids.home = (await api.get("/v1/business_entities")).data[0].id;
  ids.parent = await api.customer({ company_name: "Parent" });
  ids.uk = (await api.post("/v1/business_entities", { name: "Acme Ltd" })).id;
  // a test gateway account of the entity the customers move to
  ids.gatewayAccount = (
    await api.post("/v1/gateway_accounts", {
      gateway: "test",
      name: "Test",
      business_entity_id: ids.uk,
    })
  ).id;
  const { group, plan } = await api.plan();
  const monthly = { fee_period: { unit: "month", count: 1 } };
  ids.variant = await api.variant(plan, { internal_name: "M", recurring_fee: "30", ...monthly });
  ids.large = await api.variant(plan, { internal_name: "L", recurring_fee: "50", ...monthly });
  const component = async (name: string, type: string) =>
    (await api.post("/v1/components", { plan_group_id: group, name, type, price_per_unit: "1" }))
      .id as string;
  ids.seats = await component("Seats", "quantity");
  ids.calls = await component("Calls", "metered");
  ids.discount = (
    await api.post("/v1/discounts", { plan_group_id: group, name: "Ten", percent: "10" })
  ).id;

  // Transferred: Y signs up on 15 January and renews on 15 February, after its transfer
  const y = await api.customer({ company_name: "Y" });
  const ky = await api.signup(y, ids.variant);
  const uy = await api.post(`/v1/contracts/${ky}/usage`, {
    component_id: ids.calls,
    quantity: "5",
  });
  await api.run();
  // Intermediate: X signs up on 20 January, so it renews only on 20 February
  await api.advance("2026-01-20T10:00:00Z");
  const x = await api.customer({ company_name: "X" });
  const kx = await api.signup(x, ids.variant, {
    components: [{ component_id: ids.seats, quantity: "1" }],
  });
  await api.run();
  const change = await api.post("/v1/orders", { contract_id: kx, plan_variant_id: ids.large });
  const discount = await api.post(`/v1/contracts/${kx}/discounts`, { discount_id: ids.discount });
  const scheduled = await api.post("/v1/subscription_actions/rest", {
    contract_id: kx,
    scheduled_date: "2026-06-01T00:00:00Z",
  });
  const resumption = await api.post("/v1/subscription_actions/end_resting", {
    contract_id: kx,
    scheduled_date: "2026-07-01T00:00:00Z",
  });
  const cancellation = await api.post("/v1/subscription_actions/terminate", {
    contract_id: kx,
    scheduled_date: "2026-12-01T00:00:00Z",
  });
  const contact = async (customer: string) =>
    (await api.post(`/v1/customers/${customer}/contacts`, { email: "b@x.example" })).id as string;
  const cx = await contact(x);
  const cy = await contact(y);
  const [px] = await payAll(x);
  const [py] = await payAll(y);
  // a fulfilment order of each state's invoice, made while nothing has moved
  const fulfilment = async (contract: string) =>
    (
      await api.post("/v1/fulfilment_orders", {
        invoice_id: (await api.invoices(contract))[0].id,
      })
    ).id as string;
  const fx = await fulfilment(kx);
  const fy = await fulfilment(ky);
  const quote = await api.post("/v1/quotes/change", { contract_id: kx, quantity: "2" });
  // a credit note of each state's paid invoice, refunded at once: the transfer needs the
  // customer to hold no refundable credits
  const refundedCredit = async (contract: string) => {
    const note = await api.post(
      `/v1/invoices/${(await api.invoices(contract))[0].id}/credit_notes`,
      { reason: "Goodwill" },
    );
    await api.post(`/v1/credit_notes/${note.id}/record_refund`, {
      amount: String(note.total_gross).replace(/^-/, ""),
    });
    return note.id as string;
  };
  const cnx = await refundedCredit(kx);
  const cny = await refundedCredit(ky);
  const dx = await moveTo(x);
  const dy = await moveTo(y);
  const source = async (customer: string) =>
    (await api.post(`/v1/customers/${customer}/payment_sources`, { type: "card", card: CARD }))
      .id as string;
  const sx = await source(x);
  const sy = await source(y);
  await api.advance("2026-02-15T00:30:00Z");
  await api.run();
  const kyCopy = (await api.get(`/v1/business_entity_transfers?active_resource_id=${ky}`)).data[0]
    .resource_id;
  expect((await api.get(`/v1/contracts/${kyCopy}`)).status).toBe("transferred");
  expect((await api.get(`/v1/contracts/${kx}`)).business_entity_id).toBe(ids.home);
  const ux = await api.post(`/v1/contracts/${kx}/usage`, {
    component_id: ids.calls,
    quantity: "2",
  });
  const firstInvoice = async (contract: string) =>
    (await api.invoices(contract)).find((d) => d.kind === "invoice").id as string;
  const hostedPage = async (customer: string) =>
    (await api.post("/v1/hosted_pages/manage_payment_sources", { customer_id: customer }))
      .id as string;
  const gift = async () =>
    (
      await api.post("/v1/gifts", {
        gifter: { customer_id: ids.parent },
        gift_receiver: { email: "g@x.example" },
        subscription: { plan_variant_id: ids.variant },
      })
    ).id as string;
  const portalToken = async (contract: string) =>
    (await api.post(`/v1/contracts/${contract}/self_service_token`)).token as string;
  records.intermediate = {
    customer: dx,
    contract: kx,
    invoice: await firstInvoice(kx),
    payment: px.id,
    usage: { contract: kx, id: ux.id },
    contact: cx,
    source: sx,
    creditNote: cnx,
    fulfilmentOrder: fx,
    hostedPage: await hostedPage(dx),
    portalToken: await portalToken(kx),
    gift: await gift(),
    order: change.id,
    componentSubscription: (await api.get(`/v1/contracts/${kx}/component_subscriptions`)).data[0]
      .id,
    discountSubscription: discount.id,
    action: scheduled.id,
    resumption: resumption.id,
    cancellation: cancellation.id,
    quote: quote.id,
  };
  records.transferred = {
    customer: dy,
    contract: kyCopy,
    invoice: await firstInvoice(ky),
    payment: py.id,
    usage: { contract: ky, id: uy.id },
    contact: cy,
    source: sy,
    creditNote: cny,
    fulfilmentOrder: fy,
    hostedPage: await hostedPage(dy),
    portalToken: await portalToken(kyCopy),
    gift: await gift(),
  };
  return { api, ids, records };
}
