import type { ComponentChildren, JSX } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "./api.js";

export type Async<T> =
  | { state: "loading" }
  | { state: "failed"; error: unknown }
  | { state: "done"; value: T };

/**
 * Runs `load` when `deps` change; `reload` runs it again (after an action) and keeps showing
 * what was loaded until the new answer is there, so forms and their messages stay put.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  const reloading = useRef(false);
  useEffect(() => {
    let live = true;
    if (!reloading.current) setResult({ state: "loading" });
    reloading.current = false;
    load().then(
      (value) => live && setResult({ state: "done", value }),
      (error: unknown) => live && setResult({ state: "failed", error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => {
    reloading.current = true;
    setRound((r) => r + 1);
  }, []);
  return [result, reload];
}

/** A form's submission: what it said when it succeeded, or why it failed. */
export type Submission = {
  error: unknown;
  message: string;
  /** Sets the message a successful submission shows. */
  say: (message: string) => void;
  /** The form's submit handler: clears the last outcome, runs `run`, keeps its error. */
  submit: (run: (e: SubmitEvent) => Promise<void>) => (e: SubmitEvent) => Promise<void>;
};

export function useSubmit(): Submission {
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState("");
  const submit = (run: (e: SubmitEvent) => Promise<void>) => async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setMessage("");
    try {
      await run(e);
    } catch (err) {
      setError(err);
    }
  };
  return { error, message, say: setMessage, submit };
}

/** What a submission said, or its error, under the form. */
export function SubmissionOutcome(props: { form: Submission }): JSX.Element {
  return (
    <>
      {props.form.message && <p role="status">{props.form.message}</p>}
      {props.form.error !== null && <ErrorNote error={props.form.error} />}
    </>
  );
}

/** Shows a loading line, an error, or the value. */
export function Show<T>(props: {
  value: Async<T>;
  children: (value: T) => ComponentChildren;
}): JSX.Element {
  if (props.value.state === "loading") {
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  }
  if (props.value.state === "failed") return <ErrorNote error={props.value.error} />;
  return <>{props.children(props.value.value)}</>;
}

export function ErrorNote(props: { error: unknown }): JSX.Element {
  return (
    <p class="error" role="alert">
      {describeError(props.error)}
    </p>
  );
}

export type Column<T> = {
  header: string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
  /** The value rows are ordered by when the column's header is chosen: makes it sortable. */
  sort?: (row: T) => string | number;
  /**
   * The name of the order the list's source (the API) sorts the rows in by this column: the
   * header is a sort button when the table is given `sortedBy` and `onSort`.
   */
  sortKey?: string;
};

/** The order a list's source sorts its rows in: a column's `sortKey` and the direction. */
export type SortedBy = { key: string; order: "asc" | "desc" };

type Order = { header: string; direction: 1 | -1 };

function ordered<T>(rows: readonly T[], columns: readonly Column<T>[], order: Order | null) {
  const by = order && columns.find((c) => c.header === order.header)?.sort;
  if (!order || !by) return rows;
  return [...rows].sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const c =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : String(x).localeCompare(String(y), undefined, { numeric: true });
    return c * order.direction;
  });
}

/**
 * A data table with a caption (read by screen readers as its name). A column with `sort` has
 * a header button that orders the rows by it, ascending then descending (`aria-sort` says
 * which). A list its source sorts (the API, page by page) passes `sortedBy` and `onSort`:
 * then a column with `sortKey` has the header button, which asks `onSort` for the order
 * (ascending first, then the other way), and the rows are shown as they come.
 */
