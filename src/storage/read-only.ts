/**
 * A database handle that only reads: any statement that may write (anything but a plain
 * SELECT, see `readsOnly`) throws before it reaches the database. For work that runs without
 * a transaction and must write only through one statement of its own (the unit of work's
 * operations without a transaction).
 */
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { readsOnly } from "./read-cache.js";
import type { DB } from "./schema.js";

class ReadOnlyPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    const raw =
      node.kind === "RawNode" ? (node.sqlFragments as readonly string[]).join(" ") : undefined;
    if (!readsOnly(node, raw)) {
      throw new Error("a statement that may write ran on a read-only handle");
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const plugin = new ReadOnlyPlugin();

/** `db`, refusing every statement that may write. */
export const readOnly = (db: Kysely<DB>): Kysely<DB> => db.withPlugin(plugin);
