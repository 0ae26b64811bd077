/**
 * The architecture check: the module boundaries of src/, written down as rules over imports,
 * SQL and transactions, and checked on every `npm test` (test/architecture.test.ts).
 *
 *   node bin/run-ts.js scripts/architecture.ts                 report, grouped by rule
 *   node bin/run-ts.js scripts/architecture.ts --write-known   rewrite the ratchet list
 *   node bin/run-ts.js scripts/architecture.ts --owners        the table → module map
 *
 * (`npm run check:architecture -- …` runs the same.)
 *
 * The layers of src/, from inner to outer:
 *
 *   domain < lib < config < storage < modules < workflows < (compat/*, jobs) < http < cli
 *
 * - domain/: pure rules and types; imports nothing of ours outside domain/.
 * - lib/: tiny helpers. config.ts: reading the configuration (a leaf).
 * - storage/: the database: connection, schema, migrations and query helpers.
 * - modules/<name>/: one folder per module. Others use a module through its index.ts only;
 *   the files directly in modules/ (context.ts, pagination.ts) are the shared module kernel.
 *   A module's tables are touched by its `*.repository.ts` files only, and only its own
 *   tables (TABLE_OWNERS below).
 * - workflows/: use cases that span modules; unit-of-work.ts is the one place a transaction
 *   is opened.
 * - compat/<surface>/: the third-party API surfaces (Billwerk, CRM.COM, Huawei), wire
 *   format only: no SQL, no storage.
 * - jobs/: background work. http/: the native API and the server. cli/: the command line.
 *
 * An import may point inward or stay in its layer, never outward, and never sideways between
 * two layers of the same rank (compat/billwerk ↔ compat/huawei, compat ↔ jobs).
 *
 * Violations that exist today are listed in test/architecture.known.txt (the ratchet): the
 * test fails on a violation that is not listed, and on a listed one that is gone, so the list
 * can only shrink. Keys carry no line numbers, so unrelated edits do not touch the list.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

// ---- rules ------------------------------------------------------------------------------------

export type RuleId =
  | "domain-imports"
  | "module-internals"
  | "module-cycle"
  | "layer-direction"
  | "sql-outside-repository"
  | "foreign-table"
  | "transaction-outside-unit-of-work"
  | "compat-sql"
  | "http-surface-prefix";

/** Every rule, with what it forbids: the report and the test's messages quote these. */
export const RULES: Record<RuleId, string> = {
  "domain-imports": "src/domain imports only src/domain and npm packages",
  "module-internals":
    "outside src/modules/<X>/, import src/modules/<X>/ only through src/modules/<X>/index.ts",
  "module-cycle": "two modules import each other",
  "layer-direction":
    "imports point inward, never outward or sideways: domain < lib < config < storage < modules < workflows < http < (module routes, compat/*, jobs) < app (src/http/app.ts) < cli",
  "sql-outside-repository":
    "query building and raw SQL only in src/storage/ and src/modules/<X>/*.repository.ts",
  "foreign-table": "a repository of module X names only tables X owns (TABLE_OWNERS)",
  "transaction-outside-unit-of-work":
    ".transaction() only in src/workflows/unit-of-work.ts and src/storage/",
  "compat-sql": "src/compat/ does not import src/storage/",
  "http-surface-prefix":
    "src/http/ (tests aside) does not spell out a compat surface's path prefix (COMPAT_PREFIXES)",
};

/**
 * Rules counted per file: one violation per file, its count outside the key, so the count may
 * go down without touching the list; the ratchet fails when it goes up.
 */
const COUNTED_RULES: ReadonlySet<RuleId> = new Set([
  "sql-outside-repository",
  "transaction-outside-unit-of-work",
]);

export interface Violation {
  rule: RuleId;
  /** The offending file, relative to the root, with forward slashes. */
  file: string;
  /** What is wrong: the imported file, the table, the literal, "a <-> b", "N statements". */
  detail: string;
  /** Counted rules only: how many times the file breaks the rule. */
  count?: number;
  /** `${rule} ${file} ${detail}`; counted rules: `${rule} ${file}`. Stable: no line numbers. */
  key: string;
}