export function Table<T>(props: {
  caption: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  empty?: string;
  hideCaption?: boolean;
  sortedBy?: SortedBy | null | undefined;
  onSort?: ((next: SortedBy) => void) | undefined;
}): JSX.Element {
  const [local, setOrder] = useState<Order | null>(null);
  if (props.rows.length === 0) return <p class="muted">{props.empty ?? "Nothing yet."}</p>;
  const remote = props.onSort;
  const order = remote ? null : local;
  const rows = remote ? props.rows : ordered(props.rows, props.columns, order);
  const directionOf = (c: Column<T>): 1 | -1 | 0 => {
    if (!remote) return order?.header === c.header ? order.direction : 0;
    if (!c.sortKey || props.sortedBy?.key !== c.sortKey) return 0;
    return props.sortedBy.order === "asc" ? 1 : -1;
  };
  const sortable = (c: Column<T>) => (remote ? c.sortKey !== undefined : c.sort !== undefined);
  const choose = (c: Column<T>, current: 1 | -1 | 0) => {
    if (remote && c.sortKey) remote({ key: c.sortKey, order: current === 1 ? "desc" : "asc" });
    else setOrder({ header: c.header, direction: current === 1 ? -1 : 1 });
  };
  return (
    // a wide table scrolls sideways: its region takes keyboard focus to be scrolled
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
    <section class="table-wrap" tabIndex={0} aria-label={props.caption}>
      <table>
        <caption class={props.hideCaption ? "visually-hidden" : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const current = directionOf(c);
              return (
                <th
                  scope="col"
                  class={c.numeric ? "num" : undefined}
                  key={c.header}
                  aria-sort={
                    sortable(c)
                      ? current === 1
                        ? "ascending"
                        : current === -1
                          ? "descending"
                          : "none"
                      : undefined
                  }
                >
                  {sortable(c) ? (
                    <button type="button" class="sort" onClick={() => choose(c, current)}>
                      {c.header}
                      <span aria-hidden="true">
                        {current === 1 ? " ▲" : current === -1 ? " ▼" : " ↕"}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // rows are shown in a fixed order; derived rows have no id of their own
            <tr key={i}>
              {props.columns.map((c) => (
                <td class={c.numeric ? "num" : undefined} key={c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function StatusBadge(props: { status: string }): JSX.Element {
  return <span class={`badge badge-${props.status.replace(/[^a-z_]/g, "")}`}>{props.status}</span>;
}

/**
 * A button that runs an async action, shows progress and reports failure next to itself.
 * `context` (e.g. which row it acts on) is added to the button's accessible name after its
 * label ("Delete: Visa ending 4242"), so a table's buttons can read "Delete" and still be
 * told apart by screen readers and voice control.
 */
export function ActionButton(props: {
  label: string;
  context?: string;
  run: () => Promise<unknown>;
  done?: () => void;
  kind?: "primary" | "danger" | "plain";
}): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <span class="action">
      <button
        type="button"
        class={props.kind ?? "plain"}
        disabled={busy}
        aria-busy={busy}
        aria-label={props.context ? `${props.label}: ${props.context}` : undefined}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await props.run();
            props.done?.();
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {props.label}
      </button>
      {error !== null && <ErrorNote error={error} />}
    </span>
  );
}

/** A labelled form field. */
export function Field(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  type?: string;
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text";
  /** A pattern the browser checks before the form is sent (the API checks again). */
  pattern?: string;
}): JSX.Element {
  const id = `field-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        pattern={props.pattern}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A labelled drop-down list. */
export function SelectField<V extends string>(props: {
  label: string;
  name: string;
  value: V;
  options: readonly (readonly [value: V, text: string])[];
  onChange: (value: V) => void;
  hint?: string;
}): JSX.Element {
  const id = `field-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as V)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A labelled check box. */
export function CheckField(props: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}): JSX.Element {
  const id = `field-${props.name}`;
  return (
    <div class="field check">
      <label for={id}>
        <input
          id={id}
          name={props.name}
          type="checkbox"
          checked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
        />{" "}
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A labelled text area. */
export function TextAreaField(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  required?: boolean;
  hint?: string;
  rows?: number;
}): JSX.Element {
  const id = `field-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 3}
        required={props.required}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
      />
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** Has the browser save `url` (a signed link or an object URL) as the file `name`. */
export function saveAs(url: string, name: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
}
