import { useState } from 'preact/hooks';
import { api, type Provider, type ProviderCreate } from '../../api';
import { Field } from '../../components/Field';
import { ErrorNote, SuccessNote } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { useFlash } from '../../lib/useFlash';

export const PROVIDER_NAME_MAX = 80;
/** Replies a provider writes at once (Provider.concurrency in the API): 1 to 1,000, 4 by default. */
export const CONCURRENCY_MAX = 1000;
export const CONCURRENCY_DEFAULT = 4;
export const CONCURRENCY_HINT =
  'How many replies it writes at the same time; other messages wait in its line. 4 suits most servers on one machine.';
export const CONCURRENCY_PROBLEM = `Replies at once is a whole number from 1 to ${CONCURRENCY_MAX.toLocaleString()}.`;

/** The number typed for "Replies at once", or null when it is not one the engine takes. */
export function parseConcurrency(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= CONCURRENCY_MAX ? n : null;
}

const EXAMPLE_URL = 'http://127.0.0.1:11434/v1';

/** "Add a provider": name, base URL, API key (sent once, never shown again), replies at once. */
export function AddProvider({ onAdded }: { onAdded: (p: Provider) => void }) {
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [concurrency, setConcurrency] = useState(String(CONCURRENCY_DEFAULT));
  const [added, setAdded] = useFlash<string>();
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    setAdded(null);
    if (!name.trim()) return action.setError('Give the provider a name, such as “Ollama”.');
    if (!/^https?:\/\/\S+$/i.test(baseUrl.trim())) {
      return action.setError(`The base URL is an http:// or https:// address, such as ${EXAMPLE_URL}.`);
    }
    const replies = parseConcurrency(concurrency);
    if (replies === null) return action.setError(CONCURRENCY_PROBLEM);
    const body: ProviderCreate = { name: name.trim(), baseUrl: baseUrl.trim(), concurrency: replies };
    if (apiKey) body.apiKey = apiKey;
    const r = await action.run(() => api.providers.create(body));
    // The key leaves the page either way once it was sent.
    if (r.ok) {
      setApiKey('');
      onAdded(r.result);
      setAdded(r.result.name);
      setName('');
      setBaseUrl('');
      setConcurrency(String(CONCURRENCY_DEFAULT));
    }
  };

  return (
    <form class="card" onSubmit={submit} noValidate data-testid="add-provider-form">
      <h3>Add a provider</h3>
      <p class="hint provider-intro">
        Any server that speaks the OpenAI API: Ollama, a llama.cpp server, LM Studio, vLLM, or a hosted service.
      </p>
      <Field label="Name" value={name} onInput={setName} maxLength={PROVIDER_NAME_MAX} testId="provider-name" />
      <Field
        label="Base URL"
        value={baseUrl}
        onInput={setBaseUrl}
        inputMode="url"
        placeholder={EXAMPLE_URL}
        hint="The address that ends in /v1 (Hearth adds /models and /chat/completions)."
        testId="provider-url"
      />
      <Field
        label="API key (optional)"
        type="password"
        value={apiKey}
        onInput={setApiKey}
        autoComplete="off"
        hint="Kept in Hearth’s secrets store and never shown again. Leave it empty for a local server that needs none."
        testId="provider-key"
      />
      <Field
        label="Replies at once"
        type="number"
        value={concurrency}
        onInput={setConcurrency}
        min={1}
        max={CONCURRENCY_MAX}
        inputMode="numeric"
        hint={CONCURRENCY_HINT}
        testId="provider-concurrency"
      />
      <ErrorNote message={action.error} testId="add-provider-error" />
      {added && !action.error && <SuccessNote testId="add-provider-success">Added “{added}”. Test it below.</SuccessNote>}
      <div class="actions">
        <button type="submit" class="btn primary" disabled={action.busy} data-testid="add-provider-submit">
          Add provider
        </button>
      </div>
    </form>
  );
}