export interface ArchitectureReport {
  violations: Violation[];
  /** Every table: the DB interface of src/storage/schema.ts and the migrations. */
  tables: string[];
  /** Tables with no entry in TABLE_OWNERS: a failure of its own, never a ratchet entry. */
  unownedTables: string[];
  /** Files under src/ in no layer: a new top-level folder needs a place in LAYERS. */
  unclassifiedFiles: string[];
}

/** Sorts the same in every locale, so the known list does not depend on the machine. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- table ownership --------------------------------------------------------------------------

/**
 * The module each table belongs to: only that module's repositories name it. Another module
 * that needs the data asks the owner (through its index.ts), or a workflow combines both.
 */
export const TABLE_OWNERS: Record<string, string> = {
  // tenants: the tenant row. Other modules' per-tenant settings live in its columns
  // (test_clock_now, auto_finalize_invoices, dunning_steps) and are written through tenants.
  tenants: "tenants",

  // access: who may call the API and what they may do.
  api_keys: "access",
  oauth_clients: "access",
  access_tokens: "access",
  roles: "access",
  console_users: "access",
  console_user_tokens: "access",
  rate_limit_buckets: "access",

  // storage: the ids of the transactions that changed a table the read cache holds reads of,
  // written by triggers and read by src/storage/read-cache-fence.ts only.
  read_cache_changes: "storage",

  // audit: the audit trail.
  audit_events: "audit",

  // events: the transactional outbox of domain events.
  outbox_events: "events",

  // idempotency: stored responses of idempotent requests.
  idempotency_keys: "idempotency",

  // customers.
  customers: "customers",
  customer_contacts: "customers",
  customer_hierarchy: "customers",

  // catalog: what can be sold, and the discounts and coupons on it.
  plan_groups: "catalog",
  plans: "catalog",
  plan_variants: "catalog",
  components: "catalog",
  discounts: "catalog",
  coupons: "catalog",

  // contracts: the subscription, its phases and orders, and what hangs off one contract:
  // booked components, one-off charges (rated items), applied discounts, self-service links.
  contracts: "contracts",
  contract_phases: "contracts",
  orders: "contracts",
  component_subscriptions: "contracts",
  rated_items: "contracts",
  discount_subscriptions: "contracts",
  self_service_tokens: "contracts",

  // quotes: priced offers (a new subscription, a change, one-time charges) and what accepting
  // one made.
  quotes: "quotes",
  // hosted-pages: portal pages a customer completes one thing through (a checkout, paying).
  hosted_pages: "hosted-pages",
  // gifts: gift subscriptions, from the gifter's purchase to the recipient's claim.
  gifts: "gifts",

  // actions: subscription actions (CRM.COM's model) and what they provision.
  subscription_actions: "actions",
  provisioning_distributors: "actions",
  service_distributions: "actions",
  installed_items: "actions",

  // usage: metered usage.
  usage_records: "usage",

  // invoicing: documents, their numbering, billing runs, the PDF-link key, e-invoices.
  invoices: "invoicing",
  einvoices: "invoicing",
  invoice_lines: "invoicing",
  billing_runs: "invoicing",
  document_sequences: "invoicing",
  signing_keys: "invoicing",

  // payments: payments, their allocation to invoices, dunning, payment sources, the gateway
  // accounts holding them, and the attempts of automatic collection.
  payments: "payments",
  payment_allocations: "payments",
  payment_sources: "payments",
  payment_source_setups: "payments",
  gateway_accounts: "payments",
  customer_gateway_accounts: "payments",
  gateway_events: "payments",
  credit_note_allocations: "payments",
  dunning_notices: "payments",
  collection_attempts: "payments",

  // credits: the promotional credit ledger per customer and currency.
  promotional_credit_entries: "credits",

  // entities: the business entities (sellers) and transfers between them.
  business_entities: "entities",
  business_entity_transfers: "entities",

  // taxes: tax policies (rates per country), named by plan groups and business entities.
  tax_policies: "taxes",

  // partners: partners and resellers, their customers, budgets and verification codes.
  partners: "partners",
  partner_customers: "partners",
  customer_budgets: "partners",
  verification_codes: "partners",

  // fulfilment: the goods an issued invoice ships, their lines and order numbers.
  fulfilment_orders: "fulfilment",
  fulfilment_order_lines: "fulfilment",
  fulfilment_order_sequences: "fulfilment",

  // webhooks: endpoints and the delivery of events to them.
  webhook_endpoints: "webhooks",
  webhook_deliveries: "webhooks",
  webhook_attempts: "webhooks",

  // messages: customer e-mails composed from events, their delivery log.
  messages: "messages",
  message_templates: "messages",
};

