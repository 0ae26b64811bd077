/**
 * Business entities (the companies that issue the tenant's invoices, each with its own
 * numbering, terms and currencies) and transfers of customers between them.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Data, operations } from "../../../sdk/src/client.js";
import { formatDate } from "../../shared/format.js";
import {
  CheckField,
  Field,
  SelectField,
  Show,
  SubmissionOutcome,
  Table,
  useAsync,
  useSubmit,
} from "../../shared/ui.js";
import type { PageProps } from "../main.js";
import { Count, CustomerLink, collect, Named } from "./shared.js";

type Api = PageProps["api"];
type Entity = Data<operations["business_entities.list"]>["data"][number];

export function EntitiesPage({ api }: PageProps): JSX.Element {
  const [lists, reload] = useAsync(async () => {
    const [entities, transfers] = await Promise.all([
      api.GET("/v1/business_entities").then((r) => r.data.data),
      collect(
        api.paginate("/v1/business_entity_transfers", {
          params: { query: { limit: 100, resource_type: "customer" } },
        }),
      ),
    ]);
    return { entities, transfers };
  }, []);
  return (
    <>
      <h1>Business entities</h1>
      <Show value={lists}>
        {({ entities, transfers }) => {
          const entityName = (id: string) => entities.find((e) => e.id === id)?.name ?? id;
          return (
            <>
              <section>
                <h2 id="entities">Entities</h2>
                <p class="muted">
                  The companies that issue invoices: each numbers its documents with its own
                  prefixes and gives its own payment terms.
                </p>
                <Count n={entities.length} one="business entity" many="business entities" />
                <Table
                  caption="Business entities"
                  hideCaption
                  rows={entities}
                  columns={[
                    {
                      header: "Name",
                      cell: (e) => (
                        <>
                          <Named name={e.name} id={e.id} />
                          {e.is_default && <span class="muted"> (default)</span>}
                        </>
                      ),
                      sort: (e) => e.name,
                    },
                    {
                      header: "Country",
                      cell: (e) => e.country ?? "—",
                      sort: (e) => e.country ?? "",
                    },
                    { header: "VAT id", cell: (e) => e.vat_id ?? "—" },
                    {
                      header: "Prefixes",
                      cell: (e) => `${e.invoice_prefix || "—"} / ${e.credit_note_prefix || "—"}`,
                    },
                    {
                      header: "Payment terms",
                      cell: (e) => `${e.payment_terms_days} days`,
                      numeric: true,
                      sort: (e) => e.payment_terms_days,
                    },
                    {
                      header: "Currencies",
                      cell: (e) => (e.currencies.length ? e.currencies.join(", ") : "any"),
                    },
                  ]}
                />
                <CreateEntity api={api} done={reload} />
              </section>
              <section>
                <h2 id="transfers">Transfers</h2>
                <p class="muted">
                  A transfer moves a customer and its contracts to another entity; the customer
                  keeps its id, and a read-only copy stays with the entity it left.
                </p>
                <Count
                  n={transfers.items.length}
                  more={transfers.more}
                  one="customer transfer"
                  many="customer transfers"
                />
                <Table
                  caption="Customer transfers"
                  hideCaption
                  rows={transfers.items}
                  empty="No customer has been transferred."
                  columns={[
                    {
                      header: "Customer",
                      cell: (t) => <CustomerLink id={t.active_resource_id} />,
                    },
                    {
                      header: "From",
                      cell: (t) => entityName(t.source_business_entity_id),
                      sort: (t) => entityName(t.source_business_entity_id),
                    },
                    {
                      header: "To",
                      cell: (t) => entityName(t.destination_business_entity_id),
                      sort: (t) => entityName(t.destination_business_entity_id),
                    },
                    { header: "Reason", cell: (t) => t.reason_code },
                    {
                      header: "When",
                      cell: (t) => formatDate(t.created_at),
                      sort: (t) => t.created_at,
                    },
                  ]}
                />
                {entities.length > 1 && (
                  <TransferCustomer api={api} entities={entities} done={reload} />
                )}
              </section>
            </>
          );
        }}
      </Show>
    </>
  );
}

function CreateEntity(props: { api: Api; done: () => void }): JSX.Element {
  const [name, setName] = useState("");
  const [country, setCountry] = useState("");
  const [vatId, setVatId] = useState("");
  const [email, setEmail] = useState("");
  const [prefix, setPrefix] = useState("");
  const [creditPrefix, setCreditPrefix] = useState("");
  const [terms, setTerms] = useState("14");
  const [currencies, setCurrencies] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="create-entity"
      onSubmit={form.submit(async () => {
        const codes = currencies
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((c) => c.toUpperCase());
        const { data } = await props.api.POST("/v1/business_entities", {
          body: {
            name: name.trim(),
            payment_terms_days: Number.parseInt(terms, 10),
            ...(country.trim() ? { country: country.trim().toUpperCase() } : {}),
            ...(vatId.trim() ? { vat_id: vatId.trim() } : {}),
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(prefix.trim() ? { invoice_prefix: prefix.trim() } : {}),
            ...(creditPrefix.trim() ? { credit_note_prefix: creditPrefix.trim() } : {}),
            ...(codes.length ? { currencies: codes } : {}),
          },
        });
        form.say(`Created business entity ${data.name} (${data.id}).`);
        setName("");
        props.done();
      })}
    >
      <h3 id="create-entity">Add a business entity</h3>
      <Field label="Name" name="entity-name" value={name} onInput={setName} required />
      <Field
        label="Country (optional)"
        name="entity-country"
        value={country}
        onInput={setCountry}
        pattern="[A-Za-z]{2}"
        hint="Two letters, e.g. DE"
      />
      <Field label="VAT id (optional)" name="entity-vat" value={vatId} onInput={setVatId} />
      <Field
        label="E-mail (optional)"
        name="entity-email"
        type="email"
        value={email}
        onInput={setEmail}
      />
      <Field
        label="Invoice number prefix (optional)"
        name="entity-prefix"
        value={prefix}
        onInput={setPrefix}
        pattern="[A-Za-z0-9_\/\-]{0,20}"
      />
      <Field
        label="Credit note number prefix (optional)"
        name="entity-credit-prefix"
        value={creditPrefix}
        onInput={setCreditPrefix}
        pattern="[A-Za-z0-9_\/\-]{0,20}"
      />
      <Field
        label="Payment terms (days)"
        name="entity-terms"
        value={terms}
        onInput={setTerms}
        required
        inputMode="numeric"
        pattern="[0-9]{1,3}"
      />
      <Field
        label="Currencies (optional)"
        name="entity-currencies"
        value={currencies}
        onInput={setCurrencies}
        hint="ISO 4217 codes separated by spaces or commas; none: any currency"
      />
      <button type="submit" class="primary">
        Add business entity
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function TransferCustomer(props: { api: Api; entities: Entity[]; done: () => void }): JSX.Element {
  const [customer, setCustomer] = useState("");
  const [destination, setDestination] = useState(
    props.entities.find((e) => !e.is_default)?.id ?? props.entities[0]?.id ?? "",
  );
  const [correction, setCorrection] = useState(false);
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="transfer-customer"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/business_entity_transfers", {
          body: {
            customer_id: customer.trim(),
            destination_business_entity_id: destination,
            ...(correction ? { reason_code: "correction" as const } : {}),
          },
        });
        const to = props.entities.find((e) => e.id === data.destination_business_entity_id);
        form.say(`Transferred ${data.active_resource_id} to ${to?.name ?? destination}.`);
        setCustomer("");
        props.done();
      })}
    >
      <h3 id="transfer-customer">Transfer a customer</h3>
      <Field
        label="Customer id"
        name="transfer-customer"
        value={customer}
        onInput={setCustomer}
        required
        hint="cus_…; its contracts move with it"
      />
      <SelectField
        label="To"
        name="transfer-destination"
        value={destination}
        options={props.entities.map((e) => [e.id, e.name] as const)}
        onChange={setDestination}
      />
      <CheckField
        label="A correction (the customer was in the wrong entity)"
        name="transfer-correction"
        checked={correction}
        onChange={setCorrection}
      />
      <button type="submit" class="primary">
        Transfer customer
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
