/**
 * The customer portal, opened by a link holding a self-service token (/portal/<token>): the
 * customer's contract and plan, the next invoice, documents to download, open invoices to pay
 * now, payments the customer's bank asks them to confirm (off to the bank's page and back),
 * payment methods (add a card — typed in here for the built-in test gateway, on the payment
 * provider's own page for a provider — make one primary, remove one), billing address and
 * contact, a plan change (preview, then confirm) and a cancellation (preview, then confirm).
 */
import type { JSX } from "preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { PortalError, portalCall } from "../shared/api.js";
import { formatDate, formatDateTime, formatMoney, formatPeriod } from "../shared/format.js";
import {
  ActionButton,
  ErrorNote,
  Field,
  Show,
  StatusBadge,
  Table,
  useAsync,
} from "../shared/ui.js";
import { CardFields, cardSource, useCardForm } from "./card.js";

const token = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] ?? "");

type Plan = {
  plan_variant_id: string;
  plan_name: string;
  variant_name: string;
  description: string | null;
  recurring_fee: string;
  fee_period: { unit: string; count: number };
  current: boolean;
};
type Preview = {
  currency: string;
  date: string;
  lines: {
    description: string;
    amount: string;
    period_start: string | null;
    period_end: string | null;
  }[];
  total_gross: string;
};
type Address = Record<string, string | undefined>;
type Overview = {
  contract: {
    id: string;
    status: string;
    start_date: string;
    end_date: string | null;
    currency: string;
  };
  customer: {
    display_name: string;
    company_name: string | null;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    address: Address;
  };
  plan: Plan | null;
  plan_options: Plan[];
  next_invoice: (Preview & { billing_date: string }) | null;
  documents: {
    id: string;
    kind: "invoice" | "credit_note";
    number: string | null;
    issue_date: string;
    total_gross: string;
    currency: string;
    status: string;
    download_url: string;
  }[];
};

const call = <T,>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) =>
  portalCall<T>(token, method, path, body);

type Source = {
  id: string;
  type: "card" | "bank_account";
  role: "primary" | "backup" | "none";
  status: string;
  card: { brand: string; last4: string; exp_month: number; exp_year: number } | null;
  bank_account: { country: string; last4: string } | null;
};
type OpenInvoice = {
  id: string;
  number: string | null;
  issue_date: string;
  currency: string;
  total_gross: string;
  amount_due: string;
};
type PaymentToConfirm = {
  id: string;
  amount: string;
  currency: string;
  received_at: string;
  card_last4: string | null;
};
type Payments = {
  open_invoices: OpenInvoice[];
  payment_sources: Source[];
  payments_to_confirm: PaymentToConfirm[];
  /** form: the card number typed in here; hosted_page: on the payment provider's page. */
  source_entry: "form" | "hosted_page";
};

const sourceName = (s: Source) =>
  s.card
    ? `${s.card.brand} card ending ${s.card.last4}`
    : `bank account ending ${s.bank_account?.last4 ?? ""}`;

