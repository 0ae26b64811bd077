import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type CatalogResource, registerCatalogResource } from "./catalog.routes.js";
import { CouponInput, CouponSchema, DiscountInput, DiscountSchema } from "./catalog.schemas.js";
import {
  createCoupon,
  createDiscount,
  getCoupon,
  getDiscount,
  listCoupons,
  listDiscounts,
} from "./discounts.js";

const RESOURCES: CatalogResource[] = [
  {
    path: "/discounts",
    op: "discounts",
    input: DiscountInput,
    output: DiscountSchema,
    create: createDiscount,
    get: getDiscount,
    list: listDiscounts,
    parent: "Only discounts of this plan group",
  },
  {
    path: "/coupons",
    op: "coupons",
    input: CouponInput,
    output: CouponSchema,
    create: createCoupon,
    get: getCoupon,
    list: listCoupons,
    parent: "Only coupons of this discount",
  },
];

export const discountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const r of RESOURCES) registerCatalogResource(app, r);
};
