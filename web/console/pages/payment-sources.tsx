/**
 * A customer's payment sources (cards and bank accounts held by the gateway): the table with
 * their roles, adding one, making one primary or backup, deleting one; collecting what the
 * customer owes through them; and recording an excess payment.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { ListItem, operations, RequestBody } from "../../../sdk/src/client.js";
import { addDecimals, formatMoney } from "../../shared/format.js";
import {
  ActionButton,
  ErrorNote,
  Field,
  SelectField,
  StatusBadge,
  SubmissionOutcome,
  Table,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";

export type PaymentSource = ListItem<"/v1/customers/{id}/payment_sources">;
export type CollectedPayment =
  operations["customers.collect_payment"]["responses"][201]["content"]["application/json"];
type Role = PaymentSource["role"];
type NewRole = Role | "";
type PaymentMethod = NonNullable<RequestBody<"customers.record_excess_payment">["payment_method"]>;

/** Most payment sources one page of the API lists; the section asks for that many. */
export const PAYMENT_SOURCES_PAGE = 100;

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
};

/** How a person recognises a source: "Visa ending 4242", "DE bank account ending 3000". */
export function sourceName(s: PaymentSource): string {
  if (s.card) return `${BRANDS[s.card.brand] ?? "Card"} ending ${s.card.last4}`;
  if (s.bank_account)
    return `${s.bank_account.country} bank account ending ${s.bank_account.last4}`;
  return s.id;
}

/** The rest of what is known of a source: its kind, and a card's expiry or an account's holder. */
function sourceDetails(s: PaymentSource): string {
  if (s.card) {
    return `card, expires ${String(s.card.exp_month).padStart(2, "0")}/${s.card.exp_year}`;
  }
  if (s.bank_account) return `bank account, held by ${s.bank_account.account_holder_name}`;
  return s.type;
}

const NEW_ROLE_OPTIONS: readonly (readonly [NewRole, string])[] = [
  ["", "Automatic: primary if there is none"],
  ["primary", "Primary: charged first"],
  ["backup", "Backup: charged when the primary fails"],
  ["none", "No role: charged only when named"],
];

/** What a collection came to, in words. */
export function describeCollected(p: CollectedPayment, sources: readonly PaymentSource[]): string {
  const source = sources.find((s) => s.id === p.payment_source_id);
  const through = source ? sourceName(source) : (p.payment_source_id ?? "the gateway");
  const amount = formatMoney(p.amount, p.currency);
  if (p.status === "succeeded") return `Payment succeeded: ${amount} charged to ${through}.`;
  if (p.status === "requires_action") {
    return `Payment waits for the customer: their bank asks them to authenticate ${amount} through ${through}; they confirm it in the portal.`;
  }
  return `Payment failed: ${amount} through ${through}: ${p.failure?.message ?? "refused"}.`;
}

export function PaymentSources(props: {
  api: PageProps["api"];
  customerId: string;
  sources: readonly PaymentSource[];
  more: boolean;
  /** What the open invoices still owe, per currency. */
  owed: readonly { currency: string; due: string }[];
  done: () => void;
}): JSX.Element {
  const { api, customerId, done } = props;
  const assign = (s: PaymentSource, role: "primary" | "backup") => (
    <ActionButton
      label={`Make ${role}`}
      context={sourceName(s)}
      run={() =>
        api.POST("/v1/customers/{id}/assign_payment_role", {
          params: { path: { id: customerId } },
          body: { payment_source_id: s.id, role },
        })
      }
      done={done}
    />
  );
  return (
    <>
      <Table
        caption="Payment sources"
        hideCaption
        rows={props.sources}
        empty="No payment sources."
        columns={[
          {
            header: "Source",
            cell: (s) => (
              <>
                {sourceName(s)}
                <br />
                <span class="muted">{sourceDetails(s)}</span>
              </>
            ),
          },
          { header: "Role", cell: (s) => s.role },
          { header: "Status", cell: (s) => <StatusBadge status={s.status} /> },
          {
            header: "Actions",
            cell: (s) => (
              <>
                {s.role !== "primary" && assign(s, "primary")}
                {s.role !== "backup" && assign(s, "backup")}
                <ActionButton
                  kind="danger"
                  label="Delete"
                  context={sourceName(s)}
                  run={() =>
                    api.DELETE("/v1/customers/{id}/payment_sources/{payment_source_id}", {
                      params: { path: { id: customerId, payment_source_id: s.id } },
                    })
                  }
                  done={done}
                />
              </>
            ),
          },
        ]}
      />
      {props.more && (
        <p class="muted">
          The first {PAYMENT_SOURCES_PAGE} payment sources are shown; the API lists the rest.
        </p>
      )}
      <CollectPayment
        api={api}
        customerId={customerId}
        owed={props.owed}
        sources={props.sources}
        done={done}
      />
      <AddCard api={api} customerId={customerId} done={done} />
      <AddBankAccount api={api} customerId={customerId} done={done} />
    </>
  );
}

