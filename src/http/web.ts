/**
 * The console (/console) and the customer portal (/portal/<token>): pages served by the same
 * process; and the page a customer's browser comes back to from their bank's authentication
 * of a payment (/portal/payment_return/<token>), and the page it comes back to from the payment
 * provider's page where a payment method is added (/portal/payment_method_return/<token>).
 * Their code in web/ (Preact, TypeScript) is bundled by esbuild in memory the first time a page
 * asks for it — no build step, and nothing is fetched from any other origin.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { isAccrueError } from "../domain/errors.js";
import { systemClock } from "../lib/clock.js";
import { verifySelfServiceToken } from "../modules/contracts/index.js";
import { verifyHostedPageToken } from "../modules/hosted-pages/index.js";
import type { Payment, SetupOutcome } from "../modules/payments/index.js";
import { logCancelRefused } from "../workflows/payment-expiry.js";
import { returnFromAuthentication, returnFromSourceSetup } from "../workflows/portal-payments.js";
import { portalTokenOf } from "./portal-return.js";

/**
 * web/ of the checkout: found from this module upwards, as it runs from src/http (the sources)
 * or from dist/ (the compiled server).
 */
function webDirectory(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "web", "shared", "styles.css")))
      return `${path.join(dir, "web")}/`;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("web/ (the console and portal sources) not found");
    dir = parent;
  }
}

const WEB = webDirectory();

type Asset = { body: string; type: string; etag: string };

let bundling: Promise<Map<string, Asset>> | undefined;

/** console.js, portal.js, hosted.js and accrue.css, built once per process. */
export function webAssets(): Promise<Map<string, Asset>> {
  bundling ??= (async () => {
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: {
        console: `${WEB}console/main.tsx`,
        portal: `${WEB}portal/main.tsx`,
        hosted: `${WEB}portal/hosted.tsx`,
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      minify: true,
      legalComments: "none",
      write: false,
      outdir: "/assets",
      logLevel: "silent",
    });
    const assets = new Map<string, Asset>();
    const add = (name: string, body: string, type: string) =>
      assets.set(name, {
        body,
        type,
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
      });
    for (const file of result.outputFiles) {
      add(file.path.split("/").pop()!, file.text, "text/javascript; charset=utf-8");
    }
    add("accrue.css", await readFile(`${WEB}shared/styles.css`, "utf8"), "text/css; charset=utf-8");
    return assets;
  })();
  // a failed build is tried again on the next request rather than remembered
  bundling.catch(() => {
    bundling = undefined;
  });
  return bundling;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

function page(reply: FastifyReply, status: number, html: string): FastifyReply {
  return (
    reply
      .status(status)
      .type("text/html; charset=utf-8")
      .header("content-security-policy", CSP)
      // the portal's token is in its URL: no page may pass it on as a referrer
      .header("referrer-policy", "no-referrer")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "no-store")
      .send(html)
  );
}

const shell = (title: string, script: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/accrue.css">
<script type="module" src="/assets/${script}"></script>
</head>
<body>
<div id="app"></div>
<noscript><main><h1>${title}</h1><p>This page needs JavaScript.</p></main></noscript>
</body>
</html>
`;

/** Refusals of a return link itself (or of what it names): the page that names nothing. */
const LINK_REFUSALS: ReadonlySet<string> = new Set([
  "payment_return_link_invalid",
  "payment_method_return_link_invalid",
  "payment_not_found",
  "payment_source_setup_not_found",
]);

/** Refusals of a return link that has expired, or names what has (410, the same page). */
const LINK_EXPIRIES: ReadonlySet<string> = new Set([
  "payment_return_link_expired",
  "payment_method_return_link_expired",
  "payment_source_setup_expired",
]);

const notValid = (back = "") => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link expired</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/accrue.css">
</head>
<body>
<main id="main" class="portal">
<h1>This link has expired or is not valid</h1>
${back || "<p>Ask your provider for a new link to your subscription.</p>"}
</main>
</body>
</html>
`;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** A page of the portal that says one thing: a heading and a paragraph (and the way back). */
const notice = (title: string, text: string, back = "") => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/accrue.css">
</head>
<body>
<main id="main" class="portal">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
${back}
</main>
</body>
</html>
`;

/** What the customer reads on coming back from their bank's authentication of a payment. */
function returnPage(payment: Payment): { title: string; text: string } {
  const amount = `${payment.amount} ${payment.currency}`;
  switch (payment.status) {
    case "succeeded":
      return {
        title: "Payment confirmed",
        text: `Your bank confirmed your payment of ${amount}. Thank you.`,
      };
    case "failed":
      if (payment.failure?.code === "authentication_expired") {
        return {
          title: "Payment expired",
          text: `Your payment of ${amount} waited too long for your bank's confirmation and was cancelled; nothing was taken. Your provider will ask you to pay again.`,
        };
      }
      return {
        title: "Payment not confirmed",
        text: `Your bank did not confirm your payment of ${amount}${payment.failure ? ` (${payment.failure.message})` : ""}. Your provider will ask you to pay again.`,
      };
    case "pending":
      return {
        title: "Payment on its way",
        text: `Your payment of ${amount} is on its way.`,
      };
    default:
      return {
        title: "Payment not confirmed yet",
        text: `Your payment of ${amount} still waits for your bank's confirmation. Go back to your subscription and choose "Confirm your payment".`,
      };
  }
}

/**
 * What the customer reads on coming back from the provider's page for a payment method (an
 * expired setup is refused before: the page of an expired link).
 */
