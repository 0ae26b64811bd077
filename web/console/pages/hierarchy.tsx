/**
 * A customer's account hierarchy: its parent (and the customers above it), its children with
 * what each owes, linking it under a parent, unlinking, and who receives and pays its invoices.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { operations } from "../../../sdk/src/client.js";
import { formatMoney } from "../../shared/format.js";
import { ActionButton, ErrorNote, Field, SelectField, Table } from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { link } from "./shared.js";

type View = operations["customer_hierarchy.get"]["responses"][200]["content"]["application/json"];
type Owner = "self" | "parent";
/** The settings that are allowed: invoices go to the parent only when the parent pays them. */
type Settings = "self/self" | "self/parent" | "parent/parent";

/** The hierarchy and the names of the customers above this one (the view names only ids). */
export type Hierarchy = { view: View; names: Record<string, string> };

const SETTINGS: readonly (readonly [Settings, string])[] = [
  ["self/self", "This customer receives and pays its invoices"],
  ["self/parent", "This customer receives its invoices; the parent pays them"],
  ["parent/parent", "The parent receives and pays the invoices"],
];

const settingsOf = (l: { invoice_owner: Owner; payment_owner: Owner }): Settings =>
  l.invoice_owner === "parent" ? "parent/parent" : `self/${l.payment_owner}`;

const ownersOf = (s: Settings) => {
  const [invoice_owner, payment_owner] = s.split("/") as [Owner, Owner];
  return { invoice_owner, payment_owner };
};

/** Loads the hierarchy view and the display names of the customers above this one. */
export async function loadHierarchy(api: PageProps["api"], id: string): Promise<Hierarchy> {
  const { data: view } = await api.GET("/v1/customers/{id}/hierarchy", {
    params: { path: { id } },
  });
  const names = await Promise.all(
    view.ancestors.map((a) =>
      api.GET("/v1/customers/{id}", { params: { path: { id: a } } }).then(
        ({ data }) => [a, data.display_name || a] as const,
        () => [a, a] as const,
      ),
    ),
  );
  return { view, names: Object.fromEntries(names) };
}

const balancesText = (balances: View["balances"]) =>
  balances.map((b) => formatMoney(b.balance, b.currency)).join(", ") || "—";

export function HierarchySection(props: {
  api: PageProps["api"];
  customerId: string;
  customerName: string;
  hierarchy: Hierarchy;
  done: () => void;
}): JSX.Element {
  const { api, customerId, done } = props;
  const { view, names } = props.hierarchy;
  const [notice, setNotice] = useState("");
  const parentId = view.link?.parent_id;
  const parentName = parentId ? (names[parentId] ?? parentId) : "";
  const nameOf = (id: string) => names[id] ?? id;
  return (
    <>
      <dl class="facts">
        <dt>Parent</dt>
        <dd>
          {parentId
            ? link(`#/customers/${parentId}`, parentName)
            : "None: this customer is at the top of its hierarchy"}
        </dd>
        {view.link && (
          <>
            <dt>Receives its invoices</dt>
            <dd>{view.link.invoice_owner === "parent" ? "the parent" : "this customer"}</dd>
            <dt>Pays its invoices</dt>
            <dd>{view.link.payment_owner === "parent" ? "the parent" : "this customer"}</dd>
          </>
        )}
        {view.ancestors.length > 1 && (
          <>
            <dt>From the top</dt>
            <dd>
              {[...view.ancestors].reverse().map((a) => (
                <span key={a}>
                  {link(`#/customers/${a}`, nameOf(a))}
                  {" › "}
                </span>
              ))}
              {props.customerName}
            </dd>
          </>
        )}
      </dl>
      {notice && <p role="status">{notice}</p>}
      <h3>Children</h3>
      <Table
        caption="Child customers"
        hideCaption
        rows={view.children}
        empty="No child customers."
        columns={[
          {
            header: "Customer",
            cell: (c) => (
              <>
                {link(`#/customers/${c.customer_id}`, c.display_name || c.customer_id)}
                {c.has_children ? " (has children)" : ""}
              </>
            ),
          },
          {
            header: "Receives its invoices",
            cell: (c) => (c.invoice_owner === "parent" ? "this customer" : "the child"),
          },
          {
            header: "Pays its invoices",
            cell: (c) => (c.payment_owner === "parent" ? "this customer" : "the child"),
          },
          { header: "Balance", cell: (c) => balancesText(c.balances), numeric: true },
          {
            header: "Actions",
            cell: (c) => (
              <ActionButton
                label={`Unlink ${c.display_name || c.customer_id}`}
                run={async () => {
                  await api.POST("/v1/customers/{id}/hierarchy/unlink", {
                    params: { path: { id: c.customer_id } },
                  });
                  setNotice(`Unlinked ${c.display_name || c.customer_id}.`);
                }}
                done={done}
              />
            ),
          },
        ]}
      />
      {view.link ? (
        <>
          <HierarchySettings
            api={api}
            customerId={customerId}
            current={settingsOf(view.link)}
            onSaved={setNotice}
            done={done}
          />
          <p>
            <ActionButton
              label={`Unlink from ${parentName}`}
              run={async () => {
                await api.POST("/v1/customers/{id}/hierarchy/unlink", {
                  params: { path: { id: customerId } },
                });
                setNotice(`Unlinked from ${parentName}.`);
              }}
              done={done}
            />
          </p>
        </>
      ) : (
        <LinkToParent api={api} customerId={customerId} onLinked={setNotice} done={done} />
      )}
    </>
  );
}

