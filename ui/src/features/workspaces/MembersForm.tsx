import { useState } from 'preact/hooks';
import { api, type Workspace } from '../../api';
import { Checkbox } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { roleLabel } from '../../lib/access';
import { useAction } from '../../lib/useAction';
import { useResource } from '../../lib/useResource';
import { useFlash } from '../../lib/useFlash';

/** Who may use a workspace (W2): default users are checked in or out; the rest see all. */
export function MembersForm({ ws, onClose }: { ws: Workspace; onClose: () => void }) {
  const data = useResource(async (signal) => {
    const [users, members] = await Promise.all([api.users.list({ signal }), api.workspaces.members(ws.slug, { signal })]);
    return { users: users.items, members: members.items };
  }, [ws.slug]);
  // The boxes checked by hand; null: as the member list was loaded (or last saved).
  const [picked, setPicked] = useState<string[] | null>(null);
  const [saved, setSaved] = useFlash<true>();
  const save = useAction();

  const current = data.data?.members ?? [];
  const selected = picked ?? current.map((x) => x.id);

  const users = data.data?.users ?? null;
  const candidates = (users ?? []).filter((u) => u.role === 'default');
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(null);
    const r = await save.run(() => api.workspaces.setMembers(ws.slug, selected));
    if (r.ok) {
      data.setData((prev) => ({ users: prev?.users ?? [], members: r.result.items }));
      setPicked(null);
      setSaved(true);
    }
  };
  const toggle = (id: string, on: boolean) => {
    setSaved(null);
    const rest = selected.filter((x) => x !== id);
    setPicked(on ? [...rest, id] : rest);
  };
  const others = current.filter((m) => m.role !== 'default');

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="members-form">
      <fieldset class="checks">
        <legend>Who can use “{ws.name}”</legend>
        {users === null && !data.error && <Loading>Loading people…</Loading>}
        {users !== null && candidates.length === 0 && (
          <p class="hint">There are no default users yet. Add people on the Users page.</p>
        )}
        {candidates.map((u) => (
          <Checkbox
            key={u.id}
            label={
              <>
                {u.displayName || u.username} <span class="mono muted">{u.username}</span>
                {u.suspended ? ' (suspended)' : ''}
              </>
            }
            checked={selected.includes(u.id)}
            onChange={(on) => toggle(u.id, on)}
            testId={`member-check-${u.username}`}
          />
        ))}
        {users !== null && (
          <p class="hint">
            Admins and managers see every workspace.
            {others.length > 0 &&
              ` Also listed as members: ${others.map((m) => `${m.displayName || m.username} (${roleLabel(m.role)})`).join(', ')}.`}
          </p>
        )}
      </fieldset>
      <ErrorNote message={data.error?.message ?? save.error} testId="members-error" />
      {saved && !save.error && <SuccessNote testId="members-saved">Members saved.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn primary small" disabled={save.busy || users === null} data-testid="members-save">
          Save members
        </button>
        <button type="button" class="btn small" onClick={onClose} data-testid="members-close">
          Close
        </button>
      </div>
    </form>
  );
}
