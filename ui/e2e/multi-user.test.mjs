// End-to-end: switching to multi-user at the host, the LAN server panel, users and
// workspace access, the event log, and a second person signing in from another browser.
//
//   npm run test:e2e        (binary from ../target/debug/hearth; HEARTH_BIN / HEARTH_CHROMIUM)
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BIN,
  createWorkspace,
  expectGone,
  expectVisible,
  launchBrowser,
  createNetns,
  shot,
  startServer,
  TIMEOUT,
  watchPage,
  workspaceItem,
} from './helpers.mjs';

const ADMIN = 'owner';
const ADMIN_PASSWORD = 'amber-lantern-quiet-harbor';
const BOB = 'bob';
const BOB_PASSWORD = 'river-stone-apple-cloud';
// A valid 1×1 PNG for the avatar upload.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let server;
let browser;
let netns;
let lanBrowser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Bob's machine: a Chromium inside a network namespace of the test's own.
  netns = createNetns();
  lanBrowser = await netns.launchBrowser();
});

after(async () => {
  try {
    if (lanBrowser) await lanBrowser.close();
    if (browser) await browser.close();
  } finally {
    if (netns) netns.destroy();
    if (server) await server.stop();
  }
});

/** Signs in on the discreet login screen. */
async function loginDiscreet(page, username, password) {
  const form = page.getByTestId('login-form');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

function userItem(page, username) {
  return page.locator(`[data-testid="user-item"][data-username="${username}"]`);
}

test('share wizard, server panel, users, members, event log and a second user', async () => {
  const { baseUrl, hostLoginUrl } = server;
  const problems = [];
  const owner = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  const page = await owner.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);
  let bobCtx;
  let bob;
  let bobBase;

  try {
    // 1. The owner opens the host login link: a host session, single-user mode.
    await page.goto(hostLoginUrl);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the workspace list after host login');
    const status = await page.evaluate(() => fetch('/api/v1/status').then((r) => r.json()));
    assert.equal(status.host, true, 'the host-login link gives a host session');
    assert.equal(status.mode, 'single');
    await expectVisible(page.getByTestId('nav-share'), 'the Share menu item for the host');
    assert.equal(await page.getByTestId('nav-users').count(), 0, 'no Users menu in single-user mode');

    // 2. Share wizard: admin username + password, confirm, switch.
    await page.getByTestId('nav-share').click();
    await expectVisible(page.getByTestId('share-form'), 'the share wizard');
    await shot(page, 'mu-01-share-wizard-light');
    const form = page.getByTestId('share-form');
    await form.getByLabel('Admin username').fill(ADMIN);
    await form.getByLabel('Admin password', { exact: true }).fill(ADMIN_PASSWORD);
    await form.getByLabel('Confirm admin password').fill('something-else-entirely');
    await form.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(page.getByTestId('share-error'), 'an error for differing passwords');
    await form.getByLabel('Confirm admin password').fill(ADMIN_PASSWORD);
    await form.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(page.getByTestId('share-confirm'), 'the confirmation step');
    assert.match(await page.getByTestId('share-confirm').innerText(), /become the admin/i);
    assert.match(await page.getByTestId('share-confirm-accounts').innerText(), /Nobody else has an account yet/);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'share-confirm-submit'); // the focus in it
    await shot(page, 'mu-02-share-confirm-light');
    await page.getByRole('button', { name: 'Switch to multi-user' }).click();
    await expectVisible(page.getByTestId('share-done'), 'the "multi-user mode is on" confirmation');
    await expectVisible(page.getByTestId('server-panel'), 'the server panel after the switch');
    // "Hearth is shared" only once the network server runs.
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Multi-user mode is on' }), 'the heading before the server runs');
    const after = await page.evaluate(() => fetch('/api/v1/status').then((r) => r.json()));
    assert.equal(after.mode, 'multi', 'mode after the switch');

    // 3. Start the LAN server (port 0: any free port, so parallel runs never collide).
    await expectVisible(page.getByTestId('server-running').getByText('Stopped'), 'the stopped server');
    await page.getByTestId('server-port').fill('0');
    await page.getByRole('button', { name: 'Start the server' }).click();
    await expectVisible(page.getByTestId('server-running').getByText('Running'), 'the running server');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Hearth is shared' }), 'the heading once the server runs');
    const urls = await page.getByTestId('server-url-text').allInnerTexts();
    assert.ok(urls.length > 0, 'the server lists at least one address');
    for (const u of urls) assert.match(u, /^https?:\/\//, `address "${u}" is a URL`);
    const qr = page.getByTestId('server-qr').locator('img');
    await expectVisible(qr, 'the QR code');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="server-qr"] img');
      return img && img.complete && img.naturalWidth > 0;
    });
    // The address on the veth link to bob's machine is one of them.
    const lanUrl = urls.find((u) => u.startsWith(`http://${netns.hostIp}:`));
    assert.ok(lanUrl, `the server lists the LAN address ${netns.hostIp}: ${urls.join(', ')}`);
    bobBase = lanUrl.replace(/\/$/, '');
    // Pin the last address; it shows as pinned (and moves to the top: best first).
    const toPin = urls[urls.length - 1];
    await page.getByRole('button', { name: `Pin ${toPin} as the main address` }).click();
    const pinned = page.getByTestId('server-url').filter({ hasText: toPin });
    await expectVisible(pinned.getByTestId('server-url-pinned'), 'the pinned badge');
    await shot(page, 'mu-03-server-panel-light');

    // The menus now offer the admin screens, not the share wizard.
    await expectVisible(page.getByTestId('nav-users'), 'the Users menu');
    await expectVisible(page.getByTestId('nav-events'), 'the Event log menu');
    await expectVisible(page.getByTestId('nav-server'), 'the Sharing menu');
    assert.equal(await page.getByTestId('nav-share').count(), 0, 'no Share menu once shared');

    // 4. Workspaces "Team" and "Private".
    await page.getByTestId('nav-workspaces').click();
    await expectVisible(page.getByTestId('create-workspace-form'), 'the create workspace form');
    await createWorkspace(page, 'Team');
    await createWorkspace(page, 'Private');

    // 5. Users: create bob (default) with only "Team".
    await page.getByTestId('nav-users').click();
    await expectVisible(userItem(page, ADMIN), 'the admin in the users list');
    await page.getByRole('button', { name: '+ New user' }).click();
    const create = page.getByTestId('create-user-form');
    await create.getByLabel('Username').fill(BOB);
    await create.getByLabel('Display name (optional)').fill('Bob Baker');
    await create.getByLabel('Password', { exact: true }).fill(BOB_PASSWORD);
    assert.equal(await create.getByLabel('Role').inputValue(), 'default');
    await create.getByLabel('Team').check();
    await shot(page, 'mu-04-create-user-light');
    await create.getByRole('button', { name: 'Create user' }).click();
    await expectVisible(page.getByTestId('users-notice'), 'the "created" notice');
    const bobRow = userItem(page, BOB);
    await expectVisible(bobRow, 'bob in the users list');
    assert.equal((await bobRow.getByTestId('user-role').innerText()).trim(), 'Default');
    assert.match(await bobRow.getByTestId('user-workspaces').innerText(), /Workspaces: Team$/);
    assert.equal(await page.getByTestId('user-item').count(), 2, 'two users');
    // The owner's own row offers no delete, and does not say "Never signed in" of the person
    // signed in right now (through the host link: no password sign-in yet).
    assert.equal(await userItem(page, ADMIN).getByTestId('user-delete').count(), 0, 'no delete on the owner');
    assert.equal((await userItem(page, ADMIN).getByTestId('user-last-login').innerText()).trim(), 'Signed in now');
    // The delete confirmation names only what goes (no API keys or invites: not in Hearth);
    // the focus goes into it, and Escape gives it back to Delete.
    await bobRow.getByRole('button', { name: `Delete ${BOB}` }).click();
    await expectVisible(bobRow.getByTestId('user-delete-confirm'), 'the delete confirmation');
    const deleteText = await bobRow.getByTestId('user-delete-confirm').innerText();
    assert.doesNotMatch(deleteText, /API key|invite/i, `the delete confirmation: "${deleteText}"`);
    assert.match(deleteText, /workspace memberships/);
    await page.waitForFunction(() => document.activeElement?.textContent.trim() === 'Cancel'); // the focus on Cancel
    await page.keyboard.press('Escape');
    await expectGone(bobRow.getByTestId('user-delete-confirm'), 'the delete confirmation after Escape');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'user-delete'); // the focus back on Delete
    // Edit bob's daily limit.
    await bobRow.getByRole('button', { name: `Edit ${BOB}` }).click();
    await bobRow.getByLabel('Daily message limit').fill('25');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/users\//.test(r.url()));
    await bobRow.getByRole('button', { name: 'Save' }).click();
    const savedBody = await (await saved).json();
    assert.equal(savedBody.dailyMessageLimit, 25, `the server saved the limit: ${JSON.stringify(savedBody)}`);
    await expectVisible(bobRow.getByText('25 messages a day'), 'the new daily limit');
    await shot(page, 'mu-05-users-light');

    // 6. Workspace members, from the workspace's row: bob is in Team, not in Private.
    await page.getByTestId('nav-workspaces').click();
    const team = workspaceItem(page, 'Team');
    await team.getByRole('button', { name: 'Members of Team' }).click();
    const bobCheck = team.getByLabel(/Bob Baker/);
    await expectVisible(bobCheck, 'bob in the Team members list');
    assert.equal(await bobCheck.isChecked(), true, 'bob is a member of Team');
    await shot(page, 'mu-06-members-light');
    await team.getByRole('button', { name: 'Close' }).click();
    const priv = workspaceItem(page, 'Private');
    await priv.getByRole('button', { name: 'Members of Private' }).click();
    await expectVisible(priv.getByLabel(/Bob Baker/), 'bob in the Private members list');
    assert.equal(await priv.getByLabel(/Bob Baker/).isChecked(), false, 'bob is not a member of Private');
    await priv.getByRole('button', { name: 'Close' }).click();

    // 7. Event log: the table (kinds in words, people and workspaces by name), a type picked
    // by its words, and the CSV link.
    await page.getByTestId('nav-events').click();
    await expectVisible(page.getByTestId('events-table'), 'the events table');
    const kinds = await page.getByTestId('event-type').evaluateAll((els) => els.map((e) => e.dataset.kind));
    for (const t of ['mode_switched', 'server_started', 'user_created', 'workspace_created']) {
      assert.ok(kinds.includes(t), `event log has "${t}" (got ${kinds.join(', ')})`);
    }
    const typeWords = await page.getByTestId('event-type').allInnerTexts();
    assert.ok(typeWords.includes('User created'), `kinds in words: ${typeWords.join(', ')}`);
    assert.ok(!typeWords.some((t) => /_/.test(t)), `no codes as words: ${typeWords.join(', ')}`);
    const people = await page.getByTestId('event-person').allInnerTexts();
    assert.ok(people.length > 0, 'people in the log');
    for (const who of people) assert.doesNotMatch(who, /^[0-9a-f]{16,}/, `a person by name, not id: "${who}"`);
    const created = page.locator('[data-testid="event-row"][data-kind="user_created"]');
    assert.match(await created.getByTestId('event-details').innerText(), /Bob Baker/, 'the new account by name');
    const wsRows = await page.locator('[data-testid="event-row"][data-kind="workspace_created"] [data-testid="event-workspace"]').allInnerTexts();
    assert.ok(wsRows.includes('Team') && wsRows.includes('Private'), `workspaces by name: ${wsRows.join(', ')}`);
    const typeSelect = page.getByLabel('Type');
    assert.equal(await typeSelect.evaluate((e) => e.tagName), 'SELECT', 'the type is picked from a list');
    await typeSelect.selectOption({ label: 'User created' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="event-type"]')].every((e) => e.dataset.kind === 'user_created'),
    );
    const csvHref = await page.getByTestId('events-csv').getAttribute('href');
    assert.match(csvHref, /^\/api\/v1\/events\?format=csv&type=user_created$/);
    const csv = await page.evaluate((href) => fetch(href).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() })), csvHref);
    assert.equal(csv.status, 200);
    assert.match(csv.type, /text\/csv/);
    assert.match(csv.text, /^id,time_utc,type,user,/, 'the CSV names its columns');
    assert.match(csv.text, /"user_created","[^"]*","[0-9a-f]+","127.0.0.1","Bob Baker"/, 'the CSV names the new account');
    assert.match(csv.text, /user_created/);
    await shot(page, 'mu-07-events-light');

    // 8. Bob, on the other machine, through the LAN URL: the discreet login screen.
    bobCtx = await lanBrowser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme: 'light' });
    bob = await bobCtx.newPage();
    bob.setDefaultTimeout(TIMEOUT);
    watchPage(bob, problems);
    await bob.goto(`${bobBase}/`);
    await expectVisible(bob.getByTestId('login-form'), 'the login screen for bob');
    assert.equal(await bob.getByRole('navigation').count(), 0, 'no navigation before signing in');

    // A wrong password and an unknown user get the same generic error.
    await loginDiscreet(bob, BOB, 'not-bobs-password');
    await expectVisible(bob.getByTestId('login-error'), 'the error for a wrong password');
    const wrongPw = (await bob.getByTestId('login-error').innerText()).trim();
    assert.ok(wrongPw.length > 10, `the error explains itself: "${wrongPw}"`);
    await shot(bob, 'mu-08-login-wrong-password-light');
    await loginDiscreet(bob, 'nobody-here', 'not-a-password-either');
    await bob.waitForFunction(
      () => document.querySelector('[data-testid="login-submit"]')?.disabled === false,
    );
    await expectVisible(bob.getByTestId('login-error'), 'the error for an unknown user');
    assert.equal((await bob.getByTestId('login-error').innerText()).trim(), wrongPw, 'one generic error for both');

    await loginDiscreet(bob, BOB, BOB_PASSWORD);
    await expectVisible(bob.getByRole('heading', { level: 1, name: 'Workspaces' }), 'bob’s workspaces');
    await expectVisible(workspaceItem(bob, 'Team'), '"Team" for bob');
    assert.equal(await workspaceItem(bob, 'Private').count(), 0, 'bob must not see "Private"');
    assert.equal(await bob.getByTestId('create-workspace-form').count(), 0, 'no create form for a default user');
    assert.equal(await workspaceItem(bob, 'Team').getByRole('button').count(), 0, 'no workspace actions for a default user');
    for (const id of ['nav-users', 'nav-events', 'nav-server', 'nav-share']) {
      assert.equal(await bob.getByTestId(id).count(), 0, `no ${id} for a default user`);
    }
    await expectVisible(bob.getByTestId('user-chip'), 'bob’s name in the header');
    await shot(bob, 'mu-09-bob-workspaces-light');

    // Bob's own chats in Team.
    await workspaceItem(bob, 'Team').getByRole('link', { name: 'Team' }).click();
    await expectVisible(bob.getByRole('heading', { level: 1, name: 'Team' }), 'the Team page');
    assert.equal(await bob.getByTestId('workspace-members').count(), 0, 'no members editor for a default user');
    await bob.getByLabel('Title').fill('Planning');
    await bob.getByRole('button', { name: 'Start a chat' }).click();
    await expectVisible(bob.getByTestId('thread-item').getByText('Planning'), 'bob’s new chat');
    await shot(bob, 'mu-09b-bob-team-light');
    // Escape cancels a chat's rename like its delete, the focus back on the button.
    const planning = bob.getByTestId('thread-item').filter({ hasText: 'Planning' });
    await planning.getByRole('button', { name: 'Rename Planning' }).click();
    await bob.waitForFunction(() => document.activeElement?.dataset.testid === 'thread-rename-input');
    await bob.keyboard.press('Escape');
    await expectGone(planning.getByTestId('thread-rename-form'), 'the rename form after Escape');
    await bob.waitForFunction(() => document.activeElement?.dataset.testid === 'thread-rename');
    await bob.getByTestId('nav-workspaces').click();

    // A direct visit to the admin screens: not allowed (the server says 403).
    await bob.goto(`${bobBase}/admin/users`);
    await expectVisible(bob.getByTestId('not-allowed'), 'the not-allowed message on /admin/users');
    const denied = await bob.evaluate(() => fetch('/api/v1/users').then(async (r) => ({ status: r.status, body: await r.json() })));
    assert.equal(denied.status, 403);
    const deniedText = await bob.getByTestId('not-allowed-message').innerText();
    assert.ok(deniedText.includes(denied.body.error.message), `shows the server’s message, got "${deniedText}"`);
    assert.equal(await bob.getByTestId('user-list').count(), 0, 'no user list for bob');
    await shot(bob, 'mu-10-bob-not-allowed-light');
    await bob.goto(`${bobBase}/admin/events`);
    await expectVisible(bob.getByTestId('not-allowed'), 'the not-allowed message on /admin/events');
    await bob.goto(`${bobBase}/server`);
    await expectVisible(bob.getByTestId('not-allowed'), 'the not-allowed message on /server');

    // Bob's own profile: an avatar upload, sessions, password form.
    await bob.goto(`${bobBase}/settings/profile`);
    await expectVisible(bob.getByTestId('avatar-card'), 'the avatar card');
    await bob.getByTestId('avatar-file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await expectVisible(bob.getByTestId('avatar-success'), 'the avatar confirmation');
    await expectVisible(bob.getByTestId('user-chip').locator('img'), 'the avatar in the header');
    await shot(bob, 'mu-11a-bob-profile-light');
    await bob.getByTestId('settings-nav-security').click();
    await expectVisible(bob.getByTestId('account-password-form'), 'the password change form');
    await expectVisible(bob.getByTestId('session-item'), 'bob’s sessions');
    assert.equal(await bob.getByTestId('session-item').count(), 1, 'one session for bob');
    assert.equal(await bob.getByTestId('session-end').count(), 0, 'no "End" on the current session');
    await shot(bob, 'mu-11-bob-security-light');

    // Phone width, dark.
    await bob.emulateMedia({ colorScheme: 'dark' });
    await bob.setViewportSize({ width: 360, height: 740 });
    await bob.getByTestId('nav-workspaces').click();
    await expectVisible(workspaceItem(bob, 'Team'), '"Team" at phone width');
    await shot(bob, 'mu-12-bob-workspaces-phone-dark');

    // 9. Someone else ends bob's session: his next step shows the sign-in page, saying why.
    await page.getByTestId('nav-users').click();
    const bobAgain = userItem(page, BOB);
    await bobAgain.getByRole('button', { name: `End the sessions of ${BOB}` }).click();
    await page.getByTestId('user-sessions-confirm').click();
    await expectVisible(bobAgain.getByTestId('user-done'), 'the "sessions ended" notice');
    await bob.getByTestId('nav-queue').click();
    await expectVisible(bob.getByTestId('login-notice'), 'why bob’s session ended, on the sign-in page');
    assert.match(await bob.getByTestId('login-notice').innerText(), /An admin ended your session/);
    await shot(bob, 'mu-12b-session-ended-phone-dark');
    // The "sessions ended" notice under bob's row goes by itself.
    await expectGone(bobAgain.getByTestId('user-done'), 'the notice once its moment is over', 15_000);

    // A suspended account: the right password says so (a wrong one would not).
    await bobAgain.getByRole('button', { name: `Edit ${BOB}` }).click();
    await bobAgain.getByLabel('Suspended').check();
    await bobAgain.getByRole('button', { name: 'Save' }).click();
    await expectVisible(bobAgain.getByTestId('user-suspended'), 'bob suspended');
    await loginDiscreet(bob, BOB, BOB_PASSWORD);
    await expectVisible(bob.getByTestId('login-error'), 'the refusal of a suspended account');
    const suspendedText = await bob.getByTestId('login-error').innerText();
    assert.match(suspendedText, /suspended/i, `the suspended account's message: "${suspendedText}"`);
    assert.match(suspendedText, /Ask .*re-enable/, `whom to ask: "${suspendedText}"`);
    await shot(bob, 'mu-12c-login-suspended-phone-dark');
    await bobAgain.getByRole('button', { name: `Edit ${BOB}` }).click();
    await bobAgain.getByLabel('Suspended').uncheck();
    await bobAgain.getByRole('button', { name: 'Save' }).click();
    await expectGone(bobAgain.getByTestId('user-suspended'), 'bob no longer suspended');

    // The admin switches the login screen to the list style; bob picks himself.
    await page.goto(`${baseUrl}/settings/sign-in`);
    await page.getByLabel(/List of people/).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expectVisible(page.getByTestId('sign-in-settings-saved'), 'the saved sign-in settings');
    await bob.goto(`${bobBase}/`);
    await expectVisible(bob.getByTestId('login-user-list'), 'the list-style login');
    await shot(bob, 'mu-13-login-list-phone-dark');
    await bob.locator('[data-testid="login-user"][data-username="bob"]').click();
    await expectVisible(bob.getByTestId('picked-user-name').getByText('Bob Baker'), 'bob picked');
    await bob.getByLabel('Password', { exact: true }).fill(BOB_PASSWORD);
    await bob.getByLabel('Password', { exact: true }).press('Enter');
    await expectVisible(workspaceItem(bob, 'Team'), '"Team" after the list-style login');

    // Phone-width, dark views of the admin screens.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByTestId('nav-server').click();
    await expectVisible(page.getByTestId('server-qr'), 'the QR code at phone width');
    await shot(page, 'mu-14-server-phone-dark');
    await page.getByTestId('nav-users').click();
    await expectVisible(userItem(page, BOB), 'bob at phone width');
    await shot(page, 'mu-15-users-phone-dark');
    await page.setViewportSize({ width: 1100, height: 860 });
    await page.getByTestId('nav-events').click();
    await expectVisible(page.getByTestId('events-table'), 'the events table (dark)');
    await shot(page, 'mu-16-events-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // 10. Back to single-user: the confirmation takes the focus (Escape gives it back), says
    // that the admin password becomes the lock password; bob is signed out; the owner sees
    // the Share menu again.
    await page.getByTestId('nav-server').click();
    await page.getByRole('button', { name: 'Switch back to single-user…' }).click();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'switch-single-cancel');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'switch-single-start');
    await page.keyboard.press('Enter');
    await expectVisible(page.getByTestId('switch-single').getByText(/brings every account back/), 'what switching back does');
    assert.match(await page.getByTestId('switch-single-lock').innerText(), /admin password .*becomes the lock password/);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'switch-single-cancel');
    await shot(page, 'mu-17-switch-single-confirm-light');
    await page.getByRole('button', { name: 'Switch to single-user' }).click();
    await expectVisible(page.getByTestId('nav-share'), 'the Share menu after switching back');
    await expectVisible(workspaceItem(page, 'Private'), 'the owner’s workspaces');
    // Switching back stopped the LAN server: bob's machine cannot even connect any more.
    await assert.rejects(bob.reload(), /ERR_CONNECTION_REFUSED/, 'the LAN server stopped with the switch back');
    // The lock screen says whose password locks Hearth now, and it unlocks.
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expectVisible(page.getByTestId('lock-admin-password'), 'the lock screen naming the admin password');
    assert.match(await page.getByTestId('lock-admin-password').innerText(), new RegExp(`admin account ${ADMIN}`));
    await shot(page, 'mu-18-lock-admin-password-light');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expectVisible(workspaceItem(page, 'Private'), 'the workspaces after unlocking with the admin password');

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'mu-failure-owner').catch(() => {});
    if (bob) await shot(bob, 'mu-failure-bob').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${server.output().slice(-3000)}`;
    throw err;
  } finally {
    if (bobCtx) await bobCtx.close();
    await owner.close();
  }
});

/** A fresh single-use host link from `hearth host-link` (the first line it prints). */
function hostLink() {
  const out = execFileSync(BIN, ['host-link', '--data-dir', server.dataDir], { encoding: 'utf8', timeout: 20_000 });
  const url = out.split('\n')[0].trim();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/host-login\?secret=\S+$/, `hearth host-link printed a link: ${out}`);
  return url;
}

const status = (page) => page.evaluate(() => fetch('/api/v1/status').then((r) => r.json()));

test('hearth host-link, the second switch to multi-user, and phone-sized sign-in and server panel', async () => {
  // After the first test: single-user mode again, the admin's password is the lock password,
  // bob's account is kept, and no browser holds a host session.
  const { baseUrl } = server;
  const problems = [];
  const phone = { viewport: { width: 390, height: 844 }, colorScheme: 'light' };
  let ctx = await browser.newContext({ viewport: { width: 1100, height: 860 }, colorScheme: 'light' });
  let page = await ctx.newPage();
  page.setDefaultTimeout(TIMEOUT);
  watchPage(page, problems);

  try {
    // 1. A browser without the host link: locked, and not the host.
    await page.goto(`${baseUrl}/`);
    await expectVisible(page.getByTestId('lock-screen'), 'the lock screen');
    assert.equal((await status(page)).host, false, 'a browser without a host link is not the host');

    // 2. hearth host-link: the new link marks this browser as the host's; the admin's
    // password unlocks it.
    await page.goto(hostLink());
    await expectVisible(page.getByTestId('lock-screen'), 'the lock screen after the host link (a password is set)');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the workspaces after unlocking');
    const hostStatus = await status(page);
    assert.equal(hostStatus.host, true, 'the host link gives a host session');
    assert.equal(hostStatus.mode, 'single');

    // 3. The second switch: the wizard speaks of the accounts that come back, and keeps the
    // admin's password unless a new one is given.
    await page.getByTestId('nav-share').click();
    await expectVisible(page.getByTestId('share-returning'), 'the returning admin');
    await expectVisible(page.getByTestId('share-accounts'), 'the accounts that come back');
    assert.match(await page.getByTestId('share-accounts').innerText(), /Bob Baker \(bob, default\)/);
    const form = page.getByTestId('share-form');
    assert.equal(await form.getByLabel('Admin username').inputValue(), ADMIN, 'the admin’s username offered again');
    await form.getByLabel('Current lock password').fill(ADMIN_PASSWORD);
    await shot(page, 'mu-19-share-again-light');
    await form.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(page.getByTestId('share-confirm'), 'the confirmation of the second switch');
    const confirmText = await page.getByTestId('share-confirm').innerText();
    assert.match(confirmText, /One account comes back exactly as it was: Bob Baker \(bob, default\)/);
    assert.doesNotMatch(confirmText, /Nobody else|until you .*create their accounts/, `no words about accounts to create: "${confirmText}"`);
    await page.getByRole('button', { name: 'Switch to multi-user' }).click();
    await expectVisible(page.getByTestId('share-done'), 'multi-user mode again');
    assert.match(await page.getByTestId('share-done-accounts').innerText(), /back as it was: Bob Baker/);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Multi-user mode is on' }), 'not "shared" before the server runs');
    await page.getByTestId('server-port').fill('0');
    await page.getByRole('button', { name: 'Start the server' }).click();
    await expectVisible(page.getByTestId('server-running').getByText('Running'), 'the running server');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Hearth is shared' }), 'shared once the server runs');
    await ctx.close();

    // 4. A new browser (phone-sized): the sign-in page (the list style, from the first test),
    // light and dark; not the host.
    ctx = await browser.newContext(phone);
    page = await ctx.newPage();
    page.setDefaultTimeout(TIMEOUT);
    watchPage(page, problems);
    await page.goto(`${baseUrl}/`);
    await expectVisible(page.getByTestId('login-user-list'), 'the sign-in page');
    const notHost = await status(page);
    assert.equal(notHost.host, false, 'a new browser is not the host');
    assert.equal(notHost.authenticated, false);
    await shot(page, 'mu-20-sign-in-phone-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'mu-21-sign-in-phone-dark');

    // A throttle on the sign-in form: one live countdown (never beside the server's fixed
    // "wait N seconds"), kept across a reload for that person only.
    await page.locator('[data-testid="login-user"][data-username="bob"]').click();
    let throttled = null;
    for (let i = 0; i < 24 && !(throttled && Number(throttled.retryAfter) >= 4); i++) {
      await page.waitForFunction(() => document.querySelector('[data-testid="login-submit"]')?.disabled === false, null, {
        timeout: 20_000,
      });
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByLabel('Password', { exact: true }).fill(`not-bobs-password-${i}`);
      await page.getByLabel('Password', { exact: true }).press('Enter');
      const r = await answer;
      if (r.status() === 429) throttled = { retryAfter: r.headers()['retry-after'] };
      else assert.equal(r.status(), 401, 'a wrong password');
    }
    assert.ok(throttled && Number(throttled.retryAfter) >= 4, `throttled for a few seconds: ${JSON.stringify(throttled)}`);
    await expectVisible(page.getByTestId('login-wait'), 'the sign-in countdown');
    assert.match(await page.getByTestId('login-wait-text').innerText(), /^Too many attempts\. You can try again in \d+ s\.$/);
    assert.equal(await page.getByTestId('login-error').count(), 0, 'no fixed message beside the countdown');
    await shot(page, 'mu-20b-sign-in-throttled-phone-light');
    await page.reload();
    await expectVisible(page.getByTestId('login-user-list'), 'the sign-in page after a reload');
    await page.locator('[data-testid="login-user"][data-username="bob"]').click();
    await expectVisible(page.getByTestId('login-wait'), 'bob’s countdown after the reload');
    assert.equal(await page.getByTestId('login-submit').isDisabled(), true, 'Sign in held for bob');
    await page.getByTestId('login-back').click();

    // The admin signs in with the password: an admin, but not at the host: no Sharing
    // controls, and the sharing page says how to get them (in plain words).
    await page.locator(`[data-testid="login-user"][data-username="${ADMIN}"]`).click();
    assert.equal(await page.getByTestId('login-wait').count(), 0, 'the throttle was bob’s, not the admin’s');
    await expectVisible(page.getByTestId('login-form'), 'the password form');
    await shot(page, 'mu-21b-sign-in-password-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'mu-21c-sign-in-password-phone-light');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Workspaces' }), 'the admin’s workspaces');
    assert.equal(await page.getByTestId('nav-server').count(), 0, 'no Sharing menu away from the host');
    assert.equal((await status(page)).host, false, 'signing in with a password is not the host');
    await page.goto(`${baseUrl}/server`);
    await expectVisible(page.getByTestId('not-allowed'), 'sharing is not for this browser');
    const hostOnly = await page.getByTestId('not-allowed').innerText();
    assert.match(hostOnly, /run hearth host-link/, `the way to the host controls: "${hostOnly}"`);
    assert.doesNotMatch(hostOnly, /`/, 'no backticks in the words');
    assert.doesNotMatch(hostOnly, /ask an admin/i, 'an admin is not told to ask an admin');
    assert.equal(await page.getByTestId('server-panel').count(), 0, 'no server panel');
    await shot(page, 'mu-22-not-host-phone-light');

    // 5. hearth host-link again: this browser becomes the host's; the server panel, phone-sized,
    // light and dark; stop sharing from it.
    const link = hostLink();
    await page.goto(link);
    await expectVisible(page.getByTestId('nav-server'), 'the Sharing menu for the host');
    assert.equal((await status(page)).host, true, 'the host link makes this browser the host');
    await page.getByTestId('nav-server').click();
    await expectVisible(page.getByTestId('server-panel'), 'the server panel');
    await expectVisible(page.getByTestId('server-qr'), 'the QR code');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="server-qr"] img');
      return img && img.complete && img.naturalWidth > 0;
    });
    await shot(page, 'mu-23-server-phone-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'mu-24-server-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Stop the server' }).click();
    await expectVisible(page.getByTestId('server-running').getByText('Stopped'), 'the stopped server');
    const lan = await page.evaluate(() => fetch('/api/v1/server').then((r) => r.json()));
    assert.equal(lan.running, false, 'the LAN server stopped');

    // 6. The same link a second time, in a fresh browser: a page that says what to do.
    const spent = await browser.newContext(phone);
    try {
      const again = await spent.newPage();
      const res = await again.goto(link);
      assert.equal(res?.status(), 403, 'a spent host link is refused');
      const text = await again.locator('body').innerText();
      assert.match(text, /hearth host-link/, `the page says to run hearth host-link: "${text}"`);
      assert.equal((await status(again)).host, false, 'a spent link makes nobody the host');
      await shot(again, 'mu-25-host-link-spent-phone-light');
    } finally {
      await spent.close();
    }

    assert.deepEqual(problems, [], 'no CSP violations, script errors or unsafe requests without CSRF header');
  } catch (err) {
    await shot(page, 'mu-failure-host-link').catch(() => {});
    if (problems.length) err.message += `\nPage problems:\n${problems.join('\n')}`;
    err.message += `\nServer output (tail):\n${server.output().slice(-3000)}`;
    throw err;
  } finally {
    await ctx.close();
  }
});
