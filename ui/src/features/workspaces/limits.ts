/** The engine's limits (WorkspaceCreate in the API): enforced there, mirrored on the inputs. */
export const NAME_MAX = 100;
export const PROMPT_MAX = 20_000;
export const THREAD_TITLE_MAX = 200;
