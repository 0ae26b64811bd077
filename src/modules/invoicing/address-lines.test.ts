import { describe, expect, it } from "vitest";
import { addressLines } from "./documents.js";

describe("an address as the document prints it", () => {
  it("puts the postal code before the city, the state after, where that is the custom", () => {
    expect(
      addressLines({
        street: "Hauptstraße",
        house_number: "1",
        postal_code: "10115",
        city: "Berlin",
        country: "DE",
      }),
    ).toEqual(["Hauptstraße 1", "10115 Berlin", "DE"]);
    expect(
      addressLines({
        line1: "Via Roma 1",
        postal_code: "00184",
        city: "Roma",
        state: "RM",
        country: "IT",
      }),
    ).toEqual(["Via Roma 1", "00184 Roma, RM", "IT"]);
  });

  it("puts city and state before the code in the United States, Canada and Australia", () => {
    expect(
      addressLines({
        line1: "1 Market Street",
        postal_code: "94105",
        city: "San Francisco",
        state: "CA",
        country: "US",
      }),
    ).toEqual(["1 Market Street", "San Francisco, CA 94105", "US"]);
    expect(
      addressLines({ city: "Toronto", state: "ON", postal_code: "M5H 2N2", country: "CA" }),
    ).toEqual(["Toronto, ON M5H 2N2", "CA"]);
  });
});
