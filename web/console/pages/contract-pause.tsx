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
      {props.status === "temporarily_inactive" && <Resume {...forms} />}
      {(props.status === "active" || props.status === "in_trial") && <Pause {...forms} />}
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

function Pause(props: FormProps): JSX.Element {
  const [from, setFrom] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="pause-form"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/subscription_actions/rest", {
          body: { contract_id: props.id, ...(from ? { scheduled_date: startOf(from) } : {}) },
        });
        props.said(
          data.state === "scheduled"
            ? `Pause scheduled for ${formatDate(data.scheduled_date)}.`
            : "Paused: the contract is resting until it is resumed.",
        );
        setFrom("");
        props.done();
      })}
    >
      <h3 id="pause-form">Pause the contract</h3>
      <Field
        label="From (optional)"
        name="pause-from"
        type="date"
        value={from}
        onInput={setFrom}
        hint="Default: now. It rests until resumed."
      />
      <button type="submit" class="primary">
        Pause
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}

function Resume(props: FormProps): JSX.Element {
  const [on, setOn] = useState("");
  const form = useSubmit();
  return (
    <form
      class="inline-form"
      aria-labelledby="resume-form"
      onSubmit={form.submit(async () => {
        const { data } = await props.api.POST("/v1/subscription_actions/end_resting", {
          body: { contract_id: props.id, ...(on ? { scheduled_date: startOf(on) } : {}) },
        });
        props.said(
          data.state === "scheduled"
            ? `Resumption scheduled for ${formatDate(data.scheduled_date)}.`
            : "Resumed: the contract is billed again.",
        );
        setOn("");
        props.done();
      })}
    >
      <h3 id="resume-form">Resume the contract</h3>
      <Field
        label="On (optional)"
        name="resume-on"
        type="date"
        value={on}
        onInput={setOn}
        hint="Default: now"
      />
      <button type="submit" class="primary">
        Resume
      </button>
      <SubmissionOutcome form={form} />
    </form>
  );
}
