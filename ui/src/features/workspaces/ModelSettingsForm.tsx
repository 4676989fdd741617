// A workspace's model settings (admins, managers): which model answers, how varied its
// answers are, how long a reply may be, how much of the chat goes with each message, and how
// its documents are searched (keywords only, or keywords and meaning with a local embedder).
import { useState } from 'preact/hooks';
import { api, type Workspace, type WorkspacePatch } from '../../api';
import { Field, Select } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../lib/useAction';
import { useResource } from '../../lib/useResource';
import { backendLabel, modelLabel } from '../models/labels';
import { useModels } from '../models/useModels';
import { CONTEXT_MAX, CONTEXT_MIN, HISTORY_MAX, MAX_TOKENS_MAX, TEMPERATURE_MAX } from './limits';

const DEFAULT = '';
/** The search select's value for "Keywords only" (`embedder: null`). */
const KEYWORDS = '';

const MEANING_HINT =
  'Meaning finds passages that use other words than the question; their vectors are made in the background after you save, on one core.';
const MISSING_HINT =
  'Search by meaning needs the search embedder, whose files are not installed: run scripts/fetch-embedder.sh on the computer Hearth runs on.';

export function ModelSettingsForm({
  ws,
  admin,
  onSaved,
  onCancel,
}: {
  ws: Workspace;
  /** Admins may list providers, whose names then label the models. */
  admin: boolean;
  onSaved: (ws: Workspace) => void;
  onCancel: () => void;
}) {
  const data = useModels(admin);
  const [model, setModel] = useState<string>(ws.model ?? DEFAULT);
  const [temperature, setTemperature] = useState(String(ws.temperature));
  const [maxTokens, setMaxTokens] = useState(String(ws.maxTokens));
  const [history, setHistory] = useState(String(ws.historyMessages));
  const [context, setContext] = useState(ws.contextWindow == null ? '' : String(ws.contextWindow));
  const embeddersData = useResource(async (signal) => (await api.embedders.list({ signal })).items, []);
  const [embedder, setEmbedder] = useState<string>(ws.embedder ?? KEYWORDS);
  const action = useAction();

  const models = data.data?.models ?? [];
  const names = data.data?.names ?? {};
  const first = models[0];
  const options = [
    {
      value: DEFAULT,
      label: first ? `Default: the first available (now ${modelLabel(first.id, models, names)})` : 'Default: the first available',
    },
    ...models.map((m) => ({ value: m.id, label: `${m.name} (${backendLabel(m.backend, names)})` })),
  ];
  if (ws.model && !models.some((m) => m.id === ws.model)) {
    options.push({ value: ws.model, label: `${modelLabel(ws.model, models, names)} (not available now)` });
  }

  const embedders = embeddersData.data ?? [];
  const searchOptions = [
    { value: KEYWORDS, label: 'Keywords only' },
    ...embedders.map((e) => ({ value: e.id, label: `Keywords and meaning (${e.name})` })),
  ];
  if (ws.embedder && !embedders.some((e) => e.id === ws.embedder)) {
    searchOptions.push({ value: ws.embedder, label: `Keywords and meaning (${ws.embedder}, not installed now)` });
  }
  const embeddersLoading = embeddersData.loading && !embeddersData.data;
  // None installed: nothing to choose (unless the workspace still names a missing one, which
  // may be turned back to keywords only).
  const noEmbedders = !!embeddersData.data && embedders.length === 0;
  const searchHint = embeddersData.error
    ? `The list of search embedders could not be read: ${embeddersData.error.message}`
    : noEmbedders
      ? MISSING_HINT
      : MEANING_HINT;

  const submit = async (e: Event) => {
    e.preventDefault();
    const t = Number(temperature.trim().replace(',', '.'));
    const m = Number(maxTokens.trim());
    const h = Number(history.trim());
    const c = context.trim() === '' ? null : Number(context.trim());
    if (!temperature.trim() || !Number.isFinite(t) || t < 0 || t > TEMPERATURE_MAX) {
      return action.setError(`The temperature is a number from 0 to ${TEMPERATURE_MAX}, such as 0.7.`);
    }
    if (!Number.isInteger(m) || m < 1 || m > MAX_TOKENS_MAX) {
      return action.setError(`The reply length cap is a whole number of tokens from 1 to ${MAX_TOKENS_MAX}.`);
    }
    if (!Number.isInteger(h) || h < 0 || h > HISTORY_MAX) {
      return action.setError(`History is a whole number of messages from 0 to ${HISTORY_MAX}.`);
    }
    if (c !== null && (!Number.isInteger(c) || c < CONTEXT_MIN || c > CONTEXT_MAX)) {
      return action.setError(
        `The context window is a whole number of tokens from ${CONTEXT_MIN} to ${CONTEXT_MAX.toLocaleString()}, or empty.`,
      );
    }
    const patch: WorkspacePatch = {};
    const chosen = model === DEFAULT ? null : model;
    if (chosen !== ws.model) patch.model = chosen;
    if (t !== ws.temperature) patch.temperature = t;
    if (m !== ws.maxTokens) patch.maxTokens = m;
    if (h !== ws.historyMessages) patch.historyMessages = h;
    if (c !== (ws.contextWindow ?? null)) patch.contextWindow = c;
    const search = embedder === KEYWORDS ? null : embedder;
    if (search !== (ws.embedder ?? null)) patch.embedder = search;
    if (Object.keys(patch).length === 0) return onCancel();
    const r = await action.run(() => api.workspaces.update(ws.slug, patch));
    if (r.ok) onSaved(r.result);
  };

  return (
    <form class="ws-form" onSubmit={submit} noValidate data-testid="model-form">
      {data.error && <p class="hint">The list of models could not be read: {data.error.message}</p>}
      <Select
        label={`Model of “${ws.name}”`}
        value={model}
        onChange={setModel}
        options={options}
        disabled={data.loading && !data.data}
        hint="Admins add models in Settings → Models."
        testId="model-select"
      />
      <div class="field-row">
        <Field
          label="Temperature"
          type="number"
          value={temperature}
          onInput={setTemperature}
          min={0}
          max={TEMPERATURE_MAX}
          step={0.1}
          inputMode="decimal"
          hint="0 gives the same answer every time; higher is more varied (up to 2)."
          testId="model-temperature"
        />
        <Field
          label="Reply length cap (tokens)"
          type="number"
          value={maxTokens}
          onInput={setMaxTokens}
          min={1}
          max={MAX_TOKENS_MAX}
          inputMode="numeric"
          hint="The longest a reply may be; a token is about ¾ of a word."
          testId="model-max-tokens"
        />
      </div>
      <Field
        label="History messages"
        type="number"
        value={history}
        onInput={setHistory}
        min={0}
        max={HISTORY_MAX}
        inputMode="numeric"
        hint="How many earlier messages of a chat go to the model with each new one."
        testId="model-history"
      />
      <Field
        label="Context window (tokens, optional)"
        type="number"
        value={context}
        onInput={setContext}
        min={CONTEXT_MIN}
        max={CONTEXT_MAX}
        inputMode="numeric"
        hint="Only for a provider that does not tell its model's window (Ollama, for one): set it to the model's, and older messages are left out so the chat fits. Empty: as the model says."
        testId="model-context-window"
      />
      <fieldset class="checks search-settings" data-testid="workspace-search">
        <legend>Search</legend>
        <Select
          label="Search documents by"
          value={embedder}
          onChange={setEmbedder}
          options={searchOptions}
          disabled={embeddersLoading || (noEmbedders && !ws.embedder)}
          hint={searchHint}
          testId="workspace-embedder"
        />
      </fieldset>
      <FormActions testId="model" error={action.error} busy={action.busy} submitLabel="Save" onCancel={onCancel} />
    </form>
  );
}
