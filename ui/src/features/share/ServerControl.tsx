import { useState } from 'preact/hooks';
import { api, type ServerStatus } from '../../api';
import { Field, Select } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';

/** "Every network", then this computer's addresses (real adapters first), then a saved one
 * that is not here now. */
function interfaceOptions(server: ServerStatus, current: string): { value: string; label: string }[] {
  const out = [{ value: '0.0.0.0', label: 'Every network (all interfaces)' }];
  for (const i of server.interfaces ?? []) {
    out.push({ value: i.address, label: `${i.name}: ${i.address}${i.virtual ? ' (VPN or virtual)' : ''}` });
  }
  if (current && !out.some((o) => o.value === current)) {
    out.push({ value: current, label: `${current} (not on this computer now)` });
  }
  return out;
}

const isValidPort = (p: string) => /^\d{1,5}$/.test(p) && Number(p) <= 65535;

/** Running or stopped, who is signed in, and start (interface, port) or stop. */
export function ServerControl({ server, onChanged }: { server: ServerStatus; onChanged: (s: ServerStatus) => void }) {
  const [bind, setBind] = useState(server.bind ?? '0.0.0.0');
  const [port, setPort] = useState(String(server.port ?? ''));
  const startStop = useAction();

  // After a start or a stop the fields show what the server uses now.
  const applied = (s: ServerStatus) => {
    onChanged(s);
    setBind(s.bind ?? '0.0.0.0');
    setPort(String(s.port ?? ''));
  };
  const start = async (e: Event) => {
    e.preventDefault();
    const p = port.trim();
    if (p && !isValidPort(p)) return startStop.setError('The port is a number from 1 to 65535 (0 picks a free one).');
    const b = bind.trim();
    const r = await startStop.run(() =>
      api.server.act({ action: 'start', ...(b ? { bind: b } : {}), ...(p ? { port: Number(p) } : {}) }),
    );
    if (r.ok) applied(r.result);
  };
  const stop = async () => {
    const r = await startStop.run(() => api.server.act({ action: 'stop' }));
    if (r.ok) applied(r.result);
  };

  const running = server.running;
  return (
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
            <Select
              label="Network interface"
              value={bind}
              onChange={setBind}
              options={interfaceOptions(server, bind)}
              hint={
                server.dualStack
                  ? 'Every network takes IPv4 and IPv6. Or one of this computer’s addresses only.'
                  : 'Every network (IPv4), or one of this computer’s addresses only.'
              }
              testId="server-bind"
            />
            <Field label="Port" value={port} onInput={setPort} inputMode="numeric" maxLength={5} hint="0 picks a free port." testId="server-port" />
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
  );
}
