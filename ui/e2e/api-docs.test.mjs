// End-to-end: the API page (/api/docs), swagger-ui served by the binary itself, read by a
// signed-in user of a multi-user server: the operations and the description's Markdown,
// the filter, and "Try it out" running with that user's session (a GET, and a PATCH that
// needs the CSRF header). No request may leave the loopback server.
//
//   node --test e2e/api-docs.test.mjs   (binary from ../target/debug/hearth; HEARTH_BIN / HEARTH_CHROMIUM)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectVisible, launchBrowser, shot, startServer, TIMEOUT, watchPage } from './helpers.mjs';

const ADMIN = 'owner';
const ADMIN_PASSWORD = 'amber-lantern-quiet-harbor';
const ADA = 'ada';
const ADA_PASSWORD = 'violet-compass-morning-tide';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (server) await server.stop();
  }
});

/** A same-origin JSON call from the page, as the app makes it. */
function call(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p, {
        method: m,
        headers: { 'Content-Type': 'application/json', 'X-Hearth-CSRF': '1' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, body: await r.text() };
    },
    [method, path, body],
  );
}

/** The operation's block on the page (swagger-ui's deep-link id: operations-<tag>-<operationId>). */
const operation = (page, tag, id) => page.locator(`#operations-${tag}-${id}`);

