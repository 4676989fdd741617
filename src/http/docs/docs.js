// Renders /api/openapi.json as a browsable page: operations by tag, with their parameters,
// bodies and responses. No framework, no external assets (the CSP allows only 'self').
const root = document.getElementById('docs');
const el = (tag, attrs = {}, ...kids) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  for (const k of kids) n.append(k);
  return n;
};
const json = (v) => el('pre', {}, JSON.stringify(v, null, 2));

fetch('/api/openapi.json')
  .then((r) => r.json())
  .then((spec) => {
    root.replaceChildren(el('h1', {}, spec.info.title + ' ' + spec.info.version));
    root.append(el('p', {}, spec.info.description || ''));
    root.append(el('p', {}, 'Raw document: ', el('a', { href: '/api/openapi.json' }, '/api/openapi.json')));
    const base = (spec.servers && spec.servers[0] && spec.servers[0].url) || '';
    const byTag = new Map();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        const tag = (op.tags && op.tags[0]) || 'Other';
        if (!byTag.has(tag)) byTag.set(tag, []);
        const prefix = item.servers ? '' : base;
        byTag.get(tag).push({ method, path: prefix + path, op });
      }
    }
    for (const [tag, ops] of byTag) {
      root.append(el('h2', {}, tag));
      for (const { method, path, op } of ops) {
        const d = el('details', {}, el('summary', {}, el('span', { class: 'm ' + method }, method.toUpperCase()), el('code', {}, path), ' ', op.summary || ''));
        if (op.description) d.append(el('p', {}, op.description));
        if (op.parameters && op.parameters.length) d.append(el('h4', {}, 'Parameters'), json(op.parameters));
        if (op.requestBody) d.append(el('h4', {}, 'Body'), json(op.requestBody));
        if (op.responses) d.append(el('h4', {}, 'Responses'), json(op.responses));
        root.append(d);
      }
    }
    if (spec.components && spec.components.schemas) {
      root.append(el('h2', {}, 'Schemas'));
      for (const [name, s] of Object.entries(spec.components.schemas)) {
        root.append(el('details', {}, el('summary', {}, el('code', {}, name)), json(s)));
      }
    }
  })
  .catch((e) => root.append(el('p', {}, 'Could not load the API document: ' + e.message)));
