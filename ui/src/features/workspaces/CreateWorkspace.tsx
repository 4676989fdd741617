import { useRef, useState } from 'preact/hooks';
import { api, type Workspace, type WorkspaceCreate } from '../../api';
import { Field, TextArea } from '../../components/Field';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { NAME_MAX, PROMPT_MAX } from './limits';
import { useFlash } from '../../lib/useFlash';

/** The "New workspace" card: a name and, on demand, a system prompt. */
export function CreateWorkspace({ onCreated }: { onCreated: (ws: Workspace) => void }) {
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');
  const [showPrompt, setShowPrompt] = useState(false);
  const [created, setCreated] = useFlash<string>();
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    if (!name.trim()) {
      action.setError('Give the workspace a name, then press Create workspace.');
      formRef.current?.querySelector('input')?.focus();
      return;
    }
    const body: WorkspaceCreate = { name: name.trim() };
    if (prompt.trim()) body.systemPrompt = prompt;
    const r = await action.run(() => api.workspaces.create(body));
    if (r.ok) {
      onCreated(r.result);
      setCreated(r.result.name);
      setName('');
      setPrompt('');
      setShowPrompt(false);
    } else {
      formRef.current?.querySelector('input')?.focus();
    }
  };

  return (
    <form ref={formRef} class="card create-form" onSubmit={submit} noValidate data-testid="create-workspace-form">
      <h2>New workspace</h2>
      <Field
        label="Name"
        value={name}
        onInput={setName}
        maxLength={NAME_MAX}
        required
        invalid={!!action.error}
        errorId={action.error ? 'create-ws-error' : undefined}
        testId="create-workspace-name"
      />
      {showPrompt ? (
        <TextArea
          label="System prompt (optional)"
          value={prompt}
          onInput={setPrompt}
          rows={4}
          maxLength={PROMPT_MAX}
          hint="Instructions the assistant follows in every chat of this workspace."
          testId="create-workspace-prompt"
        />
      ) : (
        <button type="button" class="btn link" onClick={() => setShowPrompt(true)} data-testid="add-system-prompt">
          + Add a system prompt
        </button>
      )}
      <ErrorNote message={action.error} id="create-ws-error" testId="create-workspace-error" />
      {created && !action.error && <SuccessNote testId="create-workspace-success">Created “{created}”.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="create-workspace-submit">
          Create workspace
        </button>
      </div>
    </form>
  );
}
