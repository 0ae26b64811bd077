/**
 * Webhooks through the real `accrue serve` process and its worker loop: configuration
 * reaches the worker, and a process SIGKILLed while it waits for a receiver's answer loses
 * nothing (PostgreSQL only: the test and the process share the database).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { BACKENDS } from "../harness.js";
import { startTestServer } from "../server.js";
import { Receiver, webhookWorker } from "../webhook-receiver.js";
import { serve } from "./process.js";

// each test starts real processes (tsx, PGlite, migrations): slow on a busy two-core machine
vi.setConfig({ testTimeout: 180_000 });

if (BACKENDS.includes("pglite"))
  describe("webhook delivery by accrue serve [embedded]", () => {
    it("with ACCRUE_WEBHOOK_ALLOW_PRIVATE=true the worker loop delivers to a loopback receiver, signed", async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-webhooks-"));
      const receiver = await Receiver.start();
      const child = await serve({
        ACCRUE_DATA_DIR: path.join(tmp, "data"),
        ACCRUE_WEBHOOK_ALLOW_PRIVATE: "true",
        ACCRUE_WORKER_INTERVAL_MS: "50",
      });
      try {
        const key = /Admin API key[^:]*: (ak_\S+)/.exec(child.output())?.[1];
        expect(key).toBeDefined();
        const call = async (p: string, body: unknown) => {
          const res = await fetch(`${child.url}${p}`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          return (await res.json()) as any;
        };
        const ep = await call("/v1/webhook_endpoints", {
          url: receiver.url,
          event_types: ["api_key.created"],
        });
        const created = await call("/v1/api_keys", { name: "hooked", roles: ["read_only"] });
        for (let i = 0; i < 200 && receiver.received.length === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        expect(receiver.received).toHaveLength(1);
        const payload = Receiver.verify(ep.secret, receiver.received[0]!) as any;
        expect(payload).toMatchObject({ type: "api_key.created", subject: { id: created.id } });
      } finally {
        await child.stop();
        await receiver.close();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });

if (process.env.DATABASE_URL)
  describe("webhook delivery across a killed worker process [postgres]", () => {
    it("a worker SIGKILLed mid-delivery loses nothing: the lease expires and the event is delivered", async () => {
      const server = await startTestServer("postgres");
      const receiver = await Receiver.start();
      let arrived: () => void = () => {};
      const firstArrived = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      // the first request is never answered: its sender dies waiting
      receiver.answer = (_req, n) =>
        n === 0
          ? new Promise(() => {
              arrived();
            })
          : { status: 204 };
      let child: Awaited<ReturnType<typeof serve>> | undefined;
      try {
        const ep = await server.post("/v1/webhook_endpoints", {
          url: receiver.url,
          event_types: ["api_key.created"],
        });
        const key = await server.post("/v1/api_keys", { name: "k", roles: ["read_only"] });
        child = await serve({
          DATABASE_URL: server.database.url!,
          ACCRUE_WEBHOOK_ALLOW_PRIVATE: "true",
          ACCRUE_WORKER_INTERVAL_MS: "50",
        });
        await firstArrived;
        await child.stop("SIGKILL");

        const [delivery] = (await server.get(`/v1/webhook_deliveries?endpoint_id=${ep.body.id}`))
          .body.data;
        expect(delivery).toMatchObject({ status: "pending", attempt_count: 0 });

        // the dead process's lease still holds: nobody sends it yet
        const worker = webhookWorker(server.db);
        await worker.tick();
        expect(receiver.received).toHaveLength(1);
        // after the lease (60 s) a live worker sends it again
        worker.time.advance(61_000);
        await worker.tick();
        expect(receiver.received).toHaveLength(2);
        const events = await server.get(`/v1/events?subject_id=${key.body.id}`);
        expect(receiver.received.map((r) => r.id)).toEqual([
          events.body.data[0].id,
          events.body.data[0].id,
        ]);
        const done = await server.get(`/v1/webhook_deliveries/${delivery.id}`);
        expect(done.body).toMatchObject({ status: "succeeded", attempt_count: 1 });
        expect(done.body.attempts).toHaveLength(1);
      } finally {
        await child?.stop("SIGKILL");
        await receiver.close();
        await server.close();
      }
    });
  });
