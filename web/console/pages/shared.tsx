/** What the console's pages share: a link to a route, a paged list, an action that asks first. */
import type { ComponentChildren, JSX } from "preact";
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { AccrueClient } from "../../../sdk/src/client.js";
import {
  type Column,
  ErrorNote,
  Field,
  Show,
  type SortedBy,
  SubmissionOutcome,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";

/** The signed-in client, for components deep in a table (a customer's name in a cell). */
export const ApiContext = createContext<AccrueClient | null>(null);

const customerNames = new WeakMap<AccrueClient, Map<string, Promise<string | null>>>();

/** A customer's name (company, else person, else e-mail), asked once per console session. */
export function customerName(api: AccrueClient, id: string): Promise<string | null> {
  let names = customerNames.get(api);
  if (!names) {
    names = new Map();
    customerNames.set(api, names);
  }
  let name = names.get(id);
  if (!name) {
    name = api.GET("/v1/customers/{id}", { params: { path: { id } } }).then(
      ({ data }) =>
        data.company_name ||
        [data.first_name, data.last_name].filter(Boolean).join(" ") ||
        data.email ||
        null,
      () => null,
    );
    names.set(id, name);
  }
  return name;
}

/**
 * A link to a customer by name, with its id below (selectable, to copy). Without a `name` the
 * name is looked up; until it is known, or when there is none, the id is the link's text.
 */
export function CustomerLink(props: { id: string; name?: string | null }): JSX.Element {
  const api = useContext(ApiContext);
  const [name, setName] = useState<string | null>(props.name ?? null);
  useEffect(() => {
    if (props.name || !api) return;
    let live = true;
    void customerName(api, props.id).then((n) => live && setName(n));
    return () => {
      live = false;
    };
  }, [api, props.id, props.name]);
  return (
    <>
      <a href={`#/customers/${encodeURIComponent(props.id)}`}>{name || props.id}</a>
      {name && (
        <>
          <br />
          <code class="id">{props.id}</code>
        </>
      )}
    </>
  );
}

/**
 * A list's filters kept in the page's address (`#/invoices?status=void&customer=cus_…`):
 * choosing one changes the address, so a filtered list can be bookmarked and shared.
 */
export function setFilter(path: string, query: URLSearchParams, name: string, value: string) {
  const next = new URLSearchParams(query);
  if (value) next.set(name, value);
  else next.delete(name);
  const search = next.toString();
  location.hash = `#${path}${search ? `?${search}` : ""}`;
}

/**
 * The customer a list is filtered by, with a way back to every customer's. An id (`cus_…`)
 * filters at once; other text searches the customers (name, company, e-mail, external id)
 * and filters by the one found, or lists the matches to choose from.
 */
export function CustomerFilter(props: {
  path: string;
  query: URLSearchParams;
  what: string;
}): JSX.Element {
  const api = useContext(ApiContext);
  const current = props.query.get("customer") ?? "";
  const [value, setValue] = useState(current);
  const [matches, setMatches] = useState<{ id: string; name: string }[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      class="filter-form"
      aria-label={`Filter ${props.what} by customer`}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setMatches(null);
        const text = value.trim();
        if (!text || /^cus_[A-Za-z0-9]+$/.test(text) || !api) {
          setFilter(props.path, props.query, "customer", text);
          return;
        }
        try {
          const { data } = await api.GET("/v1/customers", {
            params: { query: { q: text, limit: 10 } },
          });
          const found = data.data.map((c) => ({ id: c.id, name: c.display_name || c.id }));
          if (found.length === 1) setFilter(props.path, props.query, "customer", found[0]!.id);
          else setMatches(found);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <div class="field">
        <label for="filter-customer">Customer (name or id)</label>
        <input
          id="filter-customer"
          name="customer"
          value={value}
          placeholder="name, e-mail or cus_…"
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
      </div>
      <button type="submit">Filter</button>
      {matches && matches.length === 0 && <p role="status">No customer matches “{value}”.</p>}
      {matches && matches.length > 1 && (
        <ul class="matches" aria-label="Matching customers">
          {matches.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                class="plain"
                onClick={() => setFilter(props.path, props.query, "customer", m.id)}
              >
                Only {m.name}
              </button>{" "}
              <code class="id">{m.id}</code>
            </li>
          ))}
        </ul>
      )}
      {error !== null && <ErrorNote error={error} />}
      {current && (
        <p>
          Only {props.what} of <CustomerLink id={current} />.{" "}
          <a href={`#${props.path}`}>Show every customer's</a>
        </p>
      )}
    </form>
  );
}

