/**
 * Discounts (a percentage or a fixed amount off, for a time or forever) and the coupons that
 * customers redeem for them. Lists and creation.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { ListItem } from "../../../sdk/src/client.js";
import { formatDate, formatMoney, formatPeriod } from "../../shared/format.js";
import {
  Field,
  SelectField,
  Show,
  SubmissionOutcome,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import type { PlanGroup } from "./catalog.js";
import { Count, collect, Named } from "./shared.js";

type Api = PageProps["api"];
type Discount = ListItem<"/v1/discounts">;
type Unit = "day" | "week" | "month" | "year";

/** Minor units as a decimal string in a currency with `digits` decimals: "500", 2 → "5.00". */
function fromMinor(amount: string, digits: number): string {
  if (digits === 0) return amount;
  const padded = amount.padStart(digits + 1, "0");
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** A decimal amount as minor units: "5", 2 → "500"; null when it has more decimals. */
export function toMinor(amount: string, digits: number): string | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return null;
  const fraction = m[2] ?? "";
  if (fraction.length > digits) return null;
  return BigInt(`${m[1]}${fraction.padEnd(digits, "0")}`).toString();
}

/** Decimals of a currency's minor unit, as the browser knows them (EUR 2, JPY 0). */
function digitsOf(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** "12.5 % off the recurring fee, for 3 months" / "5.00 EUR off everything, forever". */
export function describeDiscount(d: Discount): string {
  const off =
    d.kind === "percentage"
      ? `${d.percent} %`
      : formatMoney(fromMinor(d.amount ?? "0", digitsOf(d.currency)), d.currency);
  const what =
    d.applies_to === "recurring_fee"
      ? "the recurring fee"
      : d.applies_to === "components"
        ? "the components"
        : "fee and components";
  const how = d.duration === "forever" ? "forever" : `for ${formatPeriod(d.duration)}`;
  return `${off} off ${what}, ${how}`;
}

export function DiscountsPage({ api }: PageProps): JSX.Element {
  const [lists, reload] = useAsync(async () => {
    const all = { params: { query: { limit: 100 } } } as const;
    const [groups, discounts, coupons] = await Promise.all([
      collect(api.paginate("/v1/plan_groups", all)),
      collect(api.paginate("/v1/discounts", all)),
      collect(api.paginate("/v1/coupons", all)),
    ]);
    return { groups, discounts, coupons };
  }, []);
  return (
    <>
      <h1>Discounts and coupons</h1>
      <Show value={lists}>
        {({ groups, discounts, coupons }) => {
          const discountName = (id: string) => discounts.items.find((d) => d.id === id)?.name ?? id;
          const groupName = (id: string) => groups.items.find((g) => g.id === id)?.name ?? id;
          return (
            <>
              <section>
                <h2 id="discounts">Discounts</h2>
                <Count
                  n={discounts.items.length}
                  more={discounts.more}
                  one="discount"
                  many="discounts"
                />
                <Table
                  caption="Discounts"
                  hideCaption
                  rows={discounts.items}
                  empty="No discounts yet."
                  columns={[
                    {
                      header: "Name",
                      cell: (d) => <Named name={d.name} id={d.id} />,
                      sort: (d) => d.name,
                    },
                    {
                      header: "Plan group",
                      cell: (d) => groupName(d.plan_group_id),
                      sort: (d) => groupName(d.plan_group_id),
                    },
                    { header: "Discount", cell: (d) => describeDiscount(d) },
                    {
                      header: "Created",
                      cell: (d) => formatDate(d.created_at),
                      sort: (d) => d.created_at,
                    },
                  ]}
                />
                {groups.items.length > 0 ? (
                  <CreateDiscount api={api} groups={groups.items} done={reload} />
                ) : (
                  <p class="muted">
                    A discount belongs to a plan group: <a href="#/catalog">create one first</a>.
                  </p>
                )}
              </section>
              <section>
                <h2 id="coupons">Coupons</h2>
                <Count n={coupons.items.length} more={coupons.more} one="coupon" many="coupons" />
                <Table
                  caption="Coupons"
                  hideCaption
                  rows={coupons.items}
                  empty="No coupons yet."
                  columns={[
                    {
                      header: "Code",
                      cell: (c) => <Named name={c.code} id={c.id} />,
                      sort: (c) => c.code,
                    },
                    {
                      header: "Discount",
                      cell: (c) => discountName(c.discount_id),
                      sort: (c) => discountName(c.discount_id),
                    },
                    {
                      header: "Redeemed",
                      cell: (c) =>
                        c.max_redemptions === null
                          ? `${c.redemption_count}`
                          : `${c.redemption_count} of ${c.max_redemptions}`,
                      numeric: true,
                      sort: (c) => c.redemption_count,
                    },
                    {
                      header: "Valid until",
                      cell: (c) => (c.valid_until ? formatDate(c.valid_until) : "no end"),
                      sort: (c) => c.valid_until ?? "9999",
                    },
                  ]}
                />
                {discounts.items.length > 0 && (
                  <CreateCoupon api={api} discounts={discounts.items} done={reload} />
                )}
              </section>
            </>
          );
        }}
      </Show>
    </>
  );
}

function CreateDiscount(props: { api: Api; groups: PlanGroup[]; done: () => void }): JSX.Element {
  const [group, setGroup] = useState(props.groups[0]?.id ?? "");
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"percentage" | "fixed_amount">("percentage");
  const [value, setValue] = useState("");
  const [appliesTo, setAppliesTo] = useState<Discount["applies_to"]>("recurring_fee");
  const [forever, setForever] = useState<"forever" | "period">("forever");
  const [count, setCount] = useState("3");
  const [unit, setUnit] = useState<Unit>("month");
  const form = useSubmit();
  const currency = props.groups.find((g) => g.id === group)?.currency ?? "";
  return (
    <form
      class="inline-form"
      aria-labelledby="create-discount"
      onSubmit={form.submit(async () => {
        let off: { percent: string } | { amount: string };
        if (kind === "percentage") off = { percent: value.trim() };
        else {
          const minor = toMinor(value, digitsOf(currency));
          if (minor === null) throw new Error(`The amount is not an amount of ${currency}`);
          off = { amount: minor };
        }
        const { data } = await props.api.POST("/v1/discounts", {
          body: {
            plan_group_id: group,
            name: name.trim(),
            applies_to: appliesTo,
            duration:
              forever === "forever" ? "forever" : { unit, count: Number.parseInt(count, 10) },
            ...off,
          },
        });
        form.say(`Created discount ${data.name} (${data.id}): ${describeDiscount(data)}.`);
        setName("");
        setValue("");
        props.done();
      })}
    >
      <h3 id="create-discount">Create a discount</h3>
      <SelectField
        label="Plan group"
        name="discount-group"
        value={group}
        options={props.groups.map((g) => [g.id, `${g.name} (${g.currency})`] as const)}
        onChange={setGroup}
      />
      <Field label="Name" name="discount-name" value={name} onInput={setName} required />
      <SelectField
        label="Kind"
        name="discount-kind"
        value={kind}
        options={[
          ["percentage", "a percentage off"],
          ["fixed_amount", "a fixed amount off"],
        ]}
        onChange={setKind}
      />
      <Field
        label={kind === "percentage" ? "Percent off" : `Amount off (${currency})`}
        name="discount-value"
        value={value}
        onInput={setValue}
        required
        inputMode="decimal"
        pattern="[0-9]+(\.[0-9]{1,8})?"
        hint={
          kind === "percentage"
            ? "Above 0 and at most 100, e.g. 12.5"
            : "Off the recurring fee per fee period"
        }
      />
      <SelectField
        label="Applies to"
        name="discount-applies"
        value={appliesTo}
        options={[
          ["recurring_fee", "the recurring fee"],
          ["components", "the components"],
          ["all", "fee and components"],
        ]}
        onChange={setAppliesTo}
      />
      <SelectField
        label="Duration"
        name="discount-duration"
        value={forever}
        options={[
          ["forever", "forever"],
          ["period", "for a period"],
        ]}
        onChange={setForever}
      />
      {forever === "period" && (
        <fieldset class="period">
          <legend>Period</legend>
          <Field
            label="Length"
            name="discount-count"
            value={count}
            onInput={setCount}
            required
            inputMode="numeric"
            pattern="[1-9][0-9]{0,3}"
          />
          <SelectField
            label="Unit"
            name="discount-unit"
            value={unit}
            options={[
              ["month", "months"],
              ["year", "years"],
              ["week", "weeks"],
              ["day", "days"],
            ]}
            onChange={setUnit}
          />
        </fieldset>
      )}
      <button type="submit" class="primary">
        Create discount
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function CreateCoupon(props: { api: Api; discounts: Discount[]; done: () => void }): JSX.Element {
  const [discount, setDiscount] = useState(props.discounts[0]?.id ?? "");
  const [code, setCode] = useState("");
  const [validUntil, setValidUntil] = useState("");
  const [max, setMax] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-coupon"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/coupons", {
          body: {
            code: code.trim(),
            discount_id: discount,
            ...(validUntil ? { valid_until: `${validUntil}T00:00:00Z` } : {}),
            ...(max.trim() ? { max_redemptions: Number.parseInt(max, 10) } : {}),
          },
        });
        form.say(`Created coupon ${data.code} (${data.id}).`);
        setCode("");
        setValidUntil("");
        setMax("");
        props.done();
      })}
    >
      <h3 id="create-coupon">Create a coupon</h3>
      <SelectField
        label="Discount"
        name="coupon-discount"
        value={discount}
        options={props.discounts.map((d) => [d.id, d.name] as const)}
        onChange={setDiscount}
      />
      <Field
        label="Code"
        name="coupon-code"
        value={code}
        onInput={setCode}
        required
        pattern="[A-Za-z0-9_\-]{1,64}"
        hint="Letters, digits, _ and -; unique, whatever the case"
      />
      <Field
        label="Valid until (optional)"
        name="coupon-valid-until"
        type="date"
        value={validUntil}
        onInput={setValidUntil}
        hint="Redeemable before this day (UTC)"
      />
      <Field
        label="Most redemptions (optional)"
        name="coupon-max"
        value={max}
        onInput={setMax}
        inputMode="numeric"
        pattern="[1-9][0-9]*"
      />
      <button type="submit" class="primary">
        Create coupon
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
