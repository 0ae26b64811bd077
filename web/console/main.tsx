/**
 * The console: sign in with an API key or as a console user, then look at and act on the
 * tenant's billing. Every call goes through the public API with the key's own permissions (so
 * a read-only key sees a console that refuses changes with the API's own message). Routes
 * live in the URL's hash; accepting an invitation and resetting a password need no sign-in.
 */
import type { JSX } from "preact";
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { AccrueClient } from "../../sdk/src/client.js";
import { client, describeError, endSession, signIn, storedKey } from "../shared/api.js";
import { Field } from "../shared/ui.js";
import { ApiKeysPage, ConsoleUsersPage } from "./pages/access.js";
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage } from "./pages/account.js";
import { AuditPage } from "./pages/audit.js";
import { CatalogPage } from "./pages/catalog.js";
import { ClockPage } from "./pages/clock.js";
import { ContractPage, ContractsPage } from "./pages/contracts.js";
import { CustomerPage, CustomersPage } from "./pages/customers.js";
import { DashboardPage } from "./pages/dashboard.js";
import { DiscountsPage } from "./pages/discounts.js";
import { EntitiesPage } from "./pages/entities.js";
import { InvoicePage, InvoicesPage } from "./pages/invoices.js";
import { OrdersPage } from "./pages/orders.js";
import { PartnerPage, PartnersPage } from "./pages/partners.js";
import { PaymentsPage } from "./pages/payments.js";
import { QuotePage, QuotesPage } from "./pages/quotes.js";
import { ApiContext } from "./pages/shared.js";
import { SubscriptionActionsPage } from "./pages/subscription-actions.js";
import { WebhookDeliveryPage, WebhooksPage } from "./pages/webhooks.js";

export type PageProps = { api: AccrueClient; params: string[]; query: URLSearchParams };

type Route = { pattern: RegExp; title: string; page: (p: PageProps) => JSX.Element };

const ROUTES: Route[] = [
  { pattern: /^\/$/, title: "Dashboard", page: DashboardPage },
  { pattern: /^\/customers$/, title: "Customers", page: CustomersPage },
  { pattern: /^\/customers\/([^/]+)$/, title: "Customer", page: CustomerPage },
  { pattern: /^\/partners$/, title: "Partners", page: PartnersPage },
  { pattern: /^\/partners\/([^/]+)$/, title: "Partner", page: PartnerPage },
  { pattern: /^\/contracts$/, title: "Contracts", page: ContractsPage },
  { pattern: /^\/contracts\/([^/]+)$/, title: "Contract", page: ContractPage },
  { pattern: /^\/orders$/, title: "Orders", page: OrdersPage },
  { pattern: /^\/quotes$/, title: "Quotes", page: QuotesPage },
  { pattern: /^\/quotes\/([^/]+)$/, title: "Quote", page: QuotePage },
  { pattern: /^\/invoices$/, title: "Invoices", page: InvoicesPage },
  { pattern: /^\/credit-notes$/, title: "Credit notes", page: InvoicesPage },
  { pattern: /^\/invoices\/([^/]+)$/, title: "Invoice", page: InvoicePage },
  { pattern: /^\/payments$/, title: "Payments", page: PaymentsPage },
  {
    pattern: /^\/subscription-actions$/,
    title: "Subscription actions",
    page: SubscriptionActionsPage,
  },
  { pattern: /^\/webhooks$/, title: "Webhooks", page: WebhooksPage },
  {
    pattern: /^\/webhooks\/deliveries\/([^/]+)$/,
    title: "Webhook delivery",
    page: WebhookDeliveryPage,
  },
  { pattern: /^\/catalog$/, title: "Catalog", page: CatalogPage },
  { pattern: /^\/discounts$/, title: "Discounts and coupons", page: DiscountsPage },
  { pattern: /^\/api-keys$/, title: "API keys and roles", page: ApiKeysPage },
  { pattern: /^\/console-users$/, title: "Console users", page: ConsoleUsersPage },
  { pattern: /^\/business-entities$/, title: "Business entities", page: EntitiesPage },
  { pattern: /^\/audit$/, title: "Audit log", page: AuditPage },
  { pattern: /^\/clock$/, title: "Clock", page: ClockPage },
];

const NAV: [string, string][] = [
  ["#/", "Dashboard"],
  ["#/customers", "Customers"],
  ["#/partners", "Partners"],
  ["#/contracts", "Contracts"],
  ["#/orders", "Orders"],
  ["#/quotes", "Quotes"],
  ["#/invoices", "Invoices"],
  ["#/credit-notes", "Credit notes"],
  ["#/payments", "Payments"],
  ["#/subscription-actions", "Subscription actions"],
  ["#/audit", "Audit log"],
  ["#/clock", "Clock"],
];

/** The set-up pages, in a group of their own below the daily ones. */
const SETUP_NAV: [string, string][] = [
  ["#/catalog", "Catalog"],
  ["#/discounts", "Discounts and coupons"],
  ["#/webhooks", "Webhooks"],
  ["#/api-keys", "API keys and roles"],
  ["#/console-users", "Console users"],
  ["#/business-entities", "Business entities"],
];

