/**
 * Partners and their resellers (docs/partners.md): the list with a form to add one, and a
 * partner's page with its resellers, its customers (registered, frozen and unfrozen), a
 * customer's budget, the month's bill summary and the orders of its customers.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import {
  type components,
  type Data,
  isAccrueApiError,
  type operations,
} from "../../../sdk/src/client.js";
import { formatDate, formatDateTime, formatMoney } from "../../shared/format.js";
import {
  Field,
  SelectField,
  Show,
  StatusBadge,
  SubmissionOutcome,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Confirmed, Count, CustomerLink, collect, Named, Paged } from "./shared.js";

type Api = PageProps["api"];
type Partner = components["schemas"]["Partner"];
type PartnerCustomer = components["schemas"]["PartnerCustomer"];
type Budget = Data<operations["partners.budgets.get"]>;

const partnerHref = (id: string) => `#/partners/${encodeURIComponent(id)}`;

/** A partner's customer by name: company, else person, else its account name. */
const customerName = (c: PartnerCustomer) =>
  c.company_name || [c.first_name, c.last_name].filter(Boolean).join(" ") || c.account_name;

/** A value the API takes only when given: trimmed, or left out. */
const optional = <K extends string>(key: K, value: string) =>
  (value.trim() ? { [key]: value.trim() } : {}) as Partial<Record<K, string>>;

export function PartnersPage({ api }: PageProps): JSX.Element {
  const [partners] = useAsync(
    () => collect(api.paginate("/v1/partners", { params: { query: { limit: 100 } } })),
    [],
  );
  return (
    <>
      <h1>Partners</h1>
      <p class="muted">
        A partner sells the tenant's plans to customers of its own; a reseller is a partner under a
        partner. Open one to see its customers, their budgets and its bills.
      </p>
      <Show value={partners}>
        {({ items, more }) => {
          const byId = new Map(items.map((p) => [p.id, p]));
          return (
            <>
              <Count n={items.length} more={more} one="partner" many="partners" />
              <Table
                caption="Partners"
                hideCaption
                rows={items}
                empty="No partners yet."
                columns={[
                  {
                    header: "Name",
                    cell: (p) => <Named name={p.name} id={p.id} href={partnerHref(p.id)} />,
                    sort: (p) => p.name,
                  },
                  {
                    header: "Reseller of",
                    cell: (p) => (p.parent_id ? <ParentLink id={p.parent_id} byId={byId} /> : "—"),
                    sort: (p) => (p.parent_id ? (byId.get(p.parent_id)?.name ?? p.parent_id) : ""),
                  },
                  { header: "E-mail", cell: (p) => p.email ?? "—" },
                  { header: "Account manager", cell: (p) => p.account_manager ?? "—" },
                  {
                    header: "Created",
                    cell: (p) => formatDate(p.created_at),
                    sort: (p) => p.created_at,
                  },
                ]}
              />
              <CreatePartner api={api} parents={items.filter((p) => !p.parent_id)} />
            </>
          );
        }}
      </Show>
    </>
  );
}

function ParentLink(props: { id: string; byId: ReadonlyMap<string, Partner> }): JSX.Element {
  const name = props.byId.get(props.id)?.name;
  return name ? (
    <Named name={name} id={props.id} href={partnerHref(props.id)} />
  ) : (
    <code class="id">{props.id}</code>
  );
}

/**
 * Adds a partner, or a reseller under one (`parent` fixed on a partner's page, else chosen
 * among `parents`); the new partner's page opens.
 */