/** Tables by owner, for docs: `--owners` prints it. */
export function renderTableOwners(owners: Record<string, string> = TABLE_OWNERS): string {
  const byModule = new Map<string, string[]>();
  for (const [table, module] of Object.entries(owners)) {
    byModule.set(module, [...(byModule.get(module) ?? []), table]);
  }
  return [...byModule.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([module, tables]) => `| ${module} | ${tables.sort().join(", ")} |`)
    .join("\n");
}

// ---- what counts ------------------------------------------------------------------------------

/** Kysely calls that start a statement: each counts as one statement. */
const QUERY_STARTERS = new Set([
  "selectFrom",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "replaceInto",
  "mergeInto",
]);

/** Kysely calls whose first argument names a table (or several, in an array). */
const TABLE_ARGUMENT_CALLS = new Set([
  ...QUERY_STARTERS,
  "innerJoin",
  "leftJoin",
  "rightJoin",
  "fullJoin",
  "innerJoinLateral",
  "leftJoinLateral",
]);

/** The storage/bulk.ts helpers: a statement each, the table as their second argument. */
const BULK_HELPERS: Record<string, number> = { insertMany: 1, rowsOfContracts: 1 };
const COUNTED_BULK_HELPERS = new Set(["insertMany"]);

/** A table named in SQL text: `FROM x`, `JOIN x`, `INTO x`, `UPDATE x`. */
const SQL_TABLE = /\b(?:from|join|into|update)\s+"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * The path prefixes of the compat surfaces: src/http must not route by them (each surface
 * registers itself). /api/v1 and /oauth/token: Billwerk (compat/billwerk/plugin.ts);
 * /crmapi/rest/v2: CRM.COM (CRM_PREFIX); /v2: Huawei (HUAWEI_PREFIX, compat/huawei/plugin.ts).
 */
export const COMPAT_PREFIXES = ["/api/v1", "/api/v2", "/oauth", "/crmapi", "/v2"] as const;

// ---- layers -----------------------------------------------------------------------------------

/** The layers from inner to outer; the layers of one entry share a rank. */
const LAYERS: readonly (readonly string[])[] = [
  ["domain"],
  ["lib"],
  ["config"],
  ["storage"],
  ["modules"],
  ["workflows"],
  // the HTTP kernel: running an operation (execute.ts), errors, input checks
  ["http"],
  // the drivers: each module's routes (src/modules/<X>/*.routes.ts), the compat surfaces, jobs
  ["routes", "compat", "jobs"],
  // the composition root: src/http/app.ts registers every surface
  ["app"],
  ["cli"],
];
const RANK = new Map(LAYERS.flatMap((group, rank) => group.map((name) => [name, rank] as const)));

interface Place {
  /** "domain", "modules", "compat/huawei", … */
  layer: string;
  rank: number;
  /** Under src/modules/<X>/: X. Directly in src/modules/ (the kernel): undefined. */
  module?: string;
}

/** Where a root-relative file sits; null: outside src/, or in no layer. */
function placeOf(file: string): Place | null {
  const parts = file.split("/");
  if (parts[0] !== "src" || parts.length < 2) return null;
  const top = parts[1]!;
  if (parts.length === 2) {
    return /^config(\.test)?\.ts$/.test(top)
      ? { layer: "config", rank: RANK.get("config")! }
      : null;
  }
  const rank = RANK.get(top);
  if (rank === undefined) return null;
  if (file === "src/http/app.ts") return { layer: "app", rank: RANK.get("app")! };
  if (top === "modules" && parts.length > 3) {
    // a module's routes are its HTTP driver: above the workflows they may call
    return isRoutes(file)
      ? { layer: "routes", rank: RANK.get("routes")!, module: parts[2]! }
      : { layer: top, rank, module: parts[2]! };
  }
  if (top === "compat") return { layer: `compat/${parts[2]}`, rank };
  return { layer: top, rank };
}

