import { Type } from "typebox";

/** An event: an entry of GET /v1/events and the body of a native webhook. */
export const EventSchema = Type.Object(
  {
    id: Type.String({ description: "Unique; the webhook-id header of its deliveries" }),
    type: Type.String(),
    timestamp: Type.String({ format: "date-time", description: "Wall-clock time of the change" }),
    tenant_time: Type.String({
      format: "date-time",
      description: "The tenant clock's time of the change",
    }),
    tenant_id: Type.String(),
    subject: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
    data: Type.Unknown({ description: "The subject as it was after the change" }),
  },
  { $id: "Event" },
);