/** A day as YYYY-MM-DD, or "" when the address holds something else. */
export const dayOf = (value: string | null) =>
  value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";

/**
 * The days a list is filtered by, each end inclusive and either left open, kept in the page's
 * address as `from` and `to`. `label` names the date ("Issued": "Issued from", "Issued to").
 */
export function DateFilter(props: {
  path: string;
  query: URLSearchParams;
  from: string;
  to: string;
  label: string;
  /** What is filtered and by which date, for the form's name: "invoices by issue date". */
  what: string;
}): JSX.Element {
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const name = props.label.toLowerCase();
  return (
    <form
      class="filter-form"
      aria-label={`Filter ${props.what}`}
      onSubmit={(e) => {
        e.preventDefault();
        const next = new URLSearchParams(props.query);
        for (const [key, value] of [
          ["from", from],
          ["to", to],
        ] as const) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        const search = next.toString();
        location.hash = `#${props.path}${search ? `?${search}` : ""}`;
      }}
    >
      <Field
        label={`${props.label} from`}
        name={`${name}-from`}
        type="date"
        value={from}
        onInput={setFrom}
      />
      <Field
        label={`${props.label} to`}
        name={`${name}-to`}
        type="date"
        value={to}
        onInput={setTo}
      />
      <button type="submit">Filter by date</button>
    </form>
  );
}

/** A link to a console route. */
export const link = (href: string, text: string) => <a href={href}>{text}</a>;

/**
 * A term of a definition list and its description, only when there is a value: nothing for
 * null, undefined, false or "". `show` says how the value reads.
 */
export function OptionalFact<T>(props: {
  term: string;
  value: T | null | undefined | false | "";
  show: (value: T) => ComponentChildren;
}): JSX.Element | null {
  const value = props.value;
  if (value === null || value === undefined || value === false || value === "") return null;
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.show(value)}</dd>
    </>
  );
}

/** The order of a list the API sorts: what it is sorted by (`created`: by creation), which way. */
export type ListOrder<S extends string> = { sort: S | "created"; order: "asc" | "desc" };

/**
 * The order of a list the API sorts, as the page's address gives it (`sort`, `order`): by
 * creation `created` way (the list's default) unless told otherwise, another sort ascending
 * unless told otherwise.
 */
export function listOrderOf<S extends string>(
  query: URLSearchParams,
  sorts: readonly (S | "created")[],
  created: "asc" | "desc",
): ListOrder<S> {
  const given = query.get("sort") ?? "created";
  const sort = sorts.find((s) => s === given) ?? "created";
  const fallback = sort === "created" ? created : "asc";
  const order = query.get("order");
  return { sort, order: order === "asc" || order === "desc" ? order : fallback };
}

/**
 * Shows a list in another order: its address keeps the filters and leaves out what is the
 * default (`created` is the way the list by creation goes); paging starts again.
 */
export function setListOrder(
  path: string,
  query: URLSearchParams,
  next: { sort: string; order: string },
  created: "asc" | "desc",
) {
  const search = new URLSearchParams(query);
  if (next.sort === "created") search.delete("sort");
  else search.set("sort", next.sort);
  if (next.order === (next.sort === "created" ? created : "asc")) search.delete("order");
  else search.set("order", next.order);
  const text = search.toString();
  location.hash = `#${path}${text ? `?${text}` : ""}`;
}

/**
 * A list with "Previous" / "Next" over the API's cursor pagination; with `counted`, the
 * number of items in all, as the API's `total_count` says ("1,234 invoices").
 */
