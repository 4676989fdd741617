// End-to-end: chat against the real `hearth serve`, with the model provider as the one test
// double: a tiny OpenAI-compatible server started here (127.0.0.1, port 0) that streams its
// answers a few chunks a second. The host adds it in Settings → Models, picks its model for a
// workspace, chats (tokens stream in, the messages-left counter goes down), reloads in the
// middle of a slow reply (the page re-attaches) and stops it (the partial text stays).
// Then, on a second server switched to multi-user (an admin, a manager, a default user):
// Regenerate, older messages in pages, the chat history, usage and queue screens, memories
// ("Remember this", Settings → Memories, what the model is sent, privacy) and "Download my
// data". Then a third server with the real embedded starter model (models/,
// scripts/fetch-model.sh); last, a fourth with the real search embedder (models/,
// scripts/fetch-embedder.sh): a workspace searched by meaning.
//
//   npm run test:e2e        (binary from ../target/debug/hearth; HEARTH_BIN / HEARTH_CHROMIUM)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createWorkspace,
  expectGone,
  expectVisible,
  launchBrowser,
  shot,
  sleep,
  startServer,
  TIMEOUT,
  watchPage,
  workspaceItem,
} from './helpers.mjs';

const API_KEY = 'sk-stub-7f3a9c41e2';
const LIMIT = 5;

// The first reply: Markdown, a code block, and things a reply must never get to do.
const REPLY_CHUNKS = [
  'Hello! ',
  'Here is ',
  '**bold** text ',
  'and a list:\n\n',
  '- one\n',
  '- two\n\n',
  '```js\n',
  'console.log("hi");\n',
  '```\n\n',
  'Raw HTML stays text: ',
  '<img src="/x.png" onerror="window.__xss = 1"> ',
  '<b>not bold</b>\n\n',
  '[a bad link](javascript:window.__xss=2) ',
  'and [a good one](https://example.org/docs).',
];

/**
 * The stub provider. `requests` keeps what it was sent, every request's body in order (for the
 * Authorization check, and the memories in the system message of the request for a message). What it
 * answers depends on the last user message: "slow" → 120 words, 3 a second (holds its queue
 * slot); "quick" → one chunk at once (to fill a thread fast); "count" → "Answer number N."
 * with N counting the stub's answers (a regenerated reply differs); else REPLY_CHUNKS.
 */
function startStub() {
  const requests = [];
  let answers = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'stub', object: 'model' }] }));
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let parsed = {};
        try {
          parsed = JSON.parse(body);
        } catch {
          /* answered anyway */
        }
        requests.push({ authorization: req.headers.authorization, body: parsed });
        const last = (parsed.messages ?? []).filter((m) => m.role === 'user').pop()?.content ?? '';
        const slow = /slow/i.test(last);
        const quick = !slow && /quick/i.test(last);
        const chunks = slow
          ? Array.from({ length: 120 }, (_, i) => `word${i + 1} `)
          : quick
            ? [`Quick answer ${++answers}.`]
            : /count/i.test(last)
              ? ['Answer ', 'number ', `${++answers}`, '.']
              : REPLY_CHUNKS;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        let i = 0;
        const timer = setInterval(
          () => {
            if (i >= chunks.length) {
              clearInterval(timer);
              res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
              res.write('data: [DONE]\n\n');
              res.end();
              return;
            }
            const chunk = { id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: chunks[i++] } }] };
            res.write(`data: ${JSON.stringify(chunk)}\n\n`);
          },
          slow ? 300 : quick ? 5 : 200,
        );
        // The engine drops the request when a reply is stopped.
        res.on('close', () => clearInterval(timer));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"message":"not found"}}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        requests,
        stop: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

let stub;
let server;
let browser;
/** Servers started by later tests (the multi-user one, the starter model's), stopped at the end. */
const moreServers = [];

before(async () => {
  stub = await startStub();
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    for (const s of moreServers) await s.stop();
    if (server) await server.stop();
    if (stub) await stub.stop();
  }
});

/** The page's own API call (same origin, CSRF header like the UI's). */
function apiCall(page, method, path, body) {
  return page.evaluate(
    async ([method, path, body]) => {
      const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
      if (method !== 'GET') {
        init.headers['X-Hearth-CSRF'] = '1';
        init.headers['Content-Type'] = 'application/json';
        init.body = body === undefined ? undefined : JSON.stringify(body);
      }
      const r = await fetch(`/api/v1${path}`, init);
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    [method, path, body],
  );
}

const lastReply = (page) => page.locator('[data-testid="message"][data-role="assistant"]').last();
/** The last reply's text now (without waiting for it to exist; Copy buttons left out). */
const replyText = (page) =>
  page.evaluate(() => {
    const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
    const el = replies[replies.length - 1]?.querySelector('[data-testid="message-content"]');
    if (!el) return '';
    const copy = el.cloneNode(true);
    copy.querySelectorAll('button').forEach((b) => b.remove());
    return copy.textContent.trim();
  });

/** Waits until the last reply's text is longer than `min` characters; returns it. */
async function waitReplyLonger(page, min, what) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const text = await replyText(page);
    if (text.length > min) return text;
    if (Date.now() > deadline) throw new Error(`Expected ${what}: the reply still reads "${text}"`);
    await sleep(100);
  }
}

async function waitReplyStatus(page, status) {
  await expectVisible(page.locator(`[data-testid="message"][data-role="assistant"][data-status="${status}"]`), `a reply marked ${status}`);
}