/** Open invoices paid now through the primary payment method, and the payment methods. */
function PayAndMethods(props: { done: (message: string) => void }): JSX.Element {
  const [payments, reload] = useAsync(() => call<Payments>("GET", "/payments"), []);
  const card = useCardForm();
  const done = (message: string) => {
    reload();
    props.done(message);
  };
  const pay = async (body: { invoice_id?: string }) => {
    const paid = await call<{ status: string; amount: string; currency: string }>(
      "POST",
      "/pay",
      body,
    );
    const amount = formatMoney(paid.amount, paid.currency);
    done(
      paid.status === "pending"
        ? `Your payment of ${amount} is on its way.`
        : paid.status === "requires_action"
          ? `Your bank asks you to confirm the payment of ${amount}: choose "Confirm your payment".`
          : `Paid ${amount}. Thank you.`,
    );
  };
  /**
   * Confirms a payment the bank asks about: off to the bank's page, or settled at once; one
   * that waited too long was cancelled meanwhile, and leaves the list.
   */
  const confirm = async (c: PaymentToConfirm) => {
    let answer: {
      payment: { status: string; amount: string; currency: string };
      redirect_url: string | null;
    };
    try {
      answer = await call("POST", `/payments/${encodeURIComponent(c.id)}/confirm`);
    } catch (error) {
      if (!(error instanceof PortalError) || error.code !== "payment_authentication_expired") {
        throw error;
      }
      done(
        `Your payment of ${formatMoney(c.amount, c.currency)} waited too long for your bank's confirmation and was cancelled; nothing was taken.`,
      );
      return;
    }
    if (answer.redirect_url) {
      location.assign(answer.redirect_url);
      return;
    }
    const { status, amount, currency } = answer.payment;
    done(
      status === "succeeded"
        ? `Your payment of ${formatMoney(amount, currency)} is confirmed. Thank you.`
        : `Your bank did not confirm the payment of ${formatMoney(amount, currency)}.`,
    );
  };
  return (
    <Show value={payments}>
      {(p) => {
        const usable = p.payment_sources.some((s) => s.role !== "none" && s.status === "valid");
        const currencies = new Set(p.open_invoices.map((i) => i.currency));
        return (
          <>
            {p.payments_to_confirm.length > 0 && (
              <section aria-labelledby="confirm-heading">
                <h2 id="confirm-heading">Confirm your payment</h2>
                <p>
                  Your bank asks you to confirm these payments before it takes them. You confirm
                  each on your bank's own page and come back here.
                </p>
                <Table
                  caption="Payments to confirm"
                  hideCaption
                  rows={p.payments_to_confirm}
                  empty="Nothing to confirm."
                  columns={[
                    { header: "Date", cell: (c) => formatDateTime(c.received_at) },
                    {
                      header: "Amount",
                      cell: (c) => formatMoney(c.amount, c.currency),
                      numeric: true,
                    },
                    {
                      header: "Card",
                      cell: (c) => (c.card_last4 ? `ending ${c.card_last4}` : "—"),
                    },
                    {
                      header: "Confirm",
                      cell: (c) => (
                        <ActionButton
                          kind="primary"
                          label="Confirm your payment"
                          context={formatMoney(c.amount, c.currency)}
                          run={() => confirm(c)}
                        />
                      ),
                    },
                  ]}
                />
              </section>
            )}
            <section aria-labelledby="open-heading">
              <h2 id="open-heading">Open invoices</h2>
              <Table
                caption="Invoices still to pay"
                hideCaption
                rows={p.open_invoices}
                empty="Nothing to pay."
                columns={[
                  { header: "Number", cell: (i) => i.number ?? "—" },
                  { header: "Date", cell: (i) => formatDate(i.issue_date) },
                  {
                    header: "Total",
                    cell: (i) => formatMoney(i.total_gross, i.currency),
                    numeric: true,
                  },
                  {
                    header: "Amount due",
                    cell: (i) => formatMoney(i.amount_due, i.currency),
                    numeric: true,
                  },
                  {
                    header: "Pay",
                    cell: (i) =>
                      usable ? (
                        <ActionButton
                          kind="primary"
                          label="Pay now"
                          context={i.number ?? i.id}
                          run={() => pay({ invoice_id: i.id })}
                        />
                      ) : (
                        "—"
                      ),
                  },
                ]}
              />
              {usable && p.open_invoices.length > 1 && currencies.size === 1 && (
                <ActionButton label="Pay all open invoices" run={() => pay({})} />
              )}
              {!usable && p.open_invoices.length > 0 && (
                <p>
                  To pay now, <a href="#add-method-heading">add a payment method</a>.
                </p>
              )}
            </section>
            <section aria-labelledby="methods-heading">
              <h2 id="methods-heading">Payment methods</h2>
              <Table
                caption="Your payment methods"
                hideCaption
                rows={p.payment_sources}
                empty="No payment method yet."
                columns={[
                  { header: "Method", cell: (s) => sourceName(s) },
                  {
                    header: "Expires",
                    cell: (s) =>
                      s.card
                        ? `${String(s.card.exp_month).padStart(2, "0")}/${s.card.exp_year}`
                        : "—",
                  },
                  {
                    header: "Use",
                    cell: (s) =>
                      s.role === "primary" ? "primary" : s.role === "backup" ? "backup" : "—",
                  },
                  { header: "Status", cell: (s) => <StatusBadge status={s.status} /> },
                  {
                    header: "Actions",
                    cell: (s) => (
                      <>
                        {s.role !== "primary" && (
                          <ActionButton
                            label="Make primary"
                            context={sourceName(s)}
                            run={() => call("POST", `/payment_sources/${s.id}/primary`)}
                            done={() => done(`The ${sourceName(s)} is now your primary method.`)}
                          />
                        )}{" "}
                        <ActionButton
                          kind="danger"
                          label="Remove"
                          context={sourceName(s)}
                          run={() => call("DELETE", `/payment_sources/${s.id}`)}
                          done={() => done(`The ${sourceName(s)} was removed.`)}
                        />
                      </>
                    ),
                  },
                ]}
              />
              <h3 id="add-method-heading">Add a payment method</h3>
              {p.source_entry === "hosted_page" ? (
                <>
                  <p>
                    You enter your card or bank details on our payment provider's secure page, then
                    come back here.
                  </p>
                  <ActionButton
                    kind={usable ? "plain" : "primary"}
                    label="Add a card"
                    run={async () => {
                      const setup = await call<{ redirect_url: string }>(
                        "POST",
                        "/payment_sources/setup",
                      );
                      location.assign(setup.redirect_url);
                    }}
                  />
                </>
              ) : (
                <>
                  <CardFields form={card} legend="Card" />
                  <ActionButton
                    kind={usable ? "plain" : "primary"}
                    label="Add card"
                    run={async () => {
                      const source = cardSource(card);
                      if (!source) throw new Error("Enter the card number.");
                      await call("POST", "/payment_sources", source);
                    }}
                    done={() => {
                      card.clear();
                      done("Your card was added.");
                    }}
                  />
                </>
              )}
            </section>
          </>
        );
      }}
    </Show>
  );
}

