/**
 * The catalog: plan groups, their plans and plan variants (what a contract is signed up to, at
 * what price), and their components with their price models. Lists and creation; a price
 * change is a new plan variant, so nothing here edits prices.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { ListItem } from "../../../sdk/src/client.js";
import { formatDate, formatMoney, formatPeriod } from "../../shared/format.js";
import {
  CheckField,
  Field,
  SelectField,
  Show,
  SubmissionOutcome,
  Table,
  TextAreaField,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Count, collect, Named } from "./shared.js";

type Api = PageProps["api"];
export type PlanGroup = ListItem<"/v1/plan_groups">;
type Plan = ListItem<"/v1/plans">;
type Variant = ListItem<"/v1/plan_variants">;
type Component = ListItem<"/v1/components">;
type Unit = "day" | "week" | "month" | "year";
type PriceModel = Component["price_model"];
type ComponentType = Component["type"];

const UNITS: readonly (readonly [Unit, string])[] = [
  ["month", "months"],
  ["year", "years"],
  ["week", "weeks"],
  ["day", "days"],
];

export type Catalog = {
  groups: PlanGroup[];
  plans: Plan[];
  variants: Variant[];
  components: Component[];
  more: boolean;
};

/** The whole catalog, list after list. */
export async function loadCatalog(api: Api): Promise<Catalog> {
  const all = { params: { query: { limit: 100 } } } as const;
  const [groups, plans, variants, components] = await Promise.all([
    collect(api.paginate("/v1/plan_groups", all)),
    collect(api.paginate("/v1/plans", all)),
    collect(api.paginate("/v1/plan_variants", all)),
    collect(api.paginate("/v1/components", all)),
  ]);
  return {
    groups: groups.items,
    plans: plans.items,
    variants: variants.items,
    components: components.items,
    more: groups.more || plans.more || variants.more || components.more,
  };
}

const nameOf = (list: readonly { id: string; name: string }[], id: string) =>
  list.find((x) => x.id === id)?.name ?? id;

/** What a component costs, in words: "1.50 EUR per seat", tiers, or a package price. */
export function describePrice(c: Component, currency: string): string {
  const unit = c.unit ?? "unit";
  switch (c.price_model) {
    case "per_unit":
      return `${formatMoney(c.price_per_unit, currency)} per ${unit}`;
    case "package":
      return `${formatMoney(c.price_per_unit, currency)} per ${c.package_size ?? "?"} ${unit}s`;
    default:
      return `${c.price_model === "tiered" ? "tiered" : "volume"}: ${c.tiers
        .map((t) => `from ${t.from} ${formatMoney(t.price, currency)}`)
        .join("; ")}`;
  }
}

/** "from price" per line ("0 1.00", "100: 0.80") as tiers; throws on a line it cannot read. */
export function parseTiers(text: string): { from: string; price: string }[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const m = /^(\S+?)\s*[:\s]\s*(\S+)$/.exec(line);
      if (!m) throw new Error(`A tier is "from price", e.g. "100 0.80"; not "${line}"`);
      return { from: m[1]!, price: m[2]! };
    });
}

