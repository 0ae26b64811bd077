import { Type } from "typebox";

/** The tenant's clock: the system's, or a test clock frozen at `now`. */
export const ClockSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal("system"), Type.Literal("test")]),
    now: Type.String({ format: "date-time" }),
  },
  { $id: "Clock" },
);