function HierarchySettings(props: {
  api: PageProps["api"];
  customerId: string;
  current: Settings;
  onSaved: (notice: string) => void;
  done: () => void;
}): JSX.Element {
  const [settings, setSettings] = useState<Settings>(props.current);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      class="inline-form"
      aria-labelledby="hierarchy-settings"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await props.api.POST("/v1/customers/{id}/hierarchy/settings", {
            params: { path: { id: props.customerId } },
            body: ownersOf(settings),
          });
          props.onSaved(`Saved: ${SETTINGS.find(([s]) => s === settings)?.[1]}.`);
          props.done();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h3 id="hierarchy-settings">Who receives and pays the invoices</h3>
      <SelectField
        label="Invoices and payment"
        name="hierarchy-settings"
        value={settings}
        options={SETTINGS}
        onChange={setSettings}
      />
      <button type="submit" class="primary">
        Save hierarchy settings
      </button>
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}

type Candidate = { id: string; display_name: string; email: string | null };

function LinkToParent(props: {
  api: PageProps["api"];
  customerId: string;
  onLinked: (notice: string) => void;
  done: () => void;
}): JSX.Element {
  const [q, setQ] = useState("");
  const [settings, setSettings] = useState<Settings>("self/self");
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      class="inline-form"
      aria-labelledby="link-parent"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setFound(null);
        try {
          const { data } = await props.api.GET("/v1/customers", {
            params: { query: { q: q.trim(), limit: 10 } },
          });
          setFound(data.data.filter((c) => c.id !== props.customerId));
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h3 id="link-parent">Link to a parent</h3>
      <Field
        label="Find the parent"
        name="parent-search"
        type="search"
        value={q}
        onInput={setQ}
        required
        hint="Part of a name, company, e-mail or external id, or a customer id"
      />
      <SelectField
        label="After linking"
        name="link-settings"
        value={settings}
        options={SETTINGS}
        onChange={setSettings}
      />
      <button type="submit">Find customers</button>
      {found !== null &&
        (found.length === 0 ? (
          <p role="status">No other customer matches.</p>
        ) : (
          <ul class="choices" aria-label="Matching customers">
            {found.map((c) => (
              <li key={c.id}>
                <span>
                  {c.display_name || c.id}
                  {c.email ? <span class="muted"> · {c.email}</span> : null}
                </span>
                <ActionButton
                  kind="primary"
                  label={`Link under ${c.display_name || c.id}`}
                  run={async () => {
                    await props.api.POST("/v1/customers/{id}/hierarchy/link", {
                      params: { path: { id: props.customerId } },
                      body: { parent_id: c.id, ...ownersOf(settings) },
                    });
                    props.onLinked(`Linked under ${c.display_name || c.id}.`);
                  }}
                  done={props.done}
                />
              </li>
            ))}
          </ul>
        ))}
      {error !== null && <ErrorNote error={error} />}
    </form>
  );
}