export function Paged<T>(props: {
  caption: string;
  load: (
    cursor: string | undefined,
  ) => Promise<{ data: T[]; next_cursor: string | null; total_count?: number }>;
  columns: readonly Column<T>[];
  deps?: readonly unknown[];
  empty?: string;
  counted?: { one: string; many: string };
  /** The order the API answers the rows in, and how a sortable header changes it. */
  sortedBy?: SortedBy | null | undefined;
  onSort?: ((next: SortedBy) => void) | undefined;
}): JSX.Element {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const [page, reload] = useAsync(() => props.load(cursor), [cursor, ...(props.deps ?? [])]);
  void reload;
  return (
    <Show value={page}>
      {(p) => (
        <>
          {props.counted && p.total_count !== undefined && (
            <Count n={p.total_count} one={props.counted.one} many={props.counted.many} />
          )}
          <Table
            caption={props.caption}
            rows={p.data}
            columns={props.columns}
            empty={props.empty}
            sortedBy={props.sortedBy}
            onSort={props.onSort}
          />
          <div class="pager">
            {cursors.length > 1 && (
              <button type="button" onClick={() => setCursors(cursors.slice(0, -1))}>
                Previous page
              </button>
            )}
            {p.next_cursor && (
              <button
                type="button"
                onClick={() => setCursors([...cursors, p.next_cursor ?? undefined])}
              >
                Next page
              </button>
            )}
          </div>
        </>
      )}
    </Show>
  );
}

/** Most items a set-up page reads of one list (page after page); it says when there are more. */
export const SETUP_LIMIT = 1000;

/** Every item of a list up to `max`, and whether the list holds more. */
export async function collect<T>(
  items: AsyncGenerator<T, void, undefined>,
  max = SETUP_LIMIT,
): Promise<{ items: T[]; more: boolean }> {
  const out: T[] = [];
  for await (const item of items) {
    if (out.length === max) return { items: out, more: true };
    out.push(item);
  }
  return { items: out, more: false };
}

/** "3 plan groups", or "the first 1,000 plan groups" when the list holds more. */
export function Count(props: { n: number; more?: boolean; one: string; many: string }) {
  const what = props.n === 1 ? props.one : props.many;
  return (
    <p class="muted count">
      {props.more
        ? `The first ${props.n.toLocaleString("en")} ${what}; the API lists the rest.`
        : `${props.n.toLocaleString("en")} ${what}`}
    </p>
  );
}

/** A thing's name, with its id below it in a form that can be selected and copied. */
export function Named(props: { name: string; id: string; href?: string }): JSX.Element {
  return (
    <>
      {props.href ? <a href={props.href}>{props.name}</a> : props.name}
      <br />
      <code class="id">{props.id}</code>
    </>
  );
}

/**
 * An action that asks first: its button opens a panel saying what will happen, with the
 * form it needs, "Confirm" and "Cancel". The outcome (or the API's refusal) stays below.
 * `context` (which row it acts on) is added to the button's and the panel's accessible name
 * ("Freeze: Acme GmbH"), so the same action in several rows can be told apart.
 */
export function Confirmed(props: {
  label: string;
  context?: string;
  /** What the panel says will happen. */
  says: string;
  confirm: string;
  kind?: "danger" | "primary";
  /** False: no button (the record no longer allows it); what the last run said stays. */
  available?: boolean;
  children?: ComponentChildren;
  run: () => Promise<string>;
  done: () => void;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const form = useSubmit();
  const name = props.context ? `${props.label}: ${props.context}` : props.label;
  const id = `confirm-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <div class="confirmed">
      {!open && props.available !== false && (
        <button
          type="button"
          class={props.kind === "danger" ? "danger" : "plain"}
          aria-expanded="false"
          aria-controls={id}
          aria-label={props.context ? name : undefined}
          onClick={() => {
            form.say("");
            setOpen(true);
          }}
        >
          {props.label}
        </button>
      )}
      {open && (
        <form
          id={id}
          class="confirm"
          aria-label={name}
          onSubmit={form.submit(async () => {
            form.say(await props.run());
            setOpen(false);
            props.done();
          })}
        >
          <p>{props.says}</p>
          {props.children}
          <button type="submit" class={props.kind ?? "primary"}>
            {props.confirm}
          </button>{" "}
          <button type="button" class="plain" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      <SubmissionOutcome form={form} />
    </div>
  );
}
