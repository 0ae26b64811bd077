/**
 * Chargebee's official Node client against the `/api/v2` catalog: item families (plan
 * groups), plan items (plans) and their item prices (plan variants), addon item prices
 * (components, flat and tiered), archiving, and Chargebee's errors.
 */
import { expect, it } from "vitest";
import { describeServer } from "../server.js";
import { chargebeeClient, refusal } from "./chargebee-client.js";

describeServer("chargebee client: item families, items, item prices", (t) => {
  const cb = () => chargebeeClient(t.server);

  const family = async (name = "Cloud") =>
    (await cb().itemFamily.create({ name, currency_code: "EUR" } as never)).item_family;

  it("item family: create → retrieve → update → list", async () => {
    const created = await family("Cloud");
    expect(created).toMatchObject({
      name: "Cloud",
      status: "active",
      deleted: false,
      object: "item_family",
      currency_code: "EUR",
    });
    expect(created.id).toMatch(/^plg_/);
    const native = await t.server.must("GET", `/v1/plan_groups/${created.id}`);
    expect(native).toMatchObject({ name: "Cloud", currency: "EUR", price_type: "net" });

    const read = await cb().itemFamily.retrieve(created.id);
    expect(read.item_family).toEqual(created);

    const updated = await cb().itemFamily.update(created.id, { name: "Cloud 2" });
    expect(updated.item_family).toMatchObject({ id: created.id, name: "Cloud 2" });

    const listed = await cb().itemFamily.list({ id: { is: created.id } } as never);
    expect(listed.list.map((e) => e.item_family.id)).toEqual([created.id]);
    const all = await cb().itemFamily.list({ limit: 100 });
    expect(all.list.map((e) => e.item_family.id)).toContain(created.id);
  });

  it("an item family without currency_code takes the default business entity's first", async () => {
    const entities = await t.server.must("GET", "/v1/business_entities");
    const entity = entities.data.find((e: { is_default: boolean }) => e.is_default);
    const currency: string | undefined = entity?.currencies?.[0];
    if (currency) {
      const { item_family } = await cb().itemFamily.create({ name: "Defaulted" } as never);
      expect(item_family.currency_code).toBe(currency);
    } else {
      const refused = await refusal(cb().itemFamily.create({ name: "Defaulted" } as never));
      expect(refused).toMatchObject({
        api_error_code: "param_wrong_value",
        param: "currency_code",
      });
    }
    // with an entity that names its currencies, the first of them
    const other = await t.server.must("POST", "/v1/business_entities", {
      name: "Swiss entity",
      currencies: ["CHF", "EUR"],
    });
    const { item_family: swiss } = await cb().itemFamily.create(
      { name: "Swiss" } as never,
      { "chargebee-business-entity-id": other.id } as never,
    );
    expect(swiss.currency_code).toBe("CHF");
  });

  it("plan item and its item price: a plan and a plan variant, money in minor units", async () => {
    const fam = await family("Plans");
    const { item } = await cb().item.create({
      name: "Basic",
      type: "plan",
      item_family_id: fam.id,
      description: "the basic plan",
    } as never);
    expect(item).toMatchObject({
      name: "Basic",
      type: "plan",
      item_family_id: fam.id,
      description: "the basic plan",
      status: "active",
      metered: false,
      deleted: false,
      object: "item",
    });
    expect(item.id).toMatch(/^pln_/);

    const { item_price: price } = await cb().itemPrice.create({
      id: "basic-EUR-monthly",
      name: "Basic monthly",
      item_id: item.id,
      pricing_model: "flat_fee",
      price: 2990,
      period: 1,
      period_unit: "month",
      currency_code: "EUR",
    });
    expect(price).toMatchObject({
      name: "Basic monthly",
      item_id: item.id,
      item_family_id: fam.id,
      item_type: "plan",
      price: 2990,
      period: 1,
      period_unit: "month",
      currency_code: "EUR",
      status: "active",
      deleted: false,
      object: "item_price",
      metadata: { external_id: "basic-EUR-monthly" },
    });
    // the item price is Accrue's plan variant, by its own id
    expect(price.id).toMatch(/^plv_/);
    const variant = await t.server.must("GET", `/v1/plan_variants/${price.id}`);
    expect(variant).toMatchObject({
      plan_id: item.id,
      recurring_fee: "29.9",
      fee_period: { unit: "month", count: 1 },
      external_id: "basic-EUR-monthly",
    });
    expect(price.created_at).toBeLessThan(10_000_000_000);

    const read = await cb().itemPrice.retrieve(price.id);
    expect(read.item_price).toEqual(price);

    // a yearly price with more decimals than the currency answers in price_in_decimal
    const fine = await cb().itemPrice.create({
      name: "Basic yearly",
      item_id: item.id,
      price_in_decimal: "299.995",
      period: 1,
      period_unit: "year",
    } as never);
    expect(fine.item_price).toMatchObject({ price_in_decimal: "299.995", period_unit: "year" });
    expect(fine.item_price.price).toBeUndefined();

    const listed = await cb().itemPrice.list({ item_id: { is: item.id } } as never);
    expect(listed.list.map((e) => e.item_price.id)).toEqual([price.id, fine.item_price.id]);

    const items = await cb().item.list({
      item_family_id: { is: fam.id },
      type: { is: "plan" },
    } as never);
    expect(items.list.map((e) => e.item.id)).toEqual([item.id]);

    const renamed = await cb().item.update(item.id, { name: "Basic plus", status: "archived" });
    expect(renamed.item).toMatchObject({ name: "Basic plus", status: "archived" });
    expect((await t.server.must("GET", `/v1/plans/${item.id}`)).hidden).toBe(true);

    const priceRenamed = await cb().itemPrice.update(price.id, { name: "Basic / month" });
    expect(priceRenamed.item_price).toMatchObject({ name: "Basic / month", price: 2990 });
  });

  it("addon item prices: per unit and tiered components", async () => {
    const fam = await family("Addons");
    const { item_price: seats } = await cb().itemPrice.create({
      name: "Seats",
      item_family_id: fam.id,
      item_type: "addon",
      pricing_model: "per_unit",
      price: 500,
      period: 1,
      period_unit: "month",
    } as never);
    expect(seats).toMatchObject({
      name: "Seats",
      item_family_id: fam.id,
      item_type: "addon",
      pricing_model: "per_unit",
      price: 500,
      currency_code: "EUR",
      period: 1,
      period_unit: "month",
      object: "item_price",
    });
    expect(seats.id).toMatch(/^cmp_/);
    // the addon item and its price are one component
    expect(seats.item_id).toBe(seats.id);
    const item = await cb().item.retrieve(seats.id);
    expect(item.item).toMatchObject({ id: seats.id, type: "addon", metered: false });

    const { item_price: calls } = await cb().itemPrice.create({
      name: "API calls",
      item_family_id: fam.id,
      item_type: "addon",
      pricing_model: "tiered",
      metered: true,
      tiers: [
        { starting_unit: 1, ending_unit: 1000, price: 2 },
        { starting_unit: 1001, price: 1 },
      ],
    } as never);
    expect(calls).toMatchObject({
      pricing_model: "tiered",
      tiers: [
        { starting_unit: 1, ending_unit: 1000, price: 2 },
        { starting_unit: 1001, price: 1 },
      ],
    });
    const component = await t.server.must("GET", `/v1/components/${calls.id}`);
    expect(component).toMatchObject({
      type: "metered",
      price_model: "tiered",
      tiers: [
        { from: "0", price: "0.02" },
        { from: "1000", price: "0.01" },
      ],
    });
    expect((await cb().item.retrieve(calls.id)).item.metered).toBe(true);

    const addons = await cb().itemPrice.list({
      item_family_id: { is: fam.id },
      item_type: { is: "addon" },
    } as never);
    expect(addons.list.map((e) => e.item_price.id)).toEqual([seats.id, calls.id]);

    // all of the family's items, plans first then addons, page by page
    const { item: plan } = await cb().item.create({
      name: "Pro",
      type: "plan",
      item_family_id: fam.id,
    } as never);
    const seen: string[] = [];
    let offset: string | undefined;
    let pages = 0;
    do {
      const page = await cb().item.list({
        limit: 1,
        item_family_id: { is: fam.id },
        ...(offset ? { offset } : {}),
      } as never);
      seen.push(...page.list.map((e) => e.item.id));
      offset = page.next_offset;
      pages += 1;
    } while (offset && pages < 20);
    expect(seen).toEqual([plan.id, seats.id, calls.id]);

    const deleted = await cb().itemPrice.delete(seats.id);
    expect(deleted.item_price).toMatchObject({ id: seats.id, status: "deleted", deleted: true });
    expect((await cb().itemPrice.retrieve(seats.id)).item_price.status).toBe("archived");
  });

  it("Chargebee's errors for what the catalog refuses", async () => {
    const fam = await family("Errors");
    const { item } = await cb().item.create({
      name: "Plan",
      type: "plan",
      item_family_id: fam.id,
    } as never);

    const unknown = await refusal(cb().itemPrice.retrieve("plv_missing"));
    expect(unknown).toMatchObject({ http_status_code: 404, api_error_code: "resource_not_found" });
    const unknownItem = await refusal(cb().item.retrieve("nope"));
    expect(unknownItem.api_error_code).toBe("resource_not_found");
    const unknownFamily = await refusal(
      cb().item.create({ name: "X", type: "plan", item_family_id: "plg_missing" } as never),
    );
    expect(unknownFamily).toMatchObject({
      http_status_code: 404,
      api_error_code: "resource_not_found",
      param: "item_family_id",
    });

    const badUnit = await refusal(
      cb().itemPrice.create({
        name: "Weekly-ish",
        item_id: item.id,
        price: 100,
        period_unit: "fortnight",
      } as never),
    );
    expect(badUnit).toMatchObject({
      http_status_code: 400,
      api_error_code: "param_wrong_value",
      param: "period_unit",
    });

    const wrongCurrency = await refusal(
      cb().itemPrice.create({
        name: "Dollars",
        item_id: item.id,
        price: 100,
        currency_code: "USD",
      } as never),
    );
    expect(wrongCurrency).toMatchObject({
      api_error_code: "param_wrong_value",
      param: "currency_code",
    });

    const stairstep = await refusal(
      cb().itemPrice.create({
        name: "Steps",
        item_family_id: fam.id,
        pricing_model: "stairstep",
        tiers: [{ starting_unit: 1, price: 100 }],
      } as never),
    );
    expect(stairstep).toMatchObject({
      api_error_code: "param_not_supported",
      param: "pricing_model",
    });

    const addonItem = await refusal(
      cb().item.create({ name: "Addon", type: "addon", item_family_id: fam.id } as never),
    );
    expect(addonItem).toMatchObject({ api_error_code: "param_not_supported", param: "type" });

    const extra = await refusal(
      cb().itemFamily.create({
        name: "Shippable",
        currency_code: "EUR",
        cf_colour: "red",
      } as never),
    );
    expect(extra).toMatchObject({ api_error_code: "param_not_supported", param: "cf_colour" });

    // a price is fixed once created: a new item price is the way to change it
    const { item_price: price } = await cb().itemPrice.create({
      name: "Fixed",
      item_id: item.id,
      price: 1000,
      period_unit: "month",
    } as never);
    const changed = await refusal(cb().itemPrice.update(price.id, { price: 1200 }));
    expect(changed).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_request",
      accrue_error_code: "immutable_field",
    });

    const keep = await refusal(cb().itemFamily.delete(fam.id));
    expect(keep).toMatchObject({
      http_status_code: 400,
      api_error_code: "invalid_state_for_request",
    });
  });
});
