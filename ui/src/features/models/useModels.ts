import { api } from '../../api';
import { isAbortError } from '../../lib/errors';
import { useResource } from '../../lib/useResource';
import { providerNames } from './labels';

/** The models the caller may use and, for admins (who may list providers), the providers'
 * names to label them with. A failure to list providers only costs the names. */
export function useModels(admin: boolean) {
  return useResource(async (signal) => {
    const [models, providers] = await Promise.all([
      api.models.list({ signal }).then((r) => r.items),
      admin
        ? api.providers.list({ signal }).then(
            (r) => r.items,
            (err: unknown) => {
              if (isAbortError(err)) throw err;
              return [];
            },
          )
        : Promise.resolve([]),
    ]);
    return { models, names: providerNames(providers) };
  }, [admin]);
}