/** The sum of what open invoices owe, per currency (the currencies collect_payment can take). */
export function owedPerCurrency(
  open: readonly { currency: string; due: string }[],
): { currency: string; due: string }[] {
  const by = new Map<string, string[]>();
  for (const i of open) by.set(i.currency, [...(by.get(i.currency) ?? []), i.due]);
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, dues]) => ({ currency, due: addDecimals(dues) }));
}

function CollectPayment(props: {
  api: PageProps["api"];
  customerId: string;
  owed: readonly { currency: string; due: string }[];
  sources: readonly PaymentSource[];
  done: () => void;
}): JSX.Element {
  const [currency, setCurrency] = useState(props.owed[0]?.currency ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<CollectedPayment | null>(null);
  const several = props.owed.length > 1;
  const chosen = props.owed.find((o) => o.currency === currency) ?? props.owed[0];
  return (
    <form
      class="inline-form"
      aria-labelledby="collect-payment"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        setResult(null);
        try {
          const { data } = await props.api.POST("/v1/customers/{id}/collect_payment", {
            params: { path: { id: props.customerId } },
            body: several && chosen ? { currency: chosen.currency } : {},
          });
          setResult(data);
          props.done();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="collect-payment">Collect what the customer owes</h3>
      {props.owed.length === 0 ? (
        <p class="muted">The customer owes nothing on issued invoices.</p>
      ) : (
        <>
          <p>
            Open invoices owe {props.owed.map((o) => formatMoney(o.due, o.currency)).join(", ")}.
            Collecting charges the primary source, then the backup if the primary fails.
          </p>
          {several && (
            <SelectField
              label="Currency to collect"
              name="collect-currency"
              value={chosen?.currency ?? ""}
              options={props.owed.map((o) => [o.currency, o.currency] as const)}
              onChange={setCurrency}
            />
          )}
          <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
            Collect now
          </button>
        </>
      )}
      {result && (
        <p role="status" class={result.status === "failed" ? "error" : undefined}>
          {describeCollected(result, props.sources)}
        </p>
      )}
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}

function AddCard(props: {
  api: PageProps["api"];
  customerId: string;
  done: () => void;
}): JSX.Element {
  const [number, setNumber] = useState("");
  const [month, setMonth] = useState("");
  const [year, setYear] = useState("");
  const [role, setRole] = useState<NewRole>("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="add-card"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/customers/{id}/payment_sources", {
          params: { path: { id: props.customerId } },
          body: {
            type: "card",
            card: {
              number: number.replace(/\s/g, ""),
              exp_month: Number.parseInt(month, 10),
              exp_year: Number.parseInt(year, 10),
            },
            ...(role ? { role } : {}),
          },
        });
        form.say(`Added ${sourceName(data)} (role: ${data.role}).`);
        setNumber("");
        setMonth("");
        setYear("");
        setRole("");
        props.done();
      })}
    >
      <h3 id="add-card">Add a card</h3>
      <Field
        label="Card number"
        name="card-number"
        value={number}
        onInput={setNumber}
        required
        inputMode="numeric"
        autoComplete="off"
        hint="Only the brand, the last four digits and the expiry are kept."
      />
      <Field
        label="Expiry month"
        name="card-exp-month"
        value={month}
        onInput={setMonth}
        required
        inputMode="numeric"
        pattern="(0?[1-9]|1[0-2])"
        autoComplete="off"
        hint="1 to 12"
      />
      <Field
        label="Expiry year"
        name="card-exp-year"
        value={year}
        onInput={setYear}
        required
        inputMode="numeric"
        pattern="[0-9]{4}"
        autoComplete="off"
        hint="e.g. 2030"
      />
      <SelectField
        label="Card role"
        name="card-role"
        value={role}
        options={NEW_ROLE_OPTIONS}
        onChange={setRole}
      />
      <button type="submit" class="primary">
        Add card
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function AddBankAccount(props: {
  api: PageProps["api"];
  customerId: string;
  done: () => void;
}): JSX.Element {
  const [iban, setIban] = useState("");
  const [holder, setHolder] = useState("");
  const [role, setRole] = useState<NewRole>("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="add-bank-account"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/customers/{id}/payment_sources", {
          params: { path: { id: props.customerId } },
          body: {
            type: "bank_account",
            bank_account: {
              iban: iban.replace(/\s/g, "").toUpperCase(),
              account_holder_name: holder.trim(),
            },
            ...(role ? { role } : {}),
          },
        });
        form.say(`Added ${sourceName(data)} (role: ${data.role}).`);
        setIban("");
        setHolder("");
        setRole("");
        props.done();
      })}
    >
      <h3 id="add-bank-account">Add a bank account</h3>
      <Field
        label="IBAN"
        name="bank-iban"
        value={iban}
        onInput={setIban}
        required
        autoComplete="off"
        hint="Collected by direct debit; only the country and the last four characters are shown."
      />
      <Field
        label="Account holder"
        name="bank-holder"
        value={holder}
        onInput={setHolder}
        required
        autoComplete="off"
      />
      <SelectField
        label="Bank account role"
        name="bank-role"
        value={role}
        options={NEW_ROLE_OPTIONS}
        onChange={setRole}
      />
      <button type="submit" class="primary">
        Add bank account
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

