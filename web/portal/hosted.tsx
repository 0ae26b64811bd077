/**
 * A hosted page of the customer portal, opened by a link holding the page's own token
 * (/portal/hpt_…): what the page is for (a checkout with what it will bill, a payment method,
 * paying open invoices, accepting a quote), a card form where it takes one, and the buttons to
 * complete or leave it.
 */
import type { JSX } from "preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { PortalError, portalCall } from "../shared/api.js";
import { formatDateTime, formatMoney } from "../shared/format.js";
import { ActionButton, Field, Show, StatusBadge, useAsync } from "../shared/ui.js";
import { CardFields, cardSource, useCardForm } from "./card.js";

const token = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] ?? "");

type Page = {
  id: string;
  type: string;
  state: string;
  expires_at: string;
  expired: boolean;
  content: Record<string, unknown> | null;
  input: Record<string, unknown>;
  voucher: {
    reference: string;
    amount: string;
    currency: string;
    due_date: string;
    invoice_number: string | null;
  } | null;
};
type Bill = {
  currency: string;
  lines: { description: string; amount: string }[];
  total_gross: string;
};
type Opened = { page: Page; preview: Bill | null };

const call = <T,>(method: "GET" | "POST", path: string, body?: unknown) =>
  portalCall<T>(token, method, `/hosted_page${path}`, body);

const TITLES: Record<string, string> = {
  checkout_new: "Check out your subscription",
  checkout_existing: "Confirm the change of your subscription",
  checkout_one_time: "Check out your purchase",
  manage_payment_sources: "Add a payment method",
  update_payment_method: "Update your payment method",
  collect_now: "Pay your open invoices",
  accept_quote: "Accept your quote",
  extend_subscription: "Extend your subscription",
  pre_cancel: "Before you cancel",
  view_voucher: "Pay by bank transfer",
  checkout_gift: "Check out your gift",
  claim_gift: "Claim your gift",
};

/** The portal call that completes each type of page, and whether it takes a card. */
const COMPLETE: Record<string, { path: string; card: "optional" | "required" | "none" }> = {
  checkout_new: { path: "/checkout", card: "optional" },
  checkout_existing: { path: "/checkout", card: "optional" },
  checkout_one_time: { path: "/checkout", card: "optional" },
  manage_payment_sources: { path: "/payment_source", card: "required" },
  update_payment_method: { path: "/payment_source", card: "required" },
  collect_now: { path: "/collect", card: "optional" },
  accept_quote: { path: "/accept_quote", card: "none" },
  extend_subscription: { path: "/extend", card: "none" },
  checkout_gift: { path: "/checkout_gift", card: "optional" },
  claim_gift: { path: "/claim_gift", card: "none" },
};

function HostedPage(): JSX.Element {
  // opening the page marks it requested and answers what a checkout will bill
  const [opened, reload] = useAsync(async (): Promise<Opened> => {
    const page = await call<Page>("GET", "");
    if (page.expired || (page.state !== "created" && page.state !== "requested"))
      return { page, preview: null };
    const opened = await call<Opened>("POST", "/open");
    // a gift checkout's bill: what the gifter will be invoiced
    if (page.type === "checkout_gift") opened.preview = await call<Bill>("GET", "/gift_preview");
    return opened;
  }, []);
  const cardForm = useCardForm();
  const [reason, setReason] = useState("");
  useEffect(() => {
    document.title = "Your page";
  }, []);
  if (
    opened.state === "failed" &&
    opened.error instanceof PortalError &&
    opened.error.status === 401
  ) {
    return (
      <main id="main" class="portal">
        <h1>This link has expired or is not valid</h1>
      </main>
    );
  }
  return (
    <main id="main" class="portal">
      <Show value={opened}>
        {({ page, preview }) => {
          const how = COMPLETE[page.type];
          const open = !page.expired && (page.state === "created" || page.state === "requested");
          const source = cardSource(cardForm);
          const body =
            how?.card === "required"
              ? source
              : how?.card === "optional"
                ? source
                  ? { payment_source: source }
                  : {}
                : undefined;
          return (
            <>
              <h1>{TITLES[page.type] ?? "Your page"}</h1>
              <p>
                <StatusBadge status={page.expired ? "expired" : page.state} /> until{" "}
                {formatDateTime(page.expires_at)}
              </p>
              {preview && (
                <table>
                  <caption>What you will be billed</caption>
                  <tbody>
                    {preview.lines.map((l) => (
                      <tr key={l.description}>
                        <th scope="row">{l.description}</th>
                        <td class="numeric">{formatMoney(l.amount, preview.currency)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Total</th>
                      <td class="numeric">{formatMoney(preview.total_gross, preview.currency)}</td>
                    </tr>
                  </tbody>
                </table>
              )}
              {page.voucher && (
                <dl>
                  <dt>Payment reference</dt>
                  <dd>
                    <code>{page.voucher.reference}</code>
                  </dd>
                  <dt>Amount</dt>
                  <dd>{formatMoney(page.voucher.amount, page.voucher.currency)}</dd>
                  <dt>Pay by</dt>
                  <dd>{page.voucher.due_date}</dd>
                  {page.voucher.invoice_number && (
                    <>
                      <dt>Invoice</dt>
                      <dd>{page.voucher.invoice_number}</dd>
                    </>
                  )}
                </dl>
              )}
              {open && page.type === "pre_cancel" && (
                <>
                  {typeof page.input.offer === "string" && <p>{page.input.offer}</p>}
                  <Field
                    label="Why are you leaving? (optional)"
                    name="reason"
                    value={reason}
                    onInput={setReason}
                  />
                  <p>
                    <ActionButton
                      label="Stay"
                      kind="primary"
                      run={() =>
                        call("POST", "/pre_cancel", {
                          decision: "stay",
                          ...(reason ? { reason } : {}),
                        })
                      }
                      done={reload}
                    />{" "}
                    <ActionButton
                      label="Cancel my subscription"
                      run={() =>
                        call("POST", "/pre_cancel", {
                          decision: "cancel",
                          ...(reason ? { reason } : {}),
                        })
                      }
                      done={reload}
                    />
                  </p>
                </>
              )}
              {open && how && how.card !== "none" && (
                <CardFields
                  form={cardForm}
                  legend={`Card${how.card === "optional" ? " (optional)" : ""}`}
                />
              )}
              {open && how && (
                <p>
                  <ActionButton
                    label="Confirm"
                    kind="primary"
                    run={() => call("POST", how.path, body)}
                    done={reload}
                  />{" "}
                  <ActionButton label="Cancel" run={() => call("POST", "/cancel")} done={reload} />
                </p>
              )}
              {page.state === "succeeded" || page.state === "acknowledged" ? (
                <p role="status">Done: thank you.</p>
              ) : null}
            </>
          );
        }}
      </Show>
    </main>
  );
}

render(<HostedPage />, document.getElementById("app")!);