function CreatePartner(props: { api: Api; parents?: Partner[]; parent?: Partner }): JSX.Element {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [mobile, setMobile] = useState("");
  const [manager, setManager] = useState("");
  const [parentId, setParentId] = useState("");
  const form = useSubmit();
  const what = props.parent ? "reseller" : "partner";
  const parent = props.parent?.id ?? parentId;
  return (
    <form
      class="inline-form"
      aria-labelledby={`create-${what}`}
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/partners", {
          body: {
            name: name.trim(),
            ...optional("email", email),
            ...optional("mobile", mobile),
            ...optional("account_manager", manager),
            ...optional("parent_id", parent),
          },
        });
        location.hash = partnerHref(data.id);
      })}
    >
      <h3 id={`create-${what}`}>
        {props.parent ? `Add a reseller under ${props.parent.name}` : "Add a partner"}
      </h3>
      <Field label="Name" name={`${what}-name`} value={name} onInput={setName} required />
      <Field
        label="E-mail (optional)"
        name={`${what}-email`}
        type="email"
        value={email}
        onInput={setEmail}
      />
      <Field
        label="Mobile (optional)"
        name={`${what}-mobile`}
        type="tel"
        value={mobile}
        onInput={setMobile}
        pattern="[0-9]{4}-[0-9]+"
        hint="00XX-XXXXXXXX: the country code with 00, a dash, the number"
      />
      <Field
        label="Account manager (optional)"
        name={`${what}-manager`}
        value={manager}
        onInput={setManager}
      />
      {!props.parent && (props.parents?.length ?? 0) > 0 && (
        <SelectField
          label="Reseller of"
          name="partner-parent"
          value={parentId}
          onChange={setParentId}
          options={[
            ["", "nobody: a partner of the tenant"],
            ...(props.parents ?? []).map((p) => [p.id, p.name] as const),
          ]}
          hint="A reseller sells under its partner; resellers have no resellers"
        />
      )}
      <button type="submit" class="primary">
        Add {what}
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

/** What a partner's page reads: the partner, its partner, resellers and customers. */
async function loadPartner(api: Api, id: string) {
  const path = { id };
  const partner = (await api.GET("/v1/partners/{id}", { params: { path } })).data;
  const [parent, resellers, customers] = await Promise.all([
    partner.parent_id
      ? api
          .GET("/v1/partners/{id}", { params: { path: { id: partner.parent_id } } })
          .then((r) => r.data)
      : null,
    partner.parent_id
      ? null
      : collect(
          api.paginate("/v1/partners/{id}/resellers", { params: { path, query: { limit: 100 } } }),
        ),
    collect(
      api.paginate("/v1/partners/{id}/customers", { params: { path, query: { limit: 100 } } }),
    ),
  ]);
  return { partner, parent, resellers, customers };
}

