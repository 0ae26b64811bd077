import { Type } from "typebox";

/** The caller's tenant and its settings. */
export const TenantSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    created_at: Type.String({ format: "date-time" }),
    clock: Type.Union([Type.Literal("system"), Type.Literal("test")]),
    auto_finalize_invoices: Type.Boolean({
      description: "Whether billing issues its documents at once (else they wait as drafts)",
    }),
  },
  { $id: "Tenant" },
);
