import { describe, expect, it } from "vitest";
import { chargeDescription, MAX_CHARGE_DESCRIPTION } from "./adapter-kit.js";

const chars = (text: string) => [...text].length;

describe("a charge's description", () => {
  it("names the seller and the invoices the charge pays", () => {
    expect(chargeDescription({ merchant: "Acme GmbH", invoiceNumbers: ["INV-0001"] })).toBe(
      "Acme GmbH, invoice INV-0001",
    );
    expect(
      chargeDescription({ merchant: "  Acme \n GmbH ", invoiceNumbers: ["INV-0001", "INV-0002"] }),
    ).toBe("Acme GmbH, invoices INV-0001, INV-0002");
    // a payment on account or a hold: the seller alone
    expect(chargeDescription({ merchant: "Acme GmbH", invoiceNumbers: [] })).toBe("Acme GmbH");
  });

  it("stays within Mollie's 255 characters, counting the invoices that do not fit", () => {
    const numbers = Array.from(
      { length: 40 },
      (_, i) => `RE-2026-${String(i + 1).padStart(5, "0")}`,
    );
    const text = chargeDescription({ merchant: "Acme GmbH", invoiceNumbers: numbers });
    expect(chars(text)).toBeLessThanOrEqual(MAX_CHARGE_DESCRIPTION);
    const shown = text.match(/RE-2026-\d{5}/g)!;
    expect(shown).toEqual(numbers.slice(0, shown.length));
    expect(text.endsWith(` and ${40 - shown.length} more`)).toBe(true);
    // the next number would not have fitted
    expect(
      chars(
        `Acme GmbH, invoices ${numbers.slice(0, shown.length + 1).join(", ")} and ${40 - shown.length - 1} more`,
      ),
    ).toBeGreaterThan(MAX_CHARGE_DESCRIPTION);

    // a seller's long name leaves room for the invoice; characters are never cut in half
    const long = "Ünïcödé Holding 🚀 ".repeat(20);
    const named = chargeDescription({ merchant: long, invoiceNumbers: ["INV-9"] });
    expect(named.endsWith(", invoice INV-9")).toBe(true);
    expect(chars(named)).toBeLessThanOrEqual(MAX_CHARGE_DESCRIPTION);
    expect(named).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    // a number longer than the limit is cut
    const huge = chargeDescription({ merchant: "A", invoiceNumbers: ["9".repeat(400)] });
    expect(chars(huge)).toBe(MAX_CHARGE_DESCRIPTION);
    expect(huge.endsWith("…")).toBe(true);
  });
});
