// How a model is named on screen. Ids are `backend/model`: `embedded/<file>.gguf` for the
// GGUF files Hearth runs itself, `<provider id>/<model>` for a provider's.
import type { Model, Provider } from '../../api';

/** Provider ids → names, when the caller may list providers (admins). */
export type ProviderNames = Record<string, string>;

export const providerNames = (providers: Provider[] | null | undefined): ProviderNames =>
  Object.fromEntries((providers ?? []).map((p) => [p.id, p.name]));

/** Where a model runs, in words. */
export function backendLabel(backend: string, names: ProviderNames = {}): string {
  if (backend === 'embedded') return 'built in';
  return names[backend] ?? 'provider';
}

/** "name (where)" for a model of the list; for an id that is not in it, its own words. */
export function modelLabel(id: string | null | undefined, models: Model[] | null | undefined, names: ProviderNames = {}): string {
  if (!id) return 'the default model';
  const m = models?.find((x) => x.id === id);
  if (m) return `${m.name} (${backendLabel(m.backend, names)})`;
  // Not (or no longer) listed: the part after the backend is the model's name.
  const slash = id.indexOf('/');
  return slash >= 0 ? id.slice(slash + 1) : id;
}

/** The model a workspace uses: its own, or (null) the first one available. */
export function workspaceModelLabel(model: string | null, models: Model[] | null | undefined, names: ProviderNames = {}): string {
  if (model) return modelLabel(model, models, names);
  const first = models?.[0];
  return first ? `Default: ${modelLabel(first.id, models, names)}` : 'Default (no model is available yet)';
}
