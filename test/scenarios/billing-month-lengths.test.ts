/**
 * Up- and downgrades in the middle of months of 28, 29, 30 and 31 days, on a test clock:
 * the plan variant that was billed for the whole month is corrected to the days it kept, the
 * new one is charged for the days it has, and the next month is billed in full. Every amount
 * is derived by hand in the comments (x × days / days in month, rounded once, half away from
 * zero). Each case runs in a tenant of its own, monthly prepaid, contract from the 1st (UTC),
 * change on the 11th: the old variant kept 10 days.
 */
import { expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const monthly = { unit: "month", count: 1 } as const;

type Case = {
  month: string; // YYYY-MM
  next: string; // YYYY-MM after it
  days: number;
  /** [old kept 10 days, correction, new for days − 10] */
  upgrade: [string, string, string];
  downgrade: [string, string, string];
};

const cases: Case[] = [
  {
    month: "2027-02",
    next: "2027-03",
    days: 28,
    // Basic 30 × 10/28 = 10.714… → 10.71, −19.29; Pro 60 × 18/28 = 38.571… → 38.57
    upgrade: ["10.71", "-19.29", "38.57"],
    // Pro 60 × 10/28 = 21.428… → 21.43, −38.57; Basic 30 × 18/28 = 19.285… → 19.29
    downgrade: ["21.43", "-38.57", "19.29"],
  },
  {
    month: "2028-02",
    next: "2028-03",
    days: 29,
    // Basic 30 × 10/29 = 10.344… → 10.34, −19.66; Pro 60 × 19/29 = 39.310… → 39.31
    upgrade: ["10.34", "-19.66", "39.31"],
    // Pro 60 × 10/29 = 20.689… → 20.69, −39.31; Basic 30 × 19/29 = 19.655… → 19.66
    downgrade: ["20.69", "-39.31", "19.66"],
  },
  {
    month: "2027-04",
    next: "2027-05",
    days: 30,
    // Basic 30 × 10/30 = 10.00, −20.00; Pro 60 × 20/30 = 40.00
    upgrade: ["10.00", "-20.00", "40.00"],
    // Pro 60 × 10/30 = 20.00, −40.00; Basic 30 × 20/30 = 20.00
    downgrade: ["20.00", "-40.00", "20.00"],
  },
  {
    month: "2027-03",
    next: "2027-04",
    days: 31,
    // Basic 30 × 10/31 = 9.677… → 9.68, −20.32; Pro 60 × 21/31 = 40.645… → 40.65
    upgrade: ["9.68", "-20.32", "40.65"],
    // Pro 60 × 10/31 = 19.354… → 19.35, −40.65; Basic 30 × 21/31 = 20.322… → 20.32
    downgrade: ["19.35", "-40.65", "20.32"],
  },
];

describeServer("plan changes in months of every length", (t) => {
  for (const c of cases) {
    for (const direction of ["upgrade", "downgrade"] as const) {
      it(`${direction} on the 11th of a ${c.days}-day month (${c.month})`, async () => {
        const a = await billingTenant(
          t.server,
          `${direction} ${c.month}`,
          `${c.month}-01T00:00:00Z`,
        );
        const { plan } = await a.plan();
        const basic = await a.variant(plan, {
          internal_name: "Basic",
          recurring_fee: "30",
          fee_period: monthly,
        });
        const pro = await a.variant(plan, {
          internal_name: "Pro",
          recurring_fee: "60",
          fee_period: monthly,
        });
        const [from, to] = direction === "upgrade" ? [basic, pro] : [pro, basic];
        const [fromName, toName, fromFee, toFee] =
          direction === "upgrade" ? ["Basic", "Pro", "30", "60"] : ["Pro", "Basic", "60", "30"];
        const contract = await a.signup(await a.customer(), from);
        await a.run();

        await a.advance(`${c.month}-11T00:00:00Z`);
        const order = await a.post("/v1/orders", {
          contract_id: contract,
          plan_variant_id: to,
        });
        expect((await a.post(`/v1/orders/${order.id}/commit`)).status).toBe("succeeded");
        expect(await a.run()).toBeNull(); // billed at the next billing date

        await a.advance(`${c.next}-01T00:00:00Z`);
        await a.run();
        const [first, second] = await a.invoices(contract);
        const [kept, correction, rest] = c[direction];
        expect(lines(first)).toEqual([
          [fromName, `${c.month}-01..${c.next}-01`, "1", fromFee, `${fromFee}.00`],
        ]);
        expect(lines(second)).toEqual([
          [
            `${fromName} (10 of ${c.days} days) — correction of ${fromFee}.00 billed`,
            `${c.month}-01..${c.month}-11`,
            "1",
            correction,
            correction,
          ],
          [
            `${toName} (${c.days - 10} of ${c.days} days)`,
            `${c.month}-11..${c.next}-01`,
            "1",
            toFee,
            rest,
          ],
          [toName, `${c.next}-01..${next(c.next)}-01`, "1", toFee, `${toFee}.00`],
        ]);
        // the correction is what the old variant kept less what it was billed
        expect(cents(kept) - cents(`${fromFee}.00`)).toBe(cents(correction));
        expect(cents(second.total_net)).toBe(
          cents(correction) + cents(rest) + cents(`${toFee}.00`),
        );
      });
    }
  }
});

// amounts have two decimals: minor units as integers, no floating point
const cents = (s: string) => BigInt(s.replace(".", ""));

function next(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
