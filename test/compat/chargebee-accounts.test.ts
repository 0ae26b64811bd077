/**
 * Chargebee's official Node client against the `/api/v2` surface: payment sources and roles,
 * a customer's gateway account (Chargebee's card resource), the account hierarchy, promotional credits, business entity transfers, events and the time
 * machine.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

describeServer("chargebee client: payment sources, hierarchy, credits, transfers, events", (t) => {
  const cb = () => chargebeeClient(t.server);
  const newCustomer = async (first_name: string) =>
    (await cb().customer.create({ first_name })).customer;

  it("payment sources: create a card and a bank account, roles, list, retrieve, delete", async () => {
    const customer = await newCustomer("Carded");
    const card = await cb().paymentSource.createCard({
      customer_id: customer.id,
      card: { number: "4242424242424242", expiry_month: 12, expiry_year: 2030, cvv: "123" },
    });
    expect(card.payment_source).toMatchObject({
      customer_id: customer.id,
      type: "card",
      status: "valid",
      deleted: false,
      card: { last4: "4242", expiry_month: 12, expiry_year: 2030, object: "card" },
      object: "payment_source",
    });
    expect(card.customer.id).toBe(customer.id);

    const bank = await cb().paymentSource.createBankAccount({
      customer_id: customer.id,
      bank_account: { iban: "DE89370400440532013000", first_name: "Ada", last_name: "Lovelace" },
    } as never);
    expect(bank.payment_source).toMatchObject({
      type: "direct_debit",
      bank_account: { last4: "3000", name_on_account: "Ada Lovelace", object: "bank_account" },
    });

    await cb().customer.assignPaymentRole(customer.id, {
      payment_source_id: bank.payment_source.id,
      role: "primary",
    });
    const read = await cb().paymentSource.retrieve(bank.payment_source.id);
    expect(read.payment_source.id).toBe(bank.payment_source.id);
    const roles = await t.server.must("GET", `/v1/customers/${customer.id}/payment_sources`);
    expect(roles.data.find((s: any) => s.id === bank.payment_source.id).role).toBe("primary");

    const listed = await cb().paymentSource.list({ customer_id: { is: customer.id } } as never);
    expect(listed.list.map((e) => e.payment_source.id).sort()).toEqual(
      [card.payment_source.id, bank.payment_source.id].sort(),
    );

    const deleted = await cb().paymentSource.delete(card.payment_source.id);
    expect(deleted.payment_source).toMatchObject({ id: card.payment_source.id, deleted: true });

    const declined = await refusal(
      cb().paymentSource.createCard({
        customer_id: customer.id,
        card: { number: "4242424242424242", expiry_month: 13, expiry_year: 2030 },
      }),
    );
    expect(declined).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "card[expiry_month]",
    });
    const unknown = await refusal(cb().paymentSource.retrieve("pms_missing"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
  });

  it("payment sources: switch the gateway account, export a card to another account", async () => {
    const home = (await t.server.must("GET", "/v1/business_entities")).data[0].id;
    const account = await t.server.must("POST", "/v1/gateway_accounts", {
      gateway: "test",
      name: "Second test account",
      business_entity_id: home,
    });
    const customer = await newCustomer("Switcher");
    const { payment_source: source } = await cb().paymentSource.createCard({
      customer_id: customer.id,
      card: { number: "4242424242424242", expiry_month: 12, expiry_year: 2030 },
    });
    const switched = await cb().paymentSource.switchGatewayAccount(source.id, {
      gateway_account_id: account.id,
    });
    expect(switched.payment_source).toMatchObject({
      id: source.id,
      gateway_account_id: account.id,
    });
    const other = await t.server.must("POST", "/v1/gateway_accounts", {
      gateway: "test",
      name: "Third test account",
      business_entity_id: home,
    });
    const exported = await cb().paymentSource.exportPaymentSource(source.id, {
      gateway_account_id: other.id,
    });
    expect(exported.third_party_payment_method).toMatchObject({
      type: "card",
      gateway_account_id: other.id,
      object: "third_party_payment_method",
    });
    const unknownAccount = await refusal(
      cb().paymentSource.switchGatewayAccount(source.id, { gateway_account_id: "gwa_missing" }),
    );
    expect(unknownAccount.http_status_code).toBeLessThan(500);
    expect(unknownAccount.http_status_code).toBeGreaterThanOrEqual(400);
  });

  it("a customer's gateway: card.switch_gateway_for_customer sends its new cards to the account", async () => {
    const home = (await t.server.must("GET", "/v1/business_entities")).data[0].id;
    const account = await t.server.must("POST", "/v1/gateway_accounts", {
      gateway: "test",
      name: "Customer's own account",
      business_entity_id: home,
    });
    const customer = await newCustomer("Gateway");
    const { payment_source: first } = await cb().paymentSource.createCard({
      customer_id: customer.id,
      card: { number: "4242424242424242", expiry_month: 12, expiry_year: 2030 },
    });
    expect(first.gateway_account_id).not.toBe(account.id);

    const switched = await cb().card.switchGatewayForCustomer(customer.id, {
      gateway_account_id: account.id,
    });
    expect(switched.customer).toMatchObject({ id: customer.id, object: "customer" });
    // the card the customer has stays in its account
    expect(switched.card).toEqual({
      status: "valid",
      gateway: first.gateway,
      ...(first.gateway_account_id ? { gateway_account_id: first.gateway_account_id } : {}),
      last4: "4242",
      card_type: first.card?.brand,
      expiry_month: 12,
      expiry_year: 2030,
      masked_number: "************4242",
      customer_id: customer.id,
      payment_source_id: first.id,
      object: "card",
    });
    const chosen = await t.server.must("GET", `/v1/customers/${customer.id}/gateway_account`);
    expect(chosen).toMatchObject({ gateway_account_id: account.id, chosen_by: "customer" });
    // its new cards go to the account it was switched to
    const { payment_source: next } = await cb().paymentSource.createCard({
      customer_id: customer.id,
      card: { number: "5555555555554444", expiry_month: 6, expiry_year: 2031 },
    });
    expect(next.gateway_account_id).toBe(account.id);

    // a customer without a card: the customer alone
    const bare = await newCustomer("Cardless");
    const alone = await cb().card.switchGatewayForCustomer(bare.id, {
      gateway_account_id: account.id,
    });
    expect(alone.customer.id).toBe(bare.id);
    expect(alone.card).toBeUndefined();

    expect(
      await refusal(cb().card.switchGatewayForCustomer(customer.id, {} as never)),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "gateway_account_id",
    });
    expect(
      await refusal(
        cb().card.switchGatewayForCustomer(customer.id, { gateway_account_id: "gwa_missing" }),
      ),
    ).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_request",
      accrue_error_code: "gateway_account_not_found",
    });
    expect(
      await refusal(
        cb().card.switchGatewayForCustomer(customer.id, {
          gateway: "stripe",
          gateway_account_id: account.id,
        }),
      ),
    ).toMatchObject({ api_error_code: "param_not_supported", param: "gateway" });
    expect(
      await refusal(
        cb().card.switchGatewayForCustomer("cus_missing", { gateway_account_id: account.id }),
      ),
    ).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found", param: "id" });
  });

  it("a customer's payments: excess payment recorded, what it owes collected through its card", async () => {
    const customer = await newCustomer("Payer");
    const excess = await cb().customer.recordExcessPayment(customer.id, {
      transaction: {
        amount: 2500,
        currency_code: "EUR",
        payment_method: "bank_transfer",
        reference_number: "WIRE-7",
      },
    } as never);
    expect(excess.transaction).toMatchObject({
      customer_id: customer.id,
      type: "payment",
      amount: 2500,
      amount_unused: 2500,
      currency_code: "EUR",
      reference_number: "WIRE-7",
      status: "success",
      object: "transaction",
    });
    await t.server.must("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [{ description: "Consulting", unit_price: "100.00" }],
    });
    await cb().paymentSource.createCard({
      customer_id: customer.id,
      card: { number: "4242424242424242", expiry_month: 12, expiry_year: 2030 },
    });
    const collected = await cb().customer.collectPayment(customer.id, {
      currency_code: "EUR",
      amount: 7500,
    } as never);
    expect(collected.transaction).toMatchObject({
      customer_id: customer.id,
      type: "payment",
      amount: 7500,
      status: "success",
    });
    const unknownSource = await refusal(
      cb().customer.collectPayment(customer.id, {
        currency_code: "EUR",
        payment_source_id: "pms_missing",
      } as never),
    );
    expect(unknownSource).toMatchObject({ http_status_code: 400, param: "payment_source_id" });
  });

  it("the account hierarchy: link, read, change owners, unlink", async () => {
    const parent = await newCustomer("Parent Co");
    const child = await newCustomer("Child Co");
    const linked = await cb().customer.relationships(child.id, {
      parent_id: parent.id,
      payment_owner_id: parent.id,
      invoice_owner_id: child.id,
    });
    expect(linked.customer.relationship).toEqual({
      parent_id: parent.id,
      payment_owner_id: parent.id,
      invoice_owner_id: child.id,
      root_id: parent.id,
    });
    const tree = await cb().customer.hierarchy(parent.id, {
      hierarchy_operation_type: "subordinates",
    });
    expect(tree.hierarchies).toEqual([
      { customer_id: parent.id, has_children: true, children_ids: [child.id], object: "hierarchy" },
      {
        customer_id: child.id,
        parent_id: parent.id,
        payment_owner_id: parent.id,
        invoice_owner_id: child.id,
        has_children: false,
        children_ids: [],
        object: "hierarchy",
      },
    ]);
    // Accrue's extension: the owners change here too (Chargebee changes them only by linking)
    const changed = await cb().customer.updateHierarchySettings(child.id, {
      payment_owner_id: child.id,
    } as never);
    expect(changed.customer.relationship?.payment_owner_id).toBe(child.id);
    const unlinked = await cb().customer.deleteRelationship(child.id);
    expect(unlinked.customer.relationship).toBeUndefined();
    const wrongOwner = await refusal(
      cb().customer.relationships(child.id, { parent_id: parent.id, payment_owner_id: "cus_x" }),
    );
    expect(wrongOwner).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "payment_owner_id",
    });
  });

  it("promotional credits: add, deduct, list", async () => {
    const customer = await newCustomer("Promoted");
    const added = await cb().promotionalCredit.add({
      customer_id: customer.id,
      amount: 5000,
      currency_code: "EUR",
      description: "launch offer",
    });
    expect(added.promotional_credit).toMatchObject({
      customer_id: customer.id,
      type: "increment",
      amount: 5000,
      currency_code: "EUR",
      description: "launch offer",
      closing_balance: 5000,
      object: "promotional_credit",
    });
    expect(added.customer.promotional_credits).toBe(5000);
    const deducted = await cb().promotionalCredit.deduct({
      customer_id: customer.id,
      amount: 1200,
      currency_code: "EUR",
      description: "used",
    });
    expect(deducted.promotional_credit).toMatchObject({
      type: "decrement",
      amount: 1200,
      closing_balance: 3800,
    });
    const listed = await cb().promotionalCredit.list({ customer_id: { is: customer.id } } as never);
    expect(listed.list.map((e) => e.promotional_credit.amount).sort()).toEqual([1200, 5000]);
    const tooMuch = await refusal(
      cb().promotionalCredit.deduct({
        customer_id: customer.id,
        amount: 999_999,
        currency_code: "EUR",
        description: "too much",
      }),
    );
    expect(tooMuch.http_status_code).toBe(400);
  });

  it("business entity transfers: transfer a customer, list the transfers", async () => {
    const entity = await t.server.must("POST", "/v1/business_entities", { name: "Accrue EU B.V." });
    const customer = await newCustomer("Mover");
    const made = await cb().businessEntity.createTransfers({
      active_resource_ids: [customer.id],
      destination_business_entity_ids: [entity.id],
      resource_types: ["customer"],
      reason_codes: ["correction"],
    } as never);
    expect(made).toMatchObject({
      business_entity_transfer: {
        resource_type: "customer",
        active_resource_id: customer.id,
        destination_business_entity_id: entity.id,
        reason_code: "correction",
        object: "business_entity_transfer",
      },
    });
    const listed = await cb().businessEntity.getTransfers({
      active_resource_id: { is: customer.id },
    } as never);
    expect(listed.list).toHaveLength(1);
    const moved = await cb().customer.retrieve(customer.id);
    expect(moved.customer.business_entity_id).toBe(entity.id);

    const withHeader = await refusal(
      cb().businessEntity.createTransfers(
        {
          active_resource_ids: [customer.id],
          destination_business_entity_ids: [entity.id],
          resource_types: ["customer"],
          reason_codes: ["correction"],
        } as never,
        { "chargebee-business-entity-id": entity.id },
      ),
    );
    expect(withHeader.param).toBe("chargebee-business-entity-id");
  });

  it("events: a created customer, in Chargebee's shape", async () => {
    const customer = await newCustomer("Eventful");
    const listed = await cb().event.list({
      event_type: { is: "customer_created" },
      limit: 100,
    } as never);
    const mine = listed.list.find((e) => e.event.content.customer?.id === customer.id);
    expect(mine?.event).toMatchObject({
      event_type: "customer_created",
      api_version: "v2",
      object: "event",
      content: { customer: { id: customer.id, first_name: "Eventful", object: "customer" } },
    });
    const one = await cb().event.retrieve(mine!.event.id);
    expect(one.event.id).toBe(mine!.event.id);
  });

  it("the time machine is the tenant's test clock", async () => {
    const start = Date.UTC(2031, 0, 1) / 1000;
    const first = await cb().timeMachine.travelForward("delorean", { destination_time: start });
    expect(first.time_machine).toMatchObject({
      name: "delorean",
      time_travel_status: "succeeded",
      destination_time: start,
    });
    const later = start + 86_400 * 10;
    await cb().timeMachine.travelForward("delorean", { destination_time: later });
    const read = await cb().timeMachine.retrieve("delorean");
    expect(read.time_machine.destination_time).toBe(later);
    const back = await refusal(
      cb().timeMachine.travelForward("delorean", { destination_time: start }),
    );
    expect(back.http_status_code).toBe(400);
  });
});

describeServer("chargebee client: orders", (t) => {
  const cb = () => chargebeeClient(t.server);

  const issuedInvoice = async () => {
    const customer = await t.server.must("POST", "/v1/customers", { first_name: "Shopper" });
    return t.server.must("POST", "/v1/invoices", {
      customer_id: customer.id,
      currency: "EUR",
      lines: [
        { description: "Starter kit", unit_price: "40.00", quantity: "2" },
        { description: "Cable", unit_price: "4.50" },
      ],
    });
  };

  it("create → update → retrieve → list → cancel → reopen, in Chargebee's shapes", async () => {
    const invoice = await issuedInvoice();
    const { order } = await cb().order.create({
      invoice_id: invoice.id,
      tracking_id: "TRK-1",
      shipping_address: {
        first_name: "Ada",
        last_name: "Lovelace",
        line1: "1 Main St",
        zip: "10115",
        country: "DE",
      },
    } as never);
    expect(order).toMatchObject({
      invoice_id: invoice.id,
      customer_id: invoice.customer_id,
      status: "new",
      tracking_id: "TRK-1",
      currency_code: "EUR",
      total: 8450,
      shipping_address: {
        first_name: "Ada Lovelace",
        line1: "1 Main St",
        zip: "10115",
        country: "DE",
      },
      object: "order",
    });
    expect(order.order_line_items).toHaveLength(2);
    expect(order.order_line_items?.[0]).toMatchObject({ amount: 8000, fulfillment_quantity: 2 });

    const moved = await cb().order.update(order.id, { status: "processing" });
    expect(moved.order.status).toBe("processing");
    expect((await cb().order.retrieve(order.id)).order.status).toBe("processing");
    const forInvoice = await cb().order.ordersForInvoice(invoice.id);
    expect(forInvoice.list.map((e) => e.order.id)).toEqual([order.id]);
    const listed = await cb().order.list({ invoice_id: { is: invoice.id } } as never);
    expect(listed.list.map((e) => e.order.id)).toEqual([order.id]);

    const wrongTotal = await refusal(
      cb().order.cancel(order.id, {
        cancellation_reason: "shipping_cut_off_passed",
        credit_note: { total: 1 },
      } as never),
    );
    expect(wrongTotal).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "credit_note[total]",
    });
    const cancelled = await cb().order.cancel(order.id, {
      cancellation_reason: "product_unsatisfactory",
    } as never);
    expect(cancelled.order).toMatchObject({
      status: "cancelled",
      cancellation_reason: "product_unsatisfactory",
    });
    const reopened = await cb().order.reopen(order.id);
    expect(reopened.order.status).toBe("new");

    const backwards = await refusal(cb().order.update(order.id, { status: "delivered" }));
    expect(backwards).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
    const unknown = await refusal(cb().order.retrieve("ord_missing"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
  });

  it("import an order with its own number and dates; delete only what has not shipped", async () => {
    const invoice = await issuedInvoice();
    const shipped = Date.UTC(2026, 10, 2) / 1000;
    const { order } = await cb().order.importOrder({
      invoice_id: invoice.id,
      document_number: "LEGACY-0042",
      status: "shipped",
      order_date: Date.UTC(2026, 10, 1) / 1000,
      shipped_at: shipped,
    } as never);
    expect(order).toMatchObject({
      document_number: "LEGACY-0042",
      status: "shipped",
      order_type: "manual",
      order_date: Date.UTC(2026, 10, 1) / 1000,
      shipped_at: shipped,
    });
    const shippedOne = await refusal(cb().order.delete(order.id));
    expect(shippedOne).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
    const other = await issuedInvoice();
    const fresh = (await cb().order.create({ invoice_id: other.id } as never)).order;
    const deleted = await cb().order.delete(fresh.id);
    expect(deleted.order).toMatchObject({ id: fresh.id, deleted: true });
    await expect(cb().order.retrieve(fresh.id)).rejects.toMatchObject({ http_status_code: 404 });
  });
});
