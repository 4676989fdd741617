/** The engine's limits (WorkspaceCreate in the API): enforced there, mirrored on the inputs. */
export const NAME_MAX = 100;
export const PROMPT_MAX = 20_000;
export const THREAD_TITLE_MAX = 200;
/** Model settings (Workspace in the API): temperature 0–2, reply cap 1–8192 tokens, history 0–200. */
export const TEMPERATURE_MAX = 2;
export const MAX_TOKENS_MAX = 8192;
export const HISTORY_MAX = 200;
/** The context window a workspace may state for its model: 256 to 1,048,576 tokens, or empty. */
export const CONTEXT_MIN = 256;
export const CONTEXT_MAX = 1_048_576;
