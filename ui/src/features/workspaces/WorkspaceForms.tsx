// The forms a workspace row opens in place: rename, system prompt, delete.
import { useState } from 'preact/hooks';
import { api, type Workspace } from '../../api';
import { Field, TextArea } from '../../components/Field';
import { ErrorNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { NAME_MAX, PROMPT_MAX } from './limits';

interface EditProps {
  ws: Workspace;
  onSaved: (ws: Workspace) => void;
  onCancel: () => void;
}

export function RenameWorkspaceForm({ ws, onSaved, onCancel }: EditProps) {
  const [name, setName] = useState(ws.name);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) {
      action.setError('A workspace needs a name. Type one, or press Cancel.');
      return;
    }
    if (name.trim() === ws.name) {
      onCancel();
      return;
    }
    const r = await action.run(() => api.workspaces.update(ws.slug, { name: name.trim() }));
    if (r.ok) onSaved(r.result);
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="rename-form">
      <Field
        label={`New name for “${ws.name}”`}
        value={name}
        onInput={setName}
        maxLength={NAME_MAX}
        required
        invalid={!!action.error}
        testId="rename-input"
      />
      <ErrorNote message={action.error} testId="rename-error" />
      <div class="actions">
        <button type="submit" class="btn primary small" disabled={action.busy} data-testid="rename-save">
          Save
        </button>
        <button type="button" class="btn small" onClick={onCancel} data-testid="rename-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}

export function EditPromptForm({ ws, onSaved, onCancel }: EditProps) {
  const [prompt, setPrompt] = useState(ws.systemPrompt ?? '');
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await action.run(() => api.workspaces.update(ws.slug, { systemPrompt: prompt }));
    if (r.ok) onSaved(r.result);
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="prompt-form">
      <TextArea
        label={`System prompt of “${ws.name}”`}
        value={prompt}
        onInput={setPrompt}
        rows={5}
        maxLength={PROMPT_MAX}
        hint="Leave it empty for no system prompt."
        testId="prompt-input"
      />
      <ErrorNote message={action.error} testId="prompt-error" />
      <div class="actions">
        <button type="submit" class="btn primary small" disabled={action.busy} data-testid="prompt-save">
          Save
        </button>
        <button type="button" class="btn small" onClick={onCancel} data-testid="prompt-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}

export function ConfirmDeleteWorkspace({
  ws,
  onDeleted,
  onCancel,
}: {
  ws: Workspace;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const action = useAction();
  const remove = async () => {
    const r = await action.run(() => api.workspaces.remove(ws.slug));
    if (r.ok) onDeleted();
  };

  return (
    <div class="ws-form" role="group" aria-label={`Confirm deleting ${ws.name}`} data-testid="confirm-delete">
      <p class="confirm-text">Delete “{ws.name}” for good? Its chats and documents go with it. This cannot be undone.</p>
      <ErrorNote message={action.error} testId="delete-error" />
      <div class="actions">
        <button type="button" class="btn danger small" onClick={remove} disabled={action.busy} data-testid="confirm-delete-button">
          Delete
        </button>
        <button type="button" class="btn small" onClick={onCancel} data-testid="cancel-delete" data-autofocus>
          Cancel
        </button>
      </div>
    </div>
  );
}
