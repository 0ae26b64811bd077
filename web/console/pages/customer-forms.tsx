/**
 * Creating a customer and signing one up to a plan from the console: the two steps that
 * start a customer's billing, through the same API calls an integration makes
 * (`POST /v1/customers`, then `POST /v1/orders` committed at once); the plan choice (variant,
 * quantity, coupon code) that signing up shares with quoting a subscription.
 */
import type { ComponentChildren, JSX } from "preact";
import { useState } from "preact/hooks";
import type { components } from "../../../sdk/src/client.js";
import { formatMoney } from "../../shared/format.js";
import {
  Field,
  SelectField,
  Show,
  SubmissionOutcome,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { collect } from "./shared.js";

type Api = PageProps["api"];
type Variant = components["schemas"]["PlanVariant"];

/** The browser's time zone, the form's default for a new customer's billing dates. */
const browserTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
};

/** Adds a customer, then opens its page. */
export function CreateCustomer(props: { api: Api }): JSX.Element {
  const [type, setType] = useState<"consumer" | "business">("consumer");
  const [company, setCompany] = useState("");
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");
  const [email, setEmail] = useState("");
  const [externalId, setExternalId] = useState("");
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const form = useSubmit();
  const optional = (name: string, value: string) => (value.trim() ? { [name]: value.trim() } : {});
  return (
    <form
      class="inline-form"
      aria-labelledby="create-customer"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/customers", {
          body: {
            customer_type: type,
            time_zone: timeZone.trim(),
            ...optional("company_name", company),
            ...optional("first_name", first),
            ...optional("last_name", last),
            ...optional("email", email),
            ...optional("external_id", externalId),
          },
        });
        location.hash = `#/customers/${data.id}`;
      })}
    >
      <h2 id="create-customer">Add a customer</h2>
      <SelectField
        label="Type"
        name="customer-type"
        value={type}
        onChange={setType}
        options={[
          ["consumer", "Consumer"],
          ["business", "Business"],
        ]}
      />
      <Field
        label={type === "business" ? "Company name" : "Company name (optional)"}
        name="customer-company"
        value={company}
        onInput={setCompany}
        required={type === "business"}
        autoComplete="organization"
      />
      <Field
        label="First name"
        name="customer-first-name"
        value={first}
        onInput={setFirst}
        autoComplete="given-name"
      />
      <Field
        label="Last name"
        name="customer-last-name"
        value={last}
        onInput={setLast}
        autoComplete="family-name"
      />
      <Field
        label="E-mail (optional)"
        name="customer-email"
        type="email"
        value={email}
        onInput={setEmail}
        autoComplete="email"
      />
      <Field
        label="External id (optional)"
        name="customer-external-id"
        value={externalId}
        onInput={setExternalId}
        hint="The customer's id in your own system"
      />
      <Field
        label="Time zone"
        name="customer-time-zone"
        value={timeZone}
        onInput={setTimeZone}
        required
        hint="IANA name, e.g. Europe/Berlin: the customer's billing dates fall in it"
      />
      <button type="submit" class="primary">
        Add customer
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

/** What a plan variant is called in a list: its plan's name, its own name and its price. */
function variantLabel(v: Variant, planName: string): string {
  const every =
    v.billing_period.count === 1
      ? v.billing_period.unit
      : `${v.billing_period.count} ${v.billing_period.unit}s`;
  return `${planName} · ${v.internal_name} · ${formatMoney(v.recurring_fee, v.currency)} / ${every}`;
}

/** A plan variant as a select option: its id, then what it is called. */
export type VariantOption = readonly [id: string, label: string];

/** The plan variants a customer can be signed up to or quoted (not hidden), as select options. */
export async function variantOptions(api: Api): Promise<VariantOption[]> {
  const [plans, variants] = await Promise.all([
    collect(api.paginate("/v1/plans", { params: { query: { limit: 100 } } })),
    collect(api.paginate("/v1/plan_variants", { params: { query: { limit: 100 } } })),
  ]);
  const planName = new Map(plans.items.map((p) => [p.id, p.name] as const));
  return variants.items
    .filter((v) => !v.hidden)
    .map((v) => [v.id, variantLabel(v, planName.get(v.plan_id) ?? v.plan_id)] as const);
}

/**
 * A form that needs a plan variant, once the catalog's are loaded; `none` (nothing by default)
 * while the catalog has none to offer.
 */