test('providers, workspace model, streaming chat, messages left, re-attach and stop', async () => {
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);

  try {
    // 1. The host, with a daily limit (set through the API; the users screen is multi-user only).
    await page.goto(server.hostLoginUrl);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the workspace list after host login');
    const me = await apiCall(page, 'GET', '/me');
    assert.equal(me.status, 200);
    const limited = await apiCall(page, 'PATCH', `/users/${me.body.id}`, { dailyMessageLimit: LIMIT });
    assert.equal(limited.status, 200, `setting the daily limit: ${JSON.stringify(limited.body)}`);

    // 2. Settings → Models: the note on better models, then add the stub provider with a key.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-nav-models').click();
    await expectVisible(page.getByTestId('models-settings'), 'Settings → Models');
    const note = await page.getByTestId('models-note').innerText();
    assert.match(note, /small starter model/i);
    assert.match(note, /models\//);
    assert.match(note, /127\.0\.0\.1:11434\/v1/);
    await expectVisible(page.getByTestId('providers-empty'), 'no providers yet');

    const add = page.getByTestId('add-provider-form');
    await add.getByLabel('Name').fill('Stub');
    await add.getByLabel('Base URL').fill('ftp://nowhere');
    await add.getByRole('button', { name: 'Add provider' }).click();
    await expectVisible(page.getByTestId('add-provider-error'), 'an error for a base URL that is not http(s)');
    await add.getByLabel('Base URL').fill(stub.baseUrl);
    const keyField = add.getByLabel('API key (optional)');
    assert.equal(await keyField.getAttribute('type'), 'password', 'the key is typed in a password field');
    await keyField.fill(API_KEY);
    await add.getByRole('button', { name: 'Add provider' }).click();
    await expectVisible(page.getByTestId('add-provider-success'), 'the provider added');
    const row = page.locator('[data-testid="provider-item"][data-name="Stub"]');
    await expectVisible(row.getByTestId('provider-key-set'), '"key set" on the new provider');
    assert.equal(await keyField.inputValue(), '', 'the key field is cleared after adding');
    assert.ok(!(await page.content()).includes(API_KEY), 'the key is never shown again');

    // Test connection: the stub's model, in words.
    await row.getByRole('button', { name: 'Test the connection to Stub' }).click();
    await expectVisible(row.getByTestId('provider-test-ok'), 'a successful connection test');
    assert.match(await row.getByTestId('provider-test-models').innerText(), /stub/);
    await expectVisible(page.getByTestId('model-item').filter({ hasText: 'stub' }), 'the stub model among the models available');
    await shot(page, 'chat-01-providers-light');

    // 3. A workspace whose model is the stub's.
    await page.getByTestId('nav-workspaces').click();
    await createWorkspace(page, 'Chat lab');
    const ws = workspaceItem(page, 'Chat lab');
    await ws.getByRole('button', { name: 'Model settings of Chat lab' }).click();
    const modelForm = ws.getByTestId('model-form');
    await expectVisible(modelForm, 'the model settings form');
    const select = modelForm.getByLabel('Model of “Chat lab”');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-select"] option').length > 1);
    await select.selectOption({ label: 'stub (Stub)' });
    await modelForm.getByLabel('Temperature').fill('0.3');
    await modelForm.getByLabel('Reply length cap (tokens)').fill('400');
    await modelForm.getByLabel('History messages').fill('10');
    await shot(page, 'chat-02-workspace-model-light');
    await modelForm.getByRole('button', { name: 'Save' }).click();
    await expectVisible(ws.getByRole('button', { name: 'Model settings of Chat lab' }), 'the row after saving');
    const saved = await apiCall(page, 'GET', '/workspaces/chat-lab');
    assert.match(saved.body.model ?? '', /\/stub$/, 'the workspace uses the stub model');
    assert.equal(saved.body.temperature, 0.3);
    assert.equal(saved.body.maxTokens, 400);
    assert.equal(saved.body.historyMessages, 10);

    // 4. A chat in it.
    await ws.getByRole('link', { name: 'Chat lab' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Chat lab' }), 'the workspace page');
    await page.getByTestId('create-thread-form').getByLabel('Title').fill('First chat');
    await page.getByRole('button', { name: 'Start a chat' }).click();
    await page.getByTestId('thread-item').getByRole('link', { name: 'First chat' }).click();
    await expectVisible(page.getByTestId('chat-screen'), 'the chat');
    await expectVisible(page.getByTestId('chat-empty'), 'an empty chat');
    const chatUrl = page.url();
    assert.match(await page.getByTestId('chat-model').innerText(), /stub \(Stub\)/, 'the model in use');
    assert.equal((await page.getByTestId('remaining-today').innerText()).trim(), `${LIMIT} messages left today`);

    // Shift+Enter is a new line; Enter sends.
    const box = page.getByTestId('message-input');
    await box.fill('Hello there');
    await box.press('Shift+Enter');
    await box.pressSequentially('Second line');
    assert.equal(await box.inputValue(), 'Hello there\nSecond line', 'Shift+Enter adds a line, sends nothing');
    assert.equal(await page.getByTestId('message').count(), 0);
    await box.press('Enter');

    // The reply streams in: the text grows between two reads, Stop shows meanwhile.
    const first = await waitReplyLonger(page, 0, 'the first tokens');
    await expectVisible(page.getByTestId('stop-reply'), 'Stop while the reply is written');
    await sleep(700);
    const second = await replyText(page);
    assert.ok(second.length > first.length, `the reply grows while it streams ("${first}" → "${second}")`);
    await waitReplyStatus(page, 'done');
    await expectVisible(page.getByTestId('send-message'), 'Send again once the reply is done');
    const userMsg = page.locator('[data-testid="message"][data-role="user"]').first();
    assert.equal((await userMsg.getByTestId('message-content').innerText()).trim(), 'Hello there\nSecond line');
    assert.equal((await page.getByTestId('remaining-today').innerText()).trim(), `${LIMIT - 1} messages left today`);

    // Markdown, safely: bold and a list render; HTML from the reply is text; only http(s) links.
    const content = lastReply(page).getByTestId('message-content');
    assert.equal(await content.locator('strong').first().innerText(), 'bold');
    assert.equal(await content.locator('li').count(), 2);
    assert.match(await content.innerText(), /<img src="\/x\.png"/, 'raw HTML shows as text');
    assert.equal(await content.locator('img, b, script, [onerror]').count(), 0, 'no markup from the reply');
    assert.equal(await content.locator('a[href^="javascript"]').count(), 0, 'no javascript: link');
    const good = content.locator('a[href="https://example.org/docs"]');
    assert.equal(await good.count(), 1, 'the https link stays');
    assert.equal(await good.getAttribute('rel'), 'noopener noreferrer nofollow');
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing from the reply ran');
    assert.match(await lastReply(page).getByTestId('message-model').innerText(), /stub/);

    // The code block's Copy button.
    const copy = content.getByTestId('copy-code');
    assert.equal(await copy.count(), 1);
    await copy.click();
    await expectVisible(content.getByRole('button', { name: /Copy this code/ }).filter({ hasText: 'Copied' }), '"Copied"');
    const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
    if (copied !== null) assert.equal(copied.trim(), 'console.log("hi");');
    await shot(page, 'chat-03-reply-light');

    // 5. A slow reply: reload in the middle (the page re-attaches), then Stop.
    await box.fill('Tell me something slow');
    await box.press('Enter');
    const before = await waitReplyLonger(page, 10, 'the slow reply to start');
    await page.reload();
    await expectVisible(page.getByTestId('chat-screen'), 'the chat after reloading');
    await waitReplyStatus(page, 'streaming');
    const reattached = await waitReplyLonger(page, before.length, 'the text so far after re-attaching');
    await sleep(900);
    const later = await replyText(page);
    assert.ok(later.length > reattached.length, `the reply keeps streaming after re-attaching ("${reattached}" → "${later}")`);
    assert.ok(later.startsWith('word1 word2'), 'the text so far came back whole');
    await shot(page, 'chat-04-streaming-light');

    await page.getByTestId('stop-reply').click();
    await waitReplyStatus(page, 'stopped');
    await expectVisible(lastReply(page).getByTestId('reply-stopped'), 'the reply marked stopped');
    const partial = await replyText(page);
    assert.ok(partial.length >= later.length, 'the partial text stays');
    assert.ok(!partial.includes('word120'), 'the reply did stop before its end');
    await sleep(1000);
    assert.equal(await replyText(page), partial, 'nothing more arrives after Stop');
    await expectVisible(page.getByTestId('send-message'), 'Send after stopping');
    assert.equal((await page.getByTestId('remaining-today').innerText()).trim(), `${LIMIT - 2} messages left today`);

    // After a reload the history says the same.
    await page.reload();
    await waitReplyStatus(page, 'stopped');
    assert.equal(await replyText(page), partial, 'the stopped reply is saved as it was');
    assert.equal(await page.locator('[data-testid="message"][data-status="done"][data-role="assistant"]').count(), 1);

    // The key went to the provider, never back to the page.
    assert.ok(stub.requests.length >= 2, 'the stub was asked twice');
    assert.equal(stub.requests[0].authorization, `Bearer ${API_KEY}`, 'the provider got the key');
    assert.equal(stub.requests[0].body.model, 'stub');

    // 6. Dark, phone-sized.
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'chat-05-chat-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectVisible(page.getByTestId('message-input'), 'the message box on a phone');
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    assert.ok(fits, 'no sideways scrolling on a phone');
    await shot(page, 'chat-06-chat-phone-dark');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-nav-models').click();
    await expectVisible(page.getByTestId('provider-list'), 'providers on a phone');
    await shot(page, 'chat-07-providers-phone-dark');
    await page.setViewportSize({ width: 1100, height: 860 });
    await page.emulateMedia({ colorScheme: 'light' });

    // 7. At the daily limit: refused in the server's words, the text stays in the box.
    await apiCall(page, 'PATCH', `/users/${me.body.id}`, { dailyMessageLimit: 2 });
    await page.goto(chatUrl);
    await expectVisible(page.getByTestId('remaining-today').filter({ hasText: 'No messages left today' }), 'no messages left');
    const countBefore = await page.getByTestId('message').count();
    await box.fill('One more, please');
    await box.press('Enter');
    await expectVisible(page.getByTestId('chat-send-error'), 'the daily limit message');
    assert.match(await page.getByTestId('chat-send-error').innerText(), /again/i, 'it says when the count starts again');
    assert.equal(await box.inputValue(), 'One more, please', 'the refused message stays in the box');
    assert.equal(await page.getByTestId('message').count(), countBefore, 'no message added for a refusal');
    await shot(page, 'chat-08-limit-light');

    // 8. Remove the provider.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-nav-models').click();
    const row2 = page.locator('[data-testid="provider-item"][data-name="Stub"]');
    await row2.getByRole('button', { name: 'Remove Stub' }).click();
    await row2.getByTestId('provider-remove-confirm').click();
    await expectVisible(page.getByTestId('providers-empty'), 'no providers after removing it');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'chat-failure').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${server.output().slice(-3000)}`;
    throw err;
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// A second server, multi-user: the owner (admin, the host session), mia (manager), bob
// (default, with a daily limit); the stub's model in the workspace "Team" of all three.

const OWNER = 'owner';
const OWNER_PASSWORD = 'amber-lantern-quiet-harbor';
const MIA = 'mia';
const MIA_PASSWORD = 'maple-window-silver-tide';
const BOB = 'bob';
const BOB_PASSWORD = 'river-stone-apple-cloud';
const BOB_LIMIT = 20;

/** The body of a 2xx answer of apiCall (else a failure that says what was refused). */
function ok(res, what) {
  assert.ok(res.status >= 200 && res.status < 300, `${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let teamReady = null;
/** The multi-user server, set up once by the first test that needs it. */
const team = () => (teamReady ??= setUpTeam());

async function setUpTeam() {
  const srv = await startServer();
  moreServers.push(srv);
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(srv.hostLoginUrl);
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the workspace list after host login');
  ok(await apiCall(page, 'POST', '/mode', { mode: 'multi', admin: { username: OWNER, password: OWNER_PASSWORD } }), 'the switch to multi-user');
  const me = ok(await apiCall(page, 'GET', '/me'), 'the owner');
  const provider = ok(await apiCall(page, 'POST', '/providers', { name: 'Stub', baseUrl: stub.baseUrl, apiKey: API_KEY }), 'the stub provider');
  const model = ok(await apiCall(page, 'GET', '/models'), 'the models').items.find((m) => m.backend === provider.id);
  assert.ok(model, 'the stub’s model is listed');
  const ws = ok(await apiCall(page, 'POST', '/workspaces', { name: 'Team' }), 'the workspace');
  ok(await apiCall(page, 'PATCH', `/workspaces/${ws.slug}`, { model: model.id }), 'the workspace’s model');
  const bob = ok(
    await apiCall(page, 'POST', '/users', { username: BOB, password: BOB_PASSWORD, role: 'default', dailyMessageLimit: BOB_LIMIT }),
    'bob',
  );
  const mia = ok(await apiCall(page, 'POST', '/users', { username: MIA, password: MIA_PASSWORD, role: 'manager' }), 'mia');
  ok(await apiCall(page, 'PUT', `/workspaces/${ws.slug}/members`, { userIds: [me.id, bob.id, mia.id] }), 'the members');
  await page.reload();
  await expectVisible(page.getByTestId('nav-users'), 'the admin menus in multi-user mode');
  return { server: srv, page, slug: ws.slug };
}

/** A new browser signed in as `username` through the login form. */
async function signIn(t, username, password, problems) {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);
  await page.goto(`${t.server.baseUrl}/`);
  const form = page.getByTestId('login-form');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), `${username}’s workspaces`);
  return { ctx, page };
}

const newThread = async (page, slug, title) => ok(await apiCall(page, 'POST', `/workspaces/${slug}/threads`, { title }), `the thread "${title}"`);

/** Sends messages one after the other through the API, each read to the end of its reply. */
function sendAll(page, threadId, contents) {
  return page.evaluate(
    async ([id, contents]) => {
      const out = [];
      for (const content of contents) {
        for (let attempt = 0; ; attempt++) {
          const r = await fetch(`/api/v1/threads/${id}/messages`, {
            method: 'POST',
            headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', 'X-Hearth-CSRF': '1' },
            credentials: 'same-origin',
            body: JSON.stringify({ content }),
          });
          const text = await r.text();
          // The reply before may still be closing.
          if (r.status === 409 && attempt < 50) {
            await new Promise((res) => setTimeout(res, 100));
            continue;
          }
          out.push(r.ok && /event: ?done/.test(text) ? 'ok' : `${r.status} ${text.slice(0, 300)}`);
          break;
        }
      }
      return out;
    },
    [threadId, contents],
  );
}

/** Sends a message through the API without waiting for its reply (it stays in the page). */
function sendInBackground(page, threadId, content) {
  return page.evaluate(
    ([id, content]) => {
      window.__replies ??= [];
      window.__replies.push(
        fetch(`/api/v1/threads/${id}/messages`, {
          method: 'POST',
          headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', 'X-Hearth-CSRF': '1' },
          credentials: 'same-origin',
          body: JSON.stringify({ content }),
        })
          .then((r) => r.text())
          .catch(() => ''),
      );
    },
    [threadId, content],
  );
}

async function waitQueueLength(page, n) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const q = ok(await apiCall(page, 'GET', '/queue'), 'the queue');
    if (q.items.length === n) return q.items;
    if (Date.now() > deadline) throw new Error(`Expected ${n} items in the queue, got ${JSON.stringify(q.items)}`);
    await sleep(100);
  }
}