function setupReturnPage(
  outcome: SetupOutcome,
  cancelled: boolean,
): { title: string; text: string } {
  if (outcome.status === "completed") {
    const s = outcome.payment_source;
    const what = s.card
      ? `Your ${s.card.brand} card ending ${s.card.last4}`
      : `Your bank account ending ${s.bank_account?.last4 ?? ""}`;
    const use = s.role === "primary" ? " It is your primary payment method." : "";
    return { title: "Payment method added", text: `${what} was added.${use}` };
  }
  if (cancelled) return { title: "No payment method added", text: "Nothing was changed." };
  return {
    title: "Payment method not added yet",
    text: "The payment provider has not told us of your payment method yet. Reload this page in a moment.",
  };
}

export const webRoutes: FastifyPluginAsync = async (app) => {
  /**
   * The way back into the portal from a return page: the portal link this browser came from
   * (src/http/portal-return.ts) while it is live; else how to get a new one.
   */
  const wayBack = async (cookie: string | undefined): Promise<string> => {
    const token = portalTokenOf(cookie);
    if (token === undefined) {
      return "<p>To see your subscription, open the link to it your provider sent you again; if it has expired, ask your provider for a new one.</p>";
    }
    const live = await verifySelfServiceToken(app.db, token).then(
      () => true,
      () => false,
    );
    return live
      ? `<p><a id="portal-link" href="/portal/${token}">Back to your subscription</a></p>`
      : "<p>Your link to your subscription has expired. Ask your provider for a new link to your subscription.</p>";
  };

  app.get("/console", (_req, reply) => page(reply, 200, shell("Accrue console", "console.js")));

  app.get<{ Params: { token: string } }>("/portal/:token", async (req, reply) => {
    // a hosted page's own token: its page says itself whether it can still be completed
    if (req.params.token.startsWith("hpt_")) {
      const known = await verifyHostedPageToken(app.db, req.params.token).then(
        () => true,
        () => false,
      );
      if (!known) return page(reply, 404, notValid());
      return page(reply, 200, shell("Your page", "hosted.js"));
    }
    const live = await verifySelfServiceToken(app.db, req.params.token).then(
      () => true,
      () => false,
    );
    // unknown, expired, another's or a frozen customer's: the same page, which names nothing
    if (!live) return page(reply, 404, notValid());
    return page(reply, 200, shell("Your subscription", "portal.js"));
  });

  // the customer's browser back from the bank's authentication of a payment (3-D Secure):
  // the link is the credential; the gateway is asked how it went and the payment settled so
  // (or, still waiting past the tenant's window, expired as the worker would)
  app.get<{ Params: { token: string } }>("/portal/payment_return/:token", async (req, reply) => {
    const back = await wayBack(req.headers.cookie);
    let payment: Payment;
    try {
      payment = await returnFromAuthentication(app.db, {
        token: req.params.token,
        now: new Date(systemClock.now().epochMilliseconds),
        requestId: req.id,
        onCancelRefused: (refusal) => logCancelRefused(req.log, refusal),
      });
    } catch (error) {
      if (!isAccrueError(error)) throw error;
      if (error.code === "gateway_unreachable") {
        return page(
          reply,
          503,
          notice(
            "Payment not confirmed yet",
            "We could not reach the payment provider to hear from your bank. Reload this page in a moment.",
            back,
          ),
        );
      }
      if (LINK_EXPIRIES.has(error.code)) return page(reply, 410, notValid(back));
      if (LINK_REFUSALS.has(error.code)) return page(reply, 404, notValid(back));
      // the link was good: the payment could not be confirmed (the gateway refused to say)
      return page(
        reply,
        422,
        notice(
          "Payment not confirmed",
          "Your payment could not be confirmed here. Go back to your subscription, or contact us.",
          back,
        ),
      );
    }
    const { title, text } = returnPage(payment);
    return page(reply, 200, notice(title, text, back));
  });

  // the customer's browser back from the payment provider's page where a payment method is
  // added: the link is the credential; saved, the provider is asked what the page made and it
  // is kept once; cancelled (`?cancelled=true`), nothing is asked or written
  app.get<{ Params: { token: string }; Querystring: { cancelled?: string } }>(
    "/portal/payment_method_return/:token",
    async (req, reply) => {
      const cancelled = req.query.cancelled === "true";
      const back = await wayBack(req.headers.cookie);
      let outcome: SetupOutcome;
      try {
        outcome = await returnFromSourceSetup(app.db, {
          token: req.params.token,
          cancelled,
          now: new Date(systemClock.now().epochMilliseconds),
          requestId: req.id,
        });
      } catch (error) {
        if (!isAccrueError(error)) throw error;
        if (error.code === "gateway_unreachable") {
          return page(
            reply,
            503,
            notice(
              "Payment method not added yet",
              "We could not reach the payment provider. Reload this page in a moment.",
              back,
            ),
          );
        }
        if (LINK_EXPIRIES.has(error.code)) return page(reply, 410, notValid(back));
        if (LINK_REFUSALS.has(error.code)) return page(reply, 404, notValid(back));
        // the link was good: what the provider's page made cannot be kept (a mandate not
        // usable, a card expired, …)
        return page(
          reply,
          422,
          notice(
            "Payment method not added",
            "The payment provider did not let us keep this payment method. Go back to your subscription to add another one.",
            back,
          ),
        );
      }
      const { title, text } = setupReturnPage(outcome, cancelled);
      return page(reply, 200, notice(title, text, back));
    },
  );

  app.get<{ Params: { name: string } }>("/assets/:name", async (req, reply) => {
    const asset = (await webAssets()).get(req.params.name);
    if (!asset) return reply.status(404).type("text/plain").send("not found");
    reply
      .header("etag", asset.etag)
      .header("cache-control", "no-cache")
      .header("x-content-type-options", "nosniff");
    if (req.headers["if-none-match"] === asset.etag) return reply.status(304).send();
    return reply.type(asset.type).send(asset.body);
  });
};