/** A module's HTTP routes: its second door, opened only by src/http/app.ts. */
const isRoutes = (file: string) => file.endsWith(".routes.ts");

const isRepository = (file: string, place: Place | null) =>
  place?.module !== undefined && file.endsWith(".repository.ts");

// ---- reading a file ---------------------------------------------------------------------------

interface FileFacts {
  /** Every module specifier: import, export … from, import(), import("…").Type. */
  imports: string[];
  sqlStatements: number;
  transactions: number;
  /** String literals; a template's head is followed by "${…}". */
  strings: string[];
  /** Tables named in query-builder calls, bulk helpers and SQL text (not yet filtered). */
  tables: string[];
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
    return node.text;
  }
  return undefined;
}

/** "contracts as c" → "contracts"; also the strings of an array argument. */
function tableArguments(node: ts.Node | undefined): string[] {
  const names =
    node && ts.isArrayLiteralExpression(node)
      ? node.elements.map(stringValue)
      : [stringValue(node)];
  return names.filter((n): n is string => n !== undefined).map((n) => n.split(/\s+as\s+/)[0]!);
}

/** The text of a template literal, each substitution replaced by "?". */
function templateText(template: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  return [template.head.text, ...template.templateSpans.map((s) => s.literal.text)].join(" ? ");
}

export function scanSource(fileName: string, text: string): FileFacts {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest);
  const facts: FileFacts = {
    imports: [],
    sqlStatements: 0,
    transactions: 0,
    strings: [],
    tables: [],
  };

  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      facts.imports.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      facts.imports.push(node.moduleReference.expression.text);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) {
        facts.imports.push(arg.literal.text);
      }
    } else if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const spec = stringValue(node.arguments[0]);
        if (spec !== undefined) facts.imports.push(spec);
      } else if (name !== undefined && ts.isPropertyAccessExpression(node.expression)) {
        if (QUERY_STARTERS.has(name)) facts.sqlStatements++;
        if (TABLE_ARGUMENT_CALLS.has(name)) facts.tables.push(...tableArguments(node.arguments[0]));
        if (name === "transaction" && node.arguments.length === 0) facts.transactions++;
      }
      if (name !== undefined && name in BULK_HELPERS) {
        if (COUNTED_BULK_HELPERS.has(name)) facts.sqlStatements++;
        facts.tables.push(...tableArguments(node.arguments[BULK_HELPERS[name]!]));
      }
    } else if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      node.tag.text === "sql"
    ) {
      facts.sqlStatements++;
      for (const match of templateText(node.template).matchAll(SQL_TABLE)) {
        facts.tables.push(match[1]!.toLowerCase());
      }
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      facts.strings.push(node.text);
    } else if (ts.isTemplateHead(node)) {
      facts.strings.push(`${node.text}\${…}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return facts;
}

// ---- the tables -------------------------------------------------------------------------------

/** The property names of `interface DB` in src/storage/schema.ts. */
function schemaTables(root: string): string[] {
  const file = path.join(root, "src/storage/schema.ts");
  if (!fs.existsSync(file)) return [];
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const db = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "DB",
  );
  return (db?.members ?? []).flatMap((m) =>
    m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? [m.name.text] : [],
  );
}

/** The tables the migrations leave behind: created, minus dropped, in migration order. */
function migrationTables(root: string): string[] {
  const dir = path.join(root, "src/storage/migrations");
  if (!fs.existsSync(dir)) return [];
  const statement =
    /\b(create|drop)\s+(?:unlogged\s+)?table\s+(?:if\s+(?:not\s+)?exists\s+)?"?([a-z_][a-z0-9_]*)|\.(createTable|dropTable)\(\s*["'`]([a-z_][a-z0-9_]*)/gi;
  const tables = new Set<string>();
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".ts")) continue;
    for (const m of fs.readFileSync(path.join(dir, name), "utf8").matchAll(statement)) {
      const verb = (m[1] ?? m[3]!).toLowerCase();
      const table = (m[2] ?? m[4]!).toLowerCase();
      if (verb.startsWith("create")) tables.add(table);
      else tables.delete(table);
    }
  }
  return [...tables];
}