const remainingText = (n) => `${n} ${n === 1 ? 'message' : 'messages'} left today`;
const remainingNow = async (page) => (await page.getByTestId('remaining-today').innerText()).trim();
const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('regenerate replaces the last reply; older messages load in pages', async () => {
  const problems = [];
  const t = await team();
  watchPage(t.page, problems);
  const { ctx, page } = await signIn(t, BOB, BOB_PASSWORD, problems);
  const owner = t.page;

  try {
    // 1. Bob's chat: a reply, then Regenerate.
    const thread = await newThread(page, t.slug, 'Regenerate me');
    await page.goto(`${t.server.baseUrl}/workspaces/${t.slug}/threads/${thread.id}`);
    await expectVisible(page.getByTestId('chat-empty'), 'the empty chat');
    const used = ok(await apiCall(page, 'GET', '/me/usage'), 'bob’s usage').usedToday;
    const left = BOB_LIMIT - used;
    assert.equal(await remainingNow(page), remainingText(left));
    assert.equal(await page.getByTestId('regenerate-reply').count(), 0, 'nothing to regenerate in an empty chat');

    const box = page.getByTestId('message-input');
    await box.fill('Please count for me');
    await box.press('Enter');
    await waitReplyLonger(page, 0, 'the first reply');
    assert.ok(
      await page.evaluate(
        () => !document.querySelector('[data-status="streaming"]') || !document.querySelector('[data-testid="regenerate-reply"]'),
      ),
      'no Regenerate while a reply streams',
    );
    await waitReplyStatus(page, 'done');
    const first = await replyText(page);
    const n = Number(/^Answer number (\d+)\.$/.exec(first)?.[1]);
    assert.ok(n > 0, `the first reply: "${first}"`);
    assert.equal(await remainingNow(page), remainingText(left - 1));
    const regen = lastReply(page).getByTestId('regenerate-reply');
    await expectVisible(regen, 'Regenerate on the last reply');
    assert.equal(await page.getByTestId('regenerate-reply').count(), 1, 'Regenerate only on the last reply');
    await shot(page, 'chat-09-regenerate-before-light');

    await regen.click();
    // The old reply goes at once; the new one streams in its place.
    await page.waitForFunction((old) => !document.body.innerText.includes(old), first);
    await expectVisible(page.getByTestId('stop-reply'), 'Stop while the new reply streams');
    await waitReplyStatus(page, 'done');
    assert.equal(await replyText(page), `Answer number ${n + 1}.`, 'the new reply replaced the old one');
    assert.equal(await page.locator('[data-testid="message"][data-role="assistant"]').count(), 1, 'one reply');
    assert.equal(await page.locator('[data-testid="message"][data-role="user"]').count(), 1, 'one message');
    assert.equal(await remainingNow(page), remainingText(left - 2), 'a regenerated reply counts as a message');
    await shot(page, 'chat-10-regenerate-after-light');

    await page.reload();
    await waitReplyStatus(page, 'done');
    assert.equal(await replyText(page), `Answer number ${n + 1}.`, 'the history has the new reply only');
    assert.equal(await page.locator('[data-testid="message"][data-role="assistant"]').count(), 1);
    await expectVisible(lastReply(page).getByTestId('regenerate-reply'), 'Regenerate after a reload');

    // 2. A long thread (the owner has no daily limit): the newest 50 messages, then the rest.
    const long = await newThread(owner, t.slug, 'Long history');
    const sent = await sendAll(owner, long.id, Array.from({ length: 27 }, (_, i) => `Quick message ${i + 1}`));
    assert.deepEqual(sent.filter((r) => r !== 'ok'), [], 'every message answered');
    await owner.goto(`${t.server.baseUrl}/workspaces/${t.slug}/threads/${long.id}`);
    await expectVisible(owner.getByTestId('load-earlier'), '"Show earlier messages"');
    const messages = owner.getByTestId('message');
    assert.equal(await messages.count(), 50, 'the newest 50 messages');
    assert.equal((await messages.first().getByTestId('message-content').innerText()).trim(), 'Quick message 3');
    assert.match(await replyText(owner), /^Quick answer \d+\.$/);
    assert.ok(await owner.evaluate(() => window.scrollY > 0), 'the chat opens at its end');

    await owner.evaluate(() => window.scrollTo(0, 0));
    const topOf = (text) =>
      owner.evaluate((text) => {
        const el = [...document.querySelectorAll('[data-testid="message"]')].find(
          (m) => m.querySelector('[data-testid="message-content"]')?.textContent.trim() === text,
        );
        return el ? el.getBoundingClientRect().top : null;
      }, text);
    const before = await topOf('Quick message 3');
    await owner.getByTestId('load-earlier').click();
    await owner.waitForFunction(() => document.querySelectorAll('[data-testid="message"]').length === 54);
    await expectGone(owner.getByTestId('load-earlier'), '"Show earlier messages" at the thread’s start');
    assert.equal((await messages.first().getByTestId('message-content').innerText()).trim(), 'Quick message 1');
    const afterTop = await topOf('Quick message 3');
    assert.ok(Math.abs(afterTop - before) <= 3, `the messages shown stay in place (${before} → ${afterTop})`);
    assert.ok(await owner.evaluate(() => window.scrollY > 0), 'the older messages are above, out of view');
    await shot(owner, 'chat-11-earlier-messages-light');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'chat-failure-regenerate').catch(() => {});
    await shot(owner, 'chat-failure-earlier').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${t.server.output().slice(-3000)}`;
    throw err;
  } finally {
    await ctx.close();
  }
});

test('chat history, usage and queue screens', async () => {
  const problems = [];
  const t = await team();
  const owner = t.page;
  const bob = await signIn(t, BOB, BOB_PASSWORD, problems);
  const mia = await signIn(t, MIA, MIA_PASSWORD, problems);
  const pages = { owner, bob: bob.page, mia: mia.page };
  watchPage(owner, problems);

  try {
    // Something to find: bob's message with a prompt of several lines, and one of the owner's.
    const probe = ['Quick history probe from bob', 'line two', 'line three', 'line four', 'line five', 'line six'].join('\n');
    const bobThread = await newThread(bob.page, t.slug, 'Bob’s questions');
    assert.deepEqual(await sendAll(bob.page, bobThread.id, [probe]), ['ok']);
    const ownerThread = await newThread(owner, t.slug, 'Owner’s notes');
    assert.deepEqual(await sendAll(owner, ownerThread.id, ['Quick owner note']), ['ok']);

    // 1. Chat history (admin): the rows, a filter by user, the CSV of the filter.
    await owner.goto(`${t.server.baseUrl}/`);
    await owner.getByTestId('nav-chats').click();
    await expectVisible(owner.getByTestId('chats-table'), 'the chat history');
    const row = owner.getByTestId('chat-row').filter({ has: owner.getByTestId('chat-prompt').filter({ hasText: 'Quick history probe from bob' }) });
    await expectVisible(row, 'bob’s message in the chat history');
    assert.equal((await row.getByTestId('chat-user').innerText()).trim(), BOB);
    assert.equal((await row.getByTestId('chat-workspace').innerText()).trim(), 'Team');
    assert.equal((await row.getByTestId('chat-thread').innerText()).trim(), 'Bob’s questions');
    assert.match(await row.getByTestId('chat-response').innerText(), /^Quick answer \d+\.$/);
    assert.equal((await row.getByTestId('chat-status').innerText()).trim(), 'Done');
    await expectVisible(owner.locator('[data-testid="chat-row"][data-username="owner"]'), 'the owner’s messages too');
    // A long prompt is cut to a few lines until opened.
    const toggle = row.getByTestId('clamp-toggle');
    await expectVisible(toggle, '"Show all" on a long prompt');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.match(await row.getByTestId('chat-prompt').innerText(), /line six/);
    await shot(owner, 'chat-12-history-light');

    await owner.getByTestId('chats-user').fill(BOB);
    await owner.getByTestId('chats-apply').click();
    await owner.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="chat-row"]')];
      return rows.length > 0 && rows.every((r) => r.dataset.username === 'bob');
    });
    const csvHref = await owner.getByTestId('chats-csv').getAttribute('href');
    assert.equal(csvHref, '/api/v1/chats?format=csv&user=bob');
    const csv = await owner.evaluate(
      (href) => fetch(href).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() })),
      csvHref,
    );
    assert.equal(csv.status, 200);
    assert.match(csv.type, /^text\/csv/);
    assert.match(csv.text, /Quick history probe from bob/);
    assert.ok(!csv.text.includes('Quick owner note'), 'the CSV has only bob’s chats');

    // A default user: no menu entries, and "not allowed" from a direct address.
    for (const id of ['nav-chats', 'nav-usage']) assert.equal(await bob.page.getByTestId(id).count(), 0, `no ${id} for bob`);
    await expectVisible(bob.page.getByTestId('nav-queue'), 'the Queue menu for bob');
    await bob.page.goto(`${t.server.baseUrl}/admin/chats`);
    await expectVisible(bob.page.getByTestId('not-allowed'), 'not allowed on /admin/chats');
    const denied = await bob.page.evaluate(() => fetch('/api/v1/chats').then(async (r) => ({ status: r.status, body: await r.json() })));
    assert.equal(denied.status, 403);
    assert.ok((await bob.page.getByTestId('not-allowed-message').innerText()).includes(denied.body.error.message));
    assert.equal(await bob.page.getByTestId('chats-table').count(), 0);
    await bob.page.goto(`${t.server.baseUrl}/admin/usage`);
    await expectVisible(bob.page.getByTestId('not-allowed'), 'not allowed on /admin/usage');

    // 2. Usage (a manager): bob's count today, when it starts again, the CSV.
    const bobUsage = ok(await apiCall(bob.page, 'GET', '/me/usage'), 'bob’s usage');
    assert.ok(bobUsage.usedToday >= 1);
    await expectVisible(mia.page.getByTestId('nav-chats'), 'Chat history for a manager');
    await mia.page.getByTestId('nav-usage').click();
    await expectVisible(mia.page.getByTestId('usage-table'), 'the usage table');
    const bobRow = mia.page.locator('[data-testid="usage-row"][data-username="bob"]');
    assert.equal((await bobRow.getByTestId('usage-used-today').innerText()).trim(), String(bobUsage.usedToday));
    assert.equal((await bobRow.getByTestId('usage-limit').innerText()).trim(), String(BOB_LIMIT));
    assert.equal((await bobRow.getByTestId('usage-remaining').innerText()).trim(), String(BOB_LIMIT - bobUsage.usedToday));
    assert.equal((await bobRow.getByTestId('usage-messages').innerText()).trim(), String(bobUsage.usedToday));
    assert.match(await mia.page.getByTestId('usage-resets').innerText(), /00:00 UTC/);
    const miaRow = mia.page.locator('[data-testid="usage-row"][data-username="mia"]');
    assert.equal((await miaRow.getByTestId('usage-limit').innerText()).trim(), 'No limit');
    const usageCsv = await mia.page.evaluate(async () => {
      const href = document.querySelector('[data-testid="usage-csv"]').getAttribute('href');
      const r = await fetch(href);
      return { href, status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    });
    assert.match(usageCsv.href, /^\/api\/v1\/usage\?format=csv&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    assert.equal(usageCsv.status, 200);
    assert.match(usageCsv.type, /^text\/csv/);
    assert.match(usageCsv.text, /^user_id,username/);
    assert.match(usageCsv.text, /^"?[0-9a-f-]+"?,"?bob"?,/m);
    await shot(mia.page, 'chat-13-usage-light');

    // 3. The queue, paused by the owner: bob sees the owner's waiting message only as
    // "Someone's message", his own with its text and Cancel.
    await owner.getByTestId('nav-queue').click();
    await expectVisible(owner.getByTestId('queue-controls'), 'Pause and Resume for the admin');
    await owner.getByTestId('queue-pause').click();
    await expectVisible(owner.getByTestId('queue-notice'), 'the queue paused');
    await sendInBackground(owner, ownerThread.id, 'Slow plan: the secret recipe');
    await waitQueueLength(owner, 1);
    await sendInBackground(bob.page, bobThread.id, 'Slow question from bob');
    await waitQueueLength(owner, 2);

    await bob.page.goto(`${t.server.baseUrl}/`);
    await bob.page.getByTestId('nav-queue').click();
    await expectVisible(bob.page.getByTestId('queue-list'), 'the queue for bob');
    const others = bob.page.locator('[data-testid="queue-item"][data-mine="false"]');
    const bobsOwn = bob.page.locator('[data-testid="queue-item"][data-mine="true"]');
    await expectVisible(others, 'the owner’s waiting message');
    await expectVisible(bobsOwn, 'bob’s waiting message');
    assert.equal((await others.getByTestId('queue-label').innerText()).trim(), 'Someone’s message');
    assert.match((await others.getByTestId('queue-place').innerText()).trim(), /^Waiting: [12] of 2$/);
    assert.equal(await others.getByTestId('queue-cancel').count(), 0, 'no Cancel on someone else’s message');
    assert.ok(!(await bob.page.locator('main').innerText()).includes('secret recipe'), 'not the other message’s text');
    assert.match(await bobsOwn.getByTestId('queue-label').innerText(), /Slow question from bob/);
    assert.match((await bobsOwn.getByTestId('queue-place').innerText()).trim(), /^Waiting: [12] of 2$/);
    assert.equal(await bob.page.getByTestId('queue-controls').count(), 0, 'no Pause for a default user');
    await expectVisible(bob.page.getByTestId('queue-paused'), 'bob is told the queue is paused');
    await shot(bob.page, 'chat-14-queue-bob-light');
    // The admin may cancel either.
    await owner.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]').length === 2);
    assert.equal(await owner.getByTestId('queue-cancel').count(), 2, 'Cancel on every item for the admin');
    await shot(owner, 'chat-15-queue-admin-light');

    // Bob cancels his; the owner resumes, and bob's screen (polling) shows the other one running.
    await bobsOwn.getByTestId('queue-cancel').click();
    await expectGone(bobsOwn, 'bob’s cancelled message');
    await owner.getByTestId('queue-resume').click();
    await expectVisible(others.getByTestId('queue-place').getByText('Running', { exact: true }), 'the other message running, on bob’s screen');
    ok(await apiCall(owner, 'POST', `/threads/${ownerThread.id}/stop`), 'stopping the owner’s reply');
    await expectVisible(bob.page.getByTestId('queue-empty'), 'an empty queue on bob’s screen');

    // Leaving the screen stops its polling.
    let polls = 0;
    bob.page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/v1/queue') polls++;
    });
    await bob.page.getByTestId('nav-workspaces').click();
    await expectVisible(bob.page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'bob’s workspaces');
    polls = 0;
    await sleep(4500);
    assert.equal(polls, 0, 'no queue requests once the screen is gone');

    // 4. Phone width: no sideways scrolling on the new screens.
    await owner.setViewportSize({ width: 390, height: 844 });
    for (const [nav, testId, name] of [
      ['nav-queue', 'queue-screen', 'queue'],
      ['nav-chats', 'chats-table', 'history'],
      ['nav-usage', 'usage-table', 'usage'],
    ]) {
      await owner.getByTestId(nav).click();
      await expectVisible(owner.getByTestId(testId), `the ${name} screen on a phone`);
      assert.ok(await noSidewaysScroll(owner), `no sideways scrolling on the ${name} screen at 390 px`);
      await shot(owner, `chat-16-${name}-phone-light`);
    }
    await owner.setViewportSize({ width: 1100, height: 860 });

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    for (const [name, p] of Object.entries(pages)) await shot(p, `chat-failure-admin-${name}`).catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${t.server.output().slice(-3000)}`;
    throw err;
  } finally {
    await bob.ctx.close();
    await mia.ctx.close();
  }
});

