/**
 * Fulfilment orders over HTTP: the goods an issued invoice ships. Each invoice here bills
 * 3 widgets at 12.50 (37.50) and 2 cables at 4.99 (9.98), 47.48 net, no tax. Amounts derived
 * by hand in the comments: a share of a line is line amount × quantity / line quantity,
 * rounded once half away from zero.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

type Api = Awaited<ReturnType<typeof billingTenant>>;

describeServer("fulfilment orders", (t) => {
  let api: Api;
  let customer: string;

  /** An issued invoice of 3 widgets (37.50) and 2 cables (9.98). */
  const invoice = async (a: Api = api, c: string = customer, draft = false) =>
    a.post("/v1/invoices", {
      customer_id: c,
      currency: "EUR",
      ...(draft ? { draft: true } : {}),
      lines: [
        { description: "Widget", unit_price: "12.50", quantity: "3" },
        { description: "Cable", unit_price: "4.99", quantity: "2" },
      ],
    });
  const lineIds = (inv: any) => ({ widget: inv.lines[0].id, cable: inv.lines[1].id });
  const order = (id: string) => api.get(`/v1/fulfilment_orders/${id}`);
  const count = async (invoiceId: string) =>
    (await api.get(`/v1/fulfilment_orders?invoice_id=${invoiceId}&limit=100`)).data.length;
  const creditNotes = async (invoiceId: string) =>
    (await api.get(`/v1/invoices?customer_id=${customer}&limit=100`)).data.filter(
      (d: any) => d.kind === "credit_note" && d.corrects_invoice_id === invoiceId,
    );
  const move = (id: string, body: Record<string, unknown>) =>
    api.request("PATCH", `/v1/fulfilment_orders/${id}`, body);
  /** An order moved to `status` along the legal path. */
  const orderIn = async (invoiceId: string, status: string, body: Record<string, unknown> = {}) => {
    const o = await api.post("/v1/fulfilment_orders", { invoice_id: invoiceId, ...body });
    const path = ["processing", "shipped", "delivered", "returned"];
    for (const s of path.slice(0, path.indexOf(status) + 1)) {
      expect((await move(o.id, { status: s })).status).toBe(200);
    }
    return order(o.id);
  };

  beforeAll(async () => {
    api = await billingTenant(t.server, "Fulfilment", "2026-03-10T09:00:00Z");
    customer = await api.customer({ company_name: "Shop", address: { country: "DE" } });
  });

  it("an order ships every line of an issued invoice by default, numbered from the tenant's sequence", async () => {
    const inv = await invoice();
    expect([inv.status, inv.total_net, inv.total_gross]).toEqual(["finalized", "47.48", "47.48"]);
    const res = await api.request("POST", "/v1/fulfilment_orders", {
      invoice_id: inv.id,
      shipping_address: { name: "Shop", line1: "Hauptstr. 1", city: "Bonn", country: "DE" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: "1",
      invoice_id: inv.id,
      customer_id: customer,
      currency: "EUR",
      status: "new",
      // 37.50 + 9.98
      amount: "47.48",
      imported: false,
      resent_from: null,
      order_date: "2026-03-10",
      shipping_address: { name: "Shop", line1: "Hauptstr. 1", city: "Bonn", country: "DE" },
    });
    expect(
      res.body.lines.map((l: any) => [l.invoice_line_id, l.description, l.quantity, l.amount]),
    ).toEqual([
      [inv.lines[0].id, "Widget", "3", "37.50"],
      [inv.lines[1].id, "Cable", "2", "9.98"],
    ]);
    // the invoice's lines are all shipped: nothing is left for another order
    const again = await api.request("POST", "/v1/fulfilment_orders", { invoice_id: inv.id });
    expect([again.status, again.body.error.code]).toEqual([422, "nothing_to_ship"]);
    expect(await count(inv.id)).toBe(1);
    const events = await api.get(`/v1/events?subject_id=${res.body.id}`);
    expect(events.data.map((e: any) => e.type)).toEqual(["fulfilment_order.created"]);
  });

  it("runs the lifecycle new → processing → shipped → delivered → returned; other moves are 409", async () => {
    const inv = await invoice();
    const { widget } = lineIds(inv);
    const created = await api.post("/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [{ invoice_line_id: widget, quantity: "2" }],
    });
    // 37.50 × 2 / 3 = 25.00
    expect([created.amount, created.lines[0].quantity]).toEqual(["25.00", "2"]);
    const skip = await move(created.id, { status: "shipped" });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({
      code: "fulfilment_order_transition_not_allowed",
      details: { status: "new", to: "shipped" },
    });
    expect((await order(created.id)).status).toBe("new");

    expect((await move(created.id, { status: "processing" })).body.status).toBe("processing");
    await api.advance("2026-03-11T08:00:00Z");
    const shipped = await move(created.id, {
      status: "shipped",
      tracking_id: "1Z999",
      carrier: "DHL",
      notes: "fragile",
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({
      status: "shipped",
      tracking_id: "1Z999",
      carrier: "DHL",
      notes: "fragile",
      shipped_at: "2026-03-11T08:00:00.000Z",
      delivered_at: null,
    });
    const back = await move(created.id, { status: "processing" });
    expect([back.status, back.body.error.code]).toEqual([
      409,
      "fulfilment_order_transition_not_allowed",
    ]);
    // an update may change details only, in the same status
    const tracked = await move(created.id, { tracking_id: "1Z998", tracking_url: null });
    expect([tracked.body.status, tracked.body.tracking_id]).toEqual(["shipped", "1Z998"]);
    const delivered = await move(created.id, { status: "delivered" });
    expect(delivered.body.delivered_at).toBe("2026-03-11T08:00:00.000Z");
    expect((await move(created.id, { status: "returned" })).body.status).toBe("returned");
    const cancelled = await move(created.id, { status: "cancelled" });
    expect([cancelled.status, cancelled.body.error.code]).toEqual([
      409,
      "fulfilment_order_transition_not_allowed",
    ]);
    const events = await api.get(`/v1/events?subject_id=${created.id}`);
    expect(events.data.map((e: any) => e.type).reverse()).toEqual([
      "fulfilment_order.created",
      ...Array(5).fill("fulfilment_order.updated"),
    ]);
    // the rest of the invoice: 1 widget (37.50 × 1 / 3 = 12.50) and the cables (9.98)
    const rest = await api.post("/v1/fulfilment_orders", { invoice_id: inv.id });
    expect(rest.lines.map((l: any) => [l.quantity, l.amount])).toEqual([
      ["1", "12.50"],
      ["2", "9.98"],
    ]);
    // 12.50 + 9.98
    expect(rest.amount).toBe("22.48");
    const more = await api.request("POST", "/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [{ invoice_line_id: widget, quantity: "1" }],
    });
    expect(more.status).toBe(422);
    expect(more.body.error).toMatchObject({
      code: "fulfilment_quantity_exceeds_line",
      details: { field: "lines.0.quantity", remaining: "0" },
    });
  });

  it("lists by invoice, customer and status", async () => {
    const inv = await invoice();
    const a = await orderIn(inv.id, "processing", {
      lines: [{ invoice_line_id: lineIds(inv).widget }],
    });
    const b = await api.post("/v1/fulfilment_orders", { invoice_id: inv.id });
    const byInvoice = await api.get(`/v1/fulfilment_orders?invoice_id=${inv.id}`);
    expect(byInvoice.data.map((o: any) => o.id)).toEqual([a.id, b.id]);
    const processing = await api.get(
      `/v1/fulfilment_orders?customer_id=${customer}&status=processing&limit=100`,
    );
    expect(processing.data.map((o: any) => o.id)).toContain(a.id);
    expect(processing.data.every((o: any) => o.status === "processing")).toBe(true);
    const page = await api.get(`/v1/fulfilment_orders?invoice_id=${inv.id}&limit=1`);
    expect([page.data[0].id, page.has_more]).toEqual([a.id, true]);
    const next = await api.get(
      `/v1/fulfilment_orders?invoice_id=${inv.id}&limit=1&cursor=${page.next_cursor}`,
    );
    expect([next.data[0].id, next.has_more]).toEqual([b.id, false]);
  });

  it("cancels with a credit note for the order's amount; a credited order is never reopened", async () => {
    const inv = await invoice();
    const { widget, cable } = lineIds(inv);
    const o = await api.post("/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [
        { invoice_line_id: widget, quantity: "2" },
        { invoice_line_id: cable, quantity: "2" },
      ],
    });
    // 37.50 × 2 / 3 = 25.00; 25.00 + 9.98 = 34.98
    expect(o.amount).toBe("34.98");
    const res = await api.request("POST", `/v1/fulfilment_orders/${o.id}/cancel`, {
      reason: "product_not_available",
      credit_note: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "cancelled",
      cancellation_reason: "product_not_available",
    });
    expect(res.body.cancelled_at).toBe(res.body.status_updated_at);
    const note = await api.get(`/v1/invoices/${res.body.cancellation_credit_note_id}`);
    expect(note).toMatchObject({
      kind: "credit_note",
      status: "finalized",
      corrects_invoice_id: inv.id,
      // the order's amount, 34.98, credited (no tax)
      total_net: "-34.98",
      total_gross: "-34.98",
    });
    expect(note.lines.map((l: any) => [l.credited_line_id, l.amount])).toEqual([
      [widget, "-25.00"],
      [cable, "-9.98"],
    ]);
    const reopen = await api.request("POST", `/v1/fulfilment_orders/${o.id}/reopen`);
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toMatchObject({
      code: "fulfilment_order_credited",
      details: { credit_note_id: note.id },
    });
    expect((await order(o.id)).status).toBe("cancelled");
    const events = await api.get(`/v1/events?subject_id=${o.id}`);
    expect(events.data.map((e: any) => e.type)).toEqual([
      "fulfilment_order.cancelled",
      "fulfilment_order.created",
    ]);

    // the cables are shipped again, but their amount was credited already: invoicing refuses
    // the second credit note, and the cancellation is not written either
    const second = await api.post("/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [{ invoice_line_id: cable }],
    });
    const refused = await api.request("POST", `/v1/fulfilment_orders/${second.id}/cancel`, {
      reason: "others",
      credit_note: true,
    });
    expect([refused.status, refused.body.error.code]).toEqual([422, "credit_exceeds_line"]);
    expect(await order(second.id)).toEqual(second);
    expect((await creditNotes(inv.id)).map((n: any) => n.id)).toEqual([note.id]);
    // a cancelled order may be deleted, its credit note stays
    expect((await api.request("DELETE", `/v1/fulfilment_orders/${o.id}`)).status).toBe(204);
    expect((await api.request("GET", `/v1/fulfilment_orders/${o.id}`)).status).toBe(404);
    expect((await api.get(`/v1/invoices/${note.id}`)).status).toBe("finalized");
  });

  it("cancels without a credit note and reopens; shipped orders are not cancelled", async () => {
    const inv = await invoice();
    const o = await orderIn(inv.id, "processing");
    const cancelled = await api.post(`/v1/fulfilment_orders/${o.id}/cancel`, { reason: "others" });
    expect([cancelled.status, cancelled.cancellation_credit_note_id]).toEqual(["cancelled", null]);
    expect(await creditNotes(inv.id)).toEqual([]);
    // its lines no longer count: another order may ship them meanwhile, which stops the reopen
    const other = await api.post("/v1/fulfilment_orders", { invoice_id: inv.id });
    const blocked = await api.request("POST", `/v1/fulfilment_orders/${o.id}/reopen`);
    expect([blocked.status, blocked.body.error.code]).toEqual([
      422,
      "fulfilment_quantity_exceeds_line",
    ]);
    await api.post(`/v1/fulfilment_orders/${other.id}/cancel`, { reason: "others" });
    const reopened = await api.post(`/v1/fulfilment_orders/${o.id}/reopen`);
    expect(reopened).toMatchObject({
      status: "new",
      cancellation_reason: null,
      cancelled_at: null,
    });
    const again = await api.request("POST", `/v1/fulfilment_orders/${o.id}/reopen`);
    expect([again.status, again.body.error.code]).toEqual([
      409,
      "fulfilment_order_transition_not_allowed",
    ]);
    const shipped = await orderIn((await invoice()).id, "shipped");
    const refused = await api.request("POST", `/v1/fulfilment_orders/${shipped.id}/cancel`, {
      reason: "others",
      credit_note: true,
    });
    expect([refused.status, refused.body.error.code]).toEqual([
      409,
      "fulfilment_order_transition_not_allowed",
    ]);
    expect((await order(shipped.id)).status).toBe("shipped");
    expect(await creditNotes(shipped.invoice_id)).toEqual([]);
  });

  it("refunds a delivered order once with a credit note of its amount", async () => {
    const inv = await invoice();
    const notYet = await api.post("/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [{ invoice_line_id: lineIds(inv).cable, quantity: "1" }],
    });
    const early = await api.request("POST", `/v1/fulfilment_orders/${notYet.id}/refund`, {});
    expect([early.status, early.body.error.code]).toEqual([
      409,
      "fulfilment_order_transition_not_allowed",
    ]);
    const o = await orderIn(inv.id, "delivered", {
      lines: [{ invoice_line_id: lineIds(inv).widget, quantity: "1" }],
    });
    // 37.50 × 1 / 3 = 12.50
    expect(o.amount).toBe("12.50");
    const refunded = await api.post(`/v1/fulfilment_orders/${o.id}/refund`, { reason: "Damaged" });
    expect(refunded.status).toBe("delivered");
    const note = await api.get(`/v1/invoices/${refunded.refund_credit_note_id}`);
    expect([note.kind, note.corrects_invoice_id, note.total_gross]).toEqual([
      "credit_note",
      inv.id,
      "-12.50",
    ]);
    expect(note.lines[0].description).toBe("Damaged: Widget");
    const twice = await api.request("POST", `/v1/fulfilment_orders/${o.id}/refund`, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, "fulfilment_order_refunded"]);
    expect((await creditNotes(inv.id)).length).toBe(1);
    // a returned order is refunded too
    const returned = await orderIn((await invoice()).id, "returned");
    const r = await api.post(`/v1/fulfilment_orders/${returned.id}/refund`);
    // 37.50 + 9.98
    expect((await api.get(`/v1/invoices/${r.refund_credit_note_id}`)).total_net).toBe("-47.48");
  });

  it("deletes only new or cancelled orders", async () => {
    const inv = await invoice();
    const fresh = await api.post("/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [{ invoice_line_id: lineIds(inv).cable }],
    });
    expect((await api.request("DELETE", `/v1/fulfilment_orders/${fresh.id}`)).status).toBe(204);
    const gone = await api.request("GET", `/v1/fulfilment_orders/${fresh.id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, "fulfilment_order_not_found"]);
    const shipped = await orderIn(inv.id, "shipped");
    const refused = await api.request("DELETE", `/v1/fulfilment_orders/${shipped.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "fulfilment_order_not_deletable",
      details: { status: "shipped" },
    });
    expect(await order(shipped.id)).toEqual(shipped);
    const events = await api.get(`/v1/events?subject_id=${fresh.id}`);
    expect(events.data.map((e: any) => e.type)).toEqual([
      "fulfilment_order.deleted",
      "fulfilment_order.created",
    ]);
  });

  it("resends a shipped order's lines as a new order linked to it, once while the resend lives", async () => {
    const inv = await invoice();
    const shipped = await orderIn(inv.id, "shipped", {
      lines: [{ invoice_line_id: lineIds(inv).widget, quantity: "2" }],
      shipping_address: { city: "Köln", country: "DE" },
    });
    const res = await api.request("POST", `/v1/fulfilment_orders/${shipped.id}/resend`, {
      notes: "lost in transit",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "new",
      resent_from: shipped.id,
      invoice_id: inv.id,
      amount: "25.00",
      notes: "lost in transit",
      shipping_address: { city: "Köln", country: "DE" },
    });
    expect(res.body.id).not.toBe(shipped.id);
    expect(Number(res.body.number)).toBe(Number(shipped.number) + 1);
    expect(res.body.lines.map((l: any) => [l.invoice_line_id, l.quantity, l.amount])).toEqual(
      shipped.lines.map((l: any) => [l.invoice_line_id, l.quantity, l.amount]),
    );
    const twice = await api.request("POST", `/v1/fulfilment_orders/${shipped.id}/resend`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: "fulfilment_order_resent",
      details: { fulfilment_order_id: res.body.id },
    });
    // a resend ships the same goods again: the invoice's last widget is still left to ship
    const rest = await api.post("/v1/fulfilment_orders", { invoice_id: inv.id });
    expect(rest.lines.map((l: any) => l.quantity)).toEqual(["1", "2"]);
    const fresh = await api.request("POST", `/v1/fulfilment_orders/${rest.id}/resend`);
    expect([fresh.status, fresh.body.error.code]).toEqual([
      409,
      "fulfilment_order_transition_not_allowed",
    ]);
    // once the resend is cancelled, the original may be resent again
    await api.post(`/v1/fulfilment_orders/${res.body.id}/cancel`, { reason: "others" });
    const third = await api.post(`/v1/fulfilment_orders/${shipped.id}/resend`);
    expect(third.resent_from).toBe(shipped.id);
    const reopen = await api.request("POST", `/v1/fulfilment_orders/${res.body.id}/reopen`);
    expect([reopen.status, reopen.body.error.code]).toEqual([409, "fulfilment_order_resent"]);
  });

  it("imports an order with its number, status and dates", async () => {
    const inv = await invoice();
    const res = await api.request("POST", "/v1/fulfilment_orders/import", {
      invoice_id: inv.id,
      number: "LEGACY-17",
      status: "delivered",
      order_date: "2026-02-01",
      shipped_at: "2026-02-03T10:00:00Z",
      delivered_at: "2026-02-05T12:00:00Z",
      lines: [{ invoice_line_id: lineIds(inv).cable, quantity: "1" }],
      tracking_id: "OLD-TRACK",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: "LEGACY-17",
      status: "delivered",
      imported: true,
      order_date: "2026-02-01",
      shipped_at: "2026-02-03T10:00:00.000Z",
      delivered_at: "2026-02-05T12:00:00.000Z",
      tracking_id: "OLD-TRACK",
      // 9.98 × 1 / 2 = 4.99
      amount: "4.99",
    });
    const cancelled = await api.post("/v1/fulfilment_orders/import", {
      invoice_id: inv.id,
      number: "LEGACY-18",
      status: "cancelled",
      order_date: "2026-02-01",
      cancelled_at: "2026-02-02T00:00:00Z",
      cancellation_reason: "payment_declined",
    });
    expect([cancelled.status, cancelled.cancelled_at]).toEqual([
      "cancelled",
      "2026-02-02T00:00:00.000Z",
    ]);
    const before = await count(inv.id);
    const bad = await api.request("POST", "/v1/fulfilment_orders/import", {
      invoice_id: inv.id,
      number: "LEGACY-19",
      status: "shipped",
      order_date: "2026-02-01",
      cancelled_at: "2026-02-02T00:00:00Z",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "invalid_fulfilment_import",
      details: { field: "cancelled_at" },
    });
    const taken = await api.request("POST", "/v1/fulfilment_orders/import", {
      invoice_id: inv.id,
      number: "LEGACY-17",
      status: "new",
      order_date: "2026-02-01",
      lines: [{ invoice_line_id: lineIds(inv).cable, quantity: "1" }],
    });
    expect([taken.status, taken.body.error.code]).toEqual([409, "fulfilment_order_number_taken"]);
    expect(await count(inv.id)).toBe(before);
  });

  it("refuses bad input with a code and writes nothing", async () => {
    const inv = await invoice();
    const draft = await invoice(api, customer, true);
    const note = await api.post(`/v1/invoices/${inv.id}/credit_notes`, {
      lines: [{ line_id: inv.lines[1].id, amount: "1.00" }],
    });
    const { widget } = lineIds(inv);
    const cases: [unknown, number, string][] = [
      [{ invoice_id: "inv_none" }, 404, "invoice_not_found"],
      [{ invoice_id: draft.id }, 422, "invoice_not_shippable"],
      [{ invoice_id: note.id }, 422, "invoice_not_shippable"],
      [
        { invoice_id: inv.id, lines: [{ invoice_line_id: "inl_none" }] },
        422,
        "unknown_invoice_line",
      ],
      [
        { invoice_id: inv.id, lines: [{ invoice_line_id: widget }, { invoice_line_id: widget }] },
        422,
        "duplicate_invoice_line",
      ],
      [
        { invoice_id: inv.id, lines: [{ invoice_line_id: widget, quantity: "0" }] },
        422,
        "fulfilment_quantity_exceeds_line",
      ],
      [
        { invoice_id: inv.id, lines: [{ invoice_line_id: widget, quantity: "4" }] },
        422,
        "fulfilment_quantity_exceeds_line",
      ],
      [
        { invoice_id: inv.id, lines: [{ invoice_line_id: widget, quantity: "1.5e2" }] },
        400,
        "validation_failed",
      ],
      [{ invoice_id: inv.id, number: "no spaces" }, 400, "validation_failed"],
      [{ invoice_id: inv.id, colour: "red" }, 400, "validation_failed"],
      [{}, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await api.request("POST", "/v1/fulfilment_orders", body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const o = await api.post("/v1/fulfilment_orders", { invoice_id: inv.id });
    const patches: [Record<string, unknown>, number, string][] = [
      [{}, 400, "validation_failed"],
      [{ status: "lost" }, 400, "validation_failed"],
      [{ shipping_address: { country: "Germany" } }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of patches) {
      const res = await move(o.id, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const noReason = await api.request("POST", `/v1/fulfilment_orders/${o.id}/cancel`, {});
    expect([noReason.status, noReason.body.error.code]).toEqual([400, "validation_failed"]);
    const unknown = await api.request("POST", "/v1/fulfilment_orders/ful_none/cancel", {
      reason: "others",
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "fulfilment_order_not_found"]);
    expect(await count(inv.id)).toBe(1);
    expect(await count(draft.id)).toBe(0);
    expect(await order(o.id)).toEqual(o);
  });

  it("a credit note needs invoices:write besides fulfilment_orders:write", async () => {
    await api.post("/v1/roles", {
      name: "warehouse",
      permissions: ["fulfilment_orders:read", "fulfilment_orders:write"],
    });
    const { secret } = await api.post("/v1/api_keys", { name: "wh", roles: ["warehouse"] });
    const as = (method: string, path: string, body?: unknown) =>
      t.server.request(method, path, { key: secret, ...(body === undefined ? {} : { body }) });
    const inv = await invoice();
    const created = await as("POST", "/v1/fulfilment_orders", { invoice_id: inv.id });
    expect(created.status).toBe(201);
    const refused = await as("POST", `/v1/fulfilment_orders/${created.body.id}/cancel`, {
      reason: "others",
      credit_note: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: "permission_denied",
      details: { required_any_of: ["invoices:write"] },
    });
    expect((await order(created.body.id)).status).toBe("new");
    expect(await creditNotes(inv.id)).toEqual([]);
    const plain = await as("POST", `/v1/fulfilment_orders/${created.body.id}/cancel`, {
      reason: "others",
    });
    expect([plain.status, plain.body.status]).toEqual([200, "cancelled"]);
    expect((await as("GET", `/v1/invoices/${inv.id}`)).status).toBe(403);
  });

  it("a merged customer's orders follow its invoices to the customer it was merged into", async () => {
    const merged = await api.customer({ company_name: "Old shop" });
    const o = await api.post("/v1/fulfilment_orders", {
      invoice_id: (await invoice(api, merged)).id,
    });
    await api.post("/v1/customers/merge", { from_customer_id: merged, to_customer_id: customer });
    expect((await order(o.id)).customer_id).toBe(customer);
    const listed = await api.get(`/v1/fulfilment_orders?customer_id=${merged}`);
    expect(listed.data).toEqual([]);
  });

  it("a retry with the same Idempotency-Key answers the first order", async () => {
    const inv = await invoice();
    const { secret } = await api.post("/v1/api_keys", { name: "retry", roles: ["admin"] });
    const send = () =>
      t.server.request("POST", "/v1/fulfilment_orders", {
        key: secret,
        headers: { "idempotency-key": `ful-${inv.id}` },
        body: { invoice_id: inv.id },
      });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await count(inv.id)).toBe(1);
  });
});

describeServer("fulfilment order numbers", (t) => {
  let api: Api;
  let inv: any;
  const create = (body: Record<string, unknown> = {}) =>
    api.request("POST", "/v1/fulfilment_orders", {
      invoice_id: inv.id,
      lines: [{ invoice_line_id: inv.lines[0].id, quantity: "0.1" }],
      ...body,
    });

  beforeAll(async () => {
    api = await billingTenant(t.server, "Numbers", "2026-03-10T09:00:00Z");
    const customer = await api.customer();
    inv = await api.post("/v1/invoices", {
      customer_id: customer,
      currency: "EUR",
      lines: [{ description: "Bolts", unit_price: "1", quantity: "100" }],
    });
  });

  describe("a per-tenant sequence, numbers given by hand, and numbers assigned later", () => {
    it("numbers from the sequence, skipping numbers taken by hand; a taken number is 409", async () => {
      expect((await create()).body.number).toBe("1");
      expect((await create({ number: "3" })).body.number).toBe("3");
      expect((await create()).body.number).toBe("2");
      // 3 was taken by hand, so the sequence goes on with 4
      expect((await create()).body.number).toBe("4");
      const taken = await create({ number: "3" });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({
        code: "fulfilment_order_number_taken",
        details: { field: "number", number: "3" },
      });
      const all = await api.get(`/v1/fulfilment_orders?invoice_id=${inv.id}&limit=100`);
      expect(all.data.map((o: any) => o.number)).toEqual(["1", "3", "2", "4"]);
      // 100 × 1.00 × 0.1 / 100 = 0.10 each
      expect(all.data.map((o: any) => o.amount)).toEqual(["0.10", "0.10", "0.10", "0.10"]);
    });

    it("an order created without a number is given one later, once", async () => {
      const bare = (await create({ number: null })).body;
      expect(bare.number).toBeNull();
      const assigned = await api.post(`/v1/fulfilment_orders/${bare.id}/assign_order_number`);
      expect(assigned.number).toBe("5");
      const again = await api.request(
        "POST",
        `/v1/fulfilment_orders/${bare.id}/assign_order_number`,
        {},
      );
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: "fulfilment_order_number_assigned",
        details: { number: "5" },
      });
      const other = (await create({ number: null })).body;
      const taken = await api.request(
        "POST",
        `/v1/fulfilment_orders/${other.id}/assign_order_number`,
        { number: "3" },
      );
      expect([taken.status, taken.body.error.code]).toEqual([409, "fulfilment_order_number_taken"]);
      expect((await api.get(`/v1/fulfilment_orders/${other.id}`)).number).toBeNull();
      const given = await api.post(`/v1/fulfilment_orders/${other.id}/assign_order_number`, {
        number: "WEB-1",
      });
      expect(given.number).toBe("WEB-1");
      const events = await api.get(`/v1/events?subject_id=${other.id}`);
      expect(events.data.map((e: any) => e.type)).toEqual([
        "fulfilment_order.number_assigned",
        "fulfilment_order.created",
      ]);
    });

    it("each tenant has a sequence of its own", async () => {
      const other = await billingTenant(t.server, "Numbers 2", "2026-03-10T09:00:00Z");
      const customer = await other.customer();
      const otherInvoice = await other.post("/v1/invoices", {
        customer_id: customer,
        currency: "EUR",
        lines: [{ description: "Nuts", unit_price: "1" }],
      });
      const o = await other.post("/v1/fulfilment_orders", {
        invoice_id: otherInvoice.id,
        number: null,
      });
      // the number 3 is another tenant's: free here
      const n = await other.post(`/v1/fulfilment_orders/${o.id}/assign_order_number`, {
        number: "3",
      });
      expect(n.number).toBe("3");
      // and one tenant's order is no other's
      const foreign = await api.request("GET", `/v1/fulfilment_orders/${o.id}`);
      expect(foreign.status).toBe(404);
    });
  });
});