// ---- the check --------------------------------------------------------------------------------

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [full] : [];
  });
}

/** The root-relative file a relative specifier names; null for packages and node builtins. */
function resolveImport(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  let target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  // NodeNext: a source file is imported by the name it compiles to.
  target = target
    .replace(/\.js$/, ".ts")
    .replace(/\.jsx$/, ".tsx")
    .replace(/\.mjs$/, ".mts");
  if (!path.posix.extname(target) && fs.existsSync(path.join(root, target))) {
    target = `${target}/index.ts`;
  }
  return target;
}

/** `literal` starts with `prefix` as a whole path segment: "/v2/x" and "/v2", not "/v20". */
const matchesPrefix = (literal: string, prefix: string) =>
  literal.startsWith(prefix) && /^([/?$]|$)/.test(literal.slice(prefix.length));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function makeViolation(
  rule: RuleId,
  file: string,
  detail: string,
  count?: number,
): Violation {
  const key = COUNTED_RULES.has(rule) ? `${rule} ${file}` : `${rule} ${file} ${detail}`;
  return count === undefined ? { rule, file, detail, key } : { rule, file, detail, count, key };
}

export function checkArchitecture(
  root: string,
  tableOwners: Record<string, string> = TABLE_OWNERS,
): ArchitectureReport {
  const files = listFiles(path.join(root, "src"))
    .map((f) => path.relative(root, f).split(path.sep).join("/"))
    .sort();
  const tables = [...new Set([...schemaTables(root), ...migrationTables(root)])].sort();

  const found = new Map<string, Violation>();
  const report = (v: Violation) => found.set(v.key, v);
  const moduleEdges = new Set<string>();
  const unclassifiedFiles: string[] = [];

  for (const file of files) {
    const place = placeOf(file);
    if (place === null) unclassifiedFiles.push(file);
    const facts = scanSource(file, fs.readFileSync(path.join(root, file), "utf8"));

    for (const spec of facts.imports) {
      const target = resolveImport(root, file, spec);
      if (target === null) continue; // an npm package or a node builtin
      const to = placeOf(target);

      // domain-imports: stricter than layer-direction, so the domain gets this rule alone.
      if (place?.layer === "domain") {
        if (!target.startsWith("src/domain/")) {
          report(makeViolation("domain-imports", file, target));
        }
      }
      // layer-direction: outward, or sideways into another layer of the same rank.
      else if (place && to && place.layer !== to.layer && to.rank >= place.rank) {
        report(makeViolation("layer-direction", file, target));
      }

      if (to?.module !== undefined && to.module !== place?.module) {
        // module-internals: another module's files only through its index.ts (and its
        // routes, registered by the composition root)
        const door =
          target === `src/modules/${to.module}/index.ts` ||
          (place?.layer === "app" && isRoutes(target));
        if (!door) report(makeViolation("module-internals", file, target));
        // module-cycle: the module graph (routes are drivers, not part of it); pairs that
        // point both ways are reported below.
        if (place?.module !== undefined && place.layer === "modules") {
          moduleEdges.add(`${place.module}>${to.module}`);
        }
      }

      // compat-sql: a compat surface reaches the database only through the modules.
      if (place?.layer.startsWith("compat/") && target.startsWith("src/storage/")) {
        report(makeViolation("compat-sql", file, target));
      }
    }

    // sql-outside-repository, counted per file.
    const sqlAllowed = file.startsWith("src/storage/") || isRepository(file, place);
    if (!sqlAllowed && facts.sqlStatements > 0) {
      const n = facts.sqlStatements;
      report(makeViolation("sql-outside-repository", file, plural(n, "statement"), n));
    }

    // transaction-outside-unit-of-work, counted per file.
    const transactionAllowed =
      file.startsWith("src/storage/") || file === "src/workflows/unit-of-work.ts";
    if (!transactionAllowed && facts.transactions > 0) {
      const n = facts.transactions;
      report(makeViolation("transaction-outside-unit-of-work", file, plural(n, "call"), n));
    }

    // foreign-table: names that are no table (CTEs, aliases, columns) have no owner.
    if (place?.module !== undefined && isRepository(file, place)) {
      for (const table of facts.tables) {
        const owner = tableOwners[table];
        if (owner !== undefined && owner !== place.module) {
          report(makeViolation("foreign-table", file, table));
        }
      }
    }

    // http-surface-prefix. Tests are exempt: they quote real request URLs as inputs.
    if ((place?.layer === "http" || place?.layer === "app") && !file.endsWith(".test.ts")) {
      for (const literal of facts.strings) {
        if (COMPAT_PREFIXES.some((prefix) => matchesPrefix(literal, prefix))) {
          report(makeViolation("http-surface-prefix", file, literal));
        }
      }
    }
  }

  for (const edge of moduleEdges) {
    const [a, b] = edge.split(">") as [string, string];
    if (a < b && moduleEdges.has(`${b}>${a}`)) {
      report(makeViolation("module-cycle", "src/modules", `${a} <-> ${b}`));
    }
  }

  return {
    violations: [...found.values()].sort((x, y) => byCodePoint(x.key, y.key)),
    tables,
    unownedTables: tables.filter((t) => tableOwners[t] === undefined),
    unclassifiedFiles,
  };
}

