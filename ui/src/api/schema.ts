/**
 * Hearth's API types, generated from the engine's OpenAPI document by openapi-typescript.
 * Do not edit: run `npm run gen:api` (from ../openapi.json); `npm run check:api` compares
 * this file with what a running engine serves at /api/openapi.json.
 */

export interface paths {
    "/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server status
         * @description Mode, lock state and login style; no session needed. A status poll does not count as activity for the idle timeout.
         */
        get: operations["getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in (multi-user mode)
         * @description Opens a new session and sets the `hearth_session` cookie; a session cookie the browser already had ends. Unknown user, wrong password, suspended account and single-user mode all get the same 401. Throttled per account and per address.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unlock (single-user mode)
         * @description The single-user lock password opens a new session (a host session if the browser carries the host grant cookie). Throttled.
         */
        post: operations["unlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lock now (single-user mode)
         * @description Ends every session of the owner, in every window and browser, and clears the cookie.
         */
        post: operations["lock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Ends the current session (if any) and clears the cookie. Always 204.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Login list
         * @description Active accounts for the login page; only in multi-user mode with login style `list`, 404 otherwise.
         */
        get: operations["listLoginUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Own profile */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit own profile
         * @description Only `displayName`, `bio` and `preferences`; any other field (such as `role` or `suspended`) is refused with 400.
         */
        patch: operations["patchMe"];
        trace?: never;
    };
    "/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change own password (multi-user mode)
         * @description Needs the current password; every other session of the user ends, the current one stays. In single-user mode use `PUT /me/lock`. Throttled.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set or change the lock password (single-user mode)
         * @description Owner only. Changing an existing lock needs `currentPassword`. Every session ends and the caller gets a fresh one (new cookie).
         */
        put: operations["setLock"];
        post?: never;
        /**
         * Remove the lock password (single-user mode)
         * @description Owner only; the request body carries the current lock password.
         */
        delete: operations["removeLock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload own avatar
         * @description The raw image bytes as the body: PNG, JPEG or WebP, at most 512 KiB and 4096×4096 pixels. The type is decided by the bytes, not by Content-Type.
         */
        put: operations["putAvatar"];
        post?: never;
        /** Remove own avatar */
        delete: operations["deleteAvatar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Own sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of own sessions */
        delete: operations["endSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's avatar
         * @description Any signed-in user sees any user's avatar. Without a session it is served only in multi-user mode with login style `list`, and not for suspended users.
         */
        get: operations["getAvatar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List visible workspaces
         * @description Admins and managers see every workspace; others see those they are members of. Unknown query parameters are refused (400).
         */
        get: operations["listWorkspaces"];
        put?: never;
        /**
         * Create a workspace
         * @description Admins and managers.
         */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        /**
         * Delete a workspace
         * @description Admins and managers.
         */
        delete: operations["deleteWorkspace"];
        options?: never;
        head?: never;
        /**
         * Edit a workspace
         * @description Admins and managers. A new name gives a new slug.
         */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/workspaces/{slug}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List members
         * @description Admins and managers.
         */
        get: operations["listMembers"];
        /**
         * Replace members
         * @description Admins and managers; managers cannot add or remove an admin.
         */
        put: operations["setMembers"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{slug}/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List own threads in a workspace */
        get: operations["listThreads"];
        put?: never;
        /** Start a thread */
        post: operations["createThread"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/threads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a thread */
        get: operations["getThread"];
        put?: never;
        post?: never;
        /** Delete a thread */
        delete: operations["deleteThread"];
        options?: never;
        head?: never;
        /** Rename a thread */
        patch: operations["renameThread"];
        trace?: never;
    };
    "/threads/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A thread's messages
         * @description The newest `limit` messages older than `cursor` (none: the newest), oldest first within the page. `next` is the cursor of the page before, or null at the thread's start.
         */
        get: operations["listMessages"];
        put?: never;
        /**
         * Send a message; the reply streams
         * @description Admitted (the daily limit, counted in the usage ledger), queued fairly, then answered by the workspace's model. The answer is `text/event-stream`; the reply is saved as it streams, so `GET /threads/{id}/stream` re-attaches.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts
         * @description Admins and managers.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create an account
         * @description Admins and managers; managers cannot create admins.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an account
         * @description Admins and managers.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete an account
         * @description Admins and managers (not on admins). The account's sessions, memberships and threads go; workspaces it created pass to the owner.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Edit an account
         * @description Admins and managers; managers never edit admins nor grant `admin`. The owner cannot be demoted or suspended, and the last active admin cannot be demoted or suspended. A role change or suspension ends the user's sessions.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset an account's password
         * @description Admins and managers (not on admins). The user's sessions end (the actor keeps their own when resetting themselves).
         */
        post: operations["resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace an account's workspaces
         * @description Admins and managers (not on admins).
         */
        put: operations["setUserWorkspaces"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End all of an account's sessions
         * @description Admins and managers (not on admins).
         */
        delete: operations["endUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the event log
         * @description Admins only. Newest first. Unknown query parameters are refused (400). The CSV (`format=csv`) has one row per event: id, time_utc (RFC 3339), type, user (name), user_id, address, target (name), target_id, workspace (name), workspace_id, reason, details (the rest, JSON).
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        /**
         * Clear the event log
         * @description Admins only. The clearing itself becomes the first entry of the new log.
         */
        delete: operations["clearEvents"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read system settings
         * @description Admins only.
         */
        get: operations["getSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change system settings
         * @description Admins only. Absent or null fields are unchanged.
         */
        patch: operations["updateSettings"];
        trace?: never;
    };
    "/mode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch single-user ⇄ multi-user
         * @description **Host only**: the caller must use the host's session (opened through `/host-login` with the engine's per-launch secret) from a loopback address; anyone else, even a LAN admin, gets 403 `host_only`. Admin only. To `multi`: the owner becomes the given admin (give `currentPassword` if a lock password is set). To `single`: the LAN server stops and other accounts' sessions end.
         */
        post: operations["setMode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * LAN server status
         * @description **Host only**: the caller must use the host's session (opened through `/host-login` with the engine's per-launch secret) from a loopback address; anyone else, even a LAN admin, gets 403 `host_only`.
         */
        get: operations["getServer"];
        put?: never;
        /**
         * Start, stop or configure the LAN server
         * @description **Host only**: the caller must use the host's session (opened through `/host-login` with the engine's per-launch secret) from a loopback address; anyone else, even a LAN admin, gets 403 `host_only`. Admin only. `start` (multi-user mode only; optional `bind`, `port`), `stop`, `pin` (`url`, one of `urls`, to list first), `hosts` (`allowedHosts`).
         */
        post: operations["serverAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/server/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * QR code for a server URL
         * @description **Host only**: the caller must use the host's session (opened through `/host-login` with the engine's per-launch secret) from a loopback address; anyone else, even a LAN admin, gets 403 `host_only`. The URL must be one of the LAN server's `urls`.
         */
        get: operations["getServerQr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/host-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Host login (loopback only)
         * @description Opens the host's session. Only from a loopback address, with the engine's per-launch secret (printed by `hearth serve`, used by the desktop shell) or a link minted by `hearth host-link` (valid 10 minutes), and only once. Sets the `hearth_host` grant cookie (HttpOnly, SameSite=Strict) and, unless a single-user lock password is set (then the host still unlocks), the `hearth_session` cookie, both persistent like a remembered session; then redirects to `/` with 303. A refused link answers a browser (`Accept: text/html`) with a page that says to run `hearth host-link`, other clients with the JSON error.
         */
        get: operations["hostLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/threads/{id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-attach to the reply being written
         * @description The events so far (the text as one `token`), then the rest. 404 when no reply is being written in the thread.
         */
        get: operations["replyStream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/threads/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the reply being written */
        post: operations["stopReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models the caller may use */
        get: operations["listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/embedders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search embedders this install has
         * @description The local embedding models whose files are here (all-MiniLM-L6-v2 when `scripts/fetch-embedder.sh` put it in a model folder). A workspace that chooses one is searched by meaning as well as by keywords.
         */
        get: operations["listEmbedders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OpenAI-compatible providers
         * @description Admins only.
         */
        get: operations["listProviders"];
        put?: never;
        /**
         * Add an OpenAI-compatible provider
         * @description Admins only. The API key goes to the secrets store and never comes back.
         */
        post: operations["addProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a provider */
        delete: operations["removeProvider"];
        options?: never;
        head?: never;
        /** Change a provider */
        patch: operations["updateProvider"];
        trace?: never;
    };
    "/providers/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test a provider's connection */
        post: operations["testProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages left today */
        get: operations["myUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The queue */
        get: operations["listQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queue/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Cancel a queue item
         * @description One's own; admins any (logged). Others' are a 404.
         */
        delete: operations["cancelQueueItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queue/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause the queue
         * @description Admins only. Paused, nothing new starts; running replies finish.
         */
        post: operations["pauseQueue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queue/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume the queue
         * @description Admins only. Paused, nothing new starts; running replies finish.
         */
        post: operations["resumeQueue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/threads/{id}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write the last reply again; the new reply streams
         * @description The thread's last message must be a reply that has ended (done, stopped or failed). It is replaced: the old text is removed and the model answers the same message again, through the same limit and queue as a new message (it counts as one message). The answer is `text/event-stream` like `POST /threads/{id}/messages`.
         */
        post: operations["regenerateReply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every chat (admins, managers)
         * @description Every reply with the message it answers, newest first, across all users and workspaces (PRODUCT W3). Default users get 403: their own chats are in their threads. Unknown query parameters are refused (400).
         */
        get: operations["listChats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone's usage (admins, managers)
         * @description Per user: messages counted in the usage ledger over a range of UTC days (today by default), today's count against the daily limit, and the tokens of the replies. Unknown query parameters are refused (400).
         */
        get: operations["listUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/memories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Own memories
         * @description The caller's own memories (PRODUCT A4), newest first. No one else, admins included, can read them. The model is given the newest that fit its budget (about 2,000 characters) with every message.
         */
        get: operations["listMemories"];
        put?: never;
        /**
         * Add a memory
         * @description `sourceMessageId` (optional) records the message it was taken from ("remember this"): a message of one of the caller's own threads.
         */
        post: operations["addMemory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/memories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a memory */
        delete: operations["removeMemory"];
        options?: never;
        head?: never;
        /** Edit a memory */
        patch: operations["updateMemory"];
        trace?: never;
    };
    "/me/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download all of one's own data
         * @description A zip of everything that is the caller's: `profile.json` (the profile, without the password hash), `memories.json`, `threads.json` (every own thread with its workspace's name and every message), `usage.json` (the daily counts), and `README.txt` describing the files. Format version in `manifest.json` (`{"format": "hearth-personal-backup", "version": 1, "exportedAt"}`).
         */
        get: operations["downloadBackup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{slug}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A workspace's documents
         * @description Members and admins/managers. Newest first, with each one's indexing status.
         */
        get: operations["listDocuments"];
        put?: never;
        /**
         * Upload documents
         * @description Admins and managers. `multipart/form-data` with one or more `file` parts. Each file is streamed to disk (never whole in memory) up to the size cap (setting `uploadMaxMb`), its type judged from its content (text, Markdown, HTML, PDF, DOCX; the name is only shown), then queued for indexing. All or nothing: if one file is refused, none is kept.
         */
        post: operations["uploadDocuments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{slug}/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a document
         * @description Admins and managers. Its passages leave the search and the prompts at once; the file is deleted.
         */
        delete: operations["removeDocument"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{slug}/documents/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Index a failed document again */
        post: operations["retryDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workspaces/{slug}/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search a workspace's documents
         * @description Members and admins/managers: the best passages (BM25 over the indexed text), best first.
         */
        get: operations["searchDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error has this shape. */
        Error: {
            error: {
                /**
                 * @description Stable snake_case code for clients to branch on.
                 * @example not_found
                 * @example unauthenticated
                 * @example invalid_body
                 */
                code: string;
                /** @description A message for people; never debugging detail. */
                message: string;
            };
        };
        /** @enum {string} */
        Role: "admin" | "manager" | "default";
        /** @enum {string} */
        Mode: "single" | "multi";
        /**
         * @description `discreet`: the login page asks for a username. `list`: it lists the accounts (multi-user mode).
         * @enum {string}
         */
        LoginStyle: "discreet" | "list";
        /** @description What the UI needs before it knows who is calling. */
        Status: {
            mode: components["schemas"]["Mode"];
            /** @description Single-user mode with a lock password and no live session. */
            locked: boolean;
            /** @description Single-user mode and the owner has a lock password. */
            lockEnabled: boolean;
            /** @description The request carries a live session (or the implicit loopback owner). */
            authenticated: boolean;
            /** @description The caller's session is the host's (opened through `/host-login`). */
            host: boolean;
            /** @description Currently always false. */
            setupRequired: boolean;
            loginStyle: components["schemas"]["LoginStyle"];
            /** @description Currently always true. */
            passwordLogin: boolean;
            /** @description The server's version (Cargo package version). */
            version: string;
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        /** @description The signed-in user's own profile (`GET /me`). Never the password hash. */
        User: {
            /** @description Opaque id. */
            id: string;
            /** @description Null for the owner until multi-user mode gives it one. */
            username: string | null;
            displayName: string;
            bio: string;
            role: components["schemas"]["Role"];
            /** @description The host's own account. */
            isOwner: boolean;
            /** @description An avatar is set: `GET /users/{id}/avatar` serves it. */
            hasAvatar: boolean;
            /** @description Free-form UI preferences (at most 8 KiB as JSON). */
            preferences: Record<string, unknown>;
            /** @description The owner in single-user mode with a lock password. */
            lockEnabled: boolean;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
        };
        /** @description What admins and managers see of an account (also the `user` of a login). Never the hash. */
        UserView: {
            /** @description Opaque id. */
            id: string;
            username: string | null;
            displayName: string;
            role: components["schemas"]["Role"];
            suspended: boolean;
            /**
             * Format: int64
             * @description Null: no limit.
             */
            dailyMessageLimit: number | null;
            isOwner: boolean;
            hasAvatar: boolean;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
            /**
             * Format: int64
             * @description Unix time in seconds, or null if never.
             */
            lastLoginAt: number | null;
            workspaceIds: string[];
        };
        /** @description An entry of the login list (`GET /auth/users`). */
        LoginListUser: {
            /** @description Opaque id. */
            id: string;
            username: string;
            displayName: string;
            hasAvatar: boolean;
        };
        /** @description A member of a workspace. */
        Member: {
            /** @description Opaque id. */
            id: string;
            username: string | null;
            displayName: string;
            role: components["schemas"]["Role"];
        };
        /** @description One of the caller's own live sessions. */
        Session: {
            /** @description Opaque id. */
            id: string;
            userAgent: string;
            /** @description Peer IP address the session was opened from. */
            address: string;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            lastSeenAt: number;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            expiresAt: number;
            /** @description Opened through the host login. */
            host: boolean;
            rememberMe: boolean;
            /** @description The session of this request. */
            current: boolean;
        };
        Workspace: {
            /** @description Opaque id. */
            id: string;
            /** @description Derived from the name; changes when the name changes. */
            slug: string;
            name: string;
            systemPrompt: string;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            updatedAt: number;
            /** @description `backend/model` from `GET /models`; null: the first model available (the starter model on a fresh install). */
            model: string | null;
            /** @description 0: the same answer every time. */
            temperature: number;
            /** @description The reply length cap, in tokens. */
            maxTokens: number;
            /** @description Messages of history that go into the prompt. */
            historyMessages: number;
            /** @description The model's context window in tokens, for a provider that does not say it (Ollama's OpenAI-compatible API does not); null: as the model says. The history is trimmed to it. */
            contextWindow: number | null;
            /** @description The embedder (GET /embedders) whose vectors let search find passages by meaning as well as by keywords; null: keywords only. Changing it drops the workspace's vectors and makes them again (Document.embeddedWith says which documents have theirs). */
            embedder: string | null;
        };
        Thread: {
            /** @description Opaque id. */
            id: string;
            workspaceId: string;
            title: string;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            updatedAt: number;
        };
        Message: {
            /** @description Opaque id. */
            id: string;
            /** @enum {string} */
            role: "system" | "user" | "assistant";
            content: string;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
            /**
             * @description A reply is a row that grows: `queued`, then `streaming` while it is written, then `done`, `stopped` or `failed` (the partial text kept).
             * @enum {string}
             */
            status: "queued" | "streaming" | "done" | "stopped" | "failed";
            /** @description `backend/model` that wrote a reply. */
            model: string | null;
            /** @enum {string|null} */
            finishReason: "stop" | "length" | "cancelled" | null;
            /** @description What failed, in words, for a `failed` reply. */
            error: string | null;
            promptTokens: number | null;
            completionTokens: number | null;
            /** @description The passages of the workspace's documents the reply was given (empty for most). */
            sources: components["schemas"]["Source"][];
        };
        /** @description An entry of the event log. */
        Event: {
            /** Format: int64 */
            id: number;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            at: number;
            type: components["schemas"]["EventKind"];
            userId: string | null;
            username: string | null;
            address: string;
            /** @description Event-specific JSON (an object; null if unreadable). */
            details: unknown;
            /** @description The actor as people know them now: display name, else username; "Owner" for the owner before it had a name (single-user mode). Null: no actor, or one since removed. */
            userName: string | null;
            /** @description The account the event is about (`details.target`), by name. */
            targetName: string | null;
            /** @description The workspace the event is about (`details.workspace`), by name. */
            workspaceName: string | null;
        };
        /**
         * @description What an event of the log records. The engine's `EventKind` enum; the web UI's event picker reads this list.
         * @enum {string}
         */
        EventKind: "access_denied" | "avatar_changed" | "avatar_removed" | "events_cleared" | "host_login" | "host_login_refused" | "lock" | "lock_password_changed" | "lock_password_check_failed" | "lock_password_check_throttled" | "lock_password_removed" | "lock_password_set" | "login_failed" | "login_ok" | "login_throttled" | "logout" | "memberships_changed" | "mode_switch_failed" | "mode_switch_throttled" | "mode_switched" | "password_change_failed" | "password_change_throttled" | "password_changed" | "password_reset" | "provider_added" | "provider_changed" | "provider_removed" | "queue_item_cancelled" | "queue_paused" | "queue_resumed" | "role_changed" | "server_started" | "server_stopped" | "session_ended" | "sessions_ended" | "settings_changed" | "unlock" | "unlock_failed" | "unlock_throttled" | "user_created" | "user_deleted" | "user_edited" | "user_suspended" | "user_unsuspended" | "workspace_created" | "workspace_deleted" | "workspace_updated";
        /** @description System settings. */
        Settings: {
            /** @description Inactivity timeout, also the single-user idle lock. */
            idleTimeoutMinutes: number;
            loginStyle: components["schemas"]["LoginStyle"];
            /** @description Messages one user may have waiting or being answered at once (more: 429 `queue_full`). */
            queuePerUser: number;
            /** @description Messages that may wait in one model's line at once (more: 503 `queue_full`). */
            queueTotal: number;
            /** @description The largest document one may upload, in MB (default 50). */
            uploadMaxMb: number;
        };
        /** @description The LAN server. */
        LanStatus: {
            running: boolean;
            /** @description Every URL colleagues can use: the pinned one first, then real adapters before VPN and virtual ones. Only addresses the server listens on (or would): with all interfaces, IPv6 ones only when `dualStack`. Port 80 is left out of the URL. */
            urls: string[];
            port: number;
            /** @description `0.0.0.0` for all interfaces, or the one chosen address. */
            bind: string;
            /** @description The URL pinned to the top of `urls`. */
            pinned: string | null;
            https: boolean;
            /** @description TLS certificate fingerprint (null without HTTPS). */
            fingerprint: string | null;
            /** Format: int64 */
            usersOnline: number;
            /** @description Extra host names the server answers to. */
            allowedHosts: string[];
            /** @description This machine's network addresses the server may be bound to (`bind`), real adapters before VPN, container and virtual ones. */
            interfaces: {
                /** @description The interface (eth0, wlan0, …). */
                name: string;
                address: string;
                /** @description A VPN, container or virtual machine adapter. */
                virtual: boolean;
            }[];
            /** @description All interfaces (`bind` 0.0.0.0) listens on one IPv6 socket that takes IPv4 too: IPv6 addresses are listed as well. False: IPv4 only, and only IPv4 addresses are listed. */
            dualStack: boolean;
        };
        /** @description A page of workspaces. */
        WorkspaceList: {
            items: components["schemas"]["Workspace"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        /** @description The caller's threads in a workspace (`next` is always null). */
        ThreadList: {
            items: components["schemas"]["Thread"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        /** @description A page of a thread's messages, oldest first. */
        MessageList: {
            items: components["schemas"]["Message"][];
            /** @description The `cursor` for the older messages, or null when this page starts the thread. */
            next: string | null;
        };
        /** @description The caller's live sessions, most recently seen first (`next` is always null). */
        SessionList: {
            items: components["schemas"]["Session"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        /** @description All accounts, the owner first (`next` is always null). */
        UserViewList: {
            items: components["schemas"]["UserView"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        /** @description A workspace's members (`next` is always null). */
        MemberList: {
            items: components["schemas"]["Member"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        /** @description Active accounts for the login page (`next` is always null). */
        LoginListUserList: {
            items: components["schemas"]["LoginListUser"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        /** @description A page of the event log, newest first. */
        EventList: {
            items: components["schemas"]["Event"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        LoginResponse: {
            user: components["schemas"]["User"];
        };
        UserResponse: {
            user: components["schemas"]["User"];
        };
        UserDeleted: {
            /** @constant */
            deleted: true;
            /** Format: int64 */
            threadsRemoved: number;
            /** Format: int64 */
            workspacesTransferredToOwner: number;
        };
        SessionsEnded: {
            /** @description How many sessions ended. */
            ended: number;
        };
        EventsCleared: {
            /** @description How many entries were removed. */
            removed: number;
        };
        ModeResponse: {
            mode: components["schemas"]["Mode"];
        };
        LoginRequest: {
            /** @description Case-insensitive. */
            username: string;
            /** @description A password (never echoed or logged). */
            password: string;
            /**
             * @description A persistent cookie lasting 7 days instead of a browser-session cookie (24 h).
             * @default false
             */
            rememberMe?: boolean;
        };
        UnlockRequest: {
            /** @description A password (never echoed or logged). */
            password: string;
            /** @default false */
            rememberMe?: boolean;
        };
        /** @description Self-service fields only: `role`, `suspended` or any other field is refused (400). */
        ProfilePatch: {
            /** @description Trimmed; at most 100 characters, no control characters. Null or absent: unchanged. */
            displayName?: string | null;
            /** @description Null or absent: unchanged. */
            bio?: string | null;
            /** @description Replaces the preferences (at most 8 KiB as JSON). Null or absent: unchanged. */
            preferences?: Record<string, unknown> | null;
        };
        PasswordChange: {
            /** @description A password (never echoed or logged). */
            currentPassword: string;
            /** @description 8 to 256 characters and not a very common password; otherwise 422 `weak_password`. */
            newPassword: string;
        };
        LockSet: {
            /** @description Required (and checked) when a lock password is already set. */
            currentPassword?: string | null;
            /** @description 8 to 256 characters and not a very common password; otherwise 422 `weak_password`. */
            newPassword: string;
        };
        LockRemove: {
            /** @description A password (never echoed or logged). */
            currentPassword: string;
        };
        WorkspaceCreate: {
            /** @description Trimmed; 1 to 100 characters, no control characters. */
            name: string;
            /** @default  */
            systemPrompt?: string;
        };
        WorkspacePatch: {
            /** @description Renaming changes the slug. Null or absent: unchanged. */
            name?: string | null;
            /** @description Null or absent: unchanged. */
            systemPrompt?: string | null;
            /** @description `backend/model` from `GET /models`; null: the first model available (the starter model on a fresh install). */
            model?: string | null;
            /** @description 0: the same answer every time. */
            temperature?: number | null;
            /** @description The reply length cap, in tokens. */
            maxTokens?: number | null;
            /** @description Messages of history that go into the prompt. */
            historyMessages?: number | null;
            /** @description null: as the model says. */
            contextWindow?: number | null;
            /** @description An id of GET /embedders; null: keyword search only. Unknown: 422 `unknown_embedder`. */
            embedder?: string | null;
        };
        MembersPut: {
            /** @description The complete new member set. */
            userIds: string[];
        };
        ThreadTitle: {
            /**
             * @description Trimmed; at most 200 characters, no control characters.
             * @default
             */
            title?: string;
        };
        NewUser: {
            /** @description 2 to 64 characters: lowercase letters, digits, `.`, `_`, `-`, starting with a letter. */
            username: string;
            /** @description 8 to 256 characters and not a very common password; otherwise 422 `weak_password`. */
            password: string;
            role: components["schemas"]["Role"];
            /** @description Defaults to the username. */
            displayName?: string | null;
            /** @description Null or absent: no limit. */
            dailyMessageLimit?: number | null;
        };
        /** @description Absent (or null, except `dailyMessageLimit`) fields are unchanged. A role change or a suspension ends the user's sessions. */
        UserPatch: {
            role?: components["schemas"]["Role"] | null;
            suspended?: boolean | null;
            /** @description Absent: unchanged. Null: no limit. */
            dailyMessageLimit?: number | null;
            displayName?: string | null;
        };
        PasswordReset: {
            /** @description 8 to 256 characters and not a very common password; otherwise 422 `weak_password`. */
            newPassword: string;
        };
        UserWorkspacesPut: {
            /** @description The complete new workspace set. */
            workspaceIds: string[];
        };
        SettingsPatch: {
            idleTimeoutMinutes?: number | null;
            loginStyle?: components["schemas"]["LoginStyle"] | null;
            queuePerUser?: number | null;
            queueTotal?: number | null;
            uploadMaxMb?: number | null;
        };
        AdminCredentials: {
            username: string;
            /** @description 8 to 256 characters and not a very common password; otherwise 422 `weak_password`. */
            password: string;
        };
        ModeRequest: {
            mode: components["schemas"]["Mode"];
            /** @description For `multi`: the owner becomes this admin. Optional when the owner already was the admin (a second switch): then it renames and/or re-passwords the admin, and the admin otherwise comes back as it was. */
            admin?: components["schemas"]["AdminCredentials"] | null;
            /** @description For `multi`: the single-user lock password, required when one is set (always set after a first switch: it is the admin's password). */
            currentPassword?: string | null;
        };
        ServerAction: {
            /** @enum {string} */
            action: "start" | "stop" | "pin" | "unpin" | "hosts";
            /** @description `start`: an IP address of this computer, or `0.0.0.0` for all interfaces. Default: the stored one. */
            bind?: string | null;
            /** @description `start`: the port. Default: the stored one (4271). */
            port?: number | null;
            /** @description `pin`: the URL to list first, one of the status's `urls` (required). */
            url?: string | null;
            /** @description `hosts`: extra host names to answer to (required; no wildcards, no ports). */
            allowedHosts?: string[] | null;
        };
        ChatMessageRequest: {
            content: string;
        };
        Model: {
            /** @description `backend/model` */
            id: string;
            name: string;
            /** @description `embedded`, or a provider's id. */
            backend: string;
            contextWindow: number | null;
        };
        ModelList: {
            items: components["schemas"]["Model"][];
            next: number | null;
        };
        Provider: {
            id: string;
            name: string;
            baseUrl: string;
            /** @description An API key is kept (in the secrets store; it is never sent back). */
            hasKey: boolean;
            /** Format: int64 */
            createdAt: number;
            /** Format: int64 */
            updatedAt: number;
            /** @description Replies it writes at once (its line in the queue); default 4. */
            concurrency: number;
        };
        ProviderList: {
            items: components["schemas"]["Provider"][];
            next: number | null;
        };
        ProviderCreate: {
            name: string;
            /** @description An http(s) URL, e.g. `http://127.0.0.1:11434/v1`. */
            baseUrl: string;
            /** @description Kept in the secrets store, never sent back. */
            apiKey?: string | null;
            /** @description Replies it writes at once (its line in the queue); default 4. */
            concurrency?: number | null;
        };
        ProviderPatch: {
            name?: string | null;
            baseUrl?: string | null;
            /** @description A new key; null removes it; absent keeps it. */
            apiKey?: string | null;
            /** @description Replies it writes at once. */
            concurrency?: number | null;
        };
        ProviderTest: {
            ok: boolean;
            models: {
                id: string;
                name: string;
                contextWindow: number | null;
            }[];
            /** @description What failed, in words. */
            error: string | null;
        };
        Usage: {
            usedToday: number;
            /** @description null: no limit. */
            limit: number | null;
            remainingToday: number | null;
            /**
             * Format: int64
             * @description Unix time of the next 00:00 UTC.
             */
            resetsAt: number;
        };
        /** @description Others' items carry no user or label (prompt) unless the caller is an admin. */
        QueueItem: {
            id: string;
            backend: string;
            /** @description 0 while it runs; 1, 2, … in the order the queue will serve them. */
            position: number;
            running: boolean;
            /** Format: int64 */
            enqueuedAt: number;
            mine: boolean;
            userId?: string;
            label?: string;
        };
        QueueItemList: {
            items: components["schemas"]["QueueItem"][];
            next: number | null;
            /** @description The queue is paused by an admin: nothing new starts. */
            paused: boolean;
        };
        /** @description One reply and the message it answers. */
        ChatRecord: {
            /** @description The reply's message id. */
            id: string;
            threadId: string;
            threadTitle: string;
            workspaceId: string;
            workspaceSlug: string;
            workspaceName: string;
            userId: string;
            /** @description null once the account is deleted. */
            username: string | null;
            prompt: string;
            response: string;
            /** @enum {string} */
            status: "queued" | "streaming" | "done" | "stopped" | "failed";
            model: string | null;
            /**
             * Format: int64
             * @description Unix time in seconds.
             */
            createdAt: number;
            promptTokens: number | null;
            completionTokens: number | null;
        };
        ChatRecordList: {
            items: components["schemas"]["ChatRecord"][];
            /** @description The `offset` of the next page, or null when this is the last page. */
            next: number | null;
        };
        UserUsage: {
            userId: string;
            /** @description null for an account without one (the single-user owner). */
            username: string | null;
            displayName: string;
            role: components["schemas"]["Role"];
            /** @description null: no limit. */
            dailyMessageLimit: number | null;
            usedToday: number;
            remainingToday: number | null;
            /** @description Messages counted from `from` to `to` (messages given back when the model failed before its first token are not counted). */
            messages: number;
            promptTokens: number;
            completionTokens: number;
        };
        UsageReport: {
            items: components["schemas"]["UserUsage"][];
            next: null;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /**
             * Format: int64
             * @description Unix time of the next 00:00 UTC.
             */
            resetsAt: number;
        };
        Memory: {
            id: string;
            content: string;
            /** @description The message it was taken from, if any. */
            sourceMessageId: string | null;
            /** Format: int64 */
            createdAt: number;
            /** Format: int64 */
            updatedAt: number;
        };
        MemoryList: {
            items: components["schemas"]["Memory"][];
            next: null;
        };
        MemoryCreate: {
            content: string;
            sourceMessageId?: string | null;
        };
        MemoryPatch: {
            content: string;
        };
        Document: {
            id: string;
            /** @description From the document (its first heading or PDF title) or else its file name. */
            title: string;
            /** @description As uploaded; shown only, never used as a path. */
            fileName: string;
            /** @enum {string} */
            kind: "text" | "html" | "pdf" | "docx";
            /** @description Bytes. */
            size: number;
            /** @enum {string} */
            status: "queued" | "reading" | "indexed" | "failed";
            /** @description Indexing progress. */
            progress: number;
            /** @description Why it failed, in words. */
            error: string | null;
            /** @description Passages indexed. */
            chunks: number;
            /** @description Username (null once the account is gone). */
            uploadedBy: string | null;
            /** Format: int64 */
            createdAt: number;
            /** Format: int64 */
            updatedAt: number;
            /** @description The embedder all of this document's passage vectors were made with; null while they are being made, or when its workspace searches by keywords only. */
            embeddedWith: string | null;
        };
        DocumentList: {
            items: components["schemas"]["Document"][];
            next: null;
        };
        Source: {
            documentId: string;
            title: string;
            /** @description The passage (plain text). */
            snippet: string;
        };
        SearchHit: {
            documentId: string;
            title: string;
            /** @description Plain text around the match. */
            snippet: string;
            /** @description Higher is better. */
            score: number;
        };
        SearchResults: {
            items: components["schemas"]["SearchHit"][];
            next: null;
        };
        Embedder: {
            /** @description What a workspace's `embedder` is set to. */
            id: string;
            name: string;
            dimensions: number;
        };
        EmbedderList: {
            items: components["schemas"]["Embedder"][];
            next: number | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before trying again (at least 1). */
        "Retry-After": number;
        /** @description `hearth_session=<token>; Path=/; HttpOnly; SameSite=Lax` (plus `Max-Age=604800` with rememberMe). */
        "Set-Cookie-Session": string;
        /** @description `hearth_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`. */
        "Set-Cookie-Clear": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Status"];
                };
            };
            /** @description Not authenticated: `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["Set-Cookie-Session"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `invalid_credentials` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`); `account_suspended` (the right password of a suspended account: the message names admins to ask), `single_user_mode` (the right password while Hearth is single-user). A wrong password gets the 401 whatever the account's state. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled: `throttled` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnlockRequest"];
            };
        };
        responses: {
            /** @description Unlocked. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["Set-Cookie-Session"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `invalid_credentials`; `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `not_single_user`, `no_lock_password` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled: `throttled` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    lock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Locked. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["Set-Cookie-Clear"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated: `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `not_single_user`, `no_lock_password` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    "Set-Cookie": components["headers"]["Set-Cookie-Clear"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated: `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listLoginUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The login list. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginListUserList"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (single-user mode or login style `discreet`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfilePatch"];
            };
        };
        responses: {
            /** @description The updated profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_display_name`, `invalid_bio`, `invalid_preferences` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock), `invalid_credentials` (wrong current password); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `not_multi_user` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `weak_password` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled: `throttled` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setLock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LockSet"];
            };
        };
        responses: {
            /** @description Lock password set. */
            200: {
                headers: {
                    "Set-Cookie": components["headers"]["Set-Cookie-Session"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock), `invalid_credentials` (wrong or missing current password); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (not the owner) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `not_single_user` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `weak_password` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled: `throttled` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeLock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LockRemove"];
            };
        };
        responses: {
            /** @description Lock removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock), `invalid_credentials` (wrong current password); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (not the owner) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `not_single_user`, `no_lock_password` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled: `throttled` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "image/png": string;
                "image/jpeg": string;
                "image/webp": string;
            };
        };
        responses: {
            /** @description Avatar saved. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_body` (the body could not be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 512 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_image` (not PNG/JPEG/WebP, unreadable, or over 4096×4096) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Avatar removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    endSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Session id (from `GET /me/sessions`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (no such session, or another user's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    "Cache-Control"?: "private, no-cache";
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                    "image/jpeg": string;
                    "image/webp": string;
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `locked`, `unauthenticated` (no session and the login list is off); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (no such user, or no avatar) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description 1 to 200 (otherwise 422 `invalid_page`). */
                limit?: number;
                /** @description At least 0. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workspaces. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkspaceList"];
                };
            };
            /** @description Bad request: `invalid_query` (non-integer value or unknown parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_page` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkspaceCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_name`, `invalid_system_prompt` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (no such workspace, or not visible to the caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkspacePatch"];
            };
        };
        responses: {
            /** @description The updated workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_name`, `invalid_system_prompt`, `invalid_context_window` (256 to 1048576) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembersPut"];
            };
        };
        responses: {
            /** @description The new members. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberList"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers), `forbidden` (a manager changing an admin's membership); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `unknown_user` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listThreads: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's threads, most recently updated first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadList"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (workspace not visible) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createThread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThreadTitle"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Thread"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (workspace not visible) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_title` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getThread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thread. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Thread"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (no such thread, or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteThread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    renameThread: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ThreadTitle"];
            };
        };
        responses: {
            /** @description The renamed thread. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Thread"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_title` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                /** @description 1 to 500; default 100. */
                limit?: number;
                /** @description A message id of this thread (a page's `next`): only messages older than it. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageList"];
                };
            };
            /** @description Bad request: `invalid_query` (wrong type or unknown parameter); `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid request, invalid values: `invalid_page` (limit out of range), `invalid_cursor` (not a message of this thread) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatMessageRequest"];
            };
        };
        responses: {
            /** @description The reply's events (API.md "The reply stream"): `queued` `{position, of}`, `started` `{messageId, model}`, `token` `{text}`, then `done` `{messageId, finishReason, usage, remainingToday}` or `error` `{code, message}`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (not an object, wrong type, missing required field or unknown field); `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `reply_in_progress` (a reply is still being written in this thread) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `empty_message`, `message_too_long`, `unknown_model` (the workspace's model is not there) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many: `daily_limit_reached` (the message says when the count starts again; `Retry-After` is the time to 00:00 UTC), `queue_full` (the caller's messages waiting for the model) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable: `model_unavailable` (no model), `queue_full` (the whole queue) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All accounts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserViewList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUser"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (not admin/manager, or a manager granting `admin`); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `username_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_username`, `weak_password`, `invalid_limit`, `invalid_display_name` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, with what happened to what it left. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDeleted"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers; managers never act on admins); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `owner_protected`, `last_admin` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserPatch"];
            };
        };
        responses: {
            /** @description The updated account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers; managers never act on admins); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `owner_protected`, `last_admin` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_display_name`, `invalid_limit` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordReset"];
            };
        };
        responses: {
            /** @description Reset. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers; managers never act on admins); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `weak_password` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setUserWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserWorkspacesPut"];
            };
        };
        responses: {
            /** @description The updated account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserView"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field), `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers; managers never act on admins); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `unknown_workspace` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    endUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsEnded"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode, such as one that is not UTF-8) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (only admins and managers; managers never act on admins); `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Only this event type. */
                type?: components["schemas"]["EventKind"];
                /** @description Only this user (id or username). */
                user?: string;
                /** @description Only at or after this Unix time (seconds). */
                from?: number;
                /** @description Only at or before this Unix time (seconds). */
                to?: number;
                /** @description 1 to 100000; default 100 for JSON, 100000 for CSV. */
                limit?: number;
                offset?: number;
                /** @description `csv` returns a CSV download (cells that would run as a formula are prefixed with `'`). */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the log: JSON, or CSV with `format=csv` (columns id,at,type,user_id,username,address,details). */
            200: {
                headers: {
                    /** @description With `format=csv`: `attachment; filename="hearth-events.csv"`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                    "text/csv": string;
                };
            };
            /** @description Bad request: `invalid_query` (wrong type or unknown parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_format`, `invalid_page` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    clearEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cleared. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventsCleared"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsPatch"];
            };
        };
        responses: {
            /** @description The updated settings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Settings"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_idle_timeout` (1 to 1440 minutes), `invalid_login_style`, `invalid_queue_per_user` (1 to 1000), `invalid_queue_total` (1 to 10000), `invalid_upload_max` (1 to 1024 MB) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setMode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModeRequest"];
            };
        };
        responses: {
            /** @description The new mode. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeResponse"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock), `invalid_credentials` (wrong or missing lock password); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_only` (not the host's session on loopback), `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `already_multi_user`, `already_single_user`, `username_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_mode`, `admin_required`, `invalid_username`, `weak_password` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Throttled: `throttled` */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getServer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The LAN server. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LanStatus"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_only` (not the host's session on loopback); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    serverAction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServerAction"];
            };
        };
        responses: {
            /** @description The LAN server after the action. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LanStatus"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_only` (not the host's session on loopback), `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state: `not_multi_user`, `port_in_use`, `cannot_listen` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_action`, `invalid_bind`, `url_required`, `invalid_url` (`pin`: not one of the server's `urls`), `hosts_required`, `invalid_host_name` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getServerQr: {
        parameters: {
            query: {
                /** @description One of `LanStatus.urls`. */
                url: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The QR code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description Bad request: `invalid_query` (missing `url` or unknown parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_only` (not the host's session on loopback); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (not one of the server's URLs) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    hostLogin: {
        parameters: {
            query: {
                /** @description The per-launch host secret, or one from `hearth host-link`. */
                secret: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed in as the host; go to the UI. */
            303: {
                headers: {
                    Location?: "/";
                    /** @description `hearth_host=…; Path=/; HttpOnly; SameSite=Strict; Max-Age=…`, and `hearth_session=…` (persistent) unless locked. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_query` (a parameter given twice, or not decodable) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_only` (not from loopback), `invalid_host_secret` (wrong, expired or already used secret), `host_not_allowed` (Host header not one this server answers to). A browser (Accept: text/html) gets an HTML page with the advice instead of JSON. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                    "text/html": string;
                };
            };
        };
    };
    replyStream: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reply's events (API.md "The reply stream"): `queued` `{position, of}`, `started` `{messageId, model}`, `token` `{text}`, then `done` `{messageId, finishReason, usage, remainingToday}` or `error` `{code, message}`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    stopReply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stopped: a queued reply leaves the queue, a running one stops at the model's next token. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The models of every backend. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEmbedders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The embedders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmbedderList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Providers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderCreate"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Provider"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (not an object, wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `name_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_name`, `invalid_url`, `invalid_api_key`, `invalid_concurrency` (1 to 1000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Provider id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed (its key too). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Provider id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderPatch"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Provider"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (not an object, wrong type, missing required field or unknown field); `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `name_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_name`, `invalid_url`, `invalid_api_key`, `invalid_concurrency` (1 to 1000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    testProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Provider id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the test found (reaching the provider and listing its models). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderTest"];
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    myUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's messages today. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Usage"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listQueue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue: running items (position 0), then waiting ones in the order they will run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueItemList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelQueueItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Queue item id (the reply's message id). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pauseQueue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resumeQueue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `admin_only`; `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    regenerateReply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Thread id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reply's events (API.md "The reply stream"): `queued` `{position, of}`, `started` `{messageId, model}`, `token` `{text}`, then `done` `{messageId, finishReason, usage, remainingToday}` or `error` `{code, message}`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad request: `invalid_path` (a path parameter that does not decode) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `reply_in_progress` (a reply is being written in this thread), `nothing_to_regenerate` (the thread's last message is not an ended reply) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many: `daily_limit_reached` (the message says when the count starts again; `Retry-After` is the time to 00:00 UTC), `queue_full` (the caller's messages waiting for the model) */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable: `model_unavailable` (no model), `queue_full` (the whole queue) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listChats: {
        parameters: {
            query?: {
                /** @description Only this user (id or username). */
                user?: string;
                /** @description Only this workspace (slug or id). */
                workspace?: string;
                /** @description Only at or after this Unix time (seconds). */
                from?: number;
                /** @description Only at or before this Unix time (seconds). */
                to?: number;
                /** @description 1 to 100000; default 100 for JSON, 100000 for CSV. */
                limit?: number;
                offset?: number;
                /** @description `csv` returns a CSV download (cells that would run as a formula are prefixed with `'`). */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of chats: JSON, or CSV with `format=csv` (columns id,at,user_id,username,workspace,thread,prompt,response,status,model,prompt_tokens,completion_tokens). */
            200: {
                headers: {
                    /** @description With `format=csv`: `attachment; filename="hearth-chats.csv"`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatRecordList"];
                    "text/csv": string;
                };
            };
            /** @description Bad request: `invalid_query` (wrong type or unknown parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (admins and managers only); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid request, invalid values: `invalid_format`, `invalid_page` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsage: {
        parameters: {
            query?: {
                /** @description Only this user (id or username). */
                user?: string;
                /** @description First UTC day, `YYYY-MM-DD` (default today). */
                from?: string;
                /** @description Last UTC day, `YYYY-MM-DD` (default `from`; at most 366 days after it). */
                to?: string;
                /** @description `csv` returns a CSV download (cells that would run as a formula are prefixed with `'`). */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every account, by username: JSON, or CSV with `format=csv` (columns user_id,username,role,daily_limit,used_today,remaining_today,messages,prompt_tokens,completion_tokens,from,to). */
            200: {
                headers: {
                    /** @description With `format=csv`: `attachment; filename="hearth-usage.csv"`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                    "text/csv": string;
                };
            };
            /** @description Bad request: `invalid_query` (wrong type or unknown parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (admins and managers only); `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid request, invalid values: `invalid_format`, `invalid_date` (not `YYYY-MM-DD`, `to` before `from`, or more than 366 days) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMemories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's memories. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemoryList"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addMemory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemoryCreate"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Memory"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (not an object, wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` (the source message) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `too_many_memories` (at most 500 per person) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_memory` (empty, or longer than 2000 characters) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeMemory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Memory id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateMemory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Memory id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemoryPatch"];
            };
        };
        responses: {
            /** @description Edited. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Memory"];
                };
            };
            /** @description Bad request: `invalid_json` (not JSON), `invalid_body` (not an object, wrong type, missing required field or unknown field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to); `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not the caller's): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large: `body_too_large` (over 64 KiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported media type: `unsupported_media_type` (Content-Type is not application/json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid JSON, invalid values: `invalid_memory` (empty, or longer than 2000 characters) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadBackup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The zip. */
            200: {
                headers: {
                    /** @description `attachment; filename="hearth-backup-<name>-<YYYY-MM-DD>.zip"`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDocuments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
            /** @description Bad request: `invalid_path` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not visible to the caller): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadDocuments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    file: string[];
                };
            };
        };
        responses: {
            /** @description Queued for indexing. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
            /** @description Bad request: `invalid_upload` (not multipart, no `file` part, a part that is not a file, a body cut off) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (admins and managers only); `host_not_allowed`; `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not visible to the caller): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too large: `file_too_large` (a file over the cap), `too_many_files` (more than 20 at once) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unsupported: `unsupported_type` (not text, Markdown, HTML, PDF or DOCX by its content; an empty file) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    removeDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
                /** @description Document id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: `invalid_path` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (admins and managers only); `host_not_allowed`; `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not visible to the caller): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    retryDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
                /** @description Document id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            /** @description Bad request: `invalid_path` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `forbidden` (admins and managers only); `host_not_allowed`; `cross_origin` (cookie request without a same-origin `Origin` or `X-Hearth-CSRF`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not visible to the caller): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `not_failed` (only a failed document is retried) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchDocuments: {
        parameters: {
            query: {
                /** @description Words to look for (1 to 500 characters; accents and case do not matter). */
                q: string;
                /** @description 1 to 50; default 10. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description Workspace slug. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The best passages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description Bad request: `invalid_query` (missing `q`, wrong type, unknown parameter) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not authenticated: `unauthenticated` (no or ended session), `session_ended` (someone else ended it: an admin suspended the account, changed its role, reset its password or ended its sessions, or the password was changed in another session; the message says which), `locked` (single-user lock); `invalid_api_key` (any `Authorization` header: API keys are not available yet) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Forbidden: `host_not_allowed` (Host header not one this server answers to) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (or not visible to the caller): `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Valid request, invalid values: `invalid_search` (empty or longer than 500 characters), `invalid_page` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const pathsEventsGetParametersQueryFormatValues: ReadonlyArray<FlattenedDeepRequired<paths>["/events"]["get"]["parameters"]["query"]["format"]> = ["json", "csv"];
export const pathsChatsGetParametersQueryFormatValues: ReadonlyArray<FlattenedDeepRequired<paths>["/chats"]["get"]["parameters"]["query"]["format"]> = ["json", "csv"];
export const pathsUsageGetParametersQueryFormatValues: ReadonlyArray<FlattenedDeepRequired<paths>["/usage"]["get"]["parameters"]["query"]["format"]> = ["json", "csv"];
export const roleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Role"]> = ["admin", "manager", "default"];
export const modeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Mode"]> = ["single", "multi"];
export const loginStyleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["LoginStyle"]> = ["discreet", "list"];
export const messageRoleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Message"]["role"]> = ["system", "user", "assistant"];
export const messageStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Message"]["status"]> = ["queued", "streaming", "done", "stopped", "failed"];
export const eventKindValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["EventKind"]> = ["access_denied", "avatar_changed", "avatar_removed", "events_cleared", "host_login", "host_login_refused", "lock", "lock_password_changed", "lock_password_check_failed", "lock_password_check_throttled", "lock_password_removed", "lock_password_set", "login_failed", "login_ok", "login_throttled", "logout", "memberships_changed", "mode_switch_failed", "mode_switch_throttled", "mode_switched", "password_change_failed", "password_change_throttled", "password_changed", "password_reset", "provider_added", "provider_changed", "provider_removed", "queue_item_cancelled", "queue_paused", "queue_resumed", "role_changed", "server_started", "server_stopped", "session_ended", "sessions_ended", "settings_changed", "unlock", "unlock_failed", "unlock_throttled", "user_created", "user_deleted", "user_edited", "user_suspended", "user_unsuspended", "workspace_created", "workspace_deleted", "workspace_updated"];
export const serverActionActionValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ServerAction"]["action"]> = ["start", "stop", "pin", "unpin", "hosts"];
export const chatRecordStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ChatRecord"]["status"]> = ["queued", "streaming", "done", "stopped", "failed"];
export const documentKindValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Document"]["kind"]> = ["text", "html", "pdf", "docx"];
export const documentStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Document"]["status"]> = ["queued", "reading", "indexed", "failed"];