test('memories: remember this, edit, add, remove; sent to the model; private; download my data', async () => {
  const problems = [];
  const t = await team();
  const owner = t.page;
  watchPage(owner, problems);
  const bob = await signIn(t, BOB, BOB_PASSWORD, problems);
  const page = bob.page;
  const memories = async () => ok(await apiCall(page, 'GET', '/me/memories'), 'bob’s memories');
  /** The request the stub got for the reply to `content` (the last user message it was sent). */
  const requestFor = (content) =>
    stub.requests.filter((r) => (r.body.messages ?? []).filter((m) => m.role === 'user').pop()?.content === content).pop();
  const systemOf = (req) =>
    (req?.body.messages ?? [])
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n');
  const doneReplies = page.locator('[data-testid="message"][data-role="assistant"][data-status="done"]');
  /** Sends `text` from the message box and waits for its reply to end (the `n`th one). */
  const sendAndWait = async (text, n) => {
    const box = page.getByTestId('message-input');
    await box.fill(text);
    await box.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="message"][data-role="assistant"][data-status="done"]').length === n,
      n,
    );
    await expectVisible(page.getByTestId('send-message'), 'Send once the reply has ended');
  };
  const userMessage = (text) =>
    page.locator('[data-testid="message"][data-role="user"]').filter({ has: page.getByTestId('message-content').getByText(text, { exact: true }) });

  try {
    // 1. Bob's chat: a message, then "Remember this" on it (its text, the message as source).
    const thread = await newThread(page, t.slug, 'About me');
    const chatUrl = `${t.server.baseUrl}/workspaces/${t.slug}/threads/${thread.id}`;
    await page.goto(chatUrl);
    await expectVisible(page.getByTestId('chat-empty'), 'the empty chat');
    assert.deepEqual((await memories()).items, [], 'bob has no memories yet');
    const NOTE = 'Quick note: my cat is called Pixel';
    await sendAndWait(NOTE, 1);
    assert.doesNotMatch(systemOf(requestFor(NOTE)), /Pixel/, 'no memories went with the first message');
    await expectVisible(lastReply(page).getByTestId('remember-message'), '"Remember this" on a reply that has ended');
    const mine = userMessage(NOTE);
    const remember = mine.getByTestId('remember-message');
    await expectVisible(remember, '"Remember this" on bob’s message');
    await remember.click();
    await expectVisible(mine.getByTestId('remember-done'), 'the confirmation that it was remembered');
    assert.equal((await remember.innerText()).trim(), 'Remembered');
    const history = ok(await apiCall(page, 'GET', `/threads/${thread.id}/messages`), 'the thread’s messages').items;
    const noteMessage = history.find((m) => m.role === 'user' && m.content === NOTE);
    let list = (await memories()).items;
    assert.equal(list.length, 1);
    assert.equal(list[0].content, NOTE);
    assert.equal(list[0].sourceMessageId, noteMessage.id, 'the memory records the message it came from');
    await shot(page, 'chat-19-remember-light');

    // A message longer than a memory: prefilled in a form, shortened before it is saved.
    const LONG = `Quick long story: ${'once upon a time '.repeat(130)}`;
    await sendAndWait(LONG, 2);
    const longMessage = userMessage(LONG.trim());
    await longMessage.getByTestId('remember-message').click();
    const form = longMessage.getByTestId('remember-form');
    await expectVisible(form, 'the form to shorten a long message');
    const input = form.getByTestId('remember-input');
    assert.equal(await input.inputValue(), LONG.trim(), 'the message’s text, trimmed, prefilled');
    assert.match(await form.getByTestId('remember-input-count').innerText(), /too many/);
    await form.getByTestId('remember-save').click();
    await expectVisible(form.getByTestId('remember-error'), 'an error while it is too long');
    assert.equal((await memories()).items.length, 1, 'nothing saved while too long');
    await shot(page, 'chat-20-remember-long-light');
    await input.fill('I like long stories, told short');
    assert.doesNotMatch(await form.getByTestId('remember-input-count').innerText(), /too many/);
    await form.getByTestId('remember-save').click();
    await expectVisible(longMessage.getByTestId('remember-done'), 'the shortened memory remembered');
    await expectGone(form, 'the form once saved');
    const [storyMemory, catMemory] = (await memories()).items;
    assert.equal(storyMemory.content, 'I like long stories, told short');
    assert.equal(catMemory.content, NOTE);
    /** A memory's row (by id: while it is edited, its text is in a text box). */
    const row = (m) => page.locator(`[data-testid="memory-item"][data-id="${m.id}"]`);

    // 2. Settings → Memories, from the confirmation's link: newest first, edit, add, remove.
    await longMessage.getByTestId('remember-done').getByRole('link', { name: 'Your memories' }).click();
    await expectVisible(page.getByTestId('memories-settings'), 'Settings → Memories');
    assert.equal(new URL(page.url()).pathname, '/settings/memories');
    assert.match(await page.getByTestId('memories-about').innerText(), /with every message/);
    assert.match(await page.getByTestId('memories-about').innerText(), /Only you see them/);
    const items = page.getByTestId('memory-item');
    await expectVisible(items, 'the memories');
    assert.deepEqual(await items.getByTestId('memory-content').allInnerTexts(), ['I like long stories, told short', NOTE]);
    assert.match(await items.nth(1).innerText(), /from a chat/);

    const cat = row(catMemory);
    await cat.getByTestId('memory-edit').click();
    const edit = cat.getByTestId('memory-edit-input');
    await expectVisible(edit, 'the memory in a text box');
    assert.equal(await edit.inputValue(), NOTE);
    await edit.fill('   ');
    await cat.getByTestId('memory-edit-save').click();
    await expectVisible(cat.getByTestId('memory-edit-error'), 'an error for an empty memory');
    const CAT = 'My cat is called Pixel and she is nine';
    await edit.fill(CAT);
    await cat.getByTestId('memory-edit-save').click();
    await expectVisible(cat.getByTestId('memory-content').getByText(CAT, { exact: true }), 'the edited memory');

    const add = page.getByTestId('memory-add-form');
    await add.getByLabel('New memory').fill('x'.repeat(2001));
    assert.match(await add.getByTestId('memory-add-input-count').innerText(), /too many/);
    await add.getByTestId('memory-add-submit').click();
    await expectVisible(add.getByTestId('memory-add-error'), 'an error for a memory over 2,000 characters');
    assert.equal(await items.count(), 2, 'nothing added');
    const CITY = 'I live in Lyon and work nights';
    await add.getByLabel('New memory').fill(CITY);
    await add.getByTestId('memory-add-submit').click();
    await expectVisible(add.getByTestId('memory-add-success'), 'the memory added');
    assert.equal(await add.getByLabel('New memory').inputValue(), '', 'the box is emptied');
    assert.equal((await items.first().getByTestId('memory-content').innerText()).trim(), CITY, 'the new one first');
    assert.equal((await page.getByTestId('memory-count').innerText()).trim(), '3');
    await shot(page, 'chat-21-memories-light');

    const story = row(storyMemory);
    await story.getByTestId('memory-remove').click();
    await expectVisible(story.getByTestId('memory-remove-confirm'), 'the confirmation before removing');
    await story.getByTestId('memory-remove-cancel').click();
    await expectGone(story.getByTestId('memory-remove-confirm'), 'the confirmation after Cancel');
    assert.equal(await items.count(), 3, 'Cancel keeps it');
    await story.getByTestId('memory-remove').click();
    await story.getByTestId('memory-remove-confirm-button').click();
    await expectGone(story, 'the removed memory');

    await page.reload();
    await expectVisible(items, 'the memories after a reload');
    assert.deepEqual(await items.getByTestId('memory-content').allInnerTexts(), [CITY, CAT]);
    list = (await memories()).items;
    assert.deepEqual(
      list.map((m) => m.content),
      [CITY, CAT],
    );
    assert.equal(list[1].sourceMessageId, noteMessage.id, 'an edit keeps the source');
    assert.equal(list[0].sourceMessageId, null);

    // At 390 px: no sideways scrolling, with a memory open for editing too.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling on Memories at 390 px');
    await items.first().getByTestId('memory-edit').click();
    await expectVisible(page.getByTestId('memory-edit-form'), 'the edit form on a phone');
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling while editing at 390 px');
    await shot(page, 'chat-22-memories-phone-light');
    await page.keyboard.press('Escape');
    await expectGone(page.getByTestId('memory-edit-form'), 'the edit form after Escape');
    await page.setViewportSize({ width: 1100, height: 860 });

    // 3. The next message takes the remaining memories to the model, in its system message.
    await page.goto(chatUrl);
    await expectVisible(doneReplies, 'the chat again');
    const PROBE = 'Quick question: what do you know about me?';
    await sendAndWait(PROBE, 3);
    const sent = requestFor(PROBE);
    assert.ok(sent, 'the stub got the message');
    const system = systemOf(sent);
    assert.ok(system.includes(CAT), `the edited memory went to the model: ${system}`);
    assert.ok(system.includes(CITY), `the added memory went to the model: ${system}`);
    assert.ok(!system.includes('long stories'), 'not the removed memory');
    assert.ok(!system.includes(NOTE), 'not the memory’s text before the edit');

    // 4. Someone else (the admin) sees none of them and cannot touch them.
    await owner.goto(`${t.server.baseUrl}/settings/memories`);
    await expectVisible(owner.getByTestId('memories-empty'), 'no memories for the admin');
    assert.ok(!(await owner.locator('main').innerText()).includes('Pixel'), 'not bob’s memories');
    assert.deepEqual(ok(await apiCall(owner, 'GET', '/me/memories'), 'the admin’s memories').items, []);
    const bobsCat = list[1];
    assert.equal((await apiCall(owner, 'PATCH', `/me/memories/${bobsCat.id}`, { content: 'changed' })).status, 404);
    assert.equal((await apiCall(owner, 'DELETE', `/me/memories/${bobsCat.id}`)).status, 404);
    assert.equal(
      (await apiCall(owner, 'POST', '/me/memories', { content: 'stolen', sourceMessageId: noteMessage.id })).status,
      404,
      'a memory from someone else’s message is refused',
    );
    assert.deepEqual((await memories()).items.map((m) => m.content), [CITY, CAT], 'bob’s memories unchanged');

    // 5. Settings → Profile: "Download my data", a zip.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-nav-profile').click();
    const download = page.getByTestId('download-backup');
    await expectVisible(download, '"Download my data"');
    assert.equal(await download.getAttribute('href'), '/api/v1/me/backup');
    assert.notEqual(await download.getAttribute('download'), null, 'a download link');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    assert.match(file.suggestedFilename(), /\.zip$/);
    const zip = await page.evaluate(async (href) => {
      const r = await fetch(href);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        disposition: r.headers.get('content-disposition'),
        head: String.fromCharCode(bytes[0], bytes[1]),
        text: Array.from(bytes, (b) => String.fromCharCode(b)).join(''),
      };
    }, '/api/v1/me/backup');
    assert.equal(zip.status, 200);
    assert.match(zip.type ?? '', /^application\/zip/);
    assert.match(zip.disposition ?? '', /^attachment/);
    assert.equal(zip.head, 'PK', 'a zip file');
    assert.ok(zip.text.includes('memories.json'), 'the zip has memories.json');
    await shot(page, 'chat-23-download-light');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'chat-failure-memories').catch(() => {});
    await shot(owner, 'chat-failure-memories-admin').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${t.server.output().slice(-3000)}`;
    throw err;
  } finally {
    await bob.ctx.close();
  }
});

/** A 1×1 PNG: an image, whatever its name says. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('documents: upload with progress, indexed, refusals, search, sources under a reply, read-only for default users, remove', async () => {
  const problems = [];
  const t = await team();
  const owner = t.page;
  watchPage(owner, problems);
  const mia = await signIn(t, MIA, MIA_PASSWORD, problems);
  const bob = await signIn(t, BOB, BOB_PASSWORD, problems);
  const pages = { owner, mia: mia.page, bob: bob.page };
  const base = t.server.baseUrl;
  const TITLE = 'Kerbrat lighthouse keeping';
  const MARKDOWN = [
    `# ${TITLE}`,
    '',
    'The Kerbrat foghorn sounds twice every thirty seconds whenever visibility drops below one nautical mile. Keepers write <b>the log</b> by hand at dawn and dusk.',
    '',
    '## Lamp',
    '',
    'Its lamp turns once every twelve seconds and is seen from twenty miles out at sea.',
    '',
  ].join('\n');
  // About 200 KB, so that the upload takes a while at the throttled speed below; none of the
  // question's words are in it, so only the Markdown file answers the question.
  const TIDES = ['Harbour tide tables', '', ...Array.from({ length: 3000 }, (_, i) => `Tide table ${i + 1}: high water 06:12, low water 12:25, range 4.1 m.`)].join('\n');
  const QUESTION = 'How often does the Kerbrat foghorn sound?';
  const docsNow = async (page) => ok(await apiCall(page, 'GET', '/workspaces/library/documents'), 'the documents').items;
  const row = (page, fileName) =>
    page.getByTestId('document-item').filter({ has: page.getByTestId('document-file').getByText(fileName, { exact: true }) });

  try {
    // A workspace of its own ("Library", the stub's model) for the three of them.
    const teamWs = ok(await apiCall(owner, 'GET', `/workspaces/${t.slug}`), 'the team workspace');
    const lib = ok(await apiCall(owner, 'POST', '/workspaces', { name: 'Library' }), 'the library workspace');
    ok(await apiCall(owner, 'PATCH', `/workspaces/${lib.slug}`, { model: teamWs.model }), 'the library’s model');
    const members = ok(await apiCall(owner, 'GET', `/workspaces/${t.slug}/members`), 'the team’s members').items;
    ok(await apiCall(owner, 'PUT', `/workspaces/${lib.slug}/members`, { userIds: members.map((m) => m.id) }), 'the library’s members');
    assert.equal(lib.slug, 'library');

    // 1. Mia (a manager) opens the Documents tab: none yet, and the upload card.
    const page = mia.page;
    await page.goto(`${base}/workspaces/library`);
    await page.getByTestId('workspace-tab-documents').click();
    await expectVisible(page.getByTestId('documents-empty'), 'no documents yet');
    assert.equal(new URL(page.url()).pathname, '/workspaces/library/documents');
    assert.equal(await page.getByTestId('workspace-tab-documents').getAttribute('aria-current'), 'page');
    await expectVisible(page.getByTestId('doc-upload'), 'the upload card for a manager');

    // 2. A Markdown file and a text file at once, over a throttled connection: the progress bar
    // is seen part-way, and the request carries the CSRF header and the session cookie.
    const cdp = await mia.ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 128 * 1024 });
    const uploadRequest = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/workspaces/library/documents');
    await page.getByTestId('doc-upload-input').setInputFiles([
      { name: 'lighthouse.md', mimeType: 'text/markdown', buffer: Buffer.from(MARKDOWN) },
      { name: 'tides.txt', mimeType: 'text/plain', buffer: Buffer.from(TIDES) },
    ]);
    const progress = page.getByTestId('doc-upload-progress');
    await expectVisible(progress, 'the upload progress bar');
    const midway = await page.waitForFunction(() => {
      const v = Number(document.querySelector('[data-testid="doc-upload-progress"]')?.getAttribute('value'));
      return v > 0 && v < 100 ? `${v}% ${document.querySelector('[data-testid="doc-upload-progress-box"]')?.textContent}` : false;
    });
    assert.match(await midway.jsonValue(), /Uploading 2 files/, 'the bar part-way, with what is uploaded');
    await shot(page, 'chat-24-documents-uploading-light');
    const sent = await uploadRequest;
    const headers = await sent.allHeaders();
    assert.equal(headers['x-hearth-csrf'], '1', 'the upload sends the CSRF header');
    assert.match(headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.match(headers.cookie ?? '', /=/, 'the upload sends the session cookie');
    await expectVisible(page.getByTestId('doc-upload-success'), 'the upload done', 30_000);
    await expectGone(progress, 'the progress bar once uploaded');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Both become indexed without a reload (the list reads itself again while one is being read).
    const md = row(page, 'lighthouse.md');
    const txt = row(page, 'tides.txt');
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid="document-item"]')];
        return rows.length === 2 && rows.every((r) => r.dataset.status === 'indexed');
      },
      undefined,
      { timeout: 30_000 },
    );
    assert.equal((await md.getByTestId('document-title').innerText()).trim(), TITLE, 'the Markdown file’s heading is its title');
    assert.equal((await md.getByTestId('document-kind').innerText()).trim(), 'Markdown');
    assert.equal((await txt.getByTestId('document-kind').innerText()).trim(), 'Text');
    assert.match((await md.getByTestId('document-chunks').innerText()).trim(), /^\d+ passages?$/);
    assert.match((await txt.getByTestId('document-chunks').innerText()).trim(), /^\d[\d,]* passages$/);
    assert.match(await md.getByTestId('document-added').innerText(), / by mia$/);
    assert.equal((await md.getByTestId('document-status-label').innerText()).trim(), 'Ready');
    await shot(page, 'chat-25-documents-indexed-light');

    // 3. A PNG named .txt: refused for what it is, in words; nothing added (all or nothing).
    await page.getByTestId('doc-upload-input').setInputFiles([{ name: 'photo.txt', mimeType: 'text/plain', buffer: PNG }]);
    const refusal = page.getByTestId('doc-upload-error');
    await expectVisible(refusal, 'the refusal of an image');
    assert.match(await refusal.innerText(), /photo\.txt.*is not a document Hearth reads.*Nothing was uploaded/s);
    assert.equal(await page.getByTestId('document-item').count(), 2, 'no document added');
    assert.equal((await docsNow(page)).length, 2);

    // A file of blank lines is taken, then fails to be read: why, in words; Retry; Remove.
    await page.getByTestId('doc-upload-input').setInputFiles([{ name: 'blank.txt', mimeType: 'text/plain', buffer: Buffer.from(' \n\n   \n') }]);
    const blank = row(page, 'blank.txt');
    await expectVisible(page.locator('[data-testid="document-item"][data-status="failed"]'), 'the blank file failed', 30_000);
    assert.equal((await blank.getByTestId('document-status-label').innerText()).trim(), 'Could not be read');
    assert.equal((await blank.getByTestId('document-error').innerText()).trim(), 'Hearth could not read it: no text in this file.');
    await shot(page, 'chat-25b-documents-failed-light');
    const retried = page.waitForResponse((r) => r.request().method() === 'POST' && /\/documents\/[^/]+\/retry$/.test(new URL(r.url()).pathname));
    await blank.getByTestId('document-retry').click();
    const again = await (await retried).json();
    assert.equal(again.status, 'queued', 'Retry queues it again');
    await expectVisible(page.locator('[data-testid="document-item"][data-status="failed"]'), 'the blank file failed again', 30_000);
    await blank.getByTestId('document-remove').click();
    await blank.getByTestId('document-remove-confirm-button').click();
    await expectGone(blank, 'the blank file removed');
    assert.equal((await docsNow(page)).length, 2);

    // 4. Search: the best passage, its document's title and its text as plain text.
    const search = page.getByTestId('doc-search');
    await search.getByLabel('Words to look for').fill('foghorn');
    await search.getByTestId('doc-search-submit').click();
    const hit = search.getByTestId('search-hit').first();
    await expectVisible(hit, 'a search hit');
    assert.equal((await hit.getByTestId('search-hit-title').innerText()).trim(), TITLE);
    const snippet = await hit.getByTestId('search-hit-snippet').innerText();
    assert.match(snippet, /foghorn sounds twice/);
    assert.match(snippet, /<b>the log<\/b>/, 'HTML in a document shows as text');
    assert.equal(await search.locator('[data-testid="search-results"] b').count(), 0, 'no markup from a document');
    await shot(page, 'chat-26-documents-search-light');

    // 5. Bob (a default user): the list, read-only, and search.
    const bp = bob.page;
    await bp.goto(`${base}/workspaces/library/documents`);
    await expectVisible(bp.getByTestId('document-item'), 'the documents for bob');
    assert.equal(await bp.getByTestId('document-item').count(), 2);
    await expectVisible(bp.locator('[data-testid="document-item"][data-status="indexed"]'), 'their status for bob');
    assert.equal(await bp.getByTestId('doc-upload').count(), 0, 'no upload for a default user');
    assert.equal(await bp.getByTestId('doc-upload-input').count(), 0);
    assert.equal(await bp.getByTestId('document-remove').count(), 0, 'no Remove for a default user');
    assert.equal(await bp.getByTestId('document-retry').count(), 0, 'no Retry for a default user');
    await bp.getByTestId('doc-search').getByLabel('Words to look for').fill('lamp seconds');
    await bp.getByTestId('doc-search-submit').click();
    await expectVisible(bp.getByTestId('search-hit-title').getByText(TITLE), 'bob’s search hit');
    const forbidden = await bp.evaluate(async () => {
      const form = new FormData();
      form.append('file', new Blob(['# Mine\n\nhello']), 'mine.md');
      const r = await fetch('/api/v1/workspaces/library/documents', { method: 'POST', headers: { 'X-Hearth-CSRF': '1' }, body: form });
      return r.status;
    });
    assert.equal(forbidden, 403, 'the engine refuses a default user’s upload too');
    await shot(bp, 'chat-27-documents-bob-light');

    // 6. Bob asks what the Markdown file answers: "Sources" under the reply, live from the stream.
    const thread = await newThread(bp, 'library', 'Foghorn');
    await bp.goto(`${base}/workspaces/library/threads/${thread.id}`);
    await expectVisible(bp.getByTestId('chat-empty'), 'bob’s empty chat');
    const box = bp.getByTestId('message-input');
    await box.fill(QUESTION);
    await box.press('Enter');
    const sources = lastReply(bp).getByTestId('message-sources');
    await expectVisible(sources, 'Sources under the reply');
    assert.notEqual(await lastReply(bp).getAttribute('data-status'), 'done', 'the sources show while the reply is written');
    await waitReplyStatus(bp, 'done');
    const item = sources.getByTestId('source-item');
    assert.equal(await item.count(), 1, 'one source: the Markdown file');
    assert.equal((await item.getByTestId('source-title').innerText()).trim(), TITLE);
    assert.ok(!(await item.getByTestId('source-snippet').first().isVisible()), 'the passage is folded away at first');
    await item.locator('summary').click();
    await expectVisible(item.getByTestId('source-snippet'), 'the passage after expanding');
    const passage = await item.getByTestId('source-snippet').first().innerText();
    assert.match(passage, /foghorn sounds twice every thirty seconds/);
    assert.match(passage, /<b>the log<\/b>/, 'document text shows as text');
    assert.equal(await item.locator('b').count(), 0);
    const asked = stub.requests.filter((r) => (r.body.messages ?? []).some((m) => m.role === 'user' && m.content === QUESTION)).pop();
    const system = (asked?.body.messages ?? []).filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    assert.match(system, /foghorn sounds twice/, 'the passage went to the model');
    assert.doesNotMatch(system, /Tide table/, 'not the other document');
    await shot(bp, 'chat-28-sources-light');

    // After a reload the saved reply has its sources.
    await bp.reload();
    await waitReplyStatus(bp, 'done');
    const saved = lastReply(bp).getByTestId('source-item');
    await expectVisible(saved, 'the sources after a reload');
    assert.equal((await saved.getByTestId('source-title').innerText()).trim(), TITLE);
    await saved.locator('summary').click();
    await expectVisible(saved.getByTestId('source-snippet'), 'the passage after a reload');
    assert.match(await saved.getByTestId('source-snippet').first().innerText(), /foghorn sounds twice/);
    await bp.setViewportSize({ width: 390, height: 844 });
    assert.ok(await noSidewaysScroll(bp), 'no sideways scrolling on a reply with sources at 390 px');
    await shot(bp, 'chat-29-sources-phone-light');

    // 7. Mia removes the text file (after a confirmation): gone from the list and from search.
    await txt.getByTestId('document-remove').click();
    await expectVisible(txt.getByTestId('document-remove-confirm'), 'the confirmation before removing');
    await txt.getByTestId('document-remove-cancel').click();
    await expectGone(txt.getByTestId('document-remove-confirm'), 'the confirmation after Cancel');
    assert.equal(await page.getByTestId('document-item').count(), 2, 'Cancel keeps it');
    await txt.getByTestId('document-remove').click();
    await txt.getByTestId('document-remove-confirm-button').click();
    await expectGone(txt, 'the removed document');
    assert.deepEqual((await docsNow(page)).map((d) => d.fileName), ['lighthouse.md']);
    await search.getByLabel('Words to look for').fill('tide water');
    await search.getByTestId('doc-search-submit').click();
    await expectVisible(search.getByTestId('search-empty'), 'nothing found in the removed document');

    // At 390 px: the Documents tab, its upload card and list, without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await noSidewaysScroll(page), 'no sideways scrolling on the Documents tab at 390 px');
    await shot(page, 'chat-30-documents-phone-light');
    await page.setViewportSize({ width: 1100, height: 860 });

    // 8. The owner lowers the upload cap in Settings → System: a larger file is refused with the
    // cap in words. The provider's "replies at once" in Settings → Models.
    await owner.goto(`${base}/settings/system`);
    await expectVisible(owner.getByTestId('system-settings'), 'Settings → System');
    assert.equal(await owner.getByTestId('queue-per-user').inputValue(), '3');
    assert.equal(await owner.getByTestId('queue-total').inputValue(), '200');
    assert.equal(await owner.getByTestId('upload-max-mb').inputValue(), '50');
    await shot(owner, 'chat-31-system-settings-light');
    await owner.getByLabel('Largest upload (MB)').fill('1');
    await owner.getByRole('button', { name: 'Save' }).click();
    await expectVisible(owner.getByTestId('sign-in-settings-saved'), 'the system settings saved');
    assert.equal(ok(await apiCall(owner, 'GET', '/settings'), 'the settings').uploadMaxMb, 1);
    await page.getByTestId('doc-upload-input').setInputFiles([{ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(2 << 20, 'a') }]);
    await expectVisible(page.getByTestId('doc-upload-error').getByText(/larger than 1 MB/), 'the refusal of a file over the cap');
    assert.equal((await docsNow(page)).length, 1, 'nothing added');
    ok(await apiCall(owner, 'PATCH', '/settings', { uploadMaxMb: 50 }), 'the cap back');

    await owner.goto(`${base}/settings/models`);
    const provider = owner.getByTestId('provider-item').first();
    assert.equal((await provider.getByTestId('provider-concurrency-text').innerText()).trim(), '4 replies at once');
    await provider.getByTestId('provider-edit').click();
    await provider.getByLabel('Replies at once').fill('2');
    await provider.getByTestId('provider-edit-save').click();
    await expectVisible(provider.getByTestId('provider-concurrency-text').getByText('2 replies at once'), 'the new concurrency');
    assert.equal(ok(await apiCall(owner, 'GET', '/providers'), 'the providers').items[0].concurrency, 2);

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    for (const [name, p] of Object.entries(pages)) await shot(p, `chat-failure-documents-${name}`).catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${t.server.output().slice(-3000)}`;
    throw err;
  } finally {
    await mia.ctx.close();
    await bob.ctx.close();
  }
});

// ---------------------------------------------------------------------------------------------
// The real embedded starter model (SmolLM2-135M-Instruct, put in models/ by
// scripts/fetch-model.sh): no stub. Missing, it is a failure, not a skip.

const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models');
const STARTER = join(MODELS_DIR, 'SmolLM2-135M-Instruct-Q4_1.gguf');
/** Loading the model the first time and writing on a busy CPU take longer than a stub. */
const MODEL_TIMEOUT = 120_000;

test('the embedded starter model: tokens stream in, Stop, messages left', async () => {
  assert.ok(existsSync(STARTER), `the starter model is missing: ${STARTER} (run scripts/fetch-model.sh)`);
  const srv = await startServer({ env: { HEARTH_MODELS_DIR: MODELS_DIR } });
  moreServers.push(srv);
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);

  try {
    await page.goto(srv.hostLoginUrl);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the workspace list after host login');
    const me = ok(await apiCall(page, 'GET', '/me'), 'the owner');
    ok(await apiCall(page, 'PATCH', `/users/${me.id}`, { dailyMessageLimit: 3 }), 'the daily limit');
    const models = ok(await apiCall(page, 'GET', '/models'), 'the models').items;
    assert.ok(
      models.some((m) => m.backend === 'embedded' && /smollm2/i.test(m.id)),
      `the starter model is listed: ${JSON.stringify(models)}`,
    );

    // A workspace with the default model (null: the first available, the starter model).
    await createWorkspace(page, 'Starter');
    const ws = ok(await apiCall(page, 'GET', '/workspaces/starter'), 'the workspace');
    assert.equal(ws.model, null, 'the workspace uses the default model');
    // A shorter length cap than the default keeps the first reply (and this test) short.
    ok(await apiCall(page, 'PATCH', '/workspaces/starter', { maxTokens: 200 }), 'the reply length cap');
    await workspaceItem(page, 'Starter').getByRole('link', { name: 'Starter' }).click();
    await page.getByTestId('create-thread-form').getByLabel('Title').fill('Local model');
    await page.getByRole('button', { name: 'Start a chat' }).click();
    await page.getByTestId('thread-item').getByRole('link', { name: 'Local model' }).click();
    await expectVisible(page.getByTestId('chat-empty'), 'an empty chat');
    assert.match(await page.getByTestId('chat-model').innerText(), /Default: .*\(built in\)/i, 'the built-in model');
    assert.equal(await remainingNow(page), remainingText(3));

    // 1. Tokens arrive one after another: the text is seen at several lengths before it ends.
    const box = page.getByTestId('message-input');
    await box.fill('Write a short poem about the sea.');
    await box.press('Enter');
    const lengths = new Set();
    const deadline = Date.now() + MODEL_TIMEOUT;
    for (;;) {
      const state = await page.evaluate(() => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const last = replies[replies.length - 1];
        return { status: last?.dataset.status, length: last?.querySelector('[data-testid="message-content"]')?.textContent.length ?? 0 };
      });
      if (state.status === 'streaming' && state.length > 0) lengths.add(state.length);
      if (state.status === 'done' || state.status === 'failed' || state.status === 'stopped') {
        assert.equal(state.status, 'done', `the reply ended ${state.status}: ${await lastReply(page).innerText()}`);
        break;
      }
      if (Date.now() > deadline) throw new Error(`The starter model did not finish its reply in time (status ${state.status})`);
      await sleep(20);
    }
    assert.ok(lengths.size >= 2, `the reply streamed in (seen at ${lengths.size} lengths while streaming)`);
    const poem = await replyText(page);
    assert.ok(poem.length > 0, 'the reply has text');
    assert.match(await lastReply(page).getByTestId('message-model').innerText(), /built in/i);
    assert.equal(await remainingNow(page), remainingText(2));
    await shot(page, 'chat-17-starter-model-light');

    // 2. Stop a second reply while it is written: it ends stopped, its text so far kept.
    await box.fill('Count from 1 to 300, one number per line.');
    await box.press('Enter');
    await page.waitForFunction(
      () => {
        const replies = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const last = replies[replies.length - 1];
        return last?.dataset.status === 'streaming' && (last.querySelector('[data-testid="message-content"]')?.textContent.length ?? 0) > 0;
      },
      undefined,
      { timeout: MODEL_TIMEOUT, polling: 10 },
    );
    await page.getByTestId('stop-reply').click();
    await expectVisible(page.locator('[data-testid="message"][data-role="assistant"][data-status="stopped"]'), 'the reply stopped', MODEL_TIMEOUT);
    await expectVisible(lastReply(page).getByTestId('reply-stopped'), 'the reply marked stopped');
    const partial = await replyText(page);
    await sleep(1000);
    assert.equal(await replyText(page), partial, 'nothing more arrives after Stop');
    await expectVisible(page.getByTestId('send-message'), 'Send after stopping');
    assert.equal(await remainingNow(page), remainingText(1));
    await page.reload();
    await expectVisible(page.locator('[data-testid="message"][data-role="assistant"][data-status="stopped"]'), 'the stopped reply after a reload');
    assert.equal(await remainingNow(page), remainingText(1));
    await shot(page, 'chat-18-starter-model-stopped-light');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'chat-failure-starter').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${srv.output().slice(-3000)}`;
    throw err;
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Search by meaning: the real search embedder (all-MiniLM-L6-v2, put in models/ by
// scripts/fetch-embedder.sh) on a server given models/. Missing, it is a failure, not a skip.

const EMBEDDER_DIR = join(MODELS_DIR, 'all-MiniLM-L6-v2');
const EMBEDDER_ID = 'all-minilm-l6-v2';
const EMBEDDER_NAME = 'all-MiniLM-L6-v2';

test('documents: search by meaning with the local embedder (workspace setting, vectors made, a question in other words)', async () => {
  assert.ok(existsSync(join(EMBEDDER_DIR, 'model.safetensors')), `the embedder is missing: ${EMBEDDER_DIR} (run scripts/fetch-embedder.sh)`);
  const srv = await startServer({ env: { HEARTH_MODELS_DIR: MODELS_DIR } });
  moreServers.push(srv);
  const problems = [];
  const context = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);
  const ROUTER = "To reset the wireless router's password, hold its button down for ten seconds.";
  const BREAD = 'Knead the dough for eight minutes, then let it rise in a warm place until it has doubled in size.';
  const QUESTION = 'How do I change the WiFi key?';
  const row = (fileName) =>
    page.getByTestId('document-item').filter({ has: page.getByTestId('document-file').getByText(fileName, { exact: true }) });

  try {
    await page.goto(srv.hostLoginUrl);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the workspace list after host login');
    const me = ok(await apiCall(page, 'GET', '/me'), 'the owner');
    assert.equal(me.role, 'admin', 'the host is an admin');
    const embedders = ok(await apiCall(page, 'GET', '/embedders'), 'the embedders').items;
    assert.deepEqual(
      embedders.map((e) => [e.id, e.name, e.dimensions]),
      [[EMBEDDER_ID, EMBEDDER_NAME, 384]],
      'the embedder in models/ is listed',
    );
    await createWorkspace(page, 'Manuals');
    const ws = workspaceItem(page, 'Manuals');
    const form = ws.getByTestId('model-form');
    const select = form.getByLabel('Search documents by');

    // 1. With no embedder installed (the list answered empty here), the choice is disabled and
    // says which script installs it.
    await page.route('**/api/v1/embedders', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[],"next":null}' }));
    await ws.getByRole('button', { name: 'Model settings of Manuals' }).click();
    await expectVisible(form, 'the model settings form');
    await expectVisible(form.getByText(/files are not installed.*scripts\/fetch-embedder\.sh/), 'the hint that the embedder is not installed');
    assert.ok(await select.isDisabled(), 'the search choice is disabled without an embedder');
    assert.deepEqual(await select.locator('option').allInnerTexts(), ['Keywords only']);
    await shot(page, 'chat-32-workspace-search-missing-light');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expectGone(form, 'the form after Cancel');
    await page.unroute('**/api/v1/embedders');

    // 2. The admin chooses keywords and meaning, and saves: only `embedder` is sent.
    await ws.getByRole('button', { name: 'Model settings of Manuals' }).click();
    await expectVisible(form, 'the model settings form again');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="workspace-embedder"] option').length > 1);
    assert.ok(!(await select.isDisabled()), 'the search choice is enabled');
    assert.equal(await select.inputValue(), '', 'keywords only at first');
    assert.deepEqual(await select.locator('option').allInnerTexts(), ['Keywords only', `Keywords and meaning (${EMBEDDER_NAME})`]);
    assert.match(await form.getByTestId('workspace-search').innerText(), /Meaning finds passages that use other words than the question/);
    await select.selectOption({ label: `Keywords and meaning (${EMBEDDER_NAME})` });
    await shot(page, 'chat-33-workspace-search-light');
    const patched = page.waitForRequest((r) => r.method() === 'PATCH' && new URL(r.url()).pathname === '/api/v1/workspaces/manuals');
    await form.getByRole('button', { name: 'Save' }).click();
    assert.deepEqual((await patched).postDataJSON(), { embedder: EMBEDDER_ID }, 'only the search choice is sent');
    await expectGone(form, 'the form after saving');
    assert.equal(ok(await apiCall(page, 'GET', '/workspaces/manuals'), 'the workspace').embedder, EMBEDDER_ID);
    await ws.getByRole('button', { name: 'Model settings of Manuals' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="workspace-embedder"] option').length > 1);
    assert.equal(await select.inputValue(), EMBEDDER_ID, 'the choice kept');
    await form.getByRole('button', { name: 'Cancel' }).click();

    // 3. Two text files: both are read, then their vectors are made (the list reads itself
    // again until they are, then stops).
    await ws.getByRole('link', { name: 'Manuals' }).click();
    await page.getByTestId('workspace-tab-documents').click();
    await expectVisible(page.getByTestId('documents-empty'), 'no documents yet');
    const listReads = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/v1/workspaces/manuals/documents') listReads.push(Date.now());
    });
    let pendingSeen = false;
    await page.getByTestId('doc-upload-input').setInputFiles([
      { name: 'router.txt', mimeType: 'text/plain', buffer: Buffer.from(ROUTER) },
      { name: 'bread.txt', mimeType: 'text/plain', buffer: Buffer.from(BREAD) },
    ]);
    await expectVisible(page.getByTestId('doc-upload-success'), 'the upload done', 30_000);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const state = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="document-item"]')].map((r) => ({
          status: r.dataset.status,
          pending: !!r.querySelector('[data-testid="document-vectors-pending"]'),
          ready: !!r.querySelector('[data-testid="document-vectors-ready"]'),
        })),
      );
      if (state.some((s) => s.pending) && !pendingSeen) {
        pendingSeen = true;
        await shot(page, 'chat-34-documents-finding-meaning-light');
      }
      if (state.length === 2 && state.every((s) => s.status === 'indexed' && s.ready && !s.pending)) break;
      if (Date.now() > deadline) throw new Error(`The vectors were not made in time: ${JSON.stringify(state)}`);
      await sleep(50);
    }
    assert.equal((await row('router.txt').getByTestId('document-vectors-ready').innerText()).trim(), 'Searchable by meaning');
    assert.equal(await page.getByTestId('document-vectors-pending').count(), 0, 'nothing pending');
    const docs = ok(await apiCall(page, 'GET', '/workspaces/manuals/documents'), 'the documents').items;
    assert.deepEqual(docs.map((d) => d.embeddedWith), [EMBEDDER_ID, EMBEDDER_ID], 'both embedded with the workspace’s embedder');
    const router = docs.find((d) => d.fileName === 'router.txt');
    assert.ok(router, 'router.txt is listed');
    await shot(page, 'chat-35-documents-meaning-ready-light');
    const readsBefore = listReads.length;
    await sleep(5000);
    assert.equal(listReads.length, readsBefore, `the list stops reading itself once all vectors are made (pending seen: ${pendingSeen})`);

    // 4. A question that shares no word with the answer finds it first.
    const search = page.getByTestId('doc-search');
    await search.getByLabel('Words to look for').fill(QUESTION);
    await search.getByTestId('doc-search-submit').click();
    const first = search.getByTestId('search-hit').first();
    await expectVisible(first, 'a search hit for the question');
    assert.equal(await first.getAttribute('data-document-id'), router.id, 'router.txt is the first result');
    assert.match(await first.getByTestId('search-hit-snippet').innerText(), /wireless router's password/);
    await shot(page, 'chat-36-documents-meaning-search-light');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'chat-failure-meaning').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${srv.output().slice(-3000)}`;
    throw err;
  } finally {
    await context.close();
  }
});