// ---- the ratchet ------------------------------------------------------------------------------

export const KNOWN_FILE = "test/architecture.known.txt";

const KNOWN_HEADER = `# Known violations of the architecture rules (scripts/architecture.ts): the ratchet.
# The list may only shrink. Fix a violation, then delete its line. Never add one by hand.
# Regenerate: npm run check:architecture -- --write-known
# Counted rules carry the allowed count after a tab; the count may fall, never rise.
`;

/** The known-violations file for `violations`: sorted keys, counts after a tab. */
export function renderKnown(violations: readonly Violation[]): string {
  const lines = violations
    .map((v) => (v.count === undefined ? v.key : `${v.key}\t${v.count}`))
    .sort(byCodePoint);
  return `${KNOWN_HEADER}${lines.join("\n")}\n`;
}

/** Key → allowed count (null: not counted). Blank lines and `#` comments are skipped. */
export function parseKnown(text: string): Map<string, number | null> {
  const known = new Map<string, number | null>();
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (line === "" || line.startsWith("#")) continue;
    const [key, count] = line.split("\t") as [string, string | undefined];
    known.set(key, count === undefined ? null : Number(count));
  }
  return known;
}

export interface RatchetResult {
  /** Violations not on the list: fix them. */
  added: Violation[];
  /** Listed keys that no longer occur: delete their lines. */
  stale: string[];
  /** Counted violations above their allowed count. */
  grown: { violation: Violation; allowed: number }[];
  /** Counted violations below their allowed count: the line may be tightened. */
  shrunk: { violation: Violation; allowed: number }[];
}

export function compareWithKnown(
  violations: readonly Violation[],
  known: Map<string, number | null>,
): RatchetResult {
  const result: RatchetResult = { added: [], stale: [], grown: [], shrunk: [] };
  const current = new Set(violations.map((v) => v.key));
  for (const v of violations) {
    if (!known.has(v.key)) {
      result.added.push(v);
      continue;
    }
    const allowed = known.get(v.key);
    if (v.count === undefined || allowed === null || allowed === undefined) continue;
    if (v.count > allowed) result.grown.push({ violation: v, allowed });
    if (v.count < allowed) result.shrunk.push({ violation: v, allowed });
  }
  result.stale = [...known.keys()].filter((key) => !current.has(key)).sort();
  return result;
}

const REGENERATE = "npm run check:architecture -- --write-known";