export function CatalogPage({ api }: PageProps): JSX.Element {
  const [catalog, reload] = useAsync(() => loadCatalog(api), []);
  const [shown, setShown] = useState("");
  return (
    <>
      <h1>Catalog</h1>
      <Show value={catalog}>
        {(c) => {
          const groups = c.groups.filter((g) => !shown || g.id === shown);
          const inGroup = <T extends { plan_group_id: string }>(xs: T[]) =>
            xs.filter((x) => !shown || x.plan_group_id === shown);
          const currency = (groupId: string) =>
            c.groups.find((g) => g.id === groupId)?.currency ?? "";
          const plans = inGroup(c.plans);
          const variants = inGroup(c.variants);
          const components = inGroup(c.components);
          const planName = (planId: string) => {
            const plan = c.plans.find((p) => p.id === planId);
            return plan ? `${nameOf(c.groups, plan.plan_group_id)} › ${plan.name}` : planId;
          };
          return (
            <>
              {c.more && (
                <p class="muted">
                  The catalog is larger than this page reads; the API lists all of it.
                </p>
              )}
              {c.groups.length > 0 && (
                <SelectField
                  label="Show plan group"
                  name="catalog-filter"
                  value={shown}
                  options={[
                    ["", "All plan groups"],
                    ...c.groups.map((g) => [g.id, g.name] as const),
                  ]}
                  onChange={setShown}
                />
              )}

              <section>
                <h2 id="plan-groups">Plan groups</h2>
                <p class="muted">
                  A plan group holds plans and components in one currency; its prices are net or
                  gross.
                </p>
                <Count n={groups.length} one="plan group" many="plan groups" />
                <Table
                  caption="Plan groups"
                  hideCaption
                  rows={groups}
                  empty="No plan groups yet."
                  columns={[
                    {
                      header: "Name",
                      cell: (g) => <Named name={g.name} id={g.id} />,
                      sort: (g) => g.name,
                    },
                    { header: "Currency", cell: (g) => g.currency, sort: (g) => g.currency },
                    { header: "Prices", cell: (g) => g.price_type },
                    {
                      header: "Created",
                      cell: (g) => formatDate(g.created_at),
                      sort: (g) => g.created_at,
                    },
                  ]}
                />
                <CreatePlanGroup api={api} done={reload} />
              </section>

              <section>
                <h2 id="plans">Plans</h2>
                <Count n={plans.length} one="plan" many="plans" />
                <Table
                  caption="Plans"
                  hideCaption
                  rows={plans}
                  empty="No plans yet."
                  columns={[
                    {
                      header: "Name",
                      cell: (p) => <Named name={p.name} id={p.id} />,
                      sort: (p) => p.name,
                    },
                    {
                      header: "Plan group",
                      cell: (p) => nameOf(c.groups, p.plan_group_id),
                      sort: (p) => nameOf(c.groups, p.plan_group_id),
                    },
                    {
                      header: "Trial",
                      cell: (p) => (p.trial_period ? formatPeriod(p.trial_period) : "—"),
                    },
                    {
                      header: "Orders",
                      cell: (p) => (p.requires_order_approval ? "need approval" : "—"),
                    },
                    { header: "Hidden", cell: (p) => (p.hidden ? "hidden" : "—") },
                  ]}
                />
                {c.groups.length > 0 && <CreatePlan api={api} groups={c.groups} done={reload} />}
              </section>

              <section>
                <h2 id="plan-variants">Plan variants</h2>
                <p class="muted">
                  A plan variant is a plan at a price: its recurring fee per fee period.
                </p>
                <Count n={variants.length} one="plan variant" many="plan variants" />
                <Table
                  caption="Plan variants"
                  hideCaption
                  rows={variants}
                  empty="No plan variants yet."
                  columns={[
                    {
                      header: "Name",
                      cell: (v) => <Named name={v.internal_name} id={v.id} />,
                      sort: (v) => v.internal_name,
                    },
                    {
                      header: "Plan",
                      cell: (v) => planName(v.plan_id),
                      sort: (v) => planName(v.plan_id),
                    },
                    {
                      header: "Price",
                      cell: (v) =>
                        `${formatMoney(v.recurring_fee, v.currency)} per ${formatPeriod(v.fee_period)}`,
                      sort: (v) => Number(v.recurring_fee),
                    },
                    {
                      header: "Setup fee",
                      cell: (v) =>
                        Number(v.setup_fee) ? formatMoney(v.setup_fee, v.currency) : "—",
                    },
                    { header: "Paid", cell: (v) => v.payment_period_mode },
                    {
                      header: "Created",
                      cell: (v) => formatDate(v.created_at),
                      sort: (v) => v.created_at,
                    },
                  ]}
                />
                {c.plans.length > 0 && (
                  <CreateVariant api={api} plans={c.plans} planName={planName} done={reload} />
                )}
              </section>

              <section>
                <h2 id="components">Components</h2>
                <p class="muted">
                  Components are billed beside a plan: a quantity, an on/off option or metered
                  usage, each with a price model.
                </p>
                <Count n={components.length} one="component" many="components" />
                <Table
                  caption="Components"
                  hideCaption
                  rows={components}
                  empty="No components yet."
                  columns={[
                    {
                      header: "Name",
                      cell: (x) => <Named name={x.name} id={x.id} />,
                      sort: (x) => x.name,
                    },
                    {
                      header: "Plan group",
                      cell: (x) => nameOf(c.groups, x.plan_group_id),
                      sort: (x) => nameOf(c.groups, x.plan_group_id),
                    },
                    { header: "Type", cell: (x) => x.type, sort: (x) => x.type },
                    { header: "Price", cell: (x) => describePrice(x, currency(x.plan_group_id)) },
                    { header: "Fee period", cell: (x) => formatPeriod(x.fee_period) },
                  ]}
                />
                {c.groups.length > 0 && (
                  <CreateComponent api={api} groups={c.groups} done={reload} />
                )}
              </section>
            </>
          );
        }}
      </Show>
    </>
  );
}

