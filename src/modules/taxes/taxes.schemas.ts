import { Type } from "typebox";

/** A tax policy: a rate per country and a default rate. */
export const TaxPolicySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    rates: Type.Array(Type.Object({ country: Type.String(), rate: Type.String() })),
    default_rate: Type.String(),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "TaxPolicy" },
);
