// Designer benchmark: time to open and render a large workflow (300 activities) in the designer, and panning it,
// against a 30-activity baseline measured in the same run. Headless Chromium from Debian's package via playwright-core.
//
//   node bench/designer/bench.mjs                 # starts the server itself (dotnet run, fresh SQLite in a temp folder)
//   CONSULTFLOW_URL=http://127.0.0.1:5000 CONSULTFLOW_ADMIN_PASSWORD=... node bench/designer/bench.mjs
//
// Options (environment): BENCH_SIZES (default "30,300"), BENCH_RUNS (default 3), CONSULTFLOW_CHROMIUM (/usr/bin/chromium).
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'Designer', 'package.json'));
const { chromium } = require('playwright-core');

const sizes = (process.env.BENCH_SIZES ?? '30,300').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const executablePath = process.env.CONSULTFLOW_CHROMIUM ?? '/usr/bin/chromium';

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer() {
  if (process.env.CONSULTFLOW_URL) return { url: process.env.CONSULTFLOW_URL.replace(/\/$/, ''), password: process.env.CONSULTFLOW_ADMIN_PASSWORD, stop: () => {} };
  const folder = mkdtempSync(join(tmpdir(), 'consultflow-bench-'));
  const port = await freePort();
  const password = 'bench-admin-password';
  const child = spawn('dotnet', ['run', '--project', join(root, 'Server'), '--no-launch-profile'], {
    env: {
      ...process.env,
      ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
      ConsultFlow__Database__Provider: 'Sqlite',
      ConsultFlow__Database__ConnectionString: `Data Source=${join(folder, 'bench.db')}`,
      ConsultFlow__Admin__UserName: 'admin',
      ConsultFlow__Admin__Password: password,
      ConsultFlow__Admin__Agency: 'sfj',
      ConsultFlow__Admin__InitialPasswordFile: join(folder, 'initial-password'),
      ConsultFlow__Attachments__Path: join(folder, 'attachments'),
      Logging__LogLevel__Default: 'Warning',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}.`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('The server did not start within 4 minutes.');
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    password,
    stop: () => {
      child.kill('SIGTERM');
      setTimeout(() => rmSync(folder, { recursive: true, force: true }), 2000).unref();
    },
  };
}

async function signIn(url, userName, password) {
  const response = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-ConsultFlow-Request': '1' }, body: JSON.stringify({ userName, password }) });
  if (!response.ok) throw new Error(`Sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/**
 * A valid workflow of `count` activities: Start, a chain of human tasks (approve → next, return → three back), Decisions
 * every tenth step, and an End; laid out in rows of ten like a designer would.
 */
function workflow(id, count) {
  const activities = [{ id: 'start', type: 'Start', name: '开始', position: { x: 0, y: 0 } }];
  const connections = [];
  const tasks = count - 2;
  let previous = 'start';
  let previousOutcome = 'Done';
  for (let i = 1; i <= tasks; i++) {
    const isDecision = i % 10 === 0;
    const aid = isDecision ? `decision${i}` : `task${i}`;
    const position = { x: (i % 10) * 260, y: Math.floor(i / 10) * 170 };
    activities.push(isDecision
      ? { id: aid, type: 'Decision', name: `判断${i}`, position, inputs: { condition: { $expr: { '==': [{ var: `activities.task${i - 1}.outcome` }, 'approve'] } } } }
      : {
          id: aid, type: 'HumanTask', name: `办理步骤${i}`, position,
          inputs: {
            title: `办理步骤${i}`, assigneeAgency: 'sfj', assigneeRole: 'coordinator',
            outcomes: [{ name: 'approve', label: '同意' }, { name: 'return', label: '退回' }],
            form: { fields: [{ key: 'opinion', label: '意见', type: 'longText', requiredForOutcomes: ['return'] }] },
            due: { amount: 3, unit: 'workingDays', legalBasis: '会商工作规则' },
          },
        });
    connections.push({ source: previous, outcome: previousOutcome, target: aid });
    if (!isDecision && i > 3) {
      const back = (i - 3) % 10 === 0 ? i - 4 : i - 3;
      connections.push({ source: aid, outcome: 'return', target: `task${back}` });
    }
    previous = aid;
    previousOutcome = isDecision ? 'True' : 'approve';
    if (isDecision) connections.push({ source: aid, outcome: 'False', target: 'end' });
  }
  activities.push({ id: 'end', type: 'End', name: '结束', position: { x: 0, y: Math.ceil((tasks + 1) / 10) * 170 + 170 } });
  connections.push({ source: previous, outcome: previousOutcome, target: 'end' });
  return { id, name: `基准流程（${count}个活动）`, flowchart: { activities, connections } };
}

async function saveDefinition(url, cookie, definition) {
  const response = await fetch(`${url}/api/definitions/${definition.id}/draft`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-ConsultFlow-Request': '1', Cookie: cookie }, body: JSON.stringify(definition),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`Saving ${definition.id} failed: ${response.status} ${JSON.stringify(body)}`);
  if (body.errors.length > 0) throw new Error(`${definition.id} is not valid: ${JSON.stringify(body.errors.slice(0, 3))}`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function measure(browser, url, password, id, count) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: url });
  const page = await context.newPage();
  await page.goto('/');
  await page.fill('input[name=userName]', 'admin');
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=user-name]', { state: 'attached' });

  // Open: from navigation start to the canvas drawn and fitted (all nodes measured), then to the server's validation shown.
  await page.goto(`/designer/${id}`);
  await page.waitForSelector(`[data-testid=editor][data-ready=true][data-nodes="${count}"]`, { timeout: 120_000 });
  const openMs = await page.evaluate(() => performance.now());
  await page.waitForSelector('[data-testid=validation-ok]', { timeout: 120_000 });
  const validatedMs = await page.evaluate(() => performance.now());
  const rendered = await page.locator('.react-flow__node').count();

  // Pan: drag the empty canvas back and forth, at the fitted zoom and at 100 %, recording every animation frame.
  const pan = async () => {
    const box = await page.getByTestId('canvas').boundingBox();
    const y = box.y + box.height - 40;
    await page.evaluate(() => {
      window.__frames = [];
      const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
      window.__recording = true;
      requestAnimationFrame(tick);
    });
    const started = Date.now();
    for (let i = 0; i < 6; i++) {
      const from = box.x + (i % 2 === 0 ? 80 : box.width - 260);
      const to = box.x + (i % 2 === 0 ? box.width - 260 : 80);
      await page.mouse.move(from, y);
      await page.mouse.down();
      await page.mouse.move(to, y - 20, { steps: 30 });
      await page.mouse.up();
    }
    const elapsed = Date.now() - started;
    const frames = await page.evaluate(() => { window.__recording = false; return window.__frames; });
    const intervals = frames.slice(1).map((t, i) => t - frames[i]);
    return { totalMs: elapsed, moves: 6 * 30, frameP50: percentile(intervals, 0.5), frameP95: percentile(intervals, 0.95), fps: intervals.length / (elapsed / 1000) };
  };
  const panFit = await pan();
  // Zoom in (as one edits, where only part of a large flow is on screen).
  for (let i = 0; i < 8; i++) await page.locator('.react-flow__controls-zoomin').click();
  const panZoomed = await pan();
  const renderedZoomed = await page.locator('.react-flow__node').count();
  await context.close();
  return { openMs, validatedMs, rendered, renderedZoomed, panFit, panZoomed };
}

const server = await startServer();
try {
  const cookie = await signIn(server.url, 'admin', server.password);
  const stamp = Date.now().toString(36);
  for (const size of sizes) await saveDefinition(server.url, cookie, workflow(`bench.w${size}-${stamp}`, size));
  const browser = await chromium.launch({
    executablePath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const results = {};
  for (const size of sizes) {
    const samples = [];
    for (let run = 0; run < runs; run++) samples.push(await measure(browser, server.url, server.password, `bench.w${size}-${stamp}`, size));
    results[size] = {
      openMs: median(samples.map((s) => s.openMs)),
      validatedMs: median(samples.map((s) => s.validatedMs)),
      nodesRendered: samples[0].rendered,
      nodesRenderedAt100: samples[0].renderedZoomed,
      panFitMs: median(samples.map((s) => s.panFit.totalMs)),
      panFitFrameP95: median(samples.map((s) => s.panFit.frameP95)),
      panFitFps: median(samples.map((s) => s.panFit.fps)),
      pan100Ms: median(samples.map((s) => s.panZoomed.totalMs)),
      pan100FrameP95: median(samples.map((s) => s.panZoomed.frameP95)),
      pan100Fps: median(samples.map((s) => s.panZoomed.fps)),
    };
  }
  await browser.close();
  const [base, large] = [sizes[0], sizes[sizes.length - 1]];
  const round = (v) => Math.round(v * 10) / 10;
  console.log(`Designer benchmark (median of ${runs} runs, 1366×768, headless Chromium ${executablePath})`);
  console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [`${k} activities`, Object.fromEntries(Object.entries(v).map(([a, b]) => [a, round(b)]))])));
  console.log(`ratio ${large}/${base}: open ${round(results[large].openMs / results[base].openMs)}×, validated ${round(results[large].validatedMs / results[base].validatedMs)}×, ` +
    `pan at fit ${round(results[large].panFitMs / results[base].panFitMs)}× (p95 frame ${round(results[large].panFitFrameP95)} vs ${round(results[base].panFitFrameP95)} ms), ` +
    `pan at 100% ${round(results[large].pan100Ms / results[base].pan100Ms)}×`);
  console.log(JSON.stringify(results));
} finally {
  server.stop();
}