/** A malformed escape in the address bar reads as it is rather than breaking the page. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return hash;
}

function SignIn(props: { onSignedIn: (key: string) => void }): JSX.Element {
  const [key, setKey] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = "Sign in · Accrue console";
  }, []);
  const attempt = async (credential: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      const secret = await credential();
      await client(secret).GET("/v1/tenant");
      signIn(secret);
      props.onSignedIn(secret);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Accrue console</h1>
      <form
        aria-labelledby="with-user"
        onSubmit={(e) => {
          e.preventDefault();
          void attempt(async () => {
            const { data } = await client("").POST("/v1/console_sessions", {
              body: { email: email.trim(), password },
            });
            return data.access_token;
          });
        }}
      >
        <h2 id="with-user">With your e-mail address</h2>
        <Field
          label="E-mail"
          name="email"
          type="email"
          value={email}
          onInput={setEmail}
          required
          autoComplete="username"
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="current-password"
        />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        <p>
          <a href="#/forgot-password">Forgot your password?</a>
        </p>
      </form>
      <form
        aria-labelledby="with-key"
        onSubmit={(e) => {
          e.preventDefault();
          void attempt(async () => key.trim());
        }}
      >
        <h2 id="with-key">With an API key</h2>
        <Field
          label="API key"
          name="api_key"
          type="password"
          value={key}
          onInput={setKey}
          required
          autoComplete="off"
          hint="An API key (ak_…) of your tenant. The console can do what the key's roles allow."
        />
        <button type="submit" class="primary" disabled={busy}>
          Sign in with the key
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </main>
  );
}

function Search(): JSX.Element {
  const [q, setQ] = useState("");
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not in Preact's element types yet
    <form
      role="search"
      class="search"
      onSubmit={(e) => {
        e.preventDefault();
        location.hash = `#/customers?q=${encodeURIComponent(q.trim())}`;
      }}
    >
      <label for="search" class="visually-hidden">
        Search customers
      </label>
      <input
        id="search"
        type="search"
        placeholder="Search customers"
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Search</button>
    </form>
  );
}

function Console(props: { apiKey: string; onSignOut: () => void }): JSX.Element {
  const hash = useHash();
  const api = useRef(client(props.apiKey, props.onSignOut)).current;
  const [tenant, setTenant] = useState<string>("");
  useEffect(() => {
    api.GET("/v1/tenant").then(
      ({ data }) => setTenant(data.name),
      () => undefined,
    );
  }, [api]);
  const [path = "/", search = ""] = (hash.replace(/^#/, "") || "/").split("?");
  const route = ROUTES.find((r) => r.pattern.test(path));
  const params = route ? (route.pattern.exec(path)?.slice(1) ?? []) : [];
  const heading = useRef<HTMLElement>(null);
  // on a narrow screen the navigation is behind the Menu button; it closes on navigating
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    document.title = `${route?.title ?? "Not found"} · Accrue console`;
    setMenuOpen(false);
    // after navigation, start reading at the new page
    heading.current?.focus();
  }, [path, route]);
  const Page = route?.page;
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: the hash holds routes; this link moves focus itself */}
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          heading.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <button
          type="button"
          class="menu-toggle"
          ref={menuButton}
          aria-expanded={menuOpen}
          aria-controls="console-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <span class="brand">Accrue</span>
        <span class="tenant">{tenant}</span>
        <Search />
        <button type="button" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <div class="layout">
        <nav
          aria-label="Console"
          id="console-nav"
          class={menuOpen ? "open" : undefined}
          onKeyDown={(e) => {
            // Escape closes the opened menu and returns to its button
            if (e.key !== "Escape" || !menuOpen) return;
            setMenuOpen(false);
            menuButton.current?.focus();
          }}
        >
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={`#${path}` === href ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
          <p class="nav-group" id="nav-setup">
            Set-up
          </p>
          <ul aria-labelledby="nav-setup">
            {SETUP_NAV.map(([href, label]) => (
              <li key={href}>
                <a href={href} aria-current={`#${path}` === href ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} ref={heading} class="focus-target">
          {Page ? (
            <ApiContext.Provider value={api}>
              <Page
                key={hash}
                api={api}
                params={params.map(safeDecode)}
                query={new URLSearchParams(search)}
              />
            </ApiContext.Provider>
          ) : (
            <>
              <h1>Not found</h1>
              <p>
                There is no page here. <a href="#/">Go to the dashboard</a>.
              </p>
            </>
          )}
        </main>
      </div>
    </>
  );
}

function App(): JSX.Element {
  const [key, setKey] = useState<string | null>(storedKey());
  // the pages of mailed links and of a forgotten password need no sign-in
  const path = (useHash().replace(/^#/, "") || "/").split("?")[0];
  if (path === "/accept-invitation") {
    return (
      <AcceptInvitationPage
        onSignedIn={(secret) => {
          signIn(secret);
          setKey(secret);
        }}
      />
    );
  }
  if (path === "/forgot-password") return <ForgotPasswordPage />;
  if (path === "/reset-password") return <ResetPasswordPage />;
  if (!key) return <SignIn onSignedIn={setKey} />;
  return (
    <Console
      apiKey={key}
      onSignOut={() => {
        void endSession(key);
        setKey(null);
      }}
    />
  );
}

render(<App />, document.getElementById("app")!);
