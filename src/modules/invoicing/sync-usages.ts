/**
 * Syncing a draft invoice's usage (Chargebee: sync usages of a pending invoice). A contract's
 * draft bills its usage charges as they stood when billing wrote it; usage recorded since for
 * the periods it bills (late usage) would otherwise wait for the next settlement as a
 * correction. Syncing rates every usage charge due by the day the draft was written again, by
 * the same engine and the same diff as a settlement (less what other documents billed), and
 * puts the result on the draft in place of its usage lines. A charge whose amount did not move
 * keeps its line. Afterwards the draft bills what a settlement on that day would bill now, and
 * the next settlement finds nothing more to bill for those periods.
 */
import { Temporal } from "temporal-polyfill";
import { notFound, unprocessable } from "../../domain/errors.js";
import {
  type BilledItem,
  diffItems,
  type ExpectedItem,
  expectedItemsStepwise,
  type NewItem,
} from "../../domain/invoicing/index.js";
import { instantSpan, localDate } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { drive, yielder } from "../../lib/yield.js";
import { type Ctx, dateOf, nowDate } from "../context.js";
import { findContract } from "../contracts/index.js";
import { markUsageBilled } from "../usage/index.js";
import { type Invoice, toInvoice } from "./documents.js";
import { deleteDocumentLines, insertDocumentLines } from "./documents.repository.js";
import { linesOf, loadBilledItems, loadHistory } from "./invoicing.repository.js";
import { announceChange, draftInvoice, retotal } from "./one-off-charges.js";
import { taxContexts } from "./tax-context.js";

const sum = (xs: readonly { amount: string }[]) => xs.reduce((n, x) => n + BigInt(x.amount), 0n);

export async function syncDraftUsages(ctx: Ctx, id: string): Promise<Invoice> {
  const { row, customer } = await draftInvoice(ctx, id);
  if (row.contract_id === null) {
    throw unprocessable(
      "invoice_not_of_contract",
      "the invoice bills no contract; it has no usage to sync",
      { id },
    );
  }
  const contract = await findContract(ctx.db, ctx.tenantId, row.contract_id, { forUpdate: true });
  if (!contract) throw notFound("contract_not_found", `no contract ${row.contract_id}`);
  const lines = await linesOf(ctx.db, ctx.tenantId, id);
  const before = toInvoice(row, lines);
  const tz = customer.time_zone;
  const history = await loadHistory(ctx.db, ctx.tenantId, contract, tz);
  // the day billing wrote the draft: the usage charges due by then are the ones it bills
  const target = localDate(Temporal.Instant.from(row.created_at.toISOString()), tz);
  // a long history in steps that let the event loop run, as billing computes it
  const expected = (await drive(expectedItemsStepwise(history, target), yielder())).filter(
    (e) => e.kind === "usage",
  );
  const drafted = lines.filter((l) => l.kind === "usage" && l.charge_key !== null);
  const elsewhere = billedElsewhere(
    await loadBilledItems(ctx.db, ctx.tenantId, contract.id, contract.currency),
    drafted,
  );
  const wanted = diffItems(expected, elsewhere, contract.currency, target);
  const { treatment } = await taxContexts(ctx).of(contract, customer);
  const remove: string[] = [];
  const add: NewItem[] = [];
  // lines and wanted items grouped by charge key in one pass each, not filtered per key
  const byKey = new Map<string, { have: typeof drafted; want: typeof wanted }>();
  const group = (key: string) => {
    const g = byKey.get(key) ?? { have: [], want: [] };
    byKey.set(key, g);
    return g;
  };
  for (const l of drafted) group(l.charge_key!).have.push(l);
  for (const w of wanted) group(w.key).want.push(w);
  for (const { have, want } of byKey.values()) {
    const same =
      have.length === want.length && sum(have) === want.reduce((n, w) => n + w.amount.amount, 0n);
    if (same) continue;
    for (const l of have) remove.push(l.id);
    for (const w of want) add.push(w);
  }
  if (add.length === 0 && remove.length === lines.length) {
    throw unprocessable(
      "invoice_needs_lines",
      "other documents bill this draft's usage by now; syncing would leave it without lines: delete it instead",
      { id },
    );
  }
  if (remove.length > 0) await deleteDocumentLines(ctx.db, ctx.tenantId, id, remove);
  let position = lines.reduce((m, l) => Math.max(m, l.position), 0);
  await insertDocumentLines(
    ctx.db,
    add.map((item) => ({
      id: newId("invoiceLine"),
      tenant_id: ctx.tenantId,
      invoice_id: id,
      position: ++position,
      contract_id: contract.id,
      charge_key: item.key,
      kind: item.kind,
      description: item.description,
      period_start: item.period ? item.period.start.toString() : null,
      period_end: item.period ? item.period.end.toString() : null,
      quantity: item.quantity,
      unit_price: item.unitPrice,
      amount: String(item.amount.amount),
      tax_rate: treatment.rate,
      credited_line_id: null,
    })),
  );
  await markUsage(ctx, contract.id, tz, expected, target, id, new Set(wanted.map((w) => w.key)));
  const after = await retotal(ctx, id, row.price_basis, row.currency);
  await announceChange(ctx, before, after);
  return after;
}

/** What documents other than the draft billed: the draft's usage lines taken out, one each. */
function billedElsewhere(
  billed: readonly BilledItem[],
  drafted: readonly { charge_key: string | null; amount: string }[],
): BilledItem[] {
  const rest = [...billed];
  for (const line of drafted) {
    const i = rest.findIndex(
      (b) => b.key === line.charge_key && b.amount.amount === BigInt(line.amount),
    );
    if (i >= 0) rest.splice(i, 1);
  }
  return rest.filter((b) => b.kind === "usage");
}

/**
 * The usage records of every period synced are billed: those the draft bills with its id, the
 * others (usage within the free quota) stamped only.
 */
async function markUsage(
  ctx: Ctx,
  contractId: string,
  tz: string,
  expected: readonly ExpectedItem[],
  target: Temporal.PlainDate,
  invoiceId: string,
  onDraft: ReadonlySet<string>,
) {
  const spans = expected.flatMap((item) => {
    const source = item.source;
    if (!source || !("usage" in source) || Temporal.PlainDate.compare(item.due, target) > 0) {
      return [];
    }
    const span = instantSpan(source.usage.span, tz);
    return [
      {
        contractId,
        componentId: source.usage.componentId,
        start: dateOf(span.start),
        end: dateOf(span.end),
        invoiceId: onDraft.has(item.key) ? invoiceId : null,
      },
    ];
  });
  await markUsageBilled(ctx.db, ctx.tenantId, spans, nowDate(ctx));
}
