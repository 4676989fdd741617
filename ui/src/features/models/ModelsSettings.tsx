import { api, type Provider } from '../../api';
import { Loading } from '../../components/Loading';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNote } from '../../components/Notice';
import { useResource } from '../../lib/useResource';
import { AddProvider } from './AddProvider';
import { backendLabel, providerNames } from './labels';
import { ProviderRow } from './ProviderRow';
import './models.css';

/** Settings → Models (admins): the models Hearth can use and the OpenAI-compatible providers. */
export function ModelsSettings() {
  const providers = useResource(async (signal) => (await api.providers.list({ signal })).items, []);
  const models = useResource(async (signal) => (await api.models.list({ signal })).items, []);

  if (providers.error?.status === 403) return <NotAllowed title="Models" message={providers.error.message} />;

  const names = providerNames(providers.data);
  const changed = (update: (prev: Provider[]) => Provider[]) => {
    providers.setData((prev) => update(prev ?? []));
    models.reload();
  };

  return (
    <div class="stack-lg" data-testid="models-settings">
      <h2 class="section-title">Models</h2>

      <div class="card models-note" data-testid="models-note">
        <p>
          Hearth comes with a <strong>small starter model</strong>: good for trying things out, not for hard questions.
          For better answers, add a bigger model:
        </p>
        <ul class="plain-list">
          <li>
            put a <span class="mono">.gguf</span> file in the <span class="mono">models/</span> folder of Hearth’s data
            directory: it shows up below, Hearth runs it itself;
          </li>
          <li>
            or add a provider below, such as <strong>Ollama</strong> running on this machine at{' '}
            <span class="mono">http://127.0.0.1:11434/v1</span>.
          </li>
        </ul>
        <p class="hint">Each workspace picks its model under Workspaces → Model.</p>
      </div>

      <div class="card">
        <h3>Models available</h3>
        {models.error && <ErrorNote message={models.error.message} testId="models-error" />}
        {!models.error && models.data === null && <Loading>Loading models…</Loading>}
        {models.data && models.data.length === 0 && (
          <p class="muted" data-testid="models-empty">
            None yet: add a GGUF file or a provider.
          </p>
        )}
        {models.data && models.data.length > 0 && (
          <ul class="model-list" data-testid="model-list">
            {models.data.map((m) => (
              <li key={m.id} data-testid="model-item">
                <span class="mono break">{m.name}</span>{' '}
                <span class="pill">{backendLabel(m.backend, names)}</span>
                {m.contextWindow ? <span class="hint"> · {m.contextWindow.toLocaleString()} tokens of context</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>

      <section aria-labelledby="providers-title" class="stack">
        <h3 id="providers-title" class="list-heading">
          Providers {providers.data && providers.data.length > 0 && <span class="count">{providers.data.length}</span>}
        </h3>
        {providers.error && <ErrorNote message={providers.error.message} testId="providers-error" />}
        {!providers.error && providers.data === null && <Loading>Loading providers…</Loading>}
        {providers.data && providers.data.length === 0 && (
          <p class="muted" data-testid="providers-empty">
            No providers yet.
          </p>
        )}
        {providers.data && providers.data.length > 0 && (
          <ul class="ws-list" data-testid="provider-list">
            {providers.data.map((p) => (
              <ProviderRow
                key={p.id}
                provider={p}
                onChanged={(n) => changed((prev) => prev.map((x) => (x.id === n.id ? n : x)))}
                onRemoved={() => changed((prev) => prev.filter((x) => x.id !== p.id))}
              />
            ))}
          </ul>
        )}
      </section>

      <AddProvider onAdded={(p) => changed((prev) => [...prev.filter((x) => x.id !== p.id), p])} />
    </div>
  );
}
