// Shared pieces of the end-to-end tests: start the real `hearth serve`, launch the system
// Chromium (never downloaded), watch pages for CSP violations and missing CSRF headers, and
// take screenshots into e2e/artifacts/ (gitignored).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const uiDir = resolve(here, '..');
export const BIN = resolve(uiDir, process.env.HEARTH_BIN || '../target/debug/hearth');
export const CHROMIUM = process.env.HEARTH_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = join(here, 'artifacts');
export const CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
export const TIMEOUT = 15_000;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `hearth serve --data-dir <temp> --port 0` and resolves once it has printed both
 * console lines: `Hearth is listening on …` and `Host login (single use): …`.
 * `options.env` adds to (or, with `undefined` values, removes from) the environment the
 * server gets, e.g. `{ HEARTH_MODELS_DIR: '…/models' }`; by default the test's own
 * HEARTH_MODELS_DIR is not passed on, so that only a test that asks for the starter model has it.
 * Returns { baseUrl, hostLoginUrl, output(), stop() }.
 */
export async function startServer(options = {}) {
  if (!existsSync(BIN)) {
    throw new Error(`Hearth binary not found at ${BIN}. Build it (cargo build) or set HEARTH_BIN.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'));
  const env = { ...process.env, HEARTH_MODELS_DIR: undefined, NO_COLOR: '1', ...(options.env ?? {}) };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(BIN, ['serve', '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr.on('data', keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const urls = await new Promise((resolveUrls, reject) => {
      let buf = '';
      let baseUrl = null;
      let hostLoginUrl = null;
      const timer = setTimeout(() => {
        reject(new Error(`Hearth did not print its console lines within 30 s. Output:\n${output}`));
      }, 30_000);
      child.stdout.on('data', (chunk) => {
        keep(chunk);
        buf += chunk.toString();
        const m = /^Hearth is listening on (http:\/\/\S+?)\/?\s*$/m.exec(buf);
        if (m) baseUrl = m[1].replace(/\/$/, '');
        const h = /^Host login \(single use\): (http:\/\/\S+)\s*$/m.exec(buf);
        if (h) hostLoginUrl = h[1];
        if (baseUrl && hostLoginUrl) {
          clearTimeout(timer);
          resolveUrls({ baseUrl, hostLoginUrl });
        }
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Hearth exited early (code ${code}, signal ${signal}). Output:\n${output}`));
      });
    });
    return { ...urls, dataDir, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export function launchBrowser(executablePath = CHROMIUM) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Uploads: these send their own Content-Type instead of JSON (a raw image; documents as
 * multipart/form-data, the boundary written by the browser). */
const RAW_UPLOADS = [
  { method: 'PUT', path: /^\/api\/v1\/me\/avatar$/, type: /^image\/(png|jpeg|webp)$/ },
  { method: 'POST', path: /^\/api\/v1\/workspaces\/[^/]+\/documents$/, type: /^multipart\/form-data; boundary=\S+$/ },
];

/** Collects CSP violations, script errors and unsafe API calls without the CSRF header. */
export function watchPage(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) {
      problems.push(`CSP: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!url.pathname.startsWith('/api/')) return;
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method())) return;
    const h = req.headers();
    if (h['x-hearth-csrf'] !== '1') problems.push(`${req.method()} ${url.pathname} without X-Hearth-CSRF: 1`);
    const raw = RAW_UPLOADS.find((r) => r.method === req.method() && r.path.test(url.pathname));
    const type = h['content-type'] || '';
    if (raw ? !raw.type.test(type) : !/^application\/json/.test(type)) {
      problems.push(`${req.method()} ${url.pathname} with Content-Type "${type}"`);
    }
  });
}

export const shot = (page, name) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, animations: 'disabled' });

/** What the page shows (for a failure message): the body's text, cut to a readable length. */
async function pageText(locator) {
  try {
    const text = await locator.page().locator('body').innerText({ timeout: 2000 });
    return text.length > 3000 ? `${text.slice(0, 3000)}…` : text;
  } catch (err) {
    return `(could not read the page: ${err.message.split('\n')[0]})`;
  }
}

export async function expectVisible(locator, what, timeout = TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (err) {
    throw new Error(`Expected to see ${what}: ${err.message.split('\n')[0]}\nThe page showed:\n${await pageText(locator)}`);
  }
}

export async function expectGone(locator, what, timeout = TIMEOUT) {
  try {
    await locator.first().waitFor({ state: 'detached', timeout });
  } catch (err) {
    throw new Error(`Expected ${what} to be gone: ${err.message.split('\n')[0]}`);
  }
}

export function workspaceItem(page, name) {
  return page.getByTestId('workspace-item').filter({
    has: page.getByTestId('workspace-name').getByText(name, { exact: true }),
  });
}

export async function createWorkspace(page, name, prompt) {
  const form = page.getByTestId('create-workspace-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  if (prompt) {
    await form.getByRole('button', { name: /system prompt/i }).click();
    await form.getByLabel('System prompt (optional)').fill(prompt);
  }
  await form.getByRole('button', { name: 'Create workspace' }).click();
  await expectVisible(workspaceItem(page, name), `workspace "${name}" in the list`);
}

/**
 * "Another machine on the LAN": a network namespace joined to this one by a veth pair with
 * addresses of its own (10.214.N.1 here, 10.214.N.2 inside). Only traffic between the two
 * ends of the pair is ever sent. Needs root (the test command runs as root).
 */
export function createNetns() {
  const n = process.pid % 250;
  const name = `hearth-e2e-${process.pid}`;
  const hostIf = `hte${n}a`;
  const peerIf = `hte${n}b`;
  const hostIp = `10.214.${n}.1`;
  const peerIp = `10.214.${n}.2`;
  const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const quiet = (...args) => {
    try {
      ip(...args);
    } catch {
      /* already gone */
    }
  };
  quiet('netns', 'del', name);
  quiet('link', 'del', hostIf);
  ip('netns', 'add', name);
  ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', peerIf);
  ip('link', 'set', peerIf, 'netns', name);
  ip('addr', 'add', `${hostIp}/30`, 'dev', hostIf);
  ip('link', 'set', hostIf, 'up');
  ip('netns', 'exec', name, 'ip', 'addr', 'add', `${peerIp}/30`, 'dev', peerIf);
  ip('netns', 'exec', name, 'ip', 'link', 'set', peerIf, 'up');
  ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  const wrapperDir = mkdtempSync(join(tmpdir(), 'hearth-netns-'));
  const wrapper = join(wrapperDir, 'chromium-in-netns');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${name} ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  return {
    name,
    hostIp,
    peerIp,
    /** A Chromium that runs inside the namespace: it reaches only the veth peer address. */
    launchBrowser: () => launchBrowser(wrapper),
    destroy() {
      quiet('link', 'del', hostIf);
      quiet('netns', 'del', name);
      rmSync(wrapperDir, { recursive: true, force: true });
    },
  };
}