/** A period as a count and a unit, in one group of fields. */
function PeriodFields(props: {
  legend: string;
  name: string;
  count: string;
  unit: Unit;
  onCount: (v: string) => void;
  onUnit: (v: Unit) => void;
}): JSX.Element {
  return (
    <fieldset class="period">
      <legend>{props.legend}</legend>
      <Field
        label="Every"
        name={`${props.name}-count`}
        value={props.count}
        onInput={props.onCount}
        inputMode="numeric"
        pattern="[1-9][0-9]{0,3}"
        required
      />
      <SelectField
        label="Unit"
        name={`${props.name}-unit`}
        value={props.unit}
        options={UNITS}
        onChange={props.onUnit}
      />
    </fieldset>
  );
}

function CreatePlanGroup(props: { api: Api; done: () => void }): JSX.Element {
  const [name, setName] = useState("");
  const [currency, setCurrency] = useState("EUR");
  const [priceType, setPriceType] = useState<"net" | "gross">("net");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-plan-group"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/plan_groups", {
          body: {
            name: name.trim(),
            currency: currency.trim().toUpperCase(),
            price_type: priceType,
          },
        });
        form.say(`Created plan group ${data.name} (${data.id}).`);
        setName("");
        props.done();
      })}
    >
      <h3 id="create-plan-group">Create a plan group</h3>
      <Field label="Name" name="group-name" value={name} onInput={setName} required />
      <Field
        label="Currency"
        name="group-currency"
        value={currency}
        onInput={setCurrency}
        required
        pattern="[A-Za-z]{3}"
        hint="ISO 4217 code, e.g. EUR"
      />
      <SelectField
        label="Prices are"
        name="group-price-type"
        value={priceType}
        options={[
          ["net", "net (tax added)"],
          ["gross", "gross (tax included)"],
        ]}
        onChange={setPriceType}
      />
      <button type="submit" class="primary">
        Create plan group
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function CreatePlan(props: { api: Api; groups: PlanGroup[]; done: () => void }): JSX.Element {
  const [group, setGroup] = useState(props.groups[0]?.id ?? "");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [approval, setApproval] = useState(false);
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-plan"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/plans", {
          body: {
            plan_group_id: group,
            name: name.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
            requires_order_approval: approval,
          },
        });
        form.say(`Created plan ${data.name} (${data.id}).`);
        setName("");
        setDescription("");
        props.done();
      })}
    >
      <h3 id="create-plan">Create a plan</h3>
      <SelectField
        label="Plan group"
        name="plan-group"
        value={group}
        options={props.groups.map((g) => [g.id, `${g.name} (${g.currency})`] as const)}
        onChange={setGroup}
      />
      <Field label="Name" name="plan-name" value={name} onInput={setName} required />
      <TextAreaField
        label="Description (optional)"
        name="plan-description"
        value={description}
        onInput={setDescription}
      />
      <CheckField
        label="Orders need approval"
        name="plan-approval"
        checked={approval}
        onChange={setApproval}
      />
      <button type="submit" class="primary">
        Create plan
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function CreateVariant(props: {
  api: Api;
  plans: Plan[];
  planName: (id: string) => string;
  done: () => void;
}): JSX.Element {
  const [plan, setPlan] = useState(props.plans[0]?.id ?? "");
  const [name, setName] = useState("");
  const [fee, setFee] = useState("");
  const [setup, setSetup] = useState("");
  const [count, setCount] = useState("1");
  const [unit, setUnit] = useState<Unit>("month");
  const [mode, setMode] = useState<"prepaid" | "postpaid">("prepaid");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-variant"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/plan_variants", {
          body: {
            plan_id: plan,
            internal_name: name.trim(),
            recurring_fee: fee.trim(),
            fee_period: { unit, count: Number.parseInt(count, 10) },
            payment_period_mode: mode,
            ...(setup.trim() ? { setup_fee: setup.trim() } : {}),
          },
        });
        form.say(
          `Created plan variant ${data.internal_name} (${data.id}): ${formatMoney(data.recurring_fee, data.currency)} per ${formatPeriod(data.fee_period)}.`,
        );
        setName("");
        setFee("");
        setSetup("");
        props.done();
      })}
    >
      <h3 id="create-variant">Create a plan variant</h3>
      <SelectField
        label="Plan"
        name="variant-plan"
        value={plan}
        options={props.plans.map((p) => [p.id, props.planName(p.id)] as const)}
        onChange={setPlan}
      />
      <Field label="Name" name="variant-name" value={name} onInput={setName} required />
      <Field
        label="Recurring fee"
        name="variant-fee"
        value={fee}
        onInput={setFee}
        required
        inputMode="decimal"
        pattern="[0-9]+(\.[0-9]{1,8})?"
        hint="Per fee period, in the plan group's currency, e.g. 29.90"
      />
      <PeriodFields
        legend="Fee period"
        name="variant-period"
        count={count}
        unit={unit}
        onCount={setCount}
        onUnit={setUnit}
      />
      <Field
        label="Setup fee (optional)"
        name="variant-setup"
        value={setup}
        onInput={setSetup}
        inputMode="decimal"
        pattern="[0-9]+(\.[0-9]{1,8})?"
      />
      <SelectField
        label="The fee is billed"
        name="variant-mode"
        value={mode}
        options={[
          ["prepaid", "at the start of its period (prepaid)"],
          ["postpaid", "at the end of its period (postpaid)"],
        ]}
        onChange={setMode}
      />
      <button type="submit" class="primary">
        Create plan variant
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

