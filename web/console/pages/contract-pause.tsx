/**
 * Pausing and resuming a contract from its page: the `rest` and `end_resting` subscription
 * actions (docs/actions.md), now or scheduled for a day, and cancelling a scheduled one.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { formatDate } from "../../shared/format.js";
import { ActionButton, Field, SubmissionOutcome, useSubmit } from "../../shared/ui.js";
import type { PageProps } from "../main.js";

type Api = PageProps["api"];

/** A scheduled action of the contract, as the contract page lists them. */
export type ScheduledAction = { id: string; action: string; scheduled_date: string | null };

/** A day picked in a date field, as the instant the action runs at: its start in UTC. */
const startOf = (day: string) => `${day}T00:00:00Z`;

/**
 * Pause (rest) an active contract, now or from a day; resume a resting one, now or on a
 * day. What the contract's state does not allow is
 * refused by the API, whose answer is shown.
 */
export function PauseResume(props: {
  api: Api;
  id: string;
  status: string;
  scheduled: readonly ScheduledAction[];
  done: () => void;
}): JSX.Element | null {
  // said by the section, not the form: a pause or resumption swaps one form for the other
  const [said, setSaid] = useState("");
  if (props.status === "ended") return null;
  const forms = { ...props, said: setSaid };
  return (
    <section aria-labelledby="pause-heading">
      <h2 id="pause-heading">Pause and resume</h2>
      <p class="muted">
        A paused (resting) contract is not billed from the day the pause starts; resuming it starts
        its last plan again from the day it resumes.
      </p>
      {props.status === "temporarily_inactive" && <ActionForm {...forms} action="end_resting" />}
      {(props.status === "active" || props.status === "in_trial") && (
        <ActionForm {...forms} action="rest" />
      )}
      {said && <p role="status">{said}</p>}
      {props.scheduled.length > 0 && (
        <ul class="scheduled-actions">
          {props.scheduled.map((a) => (
            <li key={a.id}>
              {a.action === "rest" ? "Pause" : a.action === "end_resting" ? "Resume" : a.action}{" "}
              scheduled for {formatDate(a.scheduled_date)}{" "}
              <ActionButton
                label={`Cancel the scheduled ${a.action === "rest" ? "pause" : a.action === "end_resting" ? "resumption" : a.action}`}
                run={async () => {
                  await props.api.POST("/v1/subscription_actions/{id}/cancel", {
                    params: { path: { id: a.id } },
                  });
                }}
                done={props.done}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type FormProps = { api: Api; id: string; done: () => void; said: (message: string) => void };

/** What each form submits and says. */
const FORMS = {
  rest: {
    title: "Pause the contract",
    field: "From (optional)",
    hint: "Default: now. It rests until resumed.",
    button: "Pause",
    scheduled: "Pause scheduled for",
    now: "Paused: the contract is resting until it is resumed.",
  },
  end_resting: {
    title: "Resume the contract",
    field: "On (optional)",
    hint: "Default: now",
    button: "Resume",
    scheduled: "Resumption scheduled for",
    now: "Resumed: the contract is billed again.",
  },
} as const;

/** Submits `action` for the contract, now or scheduled for the day picked. */
function ActionForm(props: FormProps & { action: keyof typeof FORMS }): JSX.Element {
  const text = FORMS[props.action];
  const [day, setDay] = useState("");
  const form = useSubmit();
  const id = `${props.action}-form`;
  return (
    <form
      class="inline-form"
      aria-labelledby={id}
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST(`/v1/subscription_actions/${props.action}`, {
          body: { contract_id: props.id, ...(day ? { scheduled_date: startOf(day) } : {}) },
        });
        props.said(
          data.state === "scheduled"
            ? `${text.scheduled} ${formatDate(data.scheduled_date)}.`
            : text.now,
        );
        setDay("");
        props.done();
      })}
    >
      <h3 id={id}>{text.title}</h3>
      <Field
        label={text.field}
        name={`${props.action}-day`}
        type="date"
        value={day}
        onInput={setDay}
        hint={text.hint}
      />
      <button type="submit" class="primary">
        {text.button}
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
