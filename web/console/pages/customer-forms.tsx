/**
 * Creating a customer and signing one up to a plan from the console: the two steps that
 * start a customer's billing, through the same API calls an integration makes
 * (`POST /v1/customers`, then `POST /v1/orders` committed at once).
 */
import type { JSX } from "preact";
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

/** The plan variants a customer can be signed up to or quoted (not hidden), as select options. */
export async function variantOptions(api: Api): Promise<(readonly [string, string])[]> {
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
 * Signs the customer up to a plan variant: a signup order committed in the same request, so
 * the contract exists when the answer arrives (or nothing was written).
 */
export function SignUp(props: { api: Api; customerId: string; done: () => void }): JSX.Element {
  const [catalog] = useAsync(() => variantOptions(props.api), []);
  return (
    <Show value={catalog}>
      {(options) =>
        options.length === 0 ? (
          <p class="muted">
            No plan to sign up to yet: add one on the <a href="#/catalog">catalog</a> page.
          </p>
        ) : (
          <SignUpForm {...props} options={options} />
        )
      }
    </Show>
  );
}

function SignUpForm(props: {
  api: Api;
  customerId: string;
  done: () => void;
  options: readonly (readonly [string, string])[];
}): JSX.Element {
  const [variant, setVariant] = useState(props.options[0]![0]);
  const [quantity, setQuantity] = useState("");
  const [start, setStart] = useState("");
  const [coupon, setCoupon] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="sign-up"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/orders", {
          body: {
            customer_id: props.customerId,
            plan_variant_id: variant,
            commit: true,
            ...(quantity.trim() ? { quantity: quantity.trim() } : {}),
            // a day the operator picked: its start in UTC; the contract's own days fall in
            // the customer's time zone
            ...(start ? { start_date: `${start}T00:00:00Z` } : {}),
            ...(coupon.trim() ? { coupon_code: coupon.trim() } : {}),
          },
        });
        form.say(
          data.status === "approval_pending"
            ? `Order ${data.id} waits for approval (the plan requires it); the contract starts when it is approved.`
            : `Signed up: contract ${data.contract_id}.`,
        );
        setQuantity("");
        setCoupon("");
        props.done();
      })}
    >
      <h3 id="sign-up">Sign up to a plan</h3>
      <SelectField
        label="Plan variant"
        name="signup-variant"
        value={variant}
        onChange={setVariant}
        options={props.options}
      />
      <Field
        label="Quantity (optional)"
        name="signup-quantity"
        value={quantity}
        onInput={setQuantity}
        inputMode="decimal"
        pattern="[0-9]+(\.[0-9]+)?"
        hint="Of the plan itself, e.g. seats; default 1"
      />
      <Field
        label="Start date (optional)"
        name="signup-start"
        type="date"
        value={start}
        onInput={setStart}
        hint="Default: now"
      />
      <Field
        label="Coupon code (optional)"
        name="signup-coupon"
        value={coupon}
        onInput={setCoupon}
      />
      <button type="submit" class="primary">
        Sign up
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
