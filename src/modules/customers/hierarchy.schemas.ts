import { Type } from "typebox";

/** Most levels a hierarchy may have: a root and four levels of children below it. */
export const MAX_HIERARCHY_DEPTH = 5;
/** Most direct children one customer may have. */
export const MAX_CHILDREN = 100;

const owner = (description: string) =>
  Type.Union([Type.Literal("self"), Type.Literal("parent")], { description });

const settingFields = {
  invoice_owner: owner(
    "Who receives the customer's invoices: the customer itself or its parent; `parent` needs payment_owner `parent`",
  ),
  payment_owner: owner(
    "Who pays the customer's invoices: the customer itself, or its parent (whose payments then also settle them)",
  ),
};

/** POST hierarchy/link: the parent, and the settings (both default to `self`). */
export const HierarchyLinkInput = Type.Object(
  {
    parent_id: Type.String({ maxLength: 64, description: "The customer to link this one under" }),
    invoice_owner: Type.Optional(settingFields.invoice_owner),
    payment_owner: Type.Optional(settingFields.payment_owner),
  },
  { additionalProperties: false },
);

/** POST hierarchy/settings: the settings given change. */
export const HierarchySettingsInput = Type.Object(
  {
    invoice_owner: Type.Optional(settingFields.invoice_owner),
    payment_owner: Type.Optional(settingFields.payment_owner),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A customer's link to its parent. */
export const HierarchyLinkSchema = Type.Object(
  {
    customer_id: Type.String(),
    parent_id: Type.String(),
    ...settingFields,
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "CustomerHierarchyLink" },
);

const balancesOf = Type.Array(
  Type.Object({
    currency: Type.String(),
    balance: Type.String({
      description: "Positive: the customer owes this; negative: the customer has this credit",
    }),
  }),
);

/** GET hierarchy: where the customer sits, its children and what each owes. */
export const HierarchyViewSchema = Type.Object(
  {
    customer_id: Type.String(),
    link: Type.Union([HierarchyLinkSchema, Type.Null()], {
      description: "The customer's own link to its parent; null for a root",
    }),
    ancestors: Type.Array(Type.String(), { description: "Parent first, the root last" }),
    balances: balancesOf,
    children: Type.Array(
      Type.Object({
        ...HierarchyLinkSchema.properties,
        display_name: Type.String(),
        has_children: Type.Boolean(),
        balances: balancesOf,
      }),
    ),
  },
  { $id: "CustomerHierarchy" },
);
