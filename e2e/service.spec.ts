import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { startedImportRow } from "./support/jobs";
import { signInThroughForm } from "./support/sign-in";

const DEMO = path.resolve("prisma/demo");

test("health answers signed out, metrics only for an admin, and an import runs on the worker `npm start` started", async ({ page, request }) => {
  // A load balancer's probe: no session, no secrets, and the worker next to the web server is seen.
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const report = await health.json();
  expect(report).toMatchObject({ status: "ok", checks: { database: { ok: true }, migrations: { ok: true, pending: 0 }, worker: { ok: true } } });
  expect(JSON.stringify(report)).not.toMatch(/postgres(ql)?:\/\//);
  expect((await request.get("/api/metrics")).status()).toBe(401);

  await signInThroughForm(page, ACCOUNTS.admin.email, { path: "/admin/imports" });
  const form = page.getByRole("form", { name: "New import" });
  await form.getByLabel("Kind").selectOption("openai-names");
  await form.getByLabel(/Path on the server/).fill(path.join(DEMO, "clip-classnames/openai_imagenet_classes.json"));
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("queued for the next free worker");
  const row = await startedImportRow(page, form);
  await expect(row).toContainText("succeeded", { timeout: 60_000 });
  await expect(row).toContainText("1,000 rows stored");
  await page.screenshot({ path: "/tmp/shots/jobs-imports.png", fullPage: true });

  const metrics = await page.request.get("/api/metrics");
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  // Other specs share this server and import too: at least this one was counted.
  expect(text).toMatch(/relabel_action_duration_seconds_count\{action="startImport",outcome="ok"\} [1-9]/);
  expect(text).toContain("relabel_http_request_duration_seconds_count");
  expect(text).toContain("# TYPE relabel_jobs gauge");
});
