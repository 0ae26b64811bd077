/** The tenant's clock: where it stands, and moving a test clock forward. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDateTime } from "../../shared/format.js";
import { ErrorNote, Field, Show, useAsync } from "../../shared/ui.js";
import type { PageProps } from "../main.js";

export function ClockPage({ api }: PageProps): JSX.Element {
  const [clock, reload] = useAsync(async () => (await api.GET("/v1/test_clock")).data, []);
  const [to, setTo] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState("");
  const advance = async (target: string) => {
    setError(null);
    setMessage("");
    try {
      const { data } = await api.POST("/v1/test_clock/advance", { body: { frozen_time: target } });
      setMessage(`The clock now reads ${formatDateTime(data.now)}.`);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const plus = (now: string, days: number) =>
    new Date(Date.parse(now) + days * 86_400_000).toISOString();
  return (
    <>
      <h1>Clock</h1>
      <Show value={clock}>
        {(c) => (
          <>
            <p>
              The tenant's clock reads <strong>{formatDateTime(c.now)}</strong> (
              {c.mode === "test" ? "a test clock" : "the system clock"}).
            </p>
            {c.mode === "system" ? (
              <p class="muted">
                A tenant on the system clock cannot be moved. Test tenants get a test clock through
                the API.
              </p>
            ) : (
              <>
                <p class="muted">
                  Moving the clock runs whatever falls due on the way: billing, scheduled actions,
                  dunning.
                </p>
                <p>
                  <button type="button" onClick={() => advance(plus(c.now, 1))}>
                    Advance one day
                  </button>{" "}
                  <button type="button" onClick={() => advance(plus(c.now, 7))}>
                    Advance one week
                  </button>{" "}
                  <button type="button" onClick={() => advance(plus(c.now, 30))}>
                    Advance 30 days
                  </button>
                </p>
                <form
                  class="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void advance(to.trim());
                  }}
                >
                  <Field
                    label="Advance to"
                    name="frozen_time"
                    value={to}
                    onInput={setTo}
                    required
                    hint="An instant such as 2026-04-01T00:00:00Z, later than now"
                  />
                  <button type="submit" class="primary">
                    Advance
                  </button>
                </form>
              </>
            )}
          </>
        )}
      </Show>
      {message && <p role="status">{message}</p>}
      {error !== null && <ErrorNote error={error} />}
    </>
  );
}
