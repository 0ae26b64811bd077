/**
 * What `accrue help` and `accrue <command> --help` print, the options each command takes, the
 * error of a wrong invocation.
 */

// main.ts and the commands are bundled apart (bin/build.js), each with its own copy of these
// classes: main.ts tells them by name, not by instanceof

/** A wrong command line: its message goes to stderr and the process exits with code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A command that cannot do its work as asked: its message goes to stderr, exit code 1. */
export class CommandFailure extends Error {
  override readonly name = "CommandFailure";
}

/**
 * Each command's options (node:util parseArgs). main.ts checks a command line against them
 * before loading any command, so a wrong one costs no start-up; a command absent here takes
 * no arguments.
 */
export const COMMAND_OPTIONS = {
  bill: { tenant: { type: "string" } },
  bootstrap: {
    json: { type: "boolean", default: false },
    name: { type: "string", default: "Default" },
    "test-clock": { type: "string" },
  },
  demo: {
    json: { type: "boolean", default: false },
    exit: { type: "boolean", default: false },
  },
} as const;

export const USAGE = `Usage: accrue <command> [options]

Commands:
  serve                 HTTP API and worker loop (HOST, PORT; ACCRUE_WORKER=false: API only)
  worker                the worker loop alone
  migrate               bring the database schema up to date and exit
  bill [--tenant ID]    settle every contract that is due now (on its tenant's clock), then
                        exit; progress on stderr (the worker loop does this continuously)
  bootstrap [--json] [--name NAME] [--test-clock INSTANT]
                        create a tenant with an admin API key and an OAuth client
  demo [--json] [--exit]
                        a demo tenant on a test clock: four months of customers, contracts,
                        usage, invoices, payments and webhooks, through the API of the
                        server on HOST:PORT, or of one it starts and keeps serving
  rotate-secret-key     seal stored gateway credentials again under ACCRUE_SECRET_KEY,
                        opening them with ACCRUE_SECRET_KEY_PREVIOUS
  help                  this text

\`accrue <command> --help\` describes one command without running it.
Without DATABASE_URL the embedded database lives in ACCRUE_DATA_DIR (./.accrue/data).
See docs/configuration.md for every variable.`;

const DATABASE = `The database: DATABASE_URL (PostgreSQL), else the embedded one in ACCRUE_DATA_DIR
(./.accrue/data). The schema is brought up to date first. See docs/configuration.md.`;

/** Each command's own help. */
export const COMMAND_HELP: Record<string, string> = {
  serve: `Usage: accrue serve

Serves the HTTP API, the console (/console), the customer portal and the API reference
(/docs) on HOST:PORT (default 127.0.0.1:8080), and runs the worker loop (billing, dunning,
webhook delivery, scheduled actions) in the same process unless ACCRUE_WORKER=false.
HOST:PORT is checked first: when it is taken, nothing is opened or migrated. Stops cleanly
on SIGINT or SIGTERM. On a database without a tenant it creates the default tenant and
prints its admin credentials once.

${DATABASE}`,
  worker: `Usage: accrue worker

Runs the worker loop alone (billing, dunning, webhook delivery, scheduled actions), every
ACCRUE_WORKER_INTERVAL_MS. Run several against one PostgreSQL database to share the work.

${DATABASE}`,
  migrate: `Usage: accrue migrate

Brings the database schema up to date, prints the migrations it applied and exits.

${DATABASE}`,
  bill: `Usage: accrue bill [--tenant ID]

Settles every contract that is due now on its tenant's clock (all tenants, or only ID),
in batches, printing progress on stderr; exits 0, or 3 when a contract failed to settle.

${DATABASE}`,
  bootstrap: `Usage: accrue bootstrap [--json] [--name NAME] [--test-clock INSTANT]

Creates a tenant (named NAME, default "Default") with an admin API key and an OAuth client
and prints them once (--json: as one JSON object). --test-clock gives the tenant a test
clock starting at INSTANT (RFC 3339, e.g. 2026-01-01T00:00:00Z).

${DATABASE}`,
  "rotate-secret-key": `Usage: accrue rotate-secret-key

Seals every stored payment gateway credential (all tenants) again under the current
ACCRUE_SECRET_KEY, opening each with the key it was sealed under: the current one or one of
ACCRUE_SECRET_KEY_PREVIOUS (earlier keys, comma-separated). To rotate the key: add the new
key to ACCRUE_SECRET_KEY_PREVIOUS on every process; then make it ACCRUE_SECRET_KEY with the old
one in ACCRUE_SECRET_KEY_PREVIOUS and run this command; then remove the old key
(docs/payments.md). Safe while servers run, and to run again. Progress on stderr; exits 0 when every credential is sealed under the current key,
1 when some could be opened with none of the keys (each is named and left as it was).

${DATABASE}`,
  demo: `Usage: accrue demo [--json] [--exit]

Creates a demo tenant on a test clock with four months of customers, contracts, usage,
invoices, payments and webhook deliveries, and prints where to look (--json: one JSON
object). Progress goes to stderr.

When no server answers on HOST:PORT, the demo starts one itself (like accrue serve), fills
the tenant through its API and keeps serving, so the links it prints work at once; Ctrl-C
stops it (--exit: stop once the demo is made). When an Accrue server on PostgreSQL already
answers there, the demo drives that server's API instead (DATABASE_URL must name the same
database: the demo tenant is created in it) and exits.

${DATABASE}`,
};
