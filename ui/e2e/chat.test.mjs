// End-to-end: chat against the real `hearth serve`, with the model provider as the one test
// double: a tiny OpenAI-compatible server started here (127.0.0.1, port 0) that streams its
// answers a few chunks a second. The host adds it in Settings → Models, picks its model for a
// workspace, chats (tokens stream in, the messages-left counter goes down), reloads in the
// middle of a slow reply (the page re-attaches) and stops it (the partial text stays).
// Then, on a second server switched to multi-user (an admin, a manager, a default user):
// Regenerate, older messages in pages, the chat history, usage and queue screens. Last, a
// third server with the real embedded starter model (models/, scripts/fetch-model.sh).
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
 * The stub provider. `requests` keeps what it was sent (for the Authorization check). What it
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