function PreviewLines(props: { preview: Preview; caption: string }): JSX.Element {
  return (
    <>
      <Table
        caption={props.caption}
        rows={props.preview.lines}
        empty="Nothing to bill."
        columns={[
          { header: "Item", cell: (l) => l.description },
          {
            header: "Period",
            cell: (l) =>
              l.period_start ? `${formatDate(l.period_start)} – ${formatDate(l.period_end)}` : "—",
          },
          {
            header: "Amount",
            cell: (l) => formatMoney(l.amount, props.preview.currency),
            numeric: true,
          },
        ]}
      />
      <p>
        Total: <strong>{formatMoney(props.preview.total_gross, props.preview.currency)}</strong>
      </p>
    </>
  );
}

type ContactField = keyof ReturnType<typeof contactForm>;

const CONTACT_FIELDS: {
  name: ContactField;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
}[] = [
  { name: "company_name", label: "Company", autoComplete: "organization" },
  { name: "first_name", label: "First name", autoComplete: "given-name" },
  { name: "last_name", label: "Last name", autoComplete: "family-name" },
  { name: "email", label: "E-mail", type: "email", autoComplete: "email" },
  { name: "street", label: "Street", autoComplete: "address-line1" },
  { name: "house_number", label: "House number" },
  { name: "postal_code", label: "Postal code", autoComplete: "postal-code" },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "country", label: "Country", autoComplete: "country", hint: "Two letters, e.g. DE" },
];

function contactForm(c: Overview["customer"]) {
  return {
    company_name: c.company_name ?? "",
    first_name: c.first_name ?? "",
    last_name: c.last_name ?? "",
    email: c.email ?? "",
    street: c.address.street ?? "",
    house_number: c.address.house_number ?? "",
    postal_code: c.address.postal_code ?? "",
    city: c.address.city ?? "",
    country: c.address.country ?? "",
  };
}