/** What is wrong with the ratchet, one paragraph per kind of problem; empty: all is well. */
export function explainRatchet(ratchet: RatchetResult): string[] {
  const problems: string[] = [];
  if (ratchet.added.length > 0) {
    const rows = ratchet.added.map((v) => `  ${v.key}\n      (${v.rule}: ${RULES[v.rule]})`);
    problems.push(
      `${ratchet.added.length} new architecture violation(s), not in ${KNOWN_FILE}.\n` +
        `Fix the code (the rules are documented in scripts/architecture.ts); do not add them to the list:\n${rows.join("\n")}`,
    );
  }
  if (ratchet.grown.length > 0) {
    const rows = ratchet.grown.map(
      ({ violation: v, allowed }) => `  ${v.key}: ${v.detail}, the list allows ${allowed}`,
    );
    problems.push(
      `${ratchet.grown.length} file(s) break a counted rule more often than ${KNOWN_FILE} allows.\n` +
        `Move the new code where the rule wants it:\n${rows.join("\n")}`,
    );
  }
  if (ratchet.stale.length > 0) {
    const rows = ratchet.stale.map((key) => `  ${key}`);
    problems.push(
      `${ratchet.stale.length} listed violation(s) no longer occur — well done. ` +
        `Delete these lines from ${KNOWN_FILE} (or run \`${REGENERATE}\`), so they cannot come back:\n${rows.join("\n")}`,
    );
  }
  return problems;
}

// ---- reporting --------------------------------------------------------------------------------

/** One line per rule: how many violations (and, for counted rules, occurrences) remain. */
export function summarize(violations: readonly Violation[]): string {
  const rules = Object.keys(RULES) as RuleId[];
  const width = Math.max(...rules.map((r) => r.length));
  const lines = rules.map((rule) => {
    const mine = violations.filter((v) => v.rule === rule);
    const total = mine.reduce((sum, v) => sum + (v.count ?? 0), 0);
    const counted = COUNTED_RULES.has(rule) ? ` files (${total} occurrences)` : "";
    return `  ${rule.padEnd(width)}  ${String(mine.length).padStart(4)}${counted}`;
  });
  return `Architecture: ${violations.length} known violations\n${lines.join("\n")}`;
}

/** The full report: every violation under its rule. */
export function renderReport(violations: readonly Violation[]): string {
  const sections = (Object.keys(RULES) as RuleId[]).flatMap((rule) => {
    const mine = violations.filter((v) => v.rule === rule);
    if (mine.length === 0) return [];
    const rows = mine.map((v) => `  ${v.file}  ${v.detail}`);
    return [`${rule} (${mine.length}): ${RULES[rule]}\n${rows.join("\n")}`];
  });
  return [...sections, summarize(violations)].join("\n\n");
}

function main(args: string[]): number {
  const root = path.resolve(import.meta.dirname, "..");
  if (args.includes("--owners")) {
    process.stdout.write(`| module | tables |\n| --- | --- |\n${renderTableOwners()}\n`);
    return 0;
  }
  const result = checkArchitecture(root);
  process.stdout.write(`${renderReport(result.violations)}\n`);

  let ok = true;
  if (result.unownedTables.length > 0) {
    process.stdout.write(
      `\nTables with no owner (add them to TABLE_OWNERS in scripts/architecture.ts):\n`,
    );
    process.stdout.write(`${result.unownedTables.map((t) => `  ${t}`).join("\n")}\n`);
    ok = false;
  }
  if (result.unclassifiedFiles.length > 0) {
    process.stdout.write(
      `\nFiles in no layer (add their folder to LAYERS in scripts/architecture.ts):\n`,
    );
    process.stdout.write(`${result.unclassifiedFiles.map((f) => `  ${f}`).join("\n")}\n`);
    ok = false;
  }

  const knownPath = path.join(root, KNOWN_FILE);
  if (args.includes("--write-known")) {
    fs.writeFileSync(knownPath, renderKnown(result.violations));
    process.stdout.write(`\nwrote ${KNOWN_FILE} (${result.violations.length} lines)\n`);
    return ok ? 0 : 1;
  }
  const known = parseKnown(fs.existsSync(knownPath) ? fs.readFileSync(knownPath, "utf8") : "");
  const problems = explainRatchet(compareWithKnown(result.violations, known));
  for (const problem of problems) process.stdout.write(`\n${problem}\n`);
  return ok && problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
