/**
 * Named prepared statements on PostgreSQL. Every statement with parameters gets a name from
 * its text, so each pooled connection parses and plans it once and afterwards sends only
 * Bind/Execute: the server skips parsing and planning, which for Accrue's short lookups is
 * most of a statement's cost (measured: ≈ 1.6× the rate of unnamed statements for a primary
 * key read, one connection, same machine).
 *
 * Names are per process and bounded (`MAX_NAMED` texts; others run unnamed). A schema change
 * can make a prepared plan's result type stale ("cached plan must not change result type",
 * SQLSTATE 0A000: a `SELECT *` after a column was added by a newer process's migration). The
 * text then gets a fresh name, so every connection prepares it again; the failed statement is
 * run again under the new name when no transaction was open, else the error reaches the
 * caller once (its transaction is aborted) and the retry of the operation succeeds.
 *
 * Statements without parameters (BEGIN, COMMIT, DDL, several statements in one text) go
 * through the simple protocol as before. Connection poolers must keep prepared statements per
 * client (PgBouncer ≥ 1.21 with `max_prepared_statements`, or session pooling).
 */
import pg from "pg";

/** Distinct statement texts a process names at most; the rest run unnamed. */
export const MAX_NAMED = 2_000;

/** Names for statement texts: one per text, at most `limit` texts. */
export class StatementNames {
  #names = new Map<string, string>();
  #next = 0;
  constructor(readonly limit: number) {}

  /** The name `text` runs under, or undefined once `limit` texts are named. */
  of(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined) {
      if (this.#names.size >= this.limit) return undefined;
      name = `a${(this.#next++).toString(36)}`;
      this.#names.set(text, name);
    }
    return name;
  }

  /** Forgets `text`'s name: its next use gets another, and is prepared again. */
  forget(text: string): void {
    this.#names.delete(text);
  }
}

const names = new StatementNames(MAX_NAMED);

const STALE_PLAN = "0A000";
const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i;

type Callback = (error: Error | null, result?: unknown) => void;

const isStalePlan = (error: unknown) =>
  (error as { code?: string }).code === STALE_PLAN &&
  /cached plan/i.test((error as { message?: string }).message ?? "");

/** A `pg` client that names its parameterised statements (see above). */
export class PreparingClient extends pg.Client {
  #inTransaction = false;

  // pg's overloads: (text | config, values?, callback?) answering a promise without a callback
  // biome-ignore lint/suspicious/noExplicitAny: pg's query signature is heavily overloaded
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string") {
      if (TRANSACTION_START.test(config)) this.#inTransaction = true;
      else if (TRANSACTION_END.test(config)) this.#inTransaction = false;
    }
    if (
      typeof config !== "string" ||
      !Array.isArray(values) ||
      values.length === 0 ||
      callback !== undefined
    ) {
      return super.query(config, values, callback as Callback);
    }
    return this.#named(config, values, !this.#inTransaction);
  }

  async #named(text: string, values: unknown[], retry: boolean): Promise<unknown> {
    const name = names.of(text);
    if (name === undefined) return super.query(text, values);
    try {
      return await super.query({ name, text, values });
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      names.forget(text);
      if (!retry) throw error;
      return this.#named(text, values, false);
    }
  }
}