const METHOD_OPTIONS: readonly (readonly [PaymentMethod | "", string])[] = [
  ["", "Not stated"],
  ["bank_transfer", "Bank transfer"],
  ["cash", "Cash"],
  ["check", "Check"],
  ["card", "Card"],
  ["other", "Other"],
];

/** Money received that is applied to no invoice: it stays as the customer's credit. */
export function RecordExcessPayment(props: {
  api: PageProps["api"];
  customerId: string;
  currency: string;
  done: () => void;
}): JSX.Element {
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(props.currency);
  const [method, setMethod] = useState<PaymentMethod | "">("");
  const [reference, setReference] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="record-excess-payment"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/customers/{id}/record_excess_payment", {
          params: { path: { id: props.customerId } },
          body: {
            amount: amount.trim(),
            currency: currency.trim().toUpperCase(),
            ...(method ? { payment_method: method } : {}),
            ...(reference.trim() ? { reference: reference.trim() } : {}),
          },
        });
        form.say(
          `Recorded an excess payment of ${formatMoney(data.amount, data.currency)}; it stays as the customer's credit.`,
        );
        setAmount("");
        setReference("");
        setMethod("");
        props.done();
      })}
    >
      <h3 id="record-excess-payment">Record an excess payment</h3>
      <p class="hint">Money received that is applied to no invoice: the customer's credit.</p>
      <Field
        label="Excess amount"
        name="excess-amount"
        value={amount}
        onInput={setAmount}
        required
        inputMode="decimal"
        hint="e.g. 50.00"
      />
      <Field
        label="Excess currency"
        name="excess-currency"
        value={currency}
        onInput={setCurrency}
        required
      />
      <SelectField
        label="Payment method"
        name="excess-method"
        value={method}
        options={METHOD_OPTIONS}
        onChange={setMethod}
      />
      <Field
        label="Excess reference"
        name="excess-reference"
        value={reference}
        onInput={setReference}
      />
      <button type="submit" class="primary">
        Record excess payment
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