export function PartnerPage({ api, params }: PageProps): JSX.Element {
  const id = params[0]!;
  const [loaded, reload] = useAsync(() => loadPartner(api, id), [id]);
  return (
    <Show value={loaded}>
      {({ partner: p, parent, resellers, customers }) => (
        <>
          <h1>{p.name}</h1>
          <dl class="facts">
            <dt>Id</dt>
            <dd>
              <code>{p.id}</code>
            </dd>
            <dt>Reseller of</dt>
            <dd>
              {parent ? (
                <Named name={parent.name} id={parent.id} href={partnerHref(parent.id)} />
              ) : (
                "nobody: a partner of the tenant"
              )}
            </dd>
            <dt>E-mail</dt>
            <dd>{p.email ?? "—"}</dd>
            <dt>Mobile</dt>
            <dd>{p.mobile ?? "—"}</dd>
            <dt>Account manager</dt>
            <dd>{p.account_manager ?? "—"}</dd>
            <dt>Created</dt>
            <dd>{formatDate(p.created_at)}</dd>
          </dl>
          {resellers && (
            <section aria-labelledby="resellers">
              <h2 id="resellers">Resellers</h2>
              <Count
                n={resellers.items.length}
                more={resellers.more}
                one="reseller"
                many="resellers"
              />
              <Table
                caption={`Resellers of ${p.name}`}
                hideCaption
                rows={resellers.items}
                empty="No resellers."
                columns={[
                  {
                    header: "Name",
                    cell: (r) => <Named name={r.name} id={r.id} href={partnerHref(r.id)} />,
                    sort: (r) => r.name,
                  },
                  { header: "E-mail", cell: (r) => r.email ?? "—" },
                  { header: "Account manager", cell: (r) => r.account_manager ?? "—" },
                  {
                    header: "Created",
                    cell: (r) => formatDate(r.created_at),
                    sort: (r) => r.created_at,
                  },
                ]}
              />
              <CreatePartner api={api} parent={p} />
            </section>
          )}
          <section aria-labelledby="customers">
            <h2 id="customers">Customers</h2>
            <p class="muted">
              A frozen customer's contracts are not billed and it cannot order; unfrozen, the next
              billing run catches up on what its contracts missed.
            </p>
            <Count
              n={customers.items.length}
              more={customers.more}
              one="customer"
              many="customers"
            />
            <Table
              caption={`Customers of ${p.name}`}
              hideCaption
              rows={customers.items}
              empty="No customers registered under this partner."
              columns={[
                {
                  header: "Customer",
                  cell: (c) => <CustomerLink id={c.id} name={customerName(c)} />,
                  sort: customerName,
                },
                {
                  header: "Account name",
                  cell: (c) => c.account_name,
                  sort: (c) => c.account_name,
                },
                { header: "E-mail", cell: (c) => c.email ?? "—" },
                { header: "Billing", cell: (c) => <FrozenState customer={c} /> },
                {
                  header: "Actions",
                  cell: (c) => (
                    <FreezeToggle api={api} partnerId={p.id} customer={c} done={reload} />
                  ),
                },
              ]}
            />
            <RegisterCustomer api={api} partnerId={p.id} done={reload} />
          </section>
          {customers.items.length > 0 && (
            <section aria-labelledby="budgets">
              <h2 id="budgets">Budgets</h2>
              <p class="muted">
                A budget caps what a customer is billed in its currency, per calendar month or since
                it was set; an order that would go past it is refused.
              </p>
              <Budgets api={api} partnerId={p.id} customers={customers.items} />
            </section>
          )}
          <section aria-labelledby="bill-summary">
            <h2 id="bill-summary">Bill summary</h2>
            <BillSummary api={api} partnerId={p.id} />
          </section>
          <section aria-labelledby="partner-orders">
            <h2 id="partner-orders">Orders</h2>
            <PartnerOrders api={api} partnerId={p.id} />
          </section>
        </>
      )}
    </Show>
  );
}

function FrozenState(props: { customer: PartnerCustomer }): JSX.Element {
  const c = props.customer;
  if (!c.frozen) return <StatusBadge status="active" />;
  return (
    <>
      <StatusBadge status="frozen" />
      <br />
      <span class="muted">
        since {formatDateTime(c.frozen_at)}
        {c.frozen_reason ? `: ${c.frozen_reason}` : ""}
      </span>
    </>
  );
}

/** Freezes an active customer or unfreezes a frozen one, after saying what that does. */
function FreezeToggle(props: {
  api: Api;
  partnerId: string;
  customer: PartnerCustomer;
  done: () => void;
}): JSX.Element {
  const [reason, setReason] = useState("");
  const c = props.customer;
  const name = customerName(c);
  const action = c.frozen ? "unfreeze" : "freeze";
  return (
    <Confirmed
      label={c.frozen ? "Unfreeze" : "Freeze"}
      context={name}
      kind={c.frozen ? "primary" : "danger"}
      says={
        c.frozen
          ? `Unfreeze ${name}? Its contracts are billed again (the next billing run catches up on the periods they missed) and it can order again.`
          : `Freeze ${name}? Its contracts are not billed and it cannot order or use self-service links until it is unfrozen.`
      }
      confirm={c.frozen ? "Unfreeze customer" : "Freeze customer"}
      done={props.done}
      run={async () => {
        const request = {
          params: { path: { id: props.partnerId, customer_id: c.id } },
          body: { reason: reason.trim() },
        };
        const { data } =
          action === "freeze"
            ? await props.api.POST("/v1/partners/{id}/customers/{customer_id}/freeze", request)
            : await props.api.POST("/v1/partners/{id}/customers/{customer_id}/unfreeze", request);
        setReason("");
        return `${customerName(data)} is ${data.frozen ? "frozen" : "unfrozen"}.`;
      }}
    >
      <Field
        label="Reason"
        name={`${action}-reason-${c.id}`}
        value={reason}
        onInput={setReason}
        required
        hint="Kept with the customer and in the audit log"
      />
    </Confirmed>
  );
}

