/**
 * A billing run whose database goes away mid-run (its connection cut) is not left `running`
 * until the stale-run cleanup (ten minutes): it is marked `interrupted` with the error at once,
 * or, when the database cannot even be reached for that, by the worker's next run. Its
 * contracts not yet settled stay due, and the next run settles them, each once.
 *
 * The outage is a Kysely plugin over the test database that fails every statement while it
 * is on with the pg driver's error for a cut connection.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import pino from "pino";
import { expect, it } from "vitest";
import { billingJob } from "../../src/jobs/billing.js";
import { databaseFault } from "../../src/storage/errors.js";
import { BOOK_BILLED_AT, bookInvoices, seedBook } from "../billing-book.js";
import { describeEachBackend } from "../harness.js";

/** Fails statements while `down`; `onQuery` sees each statement first (it may set `down`). */
class Outage implements KyselyPlugin {
  down = false;
  onQuery: (node: RootOperationNode) => void = () => {};

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.onQuery(args.node);
    if (this.down) throw new Error("Connection terminated unexpectedly");
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** An update of billing_runs (a batch counted on its run, in the batch's transaction). */
const countsRun = (node: RootOperationNode) =>
  node.kind === "UpdateQueryNode" &&
  JSON.stringify(node.table).includes('"billing_runs"') &&
  JSON.stringify(node).includes("contracts_billed");

/** The round-robin's look for tenants with due contracts, between two batches' transactions. */
const nextRound = (node: RootOperationNode) =>
  node.kind === "RawNode" && JSON.stringify(node).includes("t.id <= ");

describeEachBackend("a billing run when the database goes away", (t) => {
  const log = pino({ level: "silent" });
  const now = () => new Date(BOOK_BILLED_AT);

  const runsOf = (tenantId: string) =>
    t.database.db
      .selectFrom("billing_runs")
      .select(["status", "contracts_billed", "last_error", "finished_at"])
      .where("tenant_id", "=", tenantId)
      .orderBy("id")
      .execute();

  it("an outage during a run: marked interrupted at once when the database is back for it", async () => {
    // three turns of 25 contracts: the outage comes after the first turn's commit
    const book = await seedBook(t.database.db, t.backend, { contracts: 60 });
    const outage = new Outage();
    const db = t.database.db.withPlugin(outage);
    let counted = 0;
    // one statement fails: the look for the next round after the second turn committed;
    // the run's interruption then gets through
    let failed = false;
    outage.onQuery = (node) => {
      if (failed) {
        outage.down = false;
        return;
      }
      if (countsRun(node)) counted += 1;
      else if (counted === 2 && nextRound(node)) {
        outage.down = true;
        failed = true;
      }
    };
    const job = billingJob({ now, turn: 25 });
    const error = await job.run({ db, log }).catch((e: unknown) => e);
    expect(databaseFault(error)).toBe("unavailable");

    // the run is finished at once: interrupted, with the error, counting what it settled
    expect(await runsOf(book.tenantId)).toEqual([
      {
        status: "interrupted",
        contracts_billed: 50,
        last_error: "interrupted: Connection terminated unexpectedly",
        finished_at: new Date(BOOK_BILLED_AT),
      },
    ]);

    // the next run settles the rest, each contract once
    outage.onQuery = () => {};
    while ((await job.run({ db, log })) > 0);
    const runs = await runsOf(book.tenantId);
    expect(runs.map((r) => [r.status, r.contracts_billed])).toEqual([
      ["interrupted", 50],
      ["completed", 10],
    ]);
    const after = await bookInvoices(t.database.db, book.tenantId);
    expect(after.invoices).toBe(60);
    expect(after.contracts).toBe(60);
  });

  it("an outage that outlasts the run: the job's next run marks it interrupted first", async () => {
    const book = await seedBook(t.database.db, t.backend, { contracts: 60 });
    const outage = new Outage();
    const db = t.database.db.withPlugin(outage);
    let counted = 0;
    // down from the look for the next round after the first turn committed
    outage.onQuery = (node) => {
      if (countsRun(node)) counted += 1;
      else if (counted === 1 && nextRound(node)) outage.down = true;
    };
    const job = billingJob({ now, turn: 25 });
    const error = await job.run({ db, log }).catch((e: unknown) => e);
    expect(databaseFault(error)).toBe("unavailable");
    // the database is still away: nothing could mark the run
    expect((await runsOf(book.tenantId)).map((r) => r.status)).toEqual(["running"]);

    // back: the job's next run marks it first, then settles the rest in a run of its own
    outage.down = false;
    outage.onQuery = () => {};
    while ((await job.run({ db, log })) > 0);
    const runs = await runsOf(book.tenantId);
    expect(runs.map((r) => [r.status, r.contracts_billed, r.last_error])).toEqual([
      ["interrupted", 25, "interrupted: the database could not be reached"],
      ["completed", 35, null],
    ]);
    expect((await bookInvoices(t.database.db, book.tenantId)).invoices).toBe(60);
  });
});
