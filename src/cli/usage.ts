/** What `accrue help` and `accrue <command> --help` print; the error of a wrong invocation. */

/** A wrong command line: its message goes to stderr and the process exits with code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: accrue <command> [options]

Commands:
  serve                 HTTP API and worker loop (HOST, PORT; ACCRUE_WORKER=false: API only)
  worker                the worker loop alone
  migrate               bring the database schema up to date and exit
  bill [--tenant ID]    settle every contract that is due now (on its tenant's clock), then
                        exit; progress on stderr (the worker loop does this continuously)
  bootstrap [--json] [--name NAME] [--test-clock INSTANT]
                        create a tenant with an admin API key and an OAuth client
  demo [--json]         a demo tenant on a test clock: four months of customers, contracts,
                        usage, invoices, payments and webhooks; prints where to look
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
Stops cleanly on SIGINT or SIGTERM. On a database without a tenant it creates the default
tenant and prints its admin credentials once.

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
  demo: `Usage: accrue demo [--json]

Creates a demo tenant on a test clock with four months of customers, contracts, usage,
invoices, payments and webhook deliveries, and prints where to look (--json: one JSON
object). Progress goes to stderr.

${DATABASE}`,
};