/** Registers a customer under the partner, without an e-mail address (that needs a code). */
function RegisterCustomer(props: { api: Api; partnerId: string; done: () => void }): JSX.Element {
  const [company, setCompany] = useState("");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [account, setAccount] = useState("");
  const [country, setCountry] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="register-customer"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/partners/{id}/customers", {
          params: { path: { id: props.partnerId } },
          body: {
            ...optional("company_name", company),
            ...optional("first_name", firstName),
            ...optional("last_name", lastName),
            ...optional("account_name", account),
            ...optional("country", country.toUpperCase()),
          },
        });
        form.say(`Registered ${customerName(data)} (${data.id}).`);
        for (const clear of [setCompany, setFirstName, setLastName, setAccount, setCountry]) {
          clear("");
        }
        props.done();
      })}
    >
      <h3 id="register-customer">Register a customer</h3>
      <Field
        label="Company name (optional)"
        name="register-company"
        value={company}
        onInput={setCompany}
      />
      <Field
        label="First name (optional)"
        name="register-first-name"
        value={firstName}
        onInput={setFirstName}
      />
      <Field
        label="Last name (optional)"
        name="register-last-name"
        value={lastName}
        onInput={setLastName}
      />
      <Field
        label="Account name (optional)"
        name="register-account"
        value={account}
        onInput={setAccount}
        pattern="[A-Za-z0-9_\-]{5,32}"
        hint="5–32 letters, digits, _ or -; random when empty"
      />
      <Field
        label="Country (optional)"
        name="register-country"
        value={country}
        onInput={setCountry}
        pattern="[A-Za-z]{2}"
        hint="Two letters, e.g. DE"
      />
      <button type="submit" class="primary">
        Register customer
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

/** A chosen customer's budget, and the form that sets it. */
function Budgets(props: {
  api: Api;
  partnerId: string;
  customers: PartnerCustomer[];
}): JSX.Element {
  const [customerId, setCustomerId] = useState(props.customers[0]!.id);
  return (
    <>
      <SelectField
        label="Budget of"
        name="budget-customer"
        value={customerId}
        onChange={setCustomerId}
        options={props.customers.map(
          (c) => [c.id, `${customerName(c)} (${c.account_name})`] as const,
        )}
      />
      <CustomerBudget
        key={customerId}
        api={props.api}
        partnerId={props.partnerId}
        customerId={customerId}
      />
    </>
  );
}

/** Where the currency a new budget starts with came from, as its field's hint says it. */
type BudgetCurrency = { currency: string; from: string };

/**
 * The currency a customer's first budget most likely counts in: the one of its newest
 * invoice; else the first of its business entity's currencies; else the tenant's own, the
 * currency of its catalog's plan groups (the most used one). Null when none says: a read the
 * key may not make counts as saying nothing.
 */
