/**
 * The console's pages for people who are not signed in: accepting an invitation (the invited
 * user chooses its password, then is signed in), asking for a password-reset link, and
 * choosing a new password with one. The mailed links carry their token in the URL's fragment
 * (`#/accept-invitation?token=…`); the page takes it and clears it from the address bar.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { client, describeError } from "../../shared/api.js";
import { Field } from "../../shared/ui.js";

/** The token of the link the page was opened with; the address bar keeps the page only. */
function useLinkToken(page: string): string {
  const [token] = useState(() => {
    const search = location.hash.split("?")[1] ?? "";
    return new URLSearchParams(search).get("token") ?? "";
  });
  useEffect(() => {
    if (token) history.replaceState(null, "", `${location.pathname}${location.search}#/${page}`);
  }, [token, page]);
  return token;
}

/** The language the browser prefers, among those the e-mails are written in. */
function mailLanguage(): "en" | "de" | "fr" {
  const language = (navigator.language || "en").slice(0, 2).toLowerCase();
  return language === "de" || language === "fr" ? language : "en";
}

function Shell(props: { title: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  useEffect(() => {
    document.title = `${props.title} · Accrue console`;
  }, [props.title]);
  return (
    <main id="main" class="sign-in">
      <h1>{props.title}</h1>
      {props.children}
      <p>
        <a href="#/">Back to sign-in</a>
      </p>
    </main>
  );
}

/** A new password twice; `submit` gets it once both agree. */
function NewPasswordForm(props: {
  label: string;
  submit: (password: string) => Promise<void>;
}): JSX.Element {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      aria-label={props.label}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        if (password !== repeat) {
          setError("The two passwords differ.");
          return;
        }
        setBusy(true);
        try {
          await props.submit(password);
        } catch (err) {
          setError(describeError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field
        label="New password"
        name="new-password"
        type="password"
        value={password}
        onInput={setPassword}
        required
        autoComplete="new-password"
        hint="At least 12 characters"
      />
      <Field
        label="Repeat the password"
        name="repeat-password"
        type="password"
        value={repeat}
        onInput={setRepeat}
        required
        autoComplete="new-password"
      />
      <button type="submit" class="primary" disabled={busy}>
        {props.label}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** The invited user chooses its password and is signed in with it. */
export function AcceptInvitationPage(props: { onSignedIn: (key: string) => void }): JSX.Element {
  const token = useLinkToken("accept-invitation");
  return (
    <Shell title="Accept your invitation">
      {token ? (
        <>
          <p>Choose the password you will sign in to the console with.</p>
          <NewPasswordForm
            label="Set password and sign in"
            submit={async (password) => {
              const api = client("");
              const { data } = await api.POST("/v1/console_invitations/accept", {
                body: { token, password },
              });
              const session = await api.POST("/v1/console_sessions", {
                body: { email: data.user.email, password },
              });
              location.hash = "#/";
              props.onSignedIn(session.data.access_token);
            }}
          />
        </>
      ) : (
        <p class="error" role="alert">
          This page needs the link from your invitation e-mail. Ask an administrator to invite you
          again.
        </p>
      )}
    </Shell>
  );
}

/** Someone who forgot the password asks for a link; the answer is the same for any address. */
export function ForgotPasswordPage(): JSX.Element {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Shell title="Forgot your password?">
      <form
        aria-label="Ask for a reset link"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await client("").POST("/v1/console_password_resets", {
              body: { email: email.trim(), language: mailLanguage() },
            });
            setSent(email.trim());
          } catch (err) {
            setError(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>
          Enter the e-mail address you sign in with; we mail you a link to choose a new password.
        </p>
        <Field
          label="E-mail"
          name="email"
          type="email"
          value={email}
          onInput={setEmail}
          required
          autoComplete="username"
        />
        <button type="submit" class="primary" disabled={busy}>
          Send the link
        </button>
        <p role="status">
          {sent &&
            `If a console user signs in with ${sent}, a link is on its way; it works once, within an hour.`}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Shell>
  );
}

/** A new password with the link of a reset e-mail; every session of the user ends. */
export function ResetPasswordPage(): JSX.Element {
  const token = useLinkToken("reset-password");
  const [done, setDone] = useState<string | null>(null);
  return (
    <Shell title="Choose a new password">
      {done ? (
        <p role="status">
          Your password is changed and every session of {done} has ended. Sign in with the new
          password.
        </p>
      ) : token ? (
        <NewPasswordForm
          label="Change password"
          submit={async (password) => {
            const { data } = await client("").POST("/v1/console_password_resets/complete", {
              body: { token, password },
            });
            setDone(data.user.email);
          }}
        />
      ) : (
        <p class="error" role="alert">
          This page needs the link from your password-reset e-mail.{" "}
          <a href="#/forgot-password">Ask for a new link</a>.
        </p>
      )}
    </Shell>
  );
}
