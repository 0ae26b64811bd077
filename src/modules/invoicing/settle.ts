/**
 * Settling contracts: bill every charge due by the customer's today that is not billed yet,
 * and the difference for every charge whose amount changed since it was billed. Settling
 * twice bills nothing twice (the diff sees the first invoice).
 */
import { Temporal } from "temporal-polyfill";
import { notFound } from "../../domain/errors.js";
import {
  diffItems,
  type ExpectedItem,
  expectedItemsStepwise,
  type NewItem,
  nextBillingDate,
} from "../../domain/invoicing/index.js";
import { instantSpan, localDate, startOfLocalDay } from "../../domain/time/index.js";
import { drive, yielder } from "../../lib/yield.js";
import { type Ctx, dateOf } from "../context.js";
import {
  type ContractRow,
  findContract,
  hasSettlementFailure,
  markRatedItemsBilled,
  setBillingDates,
} from "../contracts/index.js";
import { findCustomers } from "../customers/index.js";
import { markUsageBilled } from "../usage/index.js";
import { type SettledCounts, settledCounts } from "./billing-runs.js";
import {
  type DocumentInput,
  type Invoice,
  type LineInput,
  type PreparedDocument,
  prepareDocuments,
  toInvoice,
  writeDocuments,
} from "./documents.js";
import { loadBilledItemsOf, loadHistories } from "./invoicing.repository.js";
import { taxContexts } from "./tax-context.js";

export type Settlement = {
  contract_id: string;
  /** The document written, or null when nothing was due. */
  invoice: Invoice | null;
  /** When billing looks at the contract next (null: ended and settled). */
  next_billing_at: string | null;
};

/**
 * Settles one contract as of the tenant's today (the customer's calendar day): bills every
 * charge due by then that is not billed yet, and the difference for every charge whose
 * amount changed since it was billed. `draft` leaves the document unissued.
 */
export async function settleContract(
  ctx: Ctx,
  contractId: string,
  options: { draft?: boolean; billingRunId?: string | null } = {},
): Promise<Settlement> {
  const contract = await findContract(ctx.db, ctx.tenantId, contractId, { forUpdate: true });
  if (!contract)
    throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  await ctx.guard({ kind: "contract", row: contract });
  const [settlement] = await settleLocked(ctx, [contract], options);
  return settlement!;
}

/**
 * Settles contracts of one tenant whose rows the transaction holds locked, all at once: one
 * query per kind of fact for the whole batch, one statement per kind of write.
 */
