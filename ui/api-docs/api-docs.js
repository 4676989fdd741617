// The API page (/api/docs): swagger-ui (npm swagger-ui-dist, served by the binary itself)
// on the document at /api/openapi.json. Its own file: the page's CSP allows no inline script.
//
// "Try it out" calls the API from this page, so it runs as the person looking at it: their
// session cookie goes along with every same-origin request, as it does for the app. Unsafe
// methods carry `X-Hearth-CSRF: 1` as the app's own calls do (the server's CSRF check).
/* global SwaggerUIBundle */
(() => {
  'use strict';

  const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

  // The app's theme choice (lib/theme.ts keeps it in localStorage as `hearth.theme`), else
  // the system's; swagger-ui has its own dark styles under html.dark-mode.
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const applyTheme = () => {
    let choice = null;
    try {
      choice = localStorage.getItem('hearth.theme');
    } catch {
      // Storage unavailable: follow the system.
    }
    const isDark = choice === 'dark' || (choice !== 'light' && dark.matches);
    document.documentElement.classList.toggle('dark-mode', isDark);
    document.documentElement.style.colorScheme = isDark ? 'dark' : 'light';
  };
  applyTheme();
  dark.addEventListener('change', applyTheme);
  window.addEventListener('storage', (e) => {
    if (e.key === 'hearth.theme') applyTheme();
  });

  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    // The plain layout: no top bar with a box to load some other document.
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    // Never ask the public validator about the document (it would leave this machine).
    validatorUrl: null,
    // Configuration only from here, never from the page's query string.
    queryConfigEnabled: false,
    deepLinking: true,
    filter: true,
    displayOperationId: false,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    docExpansion: 'list',
    showExtensions: false,
    persistAuthorization: false,
    requestInterceptor: (req) => {
      const url = new URL(req.url, window.location.href);
      if (url.origin === window.location.origin && UNSAFE.has(String(req.method).toUpperCase())) {
        req.headers['X-Hearth-CSRF'] = '1';
      }
      return req;
    },
  });
})();
