import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Provider, type ProviderPatch, type ProviderTest } from '../../api';
import { Checkbox, Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { CONCURRENCY_HINT, CONCURRENCY_MAX, CONCURRENCY_PROBLEM, parseConcurrency, PROVIDER_NAME_MAX } from './AddProvider';

type Mode = 'view' | 'edit' | 'remove';

/** The button each mode returns the focus to when it closes. */
const OPENER: Record<Exclude<Mode, 'view'>, string> = { edit: 'provider-edit', remove: 'provider-remove' };

/** At most this many of a provider's models are named after a test. */
const SHOWN = 12;

/** One provider: its address, whether a key is kept, how many replies it writes at once;
 * test, edit, remove. */
export function ProviderRow({
  provider,
  onChanged,
  onRemoved,
}: {
  provider: Provider;
  onChanged: (p: Provider) => void;
  onRemoved: () => void;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [result, setResult] = useState<ProviderTest | null>(null);
  const test = useAction();
  const remove = useAction();
  const rowRef = useRef<HTMLLIElement>(null);

  const close = () => {
    if (mode === 'view') return;
    const focus = OPENER[mode];
    setMode('view');
    remove.setError(null);
    window.setTimeout(() => rowRef.current?.querySelector<HTMLElement>(`[data-testid="${focus}"]`)?.focus(), 0);
  };

  // Into the opened form (its first field) or confirmation (its Cancel).
  useEffect(() => {
    if (mode === 'view') return;
    rowRef.current?.querySelector<HTMLElement>('.ws-form input, [data-autofocus]')?.focus();
  }, [mode]);

  const runTest = async () => {
    setResult(null);
    const r = await test.run(() => api.providers.test(provider.id));
    if (r.ok) setResult(r.result);
  };
  const confirmRemove = async () => {
    const r = await remove.run(() => api.providers.remove(provider.id));
    if (r.ok) onRemoved();
  };

  return (
    <li
      ref={rowRef}
      class={`ws-item${mode === 'remove' ? ' danger-zone' : ''}`}
      data-testid="provider-item"
      data-name={provider.name}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && mode !== 'view') {
          e.preventDefault();
          close();
        }
      }}
    >
      <div class="ws-main">
        <h3 class="ws-name" data-testid="provider-name-text">
          {provider.name}
        </h3>
        <p class="ws-meta">
          <span class="mono break">{provider.baseUrl}</span>
          {' · '}
          {provider.hasKey ? (
            <span class="pill pill-on" data-testid="provider-key-set">
              key set
            </span>
          ) : (
            <span class="pill" data-testid="provider-no-key">
              no key
            </span>
          )}
          {' · '}
          <span data-testid="provider-concurrency-text">
            {provider.concurrency} {provider.concurrency === 1 ? 'reply' : 'replies'} at once
          </span>
        </p>
      </div>
      {mode === 'view' && (
        <div class="ws-actions">
          <button type="button" class="btn small" onClick={runTest} disabled={test.busy} data-testid="provider-test" aria-label={`Test the connection to ${provider.name}`}>
            {test.busy ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" class="btn small" onClick={() => setMode('edit')} data-testid="provider-edit" aria-label={`Edit ${provider.name}`}>
            Edit
          </button>
          <button type="button" class="btn small danger-outline" onClick={() => setMode('remove')} data-testid="provider-remove" aria-label={`Remove ${provider.name}`}>
            Remove
          </button>
        </div>
      )}

      {(test.error || result) && mode === 'view' && (
        <div class="ws-form" aria-live="polite" data-testid="provider-test-result">
          <ErrorNote message={test.error} testId="provider-test-error" />
          {result && result.ok && (
            <SuccessNote testId="provider-test-ok">
              <p>
                Connected.{' '}
                {result.models.length === 0
                  ? 'It offers no models yet.'
                  : `It offers ${result.models.length} ${result.models.length === 1 ? 'model' : 'models'}:`}
              </p>
              {result.models.length > 0 && (
                <ul class="plain-list provider-models" data-testid="provider-test-models">
                  {result.models.slice(0, SHOWN).map((m) => (
                    <li key={m.id} class="mono break">
                      {m.name || m.id}
                    </li>
                  ))}
                  {result.models.length > SHOWN && <li>and {result.models.length - SHOWN} more</li>}
                </ul>
              )}
            </SuccessNote>
          )}
          {result && !result.ok && (
            <ErrorNote
              message={`The test failed: ${result.error || 'the provider did not answer as an OpenAI-compatible server would.'}`}
              testId="provider-test-failed"
            />
          )}
        </div>
      )}

      {mode === 'edit' && (
        <EditProvider
          provider={provider}
          onSaved={(p) => {
            onChanged(p);
            setResult(null);
            close();
          }}
          onCancel={close}
        />
      )}
      {mode === 'remove' && (
        <div class="ws-form" role="group" aria-label={`Confirm removing ${provider.name}`} data-testid="provider-confirm-remove">
          <p class="confirm-text">
            Remove “{provider.name}” and its key? Workspaces that use one of its models fall back to the default model.
          </p>
          <ErrorNote message={remove.error} testId="provider-remove-error" />
          <div class="actions">
            <button type="button" class="btn danger small" onClick={confirmRemove} disabled={remove.busy} data-testid="provider-remove-confirm">
              Remove
            </button>
            <button type="button" class="btn small" onClick={close} data-autofocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function EditProvider({ provider, onSaved, onCancel }: { provider: Provider; onSaved: (p: Provider) => void; onCancel: () => void }) {
  const [name, setName] = useState(provider.name);
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl);
  const [apiKey, setApiKey] = useState('');
  const [dropKey, setDropKey] = useState(false);
  const [concurrency, setConcurrency] = useState(String(provider.concurrency));
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return action.setError('A provider needs a name.');
    if (!/^https?:\/\/\S+$/i.test(baseUrl.trim())) return action.setError('The base URL is an http:// or https:// address.');
    const replies = parseConcurrency(concurrency);
    if (replies === null) return action.setError(CONCURRENCY_PROBLEM);
    const patch: ProviderPatch = {};
    if (replies !== provider.concurrency) patch.concurrency = replies;
    if (name.trim() !== provider.name) patch.name = name.trim();
    if (baseUrl.trim() !== provider.baseUrl) patch.baseUrl = baseUrl.trim();
    if (apiKey) patch.apiKey = apiKey;
    else if (dropKey) patch.apiKey = null;
    if (Object.keys(patch).length === 0) return onCancel();
    const r = await action.run(() => api.providers.update(provider.id, patch));
    setApiKey('');
    if (r.ok) onSaved(r.result);
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="provider-edit-form">
      <Field label="Name" value={name} onInput={setName} maxLength={PROVIDER_NAME_MAX} />
      <Field label="Base URL" value={baseUrl} onInput={setBaseUrl} inputMode="url" />
      <Field
        label={provider.hasKey ? 'New API key' : 'API key'}
        type="password"
        value={apiKey}
        onInput={setApiKey}
        hint={provider.hasKey ? 'Leave it empty to keep the key that is set.' : 'Optional.'}
      />
      {provider.hasKey && !apiKey && <Checkbox label="Remove the key that is set" checked={dropKey} onChange={setDropKey} />}
      <Field
        label="Replies at once"
        type="number"
        value={concurrency}
        onInput={setConcurrency}
        min={1}
        max={CONCURRENCY_MAX}
        inputMode="numeric"
        hint={CONCURRENCY_HINT}
        testId="provider-edit-concurrency"
      />
      <FormActions testId="provider-edit" error={action.error} busy={action.busy} submitLabel="Save" onCancel={onCancel} />
    </form>
  );
}