export async function settleLocked(
  ctx: Ctx,
  contracts: readonly ContractRow[],
  options: {
    draft?: boolean;
    billingRunId?: string | null;
    /**
     * Told what the settlement writes before the documents are numbered: a billing run
     * counts it on its run there, so the counter (locked from the numbers to the commit) is
     * not held through that statement too.
     */
    counted?: (counts: SettledCounts) => Promise<void>;
  },
): Promise<Settlement[]> {
  const customers = new Map(
    (
      await findCustomers(ctx.db, ctx.tenantId, [...new Set(contracts.map((c) => c.customer_id))])
    ).map((c) => [c.id, c]),
  );
  const customerOf = (c: ContractRow) => {
    const customer = customers.get(c.customer_id);
    if (!customer) throw notFound("customer_not_found", `no customer ${c.customer_id}`);
    return customer;
  };
  const histories = await loadHistories(
    ctx.db,
    ctx.tenantId,
    contracts.map((contract) => ({ contract, timeZone: customerOf(contract).time_zone })),
  );
  const billedOf = await loadBilledItemsOf(ctx.db, ctx.tenantId, contracts);
  const now = dateOf(ctx.clock.now());
  const taxes = taxContexts(ctx);
  const documents: DocumentInput[] = [];
  const draft = options.draft ?? !(await taxes.autoFinalize());
  // one contract after another: the lookups below are cached per batch, and a document's
  // position is taken in the same step that adds it. A long history is computed in steps
  // that let the event loop run between them (health checks, other tenants' requests).
  const yields = yielder();
  const planned = [];
  for (const [i, contract] of contracts.entries()) {
    const history = histories[i]!;
    const tz = history.timeZone;
    const target = localDate(ctx.clock.now(), tz);
    const expected = await drive(expectedItemsStepwise(history, target), yields);
    const items = diffItems(expected, billedOf.get(contract.id) ?? [], contract.currency, target);
    const next = nextBillingDate(history, target);
    const nextAt = next === null ? null : dateOf(startOfLocalDay(next, tz));
    let document: number | null = null;
    if (items.length > 0) {
      const customer = customerOf(contract);
      const { entity, group, treatment } = await taxes.of(contract, customer);
      document =
        documents.push({
          entity,
          customer,
          contractId: contract.id,
          currency: contract.currency,
          priceBasis: group.price_type,
          reverseCharge: treatment.reverseCharge,
          lines: items.map((item) => toLine(item, contract.id, treatment.rate)),
          billingRunId: options.billingRunId ?? null,
          draft,
        }) - 1;
    }
    planned.push({ contract, tz, expected, target, items, nextAt, document });
    await yields.pause();
  }
  const prepared: PreparedDocument[] = [];
  for (const document of documents) {
    prepared.push(prepareDocuments(ctx, [document])[0]!);
    await yields.pause();
  }
  const marks = planned.flatMap((p) =>
    settledMarks(
      p.contract.id,
      p.tz,
      p.expected,
      p.target,
      p.document === null
        ? null
        : { id: prepared[p.document]!.row.id, keys: new Set(p.items.map((x) => x.key)) },
    ),
  );

  await setBillingDates(
    ctx.db,
    ctx.tenantId,
    planned.map((p) => ({
      id: p.contract.id,
      nextAt: p.nextAt,
      failed: hasSettlementFailure(p.contract),
    })),
    now,
  );
  await markSettled(ctx, marks, now);
  await options.counted?.(
    settledCounts(
      planned.map((p) => (p.document === null ? null : prepared[p.document]!.row.kind)),
    ),
  );
  // last: the numbers' counter stays locked from here until the transaction ends
  const written = await writeDocuments(ctx, prepared);
  return planned.map(({ contract, nextAt, document }) => {
    const doc = document === null ? null : written[document]!;
    return {
      contract_id: contract.id,
      next_billing_at: nextAt ? nextAt.toISOString() : null,
      invoice: doc ? toInvoice(doc.row, doc.lines) : null,
    };
  });
}

const toLine = (item: NewItem, contractId: string, taxRate: string): LineInput => ({
  kind: item.kind,
  chargeKey: item.key,
  contractId,
  description: item.description,
  periodStart: item.period ? item.period.start.toString() : null,
  periodEnd: item.period ? item.period.end.toString() : null,
  quantity: item.quantity,
  unitPrice: item.unitPrice,
  amount: item.amount,
  taxRate,
});

/** Records a settlement marks billed: usage of a component over a span, or a rated item. */
type Mark = {
  contractId: string;
  /** The document that bills it, or null: billed before, or nothing to bill. */
  invoiceId: string | null;
} & ({ ratedItemId: string } | { componentId: string; start: Date; end: Date });

/**
 * What to mark billed for every charge due by `target`, so those records can no longer be
 * deleted: those on the new document with its id, the others (a period whose usage stayed
 * within the free quota, a late record that changed nothing) without one.
 */
function settledMarks(
  contractId: string,
  timeZone: string,
  expected: readonly ExpectedItem[],
  target: Temporal.PlainDate,
  document: { id: string; keys: ReadonlySet<string> } | null,
): Mark[] {
  const marks: Mark[] = [];
  for (const item of expected) {
    const source = item.source;
    if (!source || Temporal.PlainDate.compare(item.due, target) > 0) continue;
    const invoiceId = document?.keys.has(item.key) === true ? document.id : null;
    if ("ratedItemId" in source) {
      marks.push({ contractId, invoiceId, ratedItemId: source.ratedItemId });
    } else {
      const span = instantSpan(source.usage.span, timeZone);
      marks.push({
        contractId,
        invoiceId,
        componentId: source.usage.componentId,
        start: dateOf(span.start),
        end: dateOf(span.end),
      });
    }
  }
  return marks;
}

/**
 * Marks usage records and rated items billed, one statement each: a record on a new
 * document gets its id; one without a document is only stamped if it was not billed yet.
 */
async function markSettled(ctx: Ctx, marks: readonly Mark[], now: Date): Promise<void> {
  const rated = marks.flatMap((m) =>
    "ratedItemId" in m ? [{ id: m.ratedItemId, invoiceId: m.invoiceId }] : [],
  );
  const usage = marks.flatMap((m) => ("componentId" in m ? [m] : []));
  await markRatedItemsBilled(ctx.db, ctx.tenantId, rated, now);
  await markUsageBilled(ctx.db, ctx.tenantId, usage, now);
}