function Contact(props: {
  customer: Overview["customer"];
  done: (message: string) => void;
}): JSX.Element {
  const c = props.customer;
  const [form, setForm] = useState(contactForm(c));
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  const orNull = (v: string) => (v.trim() === "" ? null : v.trim());
  return (
    <form
      class="inline-form"
      aria-labelledby="contact-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await call("PATCH", "/contact", {
            company_name: orNull(form.company_name),
            first_name: orNull(form.first_name),
            last_name: orNull(form.last_name),
            email: orNull(form.email),
            address: {
              street: orNull(form.street),
              house_number: orNull(form.house_number),
              postal_code: orNull(form.postal_code),
              city: orNull(form.city),
              country: orNull(form.country.toUpperCase()),
            },
          });
          props.done("Saved.");
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h2 id="contact-heading">Billing address and contact</h2>
      {CONTACT_FIELDS.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          name={f.name}
          type={f.type}
          value={form[f.name]}
          onInput={set(f.name)}
          autoComplete={f.autoComplete}
          hint={f.hint}
        />
      ))}
      <button type="submit" class="primary">
        Save address and contact
      </button>
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}

function PlanChange(props: { options: Plan[]; done: (message: string) => void }): JSX.Element {
  const choices = props.options.filter((o) => !o.current);
  const [choice, setChoice] = useState(choices[0]?.plan_variant_id ?? "");
  const [proposal, setProposal] = useState<{ order: { id: string }; preview: Preview } | null>(
    null,
  );
  if (choices.length === 0) return <p class="muted">No other plan can be chosen here.</p>;
  return (
    <section aria-labelledby="change-heading">
      <h2 id="change-heading">Change plan</h2>
      <fieldset>
        <legend>Choose a plan</legend>
        {choices.map((o) => (
          <div key={o.plan_variant_id} class="radio">
            <input
              type="radio"
              id={`plan-${o.plan_variant_id}`}
              name="plan"
              value={o.plan_variant_id}
              checked={choice === o.plan_variant_id}
              onChange={() => {
                setChoice(o.plan_variant_id);
                setProposal(null);
              }}
            />
            <label for={`plan-${o.plan_variant_id}`}>
              {o.plan_name} ({o.variant_name}) — {o.recurring_fee} per {formatPeriod(o.fee_period)}
            </label>
          </div>
        ))}
      </fieldset>
      <ActionButton
        label="Preview the change"
        run={async () => {
          setProposal(await call("POST", "/plan_changes", { plan_variant_id: choice }));
        }}
      />
      {proposal && (
        <div class="preview">
          <PreviewLines preview={proposal.preview} caption="What the change bills" />
          <ActionButton
            kind="primary"
            label="Confirm plan change"
            run={async () => {
              const order = await call<{ status: string }>(
                "POST",
                `/plan_changes/${proposal.order.id}/commit`,
              );
              setProposal(null);
              props.done(
                order.status === "succeeded"
                  ? "Your plan has been changed."
                  : "Your change awaits approval by the provider.",
              );
            }}
          />
        </div>
      )}
    </section>
  );
}

function Cancellation(props: { done: (message: string) => void }): JSX.Element {
  type C = {
    end_date: string;
    last_notice_date: string;
    already_ending: boolean;
    invoice: Preview;
  };
  const [preview, setPreview] = useState<C | null>(null);
  return (
    <section aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel</h2>
      {!preview && (
        <ActionButton
          label="When would my contract end?"
          run={async () => setPreview(await call<C>("GET", "/cancellation"))}
        />
      )}
      {preview && (
        <div class="preview">
          <p>
            {preview.already_ending
              ? "Your contract ends on "
              : "Cancelled today, your contract ends on "}
            <strong>{formatDateTime(preview.end_date)}</strong>
            {!preview.already_ending && ` (notice period: cancel by ${preview.last_notice_date})`}.
          </p>
          <PreviewLines preview={preview.invoice} caption="Your final invoice" />
          {!preview.already_ending && (
            <ActionButton
              kind="danger"
              label="Confirm cancellation"
              run={async () => {
                await call("POST", "/cancellation");
                setPreview(null);
                props.done(`Cancelled. Your contract ends on ${formatDate(preview.end_date)}.`);
              }}
            />
          )}
        </div>
      )}
    </section>
  );
}