test('the API page: Markdown, filter and "Try it out" as the signed-in user, all from the binary', async () => {
  const { baseUrl, hostLoginUrl } = server;

  // Set-up through the API: the host switches to multi-user and adds Ada.
  const hostCtx = await browser.newContext();
  const host = await hostCtx.newPage();
  host.setDefaultTimeout(TIMEOUT);
  await host.goto(hostLoginUrl);
  let r = await call(host, 'POST', '/api/v1/mode', { mode: 'multi', admin: { username: ADMIN, password: ADMIN_PASSWORD } });
  assert.equal(r.status, 200, `switch to multi-user: ${r.body}`);
  r = await call(host, 'POST', '/api/v1/users', { username: ADA, password: ADA_PASSWORD, role: 'default', displayName: 'Ada Lovelace' });
  assert.equal(r.status, 201, `create Ada: ${r.body}`);
  await hostCtx.close();

  const problems = [];
  const requests = [];
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
  try {
    // Ada signs in (the cookie lands in this browser context).
    const login = await ctx.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { username: ADA, password: ADA_PASSWORD },
      headers: { 'X-Hearth-CSRF': '1' },
    });
    assert.equal(login.status(), 200, `Ada's login: ${await login.text()}`);

    const page = await ctx.newPage();
    page.setDefaultTimeout(TIMEOUT);
    watchPage(page, problems);
    page.on('request', (req) => requests.push(req.url()));

    const res = await page.goto(`${baseUrl}/api/docs`);
    assert.equal(res?.status(), 200, 'GET /api/docs');
    const csp = res.headers()['content-security-policy'] || '';
    for (const d of ["default-src 'self'", "img-src 'self' data: blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      assert.ok(csp.split(/;\s*/).includes(d), `CSP on /api/docs should contain "${d}", got "${csp}"`);
    }
    assert.ok(!csp.includes('unsafe'), `no unsafe-* in the page's CSP: ${csp}`);

    // The document is rendered: title, the description's Markdown, every tag, the operations.
    await expectVisible(page.locator('.swagger-ui .info .title').getByText('Hearth API'), 'the API title');
    const info = page.locator('.swagger-ui .info .description');
    await expectVisible(info.locator('h2').getByText('Authentication', { exact: true }), 'the "## Authentication" heading as HTML');
    await expectVisible(info.locator('strong').getByText('Session cookie'), 'the **Session cookie** bold text');
    await expectVisible(info.locator('code').getByText('/api/v1', { exact: true }), 'the `/api/v1` code span');
    assert.equal(await info.getByText('## Authentication').count(), 0, 'no raw Markdown left');
    const spec = await page.evaluate(() => fetch('/api/openapi.json').then((x) => x.json()));
    const ops = Object.values(spec.paths).flatMap((item) =>
      Object.entries(item).filter(([k]) => ['get', 'post', 'put', 'patch', 'delete'].includes(k)).map(([, op]) => op),
    );
    const tags = new Set(ops.flatMap((op) => op.tags ?? []));
    await expectVisible(page.locator('.opblock-tag-section'), 'the tag sections');
    assert.equal(await page.locator('.opblock-tag-section').count(), tags.size, 'one section per tag');
    assert.equal(await page.locator('.opblock').count(), ops.length, 'every operation is listed');
    await expectVisible(operation(page, 'Me', 'getMe'), 'GET /me');

    // The filter (swagger-ui's: by tag or path): "Me" keeps the Me section and the sections
    // with a path containing "me" (members, memories), and hides the others.
    const filter = page.locator('.operation-filter-input');
    await expectVisible(filter, 'the filter box');
    await filter.fill('Me');
    await expectVisible(page.locator('#operations-tag-Me'), 'the Me section');
    await page.waitForFunction(() => !document.querySelector('#operations-tag-Public') && !document.querySelector('#operations-tag-Settings'));
    const shown = await page.locator('.opblock-tag-section h3').allInnerTexts();
    assert.ok(shown.length < tags.size, `the filter hides tags: ${shown.join(', ')}`);

    // "Try it out" on GET /me: 200 with Ada's own profile, by her session cookie.
    const getMe = operation(page, 'Me', 'getMe');
    await getMe.locator('.opblock-summary').first().click();
    await getMe.getByRole('button', { name: 'Try it out' }).click();
    await getMe.getByRole('button', { name: 'Execute' }).click();
    const live = getMe.locator('.live-responses-table');
    await expectVisible(live.locator('.response-col_status').getByText('200', { exact: true }), 'a 200 for GET /me');
    await expectVisible(getMe.locator('.request-url').getByText(`${baseUrl}/api/v1/me`), 'the request URL under /api/v1');
    const body = JSON.parse(await live.locator('.response-col_description pre.microlight').first().innerText());
    assert.equal(body.username, ADA, 'the profile is the caller\'s');
    assert.equal(body.displayName, 'Ada Lovelace');
    assert.equal(body.role, 'default');
    await shot(page, 'api-docs-light');

    // "Try it out" on PATCH /me: an unsafe method, so the page adds X-Hearth-CSRF: 1
    // (watchPage fails the test otherwise), and the change is Ada's.
    const patchMe = operation(page, 'Me', 'patchMe');
    await patchMe.locator('.opblock-summary').first().click();
    await patchMe.getByRole('button', { name: 'Try it out' }).click();
    await patchMe.locator('textarea.body-param__text').fill(JSON.stringify({ displayName: 'Ada King' }));
    const [patchReq] = await Promise.all([
      page.waitForRequest((q) => q.method() === 'PATCH' && q.url() === `${baseUrl}/api/v1/me`),
      patchMe.getByRole('button', { name: 'Execute' }).click(),
    ]);
    assert.equal(patchReq.headers()['x-hearth-csrf'], '1', 'the CSRF header on PATCH');
    await expectVisible(patchMe.locator('.live-responses-table .response-col_status').getByText('200', { exact: true }), 'a 200 for PATCH /me');
    const now = JSON.parse((await call(page, 'GET', '/api/v1/me')).body);
    assert.equal(now.displayName, 'Ada King', 'the PATCH changed Ada\'s own profile');

    // Everything the page asked for came from this server.
    assert.ok(requests.length > 3, `requests seen: ${requests.join(', ')}`);
    const away = requests.filter((u) => !u.startsWith(`${baseUrl}/`));
    assert.deepEqual(away, [], 'requests that left the loopback server');
    assert.ok(requests.some((u) => /\/assets\/swagger-ui-bundle-[\w-]+\.js$/.test(u)), 'swagger-ui from /assets/');

    // The dark theme follows the system's (or Hearth's own choice), with swagger-ui's dark styles.
    const dark = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'dark' });
    try {
      const dp = await dark.newPage();
      dp.setDefaultTimeout(TIMEOUT);
      watchPage(dp, problems);
      await dp.goto(`${baseUrl}/api/docs#/Public`);
      await expectVisible(dp.locator('.swagger-ui .info .title').getByText('Hearth API'), 'the API title (dark)');
      assert.ok(await dp.evaluate(() => document.documentElement.classList.contains('dark-mode')), 'html.dark-mode');
      await shot(dp, 'api-docs-dark');
    } finally {
      await dark.close();
    }

    assert.deepEqual(problems, [], 'CSP violations, script errors or unsafe calls without the CSRF header');
  } finally {
    await ctx.close();
  }
});
