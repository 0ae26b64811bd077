import { Type } from "typebox";

/** An API key as answered: never its secret (only creation shows that, once). */
export const ApiKeySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: "First characters of the key, for recognition" }),
    roles: Type.Array(Type.String()),
    partner_id: Type.Union([Type.String(), Type.Null()], {
      description: "The partner the key is bound to: it sees only that partner's customers",
    }),
    created_at: Type.String({ format: "date-time" }),
    revoked_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { $id: "ApiKey" },
);

/** A console user as answered: never its password hash. */
export const ConsoleUserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    roles: Type.Array(Type.String()),
    status: Type.Union(
      [Type.Literal("invited"), Type.Literal("active"), Type.Literal("disabled")],
      {
        description:
          "invited: has not accepted its invitation (no password yet, cannot sign in); active; disabled",
      },
    ),
    created_at: Type.String({ format: "date-time" }),
    disabled_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { $id: "ConsoleUser" },
);