export function WithPlanVariants(props: {
  api: Api;
  none?: ComponentChildren;
  children: (options: readonly VariantOption[]) => ComponentChildren;
}): JSX.Element {
  const [options] = useAsync(() => variantOptions(props.api), []);
  return (
    <Show value={options}>
      {(o) => (o.length === 0 ? (props.none ?? null) : props.children(o))}
    </Show>
  );
}

/** What a customer takes of the catalog: a plan variant, how many of the plan, a coupon code. */
export type PlanChoice = { variant: string; quantity: string; coupon: string };

/** A plan choice's state: the first variant offered, with no quantity or coupon code. */
export function usePlanChoice(options: readonly VariantOption[]) {
  return useState<PlanChoice>({ variant: options[0]![0], quantity: "", coupon: "" });
}

/** A plan choice as the API's request fields: quantity and coupon code only when given. */
export function planChoiceFields(choice: PlanChoice): {
  plan_variant_id: string;
  quantity?: string;
  coupon_code?: string;
} {
  const quantity = choice.quantity.trim();
  const coupon = choice.coupon.trim();
  return {
    plan_variant_id: choice.variant,
    ...(quantity ? { quantity } : {}),
    ...(coupon ? { coupon_code: coupon } : {}),
  };
}

/**
 * The fields of a plan choice: "Plan variant", "Quantity (optional)" and "Coupon code
 * (optional)", named `<prefix>-variant`, `<prefix>-quantity` and `<prefix>-coupon`. The
 * quantity is a whole number where the API takes only that (a quote's), else a decimal.
 */
export function PlanChoiceInputs(props: {
  prefix: string;
  options: readonly VariantOption[];
  quantity: "whole" | "decimal";
  value: PlanChoice;
  onChange: (next: PlanChoice) => void;
}): JSX.Element {
  const set = (part: Partial<PlanChoice>) => props.onChange({ ...props.value, ...part });
  const whole = props.quantity === "whole";
  return (
    <>
      <SelectField
        label="Plan variant"
        name={`${props.prefix}-variant`}
        value={props.value.variant}
        onChange={(variant) => set({ variant })}
        options={props.options}
      />
      <Field
        label="Quantity (optional)"
        name={`${props.prefix}-quantity`}
        value={props.value.quantity}
        onInput={(quantity) => set({ quantity })}
        inputMode={whole ? "numeric" : "decimal"}
        pattern={whole ? "[1-9][0-9]{0,8}" : "[0-9]+(\\.[0-9]+)?"}
        hint="Of the plan itself, e.g. seats; default 1"
      />
      <Field
        label="Coupon code (optional)"
        name={`${props.prefix}-coupon`}
        value={props.value.coupon}
        onInput={(coupon) => set({ coupon })}
      />
    </>
  );
}

/**
 * Signs the customer up to a plan variant: a signup order committed in the same request, so
 * the contract exists when the answer arrives (or nothing was written).
 */
export function SignUp(props: { api: Api; customerId: string; done: () => void }): JSX.Element {
  return (
    <WithPlanVariants
      api={props.api}
      none={
        <p class="muted">
          No plan to sign up to yet: add one on the <a href="#/catalog">catalog</a> page.
        </p>
      }
    >
      {(options) => <SignUpForm {...props} options={options} />}
    </WithPlanVariants>
  );
}

function SignUpForm(props: {
  api: Api;
  customerId: string;
  done: () => void;
  options: readonly VariantOption[];
}): JSX.Element {
  const [choice, setChoice] = usePlanChoice(props.options);
  const [start, setStart] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="sign-up"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/orders", {
          body: {
            customer_id: props.customerId,
            ...planChoiceFields(choice),
            commit: true,
            // a day the operator picked: its start in UTC; the contract's own days fall in
            // the customer's time zone
            ...(start ? { start_date: `${start}T00:00:00Z` } : {}),
          },
        });
        form.say(
          data.status === "approval_pending"
            ? `Order ${data.id} waits for approval (the plan requires it); the contract starts when it is approved.`
            : `Signed up: contract ${data.contract_id}.`,
        );
        setChoice((c) => ({ ...c, quantity: "", coupon: "" }));
        props.done();
      })}
    >
      <h3 id="sign-up">Sign up to a plan</h3>
      <PlanChoiceInputs
        prefix="signup"
        options={props.options}
        quantity="decimal"
        value={choice}
        onChange={setChoice}
      />
      <Field
        label="Start date (optional)"
        name="signup-start"
        type="date"
        value={start}
        onInput={setStart}
        hint="Default: now"
      />
      <button type="submit" class="primary">
        Sign up
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