async function budgetCurrency(api: Api, customerId: string): Promise<BudgetCurrency | null> {
  const quietly = <T,>(read: Promise<T>) => read.catch(() => null);
  const invoices = await quietly(
    api.GET("/v1/invoices", {
      params: { query: { customer_id: customerId, limit: 1, order: "desc" } },
    }),
  );
  const invoiced = invoices?.data.data[0]?.currency;
  if (invoiced) return { currency: invoiced, from: "the currency of its newest invoice" };
  const customer = await quietly(
    api.GET("/v1/customers/{id}", { params: { path: { id: customerId } } }),
  );
  if (customer) {
    const entity = await quietly(
      api.GET("/v1/business_entities/{id}", {
        params: { path: { id: customer.data.business_entity_id } },
      }),
    );
    const billed = entity?.data.currencies[0];
    if (billed) return { currency: billed, from: `a currency of ${entity.data.name}` };
  }
  const groups = await quietly(api.GET("/v1/plan_groups", { params: { query: { limit: 100 } } }));
  const uses = new Map<string, number>();
  for (const g of groups?.data.data ?? []) uses.set(g.currency, (uses.get(g.currency) ?? 0) + 1);
  const [catalog] = [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return catalog
    ? { currency: catalog[0], from: "the currency of the catalog's plan groups" }
    : null;
}

function CustomerBudget(props: { api: Api; partnerId: string; customerId: string }): JSX.Element {
  const path = { id: props.partnerId, customer_id: props.customerId };
  const [budget, reload] = useAsync(async () => {
    const b = await props.api
      .GET("/v1/partners/{id}/customers/{customer_id}/budget", { params: { path } })
      .then(
        (r) => r.data,
        (error: unknown) => {
          // no budget yet: the form sets the first one
          if (isAccrueApiError(error, "budget_not_set")) return null;
          throw error;
        },
      );
    return { b, start: b ? null : await budgetCurrency(props.api, props.customerId) };
  }, [props.customerId]);
  return (
    <Show value={budget}>
      {({ b, start }) => (
        <>
          {b ? (
            <BudgetFacts budget={b} />
          ) : (
            <p>No budget: this customer may order without a limit.</p>
          )}
          <SetBudget api={props.api} path={path} budget={b} start={start} done={reload} />
        </>
      )}
    </Show>
  );
}

function BudgetFacts(props: { budget: Budget }): JSX.Element {
  const b = props.budget;
  const money = (amount: string) => formatMoney(amount, b.currency);
  return (
    <dl class="facts" aria-label="Current budget">
      <dt>Budget</dt>
      <dd>
        {money(b.amount)}{" "}
        {b.type === "monthly" ? `a month (now ${b.period})` : "in all, since it was set"}
      </dd>
      <dt>Used</dt>
      <dd>{money(b.used_amount)}</dd>
      <dt>Remaining</dt>
      <dd>{money(b.remaining_amount)}</dd>
      <dt>Alert at</dt>
      <dd>{b.alert_threshold_percent}% used</dd>
      <dt>Set</dt>
      <dd>{formatDateTime(b.updated_at)}</dd>
    </dl>
  );
}

const BUDGET_TYPES = [
  ["monthly", "monthly: per calendar month (UTC)"],
  ["package", "package: in all, from now on"],
] as const;

function SetBudget(props: {
  api: Api;
  path: { id: string; customer_id: string };
  budget: Budget | null;
  /** Without a budget: the currency the form starts with, and where it came from. */
  start?: BudgetCurrency | null;
  done: () => void;
}): JSX.Element {
  const b = props.budget;
  const [amount, setAmount] = useState(b?.amount ?? "");
  const [currency, setCurrency] = useState(b?.currency ?? props.start?.currency ?? "");
  const [type, setType] = useState<"monthly" | "package">(b?.type ?? "monthly");
  const [threshold, setThreshold] = useState(String(b?.alert_threshold_percent ?? 80));
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="set-budget"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.PUT("/v1/partners/{id}/customers/{customer_id}/budget", {
          params: { path: props.path },
          body: {
            amount: amount.trim(),
            currency: currency.trim().toUpperCase(),
            type,
            alert_threshold_percent: Number.parseInt(threshold, 10),
          },
        });
        form.say(`The budget is ${formatMoney(data.amount, data.currency)} (${data.type}).`);
        props.done();
      })}
    >
      <h3 id="set-budget">{b ? "Change the budget" : "Set a budget"}</h3>
      <Field
        label="Amount"
        name="budget-amount"
        value={amount}
        onInput={setAmount}
        required
        inputMode="decimal"
        pattern="[0-9]{1,15}([.][0-9]{1,4})?"
        hint="e.g. 100.00"
      />
      <Field
        label="Currency"
        name="budget-currency"
        value={currency}
        onInput={setCurrency}
        required
        pattern="[A-Za-z]{3}"
        hint={
          !b && props.start && currency === props.start.currency
            ? `ISO 4217; only documents in it count. ${props.start.currency}: ${props.start.from}`
            : "ISO 4217, e.g. EUR; only documents in it count"
        }
      />
      <SelectField
        label="Type"
        name="budget-type"
        value={type}
        onChange={setType}
        options={BUDGET_TYPES}
      />
      <Field
        label="Alert at (% used)"
        name="budget-threshold"
        value={threshold}
        onInput={setThreshold}
        required
        inputMode="numeric"
        pattern="[1-9][0-9]?|100"
        hint="When an order takes the customer to this share, budget.threshold_crossed is sent"
      />
      <button type="submit" class="primary">
        Save budget
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

