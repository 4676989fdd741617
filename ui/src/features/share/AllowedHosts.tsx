import { useEffect, useState } from 'preact/hooks';
import { api, type ServerStatus } from '../../api';
import { TextArea } from '../../components/Field';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { useFlash } from '../../lib/useFlash';

const asText = (s: ServerStatus) => (s.allowedHosts ?? []).join('\n');

/** Extra host names the LAN server answers to (no wildcards). */
export function AllowedHosts({ server, onChanged }: { server: ServerStatus; onChanged: (s: ServerStatus) => void }) {
  const [hosts, setHosts] = useState(() => asText(server));
  const [saved, setSaved] = useFlash<true>();
  const action = useAction();

  // A start or a stop shows the stored names again.
  useEffect(() => setHosts(asText(server)), [server.running]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const names = hosts
      .split(/[\s,]+/)
      .map((n) => n.trim())
      .filter(Boolean);
    const r = await action.run(() => api.server.act({ action: 'hosts', allowedHosts: names }));
    if (r.ok) {
      onChanged(r.result);
      setHosts(asText(r.result));
      setSaved(true);
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="server-hosts-form">
      <h2>Allowed host names</h2>
      <p class="muted">
        Hearth answers only to its own addresses. If people reach it by a name (for example{' '}
        <span class="mono">hearth.home.lan</span>), list that name here, one per line. No wildcards.
      </p>
      <TextArea
        label="Host names"
        value={hosts}
        onInput={(v) => {
          setHosts(v);
          setSaved(null);
        }}
        rows={3}
        testId="server-hosts"
      />
      <ErrorNote message={action.error} testId="server-hosts-error" />
      {saved && !action.error && <SuccessNote testId="server-hosts-saved">Host names saved.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn" disabled={action.busy} data-testid="server-hosts-save">
          Save host names
        </button>
      </div>
    </form>
  );
}