function Portal(): JSX.Element {
  const [overview, reload] = useAsync(() => call<Overview>("GET", "/overview"), []);
  const [notice, setNotice] = useState("");
  const done = (message: string) => {
    setNotice(message);
    reload();
  };
  useEffect(() => {
    document.title = "Your subscription";
  }, []);
  if (
    overview.state === "failed" &&
    overview.error instanceof PortalError &&
    overview.error.status === 401
  ) {
    return <Expired />;
  }
  return (
    <main id="main" class="portal">
      <Show value={overview}>
        {(o) => (
          <>
            <h1>Your subscription</h1>
            <p role="status" class="notice">
              {notice}
            </p>
            <p>
              {o.customer.display_name} · contract <code>{o.contract.id}</code>{" "}
              <StatusBadge status={o.contract.status} />
            </p>
            <dl class="facts">
              <dt>Plan</dt>
              <dd>
                {o.plan
                  ? `${o.plan.plan_name} (${o.plan.variant_name}) — ${o.plan.recurring_fee} ${o.contract.currency} per ${formatPeriod(o.plan.fee_period)}`
                  : "—"}
              </dd>
              <dt>Since</dt>
              <dd>{formatDate(o.contract.start_date)}</dd>
              <dt>Ends</dt>
              <dd>{o.contract.end_date ? formatDate(o.contract.end_date) : "not cancelled"}</dd>
            </dl>
            <section aria-labelledby="next-heading">
              <h2 id="next-heading">Next invoice</h2>
              {o.next_invoice ? (
                <>
                  <p>On {o.next_invoice.billing_date}:</p>
                  <PreviewLines preview={o.next_invoice} caption="Next invoice" />
                </>
              ) : (
                <p class="muted">No further invoice is planned.</p>
              )}
            </section>
            <section aria-labelledby="docs-heading">
              <h2 id="docs-heading">Invoices</h2>
              <Table
                caption="Your invoices and credit notes"
                hideCaption
                rows={o.documents}
                empty="No invoices yet."
                columns={[
                  { header: "Number", cell: (d) => d.number ?? "—" },
                  {
                    header: "Kind",
                    cell: (d) => (d.kind === "invoice" ? "invoice" : "credit note"),
                  },
                  { header: "Date", cell: (d) => formatDate(d.issue_date) },
                  {
                    header: "Total",
                    cell: (d) => formatMoney(d.total_gross, d.currency),
                    numeric: true,
                  },
                  {
                    header: "PDF",
                    cell: (d) => (
                      <a href={d.download_url} download>
                        Download {d.number ?? d.id} (PDF)
                      </a>
                    ),
                  },
                ]}
              />
            </section>
            <PayAndMethods done={done} />
            <Contact key={JSON.stringify(o.customer)} customer={o.customer} done={done} />
            {!o.contract.end_date && (
              <PlanChange key={o.plan?.plan_variant_id} options={o.plan_options} done={done} />
            )}
            {o.contract.status !== "ended" && <Cancellation done={done} />}
          </>
        )}
      </Show>
    </main>
  );
}

function Expired(): JSX.Element {
  useEffect(() => {
    document.title = "Link expired";
  }, []);
  return (
    <main id="main" class="portal">
      <h1>This link has expired or is not valid</h1>
      <p>Ask your provider for a new link to your subscription.</p>
    </main>
  );
}

render(<Portal />, document.getElementById("app")!);
