import { describe, expect, it } from "vitest";
import { isAccrueError } from "../../domain/errors.js";
import { bwField, bwInstant, bwTimestamp, decimalFromNumber } from "./wire.js";

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isAccrueError(e)) return { code: e.code, kind: e.kind, field: e.details?.field };
    throw e;
  }
  throw new Error("not refused");
};

describe("Billwerk wire formats", () => {
  it("timestamps have seven fractional digits, whatever precision they come with", () => {
    expect(bwTimestamp("2025-01-01T09:00:00Z")).toBe("2025-01-01T09:00:00.0000000Z");
    expect(bwTimestamp("2025-01-01T09:00:00.123Z")).toBe("2025-01-01T09:00:00.1230000Z");
    expect(bwTimestamp("2025-01-01T09:00:00.123456789Z")).toBe("2025-01-01T09:00:00.1234567Z");
    expect(bwTimestamp(null)).toBeNull();
  });

  it("timestamps of any offset, Dates and dates serialize the same way, in UTC", () => {
    expect(bwTimestamp("2026-12-06T05:12:53.579+01:00")).toBe("2026-12-06T04:12:53.5790000Z");
    expect(bwTimestamp(new Date("2026-12-06T05:12:53.579Z"))).toBe("2026-12-06T05:12:53.5790000Z");
    expect(bwTimestamp("2031-06-30")).toBe("2031-06-30T00:00:00.0000000Z");
  });

  it("date and date-time inputs: a date is midnight UTC, no offset is UTC, an offset is kept", () => {
    expect(bwInstant("2031-06-30", "EndDate")).toBe("2031-06-30T00:00:00Z");
    expect(bwInstant("2026-12-01T10:00:00", "DueDate")).toBe("2026-12-01T10:00:00Z");
    expect(bwInstant("2026-12-01T10:00", "DueDate")).toBe("2026-12-01T10:00:00Z");
    expect(bwInstant("2026-12-01T10:00:00.5", "DueDate")).toBe("2026-12-01T10:00:00.5Z");
    expect(bwInstant("2026-12-01T10:00:00Z", "DueDate")).toBe("2026-12-01T10:00:00Z");
    expect(bwInstant("2026-12-01T10:00:00.1234567Z", "DueDate")).toBe(
      "2026-12-01T10:00:00.1234567Z",
    );
    expect(bwInstant("2026-12-01T10:00:00+02:00", "DueDate")).toBe("2026-12-01T08:00:00Z");
    expect(bwInstant("2026-12-01T01:00:00-05:00", "DueDate")).toBe("2026-12-01T06:00:00Z");
  });

  it("other text is a field error naming the Billwerk field; far dates are date_out_of_range", () => {
    for (const bad of ["tomorrow", "2031-02-30", "2031-06-30T25:00:00", "31.06.2031", "2031-6-1"]) {
      expect(refusal(() => bwInstant(bad, "EndDate"))).toEqual({
        code: "validation_failed",
        kind: "invalid",
        field: "body.EndDate",
      });
    }
    expect(refusal(() => bwInstant("2300-01-01", "EndDate"))).toEqual({
      code: "date_out_of_range",
      kind: "invalid",
      field: "body.EndDate",
    });
    expect(refusal(() => bwInstant("1999-12-31T23:59:59", "DueDate")).code).toBe(
      "date_out_of_range",
    );
  });

  it("error details name Billwerk's fields, not Accrue's", () => {
    expect(bwField("payment_method")).toBe("PaymentMethod");
    expect(bwField("end_date")).toBe("EndDate");
    expect(bwField("customer_id")).toBe("CustomerId");
    expect(bwField("url")).toBe("Url");
    expect(bwField("email")).toBe("EmailAddress");
    expect(bwField("address.line1")).toBe("Address.AddressLine1");
    expect(bwField("event_types")).toBe("Events");
    expect(bwField("plan_variant_id", "orders.create")).toBe("Cart.PlanVariantId");
    expect(bwField("components.0.quantity", "orders.create")).toBe(
      "Cart.ComponentSubscriptions.0.Quantity",
    );
    expect(bwField("quantity", "usage.create")).toBe("Quantity");
    // request paths and Billwerk names stay as they are
    expect(bwField("body.EmailAddress")).toBe("body.EmailAddress");
    expect(bwField("Cart.PlanVariantId")).toBe("Cart.PlanVariantId");
  });

  it("JSON numbers become decimal text without exponents", () => {
    expect(decimalFromNumber(12.5)).toBe("12.5");
    expect(decimalFromNumber(1e-7)).toBe("0.0000001");
    expect(decimalFromNumber(450.1)).toBe("450.1");
    expect(decimalFromNumber(1e21)).toBe("1000000000000000000000");
  });
});
