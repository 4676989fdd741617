import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage, qrUrl, type ServerStatus } from '../api';
import { isAdmin, isHost, isMulti } from '../access';
import type { Session } from '../app';
import { Field, TextArea } from '../components/Field';
import { NotAllowed } from '../components/NotAllowed';
import { ErrorNote, SuccessNote } from '../components/Notice';
import { useAction } from '../components/useAction';
import { linkClick, navigate } from '../router';

const PASSWORD_HINT = 'At least 8 characters. A few unrelated words make a strong, memorable password.';
const HOST_ONLY =
  'Sharing is controlled on the host computer: in the Hearth desktop app, or in a browser opened with the host login link that `hearth serve` printed.';

// ---------------------------------------------------------------------------------------------
// /share — the "Share on your network" wizard (M3), then the server panel (M4).

type Step = 'form' | 'confirm' | 'done';

export function ShareScreen({ session }: { session: Session }) {
  const { status, me } = session;
  const [step, setStep] = useState<Step>('form');

  if (!isHost(status)) return <NotAllowed title="Share on your network" message={HOST_ONLY} />;
  if (!isAdmin(me)) {
    return <NotAllowed title="Share on your network" message="Only an admin can change how Hearth is shared." />;
  }
  if (isMulti(status) && step !== 'done') {
    // Already shared: the same screen as /server.
    return <ServerScreen session={session} />;
  }

  return (
    <section class="screen" aria-labelledby="share-title" data-testid="share-screen">
      <div class="screen-head">
        <h1 id="share-title">{step === 'done' ? 'Hearth is shared' : 'Share on your network'}</h1>
        {step !== 'done' && (
          <p class="muted">Let people on the same network use this Hearth from their browsers, each with their own account.</p>
        )}
      </div>
      {step === 'done' ? (
        <div class="stack-lg">
          <SuccessNote testId="share-done">
            <strong>Multi-user mode is on.</strong> You are now the admin <strong class="mono">{me.username}</strong>, and
            everything that was yours is still yours. Start the server below so that others can reach Hearth, then add
            their accounts under{' '}
            <a href="/admin/users" onClick={linkClick}>
              Users
            </a>
            .
          </SuccessNote>
          <ServerPanel session={session} />
        </div>
      ) : (
        <ShareWizard session={session} step={step} setStep={setStep} />
      )}
    </section>
  );
}

