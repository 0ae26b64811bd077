/** Subscription actions. */
import type { JSX } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { AccrueClient } from "../../../sdk/src/client.js";
import { formatDate, formatDateTime } from "../../shared/format.js";
import { type Column, ErrorNote, SelectField, StatusBadge, Table } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import {
  ApiContext,
  customerName,
  DateFilter,
  dayOf,
  listOrderOf,
  Paged,
  setFilter,
  setListOrder,
} from "./shared.js";

type ActionRow = {
  id: string;
  number: string;
  contract_id: string;
  action: string;
  state: string;
  submitted_on: string;
  scheduled_date: string | null;
};

const contractOwners = new WeakMap<AccrueClient, Map<string, Promise<string | null>>>();

/** The name of a contract's customer, asked once per console session. */
function contractOwner(api: AccrueClient, id: string): Promise<string | null> {
  let owners = contractOwners.get(api);
  if (!owners) {
    owners = new Map();
    contractOwners.set(api, owners);
  }
  let owner = owners.get(id);
  if (!owner) {
    owner = api.GET("/v1/contracts/{id}", { params: { path: { id } } }).then(
      ({ data }) => customerName(api, data.customer_id),
      () => null,
    );
    owners.set(id, owner);
  }
  return owner;
}

/**
 * A link to a contract by its customer's name ("Alpha GmbH's contract"), with its id below
 * (selectable, to copy); until the name is known, or when there is none, the id is the text.
 */
export function ContractLink(props: { id: string }): JSX.Element {
  const api = useContext(ApiContext);
  const [owner, setOwner] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    let live = true;
    void contractOwner(api, props.id).then((n) => live && setOwner(n));
    return () => {
      live = false;
    };
  }, [api, props.id]);
  return (
    <>
      <a href={`#/contracts/${encodeURIComponent(props.id)}`}>
        {owner ? `${owner}’s contract` : props.id}
      </a>
      {owner && (
        <>
          <br />
          <code class="id">{props.id}</code>
        </>
      )}
    </>
  );
}

/** The API's orders of the subscription actions list (`sort`), the default (by creation) first. */
const ACTION_SORTS = ["created", "scheduled"] as const;

/**
 * The actions' columns; a `sortKey` header orders the list the API sorts (an action is created
 * when it is submitted), and nothing in a contract's own table of actions.
 */
const actionColumns: Column<ActionRow>[] = [
  { header: "Number", cell: (a) => a.number, numeric: true },
  { header: "Action", cell: (a) => a.action },
  { header: "Contract", cell: (a) => <ContractLink id={a.contract_id} /> },
  { header: "State", cell: (a) => <StatusBadge status={a.state} /> },
  { header: "Submitted", cell: (a) => formatDateTime(a.submitted_on), sortKey: "created" },
  { header: "Scheduled for", cell: (a) => formatDate(a.scheduled_date), sortKey: "scheduled" },
];

export function ActionTable(props: { rows: ActionRow[] }): JSX.Element {
  return (
    <Table
      caption="Subscription actions"
      hideCaption
      rows={props.rows}
      columns={actionColumns}
      empty="No actions."
    />
  );
}

type ActionState = "executed" | "scheduled" | "cancelled" | "rejected";
const ACTION_STATES: readonly (readonly [ActionState | "", string])[] = [
  ["", "Any state"],
  ["executed", "executed"],
  ["scheduled", "scheduled"],
  ["cancelled", "cancelled"],
  ["rejected", "rejected"],
];

/**
 * The contract the actions are filtered by. A contract id (`con_…`) filters at once; other text
 * searches the customers and filters by the one contract of those found, or lists their
 * contracts to choose from.
 */
function ContractFilter(props: { query: URLSearchParams }): JSX.Element {
  const api = useContext(ApiContext);
  const current = props.query.get("contract") ?? "";
  const [value, setValue] = useState(current);
  const [matches, setMatches] = useState<{ id: string; owner: string }[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const choose = (id: string) => setFilter("/subscription-actions", props.query, "contract", id);
  return (
    <form
      class="filter-form"
      aria-label="Filter subscription actions by contract"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setMatches(null);
        const text = value.trim();
        if (!text || /^con_[A-Za-z0-9]+$/.test(text) || !api) {
          choose(text);
          return;
        }
        try {
          const { data } = await api.GET("/v1/customers", {
            params: { query: { q: text, limit: 10 } },
          });
          const found: { id: string; owner: string }[] = [];
          for (const c of data.data) {
            const contracts = await api.GET("/v1/contracts", {
              params: { query: { customer_id: c.id, limit: 10 } },
            });
            for (const k of contracts.data.data) {
              found.push({ id: k.id, owner: c.display_name || c.id });
            }
          }
          if (found.length === 1) choose(found[0]!.id);
          else setMatches(found);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <div class="field">
        <label for="filter-contract">Contract (customer name or id)</label>
        <input
          id="filter-contract"
          name="contract"
          value={value}
          placeholder="name, e-mail or con_…"
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        />
      </div>
      <button type="submit">Filter</button>
      {matches && matches.length === 0 && <p role="status">No contract matches “{value}”.</p>}
      {matches && matches.length > 1 && (
        <ul class="matches" aria-label="Matching contracts">
          {matches.map((m) => (
            <li key={m.id}>
              <button type="button" class="plain" onClick={() => choose(m.id)}>
                Only {m.owner}’s contract
              </button>{" "}
              <code class="id">{m.id}</code>
            </li>
          ))}
        </ul>
      )}
      {error !== null && <ErrorNote error={error} />}
      {current && (
        <p>
          Only the actions of <ContractLink id={current} />.{" "}
          <a href="#/subscription-actions">Show every contract’s</a>
        </p>
      )}
    </form>
  );
}

export function SubscriptionActionsPage({ api, query }: PageProps): JSX.Element {
  const contract = query.get("contract") ?? "";
  const given = query.get("state") ?? "";
  const state = ACTION_STATES.some(([s]) => s === given) ? (given as ActionState | "") : "";
  const from = dayOf(query.get("from"));
  const to = dayOf(query.get("to"));
  const { sort, order } = listOrderOf(query, ACTION_SORTS, "asc");
  return (
    <>
      <h1>Subscription actions</h1>
      <div class="filters">
        <SelectField
          label="State"
          name="action-state"
          value={state}
          options={ACTION_STATES}
          onChange={(value) => setFilter("/subscription-actions", query, "state", value)}
        />
      </div>
      <DateFilter
        path="/subscription-actions"
        query={query}
        from={from}
        to={to}
        label="Created"
        what="subscription actions by the day created (UTC)"
      />
      <ContractFilter query={query} />
      <Paged
        caption="Subscription actions"
        counted={{ one: "action", many: "actions" }}
        empty={state || contract || from || to ? "No actions match." : "No actions yet."}
        load={async (cursor) =>
          (
            await api.GET("/v1/subscription_actions", {
              params: {
                query: {
                  limit: 25,
                  sort,
                  order,
                  include_total: true,
                  ...(cursor ? { cursor } : {}),
                  ...(state ? { state } : {}),
                  ...(contract ? { contract_id: contract } : {}),
                  ...(from ? { created_from: from } : {}),
                  ...(to ? { created_to: to } : {}),
                },
              },
            })
          ).data
        }
        columns={actionColumns}
        sortedBy={{ key: sort, order }}
        onSort={(next) =>
          setListOrder("/subscription-actions", query, { sort: next.key, order: next.order }, "asc")
        }
      />
    </>
  );
}
