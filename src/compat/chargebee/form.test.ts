import { describe, expect, it } from "vitest";
import { decodeParams, FormError, keyPath, parseForm } from "./form.js";

describe("Chargebee's bracketed parameters", () => {
  it("splits a key into its path", () => {
    expect(keyPath("email")).toEqual(["email"]);
    expect(keyPath("billing_address[first_name]")).toEqual(["billing_address", "first_name"]);
    expect(keyPath("subscription_items[item_price_id][0]")).toEqual([
      "subscription_items",
      "item_price_id",
      "0",
    ]);
    expect(keyPath("a[b")).toBeUndefined();
    expect(keyPath("[b]")).toBeUndefined();
    expect(keyPath("a[b]c")).toBeUndefined();
  });

  it("reads nested objects, lists of objects column by column, lists of values and filters", () => {
    const body = parseForm(
      [
        "first_name=Ada",
        "billing_address[line1]=Main+St+1",
        "billing_address[zip]=10115",
        "subscription_items[item_price_id][0]=basic-EUR-monthly",
        "subscription_items[quantity][0]=2",
        "subscription_items[item_price_id][1]=addon-EUR",
        "ids[0]=a",
        "ids[1]=b",
        "email[is]=a%40b.c",
        "created_at[between]=%5B1%2C2%5D",
      ].join("&"),
    );
    expect(decodeParams(body)).toEqual({
      first_name: "Ada",
      billing_address: { line1: "Main St 1", zip: "10115" },
      subscription_items: [
        { item_price_id: "basic-EUR-monthly", quantity: "2" },
        { item_price_id: "addon-EUR" },
      ],
      ids: ["a", "b"],
      email: { is: "a@b.c" },
      created_at: { between: "[1,2]" },
    });
  });

  it("refuses keys that reach an object's prototype, clash, or index too far", () => {
    expect(() => decodeParams({ "__proto__[x]": "1" })).toThrow(FormError);
    expect(() => decodeParams({ "a[constructor]": "1" })).toThrow(FormError);
    expect(() => decodeParams({ a: "1", "a[b]": "2" })).toThrow(FormError);
    expect(() => decodeParams({ "a[b]": "1", "a[0]": "2" })).toThrow(FormError);
    expect(() => decodeParams({ "a[x][1000]": "1" })).toThrow(FormError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("takes the last of a repeated key, as Chargebee does", () => {
    expect(decodeParams({ a: ["1", "2"] })).toEqual({ a: "2" });
  });
});