function ShareWizard({ session, step, setStep }: { session: Session; step: Step; setStep: (s: Step) => void }) {
  const needsLock = session.status.lockEnabled || session.me.lockEnabled;
  // After a switch back to single-user the owner keeps their admin username: offer it again.
  const [username, setUsername] = useState(session.me.username ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [lockPassword, setLockPassword] = useState('');
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [step]);

  const next = (e: Event) => {
    e.preventDefault();
    const name = username.trim().toLowerCase();
    if (!name) return action.setError('Choose the admin username: lowercase letters, digits, dots, dashes or underscores.');
    if (!/^[a-z][a-z0-9._-]{1,63}$/.test(name)) {
      return action.setError('Usernames are 2 to 64 characters: start with a letter, then letters, digits, ".", "_" or "-".');
    }
    if (!password) return action.setError('Choose the admin password.');
    if (password !== confirm) return action.setError('The two passwords differ. Type the same password in both fields.');
    if (needsLock && !lockPassword) return action.setError('Type your current lock password to confirm it is you.');
    setUsername(name);
    action.setError(null);
    setStep('confirm');
  };

  const submit = async () => {
    const r = await action.run(() => api.mode.toMulti({ username, password }, needsLock ? lockPassword : undefined));
    if (r.ok) {
      setPassword('');
      setConfirm('');
      setLockPassword('');
      setStep('done');
      await session.refresh();
    } else {
      const err = r.error;
      // Values the server refused are on the form: go back there with the message.
      if (err instanceof ApiError && err.status !== 0 && err.status < 500) {
        setStep('form');
        window.setTimeout(() => formRef.current?.querySelector('input')?.focus(), 0);
      }
    }
  };

  if (step === 'confirm') {
    return (
      <div ref={confirmRef} class="card" role="group" aria-labelledby="share-confirm-title" data-testid="share-confirm">
        <h2 id="share-confirm-title">Switch to multi-user?</h2>
        <ul class="plain-list">
          <li>
            You become the admin <strong class="mono">{username}</strong>. Your workspaces, chats and settings stay
            yours.
          </li>
          <li>From now on everyone, you included, signs in with a username and password.</li>
          <li>Nobody else can use Hearth until you start the server and create their accounts.</li>
          <li>You can switch back to single-user later from the sharing panel; accounts are kept.</li>
        </ul>
        <ErrorNote message={action.error} testId="share-error" />
        <div class="actions">
          <button type="button" class="btn primary" onClick={submit} disabled={action.busy} data-testid="share-confirm-submit" data-autofocus>
            Switch to multi-user
          </button>
          <button type="button" class="btn" onClick={() => setStep('form')} disabled={action.busy} data-testid="share-back">
            Back
          </button>
        </div>
      </div>
    );
  }

  return (
    <form ref={formRef} class="card" onSubmit={next} noValidate data-testid="share-form">
      <h2>1. Create the admin account</h2>
      <p class="muted">
        You, the owner, <strong>become this admin</strong>: everything you have now moves with you. Admins add the
        other people, choose what they may see, and can switch Hearth back to single-user.
      </p>
      <Field
        label="Admin username"
        value={username}
        onInput={setUsername}
        autoComplete="username"
        maxLength={64}
        hint="Lowercase; start with a letter, then letters, digits, “.”, “_” or “-”."
        required
        testId="share-username"
      />
      <Field
        label="Admin password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
        testId="share-password"
      />
      <Field
        label="Confirm admin password"
        type="password"
        value={confirm}
        onInput={setConfirm}
        autoComplete="new-password"
        required
        testId="share-password-confirm"
      />
      {needsLock && (
        <Field
          label="Current lock password"
          type="password"
          value={lockPassword}
          onInput={setLockPassword}
          autoComplete="current-password"
          hint="The password you use to unlock Hearth today."
          required
          testId="share-lock-password"
        />
      )}
      <ErrorNote message={action.error} testId="share-error" />
      <div class="actions">
        <button type="submit" class="btn primary" data-testid="share-next">
          Continue
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// /server (and /settings/sharing) — the LAN server panel at the host (M4, M5).

export function ServerScreen({ session }: { session: Session }) {
  const { status, me } = session;
  if (!isMulti(status)) {
    if (isHost(status) && isAdmin(me)) {
      return (
        <section class="screen" aria-labelledby="server-title">
          <div class="screen-head">
            <h1 id="server-title">Sharing</h1>
          </div>
          <div class="card">
            <p>Hearth is in single-user mode: only you use it, on this computer.</p>
            <a class="btn primary" href="/share" onClick={linkClick} data-testid="go-share">
              Share on your network…
            </a>
          </div>
        </section>
      );
    }
    return <NotAllowed title="Sharing" message={HOST_ONLY} />;
  }
  if (!isHost(status)) return <NotAllowed title="Sharing" message={HOST_ONLY} />;
  return (
    <section class="screen" aria-labelledby="server-title" data-testid="server-screen">
      <div class="screen-head">
        <h1 id="server-title">Sharing</h1>
        <p class="muted">The server that lets people on your network reach this Hearth.</p>
      </div>
      <ServerPanel session={session} />
    </section>
  );
}

const isValidPort = (p: string) => /^\d{1,5}$/.test(p) && Number(p) <= 65535;

export function ServerPanel({ session }: { session: Session }) {
  const [server, setServer] = useState<ServerStatus | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [bind, setBind] = useState('');
  const [port, setPort] = useState('');
  const [qrFor, setQrFor] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [hosts, setHosts] = useState('');
  const [hostsSaved, setHostsSaved] = useState(false);
  const [confirmSingle, setConfirmSingle] = useState(false);
  const startStop = useAction();
  const pin = useAction();
  const hostsAction = useAction();
  const single = useAction();

  const apply = (s: ServerStatus, resetFields = false) => {
    setServer(s);
    if (resetFields) {
      setBind(s.bind ?? '0.0.0.0');
      setPort(String(s.port ?? ''));
      setHosts((s.allowedHosts ?? []).join('\n'));
    }
    setQrFor((prev) => (prev && s.urls.includes(prev) ? prev : (s.pinned && s.urls.includes(s.pinned) ? s.pinned : s.urls[0]) ?? null));
  };

  const load = async (resetFields = false) => {
    try {
      apply(await api.server.get(), resetFields);
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, 'error', errorMessage(err)));
    }
  };

  useEffect(() => {
    void load(true);
    // Keep "users online" and the running state fresh while the panel is open.
    const t = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load(false);
    }, 15_000);
    return () => window.clearInterval(t);
  }, []);

  if (loadError && !server) {
    if (loadError.status === 403) return <NotAllowed title="Sharing" message={loadError.message} />;
    return (
      <div class="stack">
        <ErrorNote message={loadError.message} testId="server-error" />
        <button type="button" class="btn" onClick={() => load(true)}>
          Try again
        </button>
      </div>
    );
  }
  if (!server) {
    return (
      <p class="muted" role="status">
        Loading the server status…
      </p>
    );
  }

  const start = async (e: Event) => {
    e.preventDefault();
    const p = port.trim();
    if (p && !isValidPort(p)) return startStop.setError('The port is a number from 1 to 65535 (0 picks a free one).');
    const b = bind.trim();
    const r = await startStop.run(() =>
      api.server.act({ action: 'start', ...(b ? { bind: b } : {}), ...(p ? { port: Number(p) } : {}) }),
    );
    if (r.ok) apply(r.result, true);
  };
  const stop = async () => {
    const r = await startStop.run(() => api.server.act({ action: 'stop' }));
    if (r.ok) apply(r.result, true);
  };
  const pinUrl = async (url: string | null) => {
    const r = await pin.run(() => api.server.act(url ? { action: 'pin', url } : { action: 'unpin' }));
    if (r.ok) apply(r.result);
  };
  const saveHosts = async (e: Event) => {
    e.preventDefault();
    setHostsSaved(false);
    const names = hosts
      .split(/[\s,]+/)
      .map((n) => n.trim())
      .filter(Boolean);
    const r = await hostsAction.run(() => api.server.act({ action: 'hosts', allowedHosts: names }));
    if (r.ok) {
      apply(r.result);
      setHosts((r.result.allowedHosts ?? []).join('\n'));
      setHostsSaved(true);
    }
  };
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(url);
      window.setTimeout(() => setCopied((c) => (c === url ? null : c)), 2500);
    } catch {
      setCopied(null);
    }
  };
  const toSingle = async () => {
    const r = await single.run(() => api.mode.toSingle());
    if (r.ok) {
      await session.refresh();
      navigate('/');
    }
  };

  const running = server.running;
  return (
    <div class="stack-lg" data-testid="server-panel">
      <div class="card">
        <div class="server-state">
          <span class={`pill ${running ? 'pill-on' : 'pill-off'}`} data-testid="server-running">
            {running ? 'Running' : 'Stopped'}
          </span>
          <span class="muted" data-testid="server-users-online">
            {server.usersOnline === 1 ? '1 person signed in' : `${server.usersOnline} people signed in`}
          </span>
        </div>
        {running ? (
          <>
            <p>
              People on your network can open Hearth at the addresses below
              {server.bind && server.bind !== '0.0.0.0' && server.bind !== '::' ? (
                <>
                  {' '}
                  (listening on <span class="mono">{server.bind}</span>, port <span class="mono">{server.port}</span>)
                </>
              ) : (
                <>
                  {' '}
                  (port <span class="mono">{server.port}</span>)
                </>
              )}
              .
            </p>
            <ErrorNote message={startStop.error} testId="server-action-error" />
            <div class="actions">
              <button type="button" class="btn danger-outline" onClick={stop} disabled={startStop.busy} data-testid="server-stop">
                Stop the server
              </button>
              <span class="hint">Stopping disconnects everyone but you.</span>
            </div>
          </>
        ) : (
          <form onSubmit={start} noValidate data-testid="server-start-form">
            <p class="muted">Start the server so that people on your network can open Hearth in their browsers.</p>
            <div class="field-row">
              <Field
                label="Network interface"
                value={bind}
                onInput={setBind}
                hint="0.0.0.0 listens on every network; or one of this computer's addresses."
                testId="server-bind"
              />
              <Field
                label="Port"
                value={port}
                onInput={setPort}
                inputMode="numeric"
                maxLength={5}
                hint="0 picks a free port."
                testId="server-port"
              />
            </div>
            <ErrorNote message={startStop.error} testId="server-action-error" />
            <div class="actions">
              <button type="submit" class="btn primary" disabled={startStop.busy} data-testid="server-start">
                Start the server
              </button>
            </div>
          </form>
        )}
        {server.https && server.fingerprint && (
          <p class="hint">
            HTTPS with a self-signed certificate. Browsers will warn once; check that the fingerprint matches:{' '}
            <span class="mono break" data-testid="server-fingerprint">
              {server.fingerprint}
            </span>
          </p>
        )}
      </div>

      <div class="card" data-testid="server-urls">
        <h2>Addresses</h2>
        {server.urls.length === 0 ? (
          <p class="muted">This computer has no network address right now. Connect it to a network, then reload.</p>
        ) : (
          <>
            <p class="muted">
              {running
                ? 'Open one on a phone or another computer, or scan its QR code. The pinned one is shown first, in the tray too.'
                : 'These are the addresses the server will use once started.'}
            </p>
            <ErrorNote message={pin.error} testId="pin-error" />
            <div class="url-layout">
              <ul class="url-list">
                {server.urls.map((url) => (
                  <li key={url} class={`url-item${qrFor === url ? ' selected' : ''}`} data-testid="server-url">
                    <span class="mono url-text" data-testid="server-url-text">
                      {url}
                    </span>
                    {server.pinned === url && (
                      <span class="pill pill-on" data-testid="server-url-pinned">
                        Pinned
                      </span>
                    )}
                    <div class="url-actions">
                      {running && (
                        <button
                          type="button"
                          class="btn small"
                          onClick={() => setQrFor(url)}
                          aria-pressed={qrFor === url}
                          aria-label={`Show the QR code for ${url}`}
                          data-testid="server-url-qr"
                        >
                          QR
                        </button>
                      )}
                      <button type="button" class="btn small" onClick={() => copy(url)} aria-label={`Copy ${url}`} data-testid="server-url-copy">
                        {copied === url ? 'Copied' : 'Copy'}
                      </button>
                      {server.pinned !== url ? (
                        <button
                          type="button"
                          class="btn small"
                          onClick={() => pinUrl(url)}
                          disabled={pin.busy}
                          aria-label={`Pin ${url} as the main address`}
                          data-testid="server-url-pin"
                        >
                          Pin
                        </button>
                      ) : (
                        <button
                          type="button"
                          class="btn small"
                          onClick={() => pinUrl(null)}
                          disabled={pin.busy}
                          aria-label={`Unpin ${url}`}
                          data-testid="server-url-unpin"
                        >
                          Unpin
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
              {running && qrFor && (
                <figure class="qr" data-testid="server-qr">
                  <img src={qrUrl(qrFor)} alt={`QR code for ${qrFor}`} width={200} height={200} />
                  <figcaption class="mono">{qrFor}</figcaption>
                </figure>
              )}
            </div>
          </>
        )}
      </div>

      <form class="card" onSubmit={saveHosts} noValidate data-testid="server-hosts-form">
        <h2>Allowed host names</h2>
        <p class="muted">
          Hearth answers only to its own addresses. If people reach it by a name (for example{' '}
          <span class="mono">hearth.home.lan</span>), list that name here, one per line. No wildcards.
        </p>
        <TextArea label="Host names" value={hosts} onInput={(v) => { setHosts(v); setHostsSaved(false); }} rows={3} testId="server-hosts" />
        <ErrorNote message={hostsAction.error} testId="server-hosts-error" />
        {hostsSaved && !hostsAction.error && <SuccessNote testId="server-hosts-saved">Host names saved.</SuccessNote>}
        <div class="actions">
          <button type="submit" class="btn" disabled={hostsAction.busy} data-testid="server-hosts-save">
            Save host names
          </button>
        </div>
      </form>

      <div class={`card${confirmSingle ? ' danger-zone' : ''}`} data-testid="switch-single">
        <h2>Back to single-user</h2>
        {!confirmSingle ? (
          <>
            <p class="muted">Stop sharing: only you, on this computer, use Hearth again.</p>
            <button type="button" class="btn danger-outline" onClick={() => setConfirmSingle(true)} data-testid="switch-single-start">
              Switch back to single-user…
            </button>
          </>
        ) : (
          <div role="group" aria-label="Confirm switching back to single-user">
            <ul class="plain-list">
              <li>The network server stops and everyone else is signed out.</li>
              <li>Their accounts, chats and workspace access are kept, but nobody else can sign in.</li>
              <li>You see every workspace again, as the owner.</li>
              <li>Switching to multi-user later brings every account back exactly as it was.</li>
            </ul>
            <ErrorNote message={single.error} testId="switch-single-error" />
            <div class="actions">
              <button type="button" class="btn danger" onClick={toSingle} disabled={single.busy} data-testid="switch-single-confirm">
                Switch to single-user
              </button>
              <button type="button" class="btn" onClick={() => setConfirmSingle(false)} data-testid="switch-single-cancel">
                Cancel
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