const PRICE_MODELS: readonly (readonly [PriceModel, string])[] = [
  ["per_unit", "per unit: quantity × price"],
  ["tiered", "tiered: each tier's units at its price"],
  ["volume", "volume: all units at the price of the tier reached"],
  ["package", "package: price per started package"],
];

function CreateComponent(props: { api: Api; groups: PlanGroup[]; done: () => void }): JSX.Element {
  const [group, setGroup] = useState(props.groups[0]?.id ?? "");
  const [name, setName] = useState("");
  const [type, setType] = useState<ComponentType>("quantity");
  const [unitName, setUnitName] = useState("");
  const [model, setModel] = useState<PriceModel>("per_unit");
  const [price, setPrice] = useState("");
  const [tiers, setTiers] = useState("");
  const [packageSize, setPackageSize] = useState("");
  const [count, setCount] = useState("1");
  const [unit, setUnit] = useState<Unit>("month");
  const form = useSubmit();
  const byTiers = model === "tiered" || model === "volume";
  return (
    <form
      class="inline-form"
      aria-labelledby="create-component"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/components", {
          body: {
            plan_group_id: group,
            name: name.trim(),
            type,
            price_model: model,
            fee_period: { unit, count: Number.parseInt(count, 10) },
            ...(unitName.trim() ? { unit: unitName.trim() } : {}),
            ...(byTiers ? { tiers: parseTiers(tiers) } : { price_per_unit: price.trim() }),
            ...(model === "package" ? { package_size: packageSize.trim() } : {}),
          },
        });
        const currency = props.groups.find((g) => g.id === data.plan_group_id)?.currency ?? "";
        form.say(`Created component ${data.name} (${data.id}): ${describePrice(data, currency)}.`);
        setName("");
        setPrice("");
        setTiers("");
        props.done();
      })}
    >
      <h3 id="create-component">Create a component</h3>
      <SelectField
        label="Plan group"
        name="component-group"
        value={group}
        options={props.groups.map((g) => [g.id, `${g.name} (${g.currency})`] as const)}
        onChange={setGroup}
      />
      <Field label="Name" name="component-name" value={name} onInput={setName} required />
      <SelectField
        label="Type"
        name="component-type"
        value={type}
        options={[
          ["quantity", "quantity (set on the contract)"],
          ["on_off", "on/off option"],
          ["metered", "metered (usage reported)"],
        ]}
        onChange={setType}
      />
      <Field
        label="Unit (optional)"
        name="component-unit"
        value={unitName}
        onInput={setUnitName}
        hint="What is counted, e.g. seat or GB"
      />
      <SelectField
        label="Price model"
        name="component-model"
        value={model}
        options={PRICE_MODELS}
        onChange={setModel}
      />
      {byTiers ? (
        <TextAreaField
          label="Tiers"
          name="component-tiers"
          value={tiers}
          onInput={setTiers}
          required
          rows={4}
          hint='One tier per line: the quantity it starts from and its price per unit, e.g. "0 1.00" then "100 0.80".'
        />
      ) : (
        <Field
          label={model === "package" ? "Price per package" : "Price per unit"}
          name="component-price"
          value={price}
          onInput={setPrice}
          required
          inputMode="decimal"
          pattern="[0-9]+(\.[0-9]{1,8})?"
        />
      )}
      {model === "package" && (
        <Field
          label="Package size"
          name="component-package"
          value={packageSize}
          onInput={setPackageSize}
          required
          inputMode="decimal"
        />
      )}
      <PeriodFields
        legend="Fee period"
        name="component-period"
        count={count}
        unit={unit}
        onCount={setCount}
        onUnit={setUnit}
      />
      <button type="submit" class="primary">
        Create component
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
