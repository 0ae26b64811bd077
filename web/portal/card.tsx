/**
 * The card form of the portal and its hosted pages: number and expiry, sent to the portal's
 * API as a payment source the gateway tokenizes (the built-in test gateway takes the number).
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { Field } from "../shared/ui.js";

export type CardForm = {
  number: string;
  month: string;
  year: string;
  set: (field: "number" | "month" | "year", value: string) => void;
  clear: () => void;
};

export function useCardForm(): CardForm {
  const [card, setCard] = useState({ number: "", month: "", year: "" });
  return {
    ...card,
    set: (field, value) => setCard((c) => ({ ...c, [field]: value })),
    clear: () => setCard({ number: "", month: "", year: "" }),
  };
}

/** The payment source a filled-in form gives, or nothing while no number is entered. */
export function cardSource(form: CardForm) {
  return form.number
    ? {
        type: "card" as const,
        card: {
          number: form.number,
          exp_month: Number(form.month),
          exp_year: Number(form.year),
        },
      }
    : undefined;
}

export function CardFields(props: { form: CardForm; legend: string }): JSX.Element {
  const { form } = props;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <Field
        label="Card number"
        name="number"
        value={form.number}
        onInput={(v) => form.set("number", v)}
        inputMode="numeric"
        autoComplete="cc-number"
      />
      <Field
        label="Expiry month"
        name="month"
        value={form.month}
        onInput={(v) => form.set("month", v)}
        inputMode="numeric"
        autoComplete="cc-exp-month"
      />
      <Field
        label="Expiry year"
        name="year"
        value={form.year}
        onInput={(v) => form.set("year", v)}
        inputMode="numeric"
        autoComplete="cc-exp-year"
      />
    </fieldset>
  );
}