/** What the partner's customers were billed in a month, per currency: first the tenant's month. */
function BillSummary(props: { api: Api; partnerId: string }): JSX.Element {
  // a tenant on a test clock is in its clock's month; a key without clock:read, in today's
  const [now] = useAsync(
    () =>
      props.api
        .GET("/v1/test_clock")
        .then((r) => r.data.now)
        .catch(() => new Date().toISOString()),
    [],
  );
  return <Show value={now}>{(n) => <MonthSummary {...props} initial={n.slice(0, 7)} />}</Show>;
}

function MonthSummary(props: { api: Api; partnerId: string; initial: string }): JSX.Element {
  const [month, setMonth] = useState(props.initial);
  const [period, setPeriod] = useState(props.initial);
  const [summary] = useAsync(
    async () =>
      (
        await props.api.GET("/v1/partners/{id}/bill_summary", {
          params: { path: { id: props.partnerId }, query: { period } },
        })
      ).data,
    [period],
  );
  return (
    <>
      <form
        class="filter-form"
        aria-label="Month of the bill summary"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod(month);
        }}
      >
        <Field
          label="Month"
          name="bill-month"
          type="month"
          value={month}
          onInput={setMonth}
          required
          hint="YYYY-MM, by the documents' issue dates"
        />
        <button type="submit">Show month</button>
      </form>
      <Show value={summary}>
        {(s) => (
          <Table
            caption={`Bill summary for ${s.period}`}
            rows={s.currencies}
            empty={`Nothing was invoiced to this partner's customers in ${s.period}.`}
            columns={[
              { header: "Currency", cell: (r) => r.currency },
              {
                header: "Invoiced",
                cell: (r) => formatMoney(r.invoiced_amount, r.currency),
                numeric: true,
              },
              {
                header: "Credited",
                cell: (r) => formatMoney(r.credited_amount, r.currency),
                numeric: true,
              },
              { header: "Tax", cell: (r) => formatMoney(r.tax_amount, r.currency), numeric: true },
              {
                header: "Amount due",
                cell: (r) => formatMoney(r.amount_due, r.currency),
                numeric: true,
              },
              { header: "Invoices", cell: (r) => r.invoice_count, numeric: true },
              { header: "Credit notes", cell: (r) => r.credit_note_count, numeric: true },
              { header: "Customers", cell: (r) => r.customer_count, numeric: true },
            ]}
          />
        )}
      </Show>
    </>
  );
}

/** The orders of the partner's customers, page by page. */
function PartnerOrders(props: { api: Api; partnerId: string }): JSX.Element {
  return (
    <Paged
      caption="Orders of the partner's customers"
      counted={{ one: "order", many: "orders" }}
      empty="No orders yet."
      load={async (cursor) =>
        (
          await props.api.GET("/v1/partners/{id}/orders", {
            params: {
              path: { id: props.partnerId },
              query: { limit: 25, include_total: true, ...(cursor ? { cursor } : {}) },
            },
          })
        ).data
      }
      columns={[
        { header: "Order", cell: (o) => <code class="id">{o.id}</code> },
        { header: "Customer", cell: (o) => <CustomerLink id={o.customer_id} /> },
        { header: "Type", cell: (o) => o.type },
        { header: "Status", cell: (o) => <StatusBadge status={o.status} /> },
        { header: "Created", cell: (o) => formatDateTime(o.created_at) },
      ]}
    />
  );
}
