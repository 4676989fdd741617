// Builds the API page (/api/docs) into dist/, after `vite build` (which empties dist/):
// swagger-ui from npm's swagger-ui-dist, kept as shipped, plus Hearth's page, script and
// styles from ../api-docs/. The JS and CSS go to dist/assets/ under content-hashed names
// (served with a long cache, like Vite's own); the page goes to dist/api-docs/index.html,
// which the binary serves at /api/docs. Nothing is fetched: the files come from node_modules.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(ui, 'api-docs');
const dist = join(ui, 'dist');
const swagger = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// The vendor files lose only their source-map comment (the maps are not shipped).
const noMap = (text) => text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n').replace(/\n?\/\*# sourceMappingURL=\S+\s*\*\/\s*$/, '\n');

const files = [
  { name: 'swagger-ui-bundle.js', from: join(swagger, 'swagger-ui-bundle.js'), edit: noMap },
  { name: 'swagger-ui.css', from: join(swagger, 'swagger-ui.css'), edit: noMap },
  { name: 'api-docs.js', from: join(src, 'api-docs.js') },
  { name: 'api-docs.css', from: join(src, 'api-docs.css') },
];

if (!readFileSync(join(dist, 'index.html'), 'utf8')) throw new Error('run vite build first');
mkdirSync(join(dist, 'assets'), { recursive: true });
mkdirSync(join(dist, 'api-docs'), { recursive: true });

let page = readFileSync(join(src, 'index.html'), 'utf8');
for (const f of files) {
  const text = (f.edit ?? ((t) => t))(readFileSync(f.from, 'utf8'));
  const hash = createHash('sha256').update(text).digest('base64url').slice(0, 10);
  const dot = f.name.lastIndexOf('.');
  const out = `${f.name.slice(0, dot)}-${hash}${f.name.slice(dot)}`;
  writeFileSync(join(dist, 'assets', out), text);
  const ref = `"./${f.name}"`;
  if (!page.includes(ref)) throw new Error(`api-docs/index.html does not reference ${ref}`);
  page = page.replaceAll(ref, `"/assets/${out}"`);
}
if (/"\.\//.test(page)) throw new Error('api-docs/index.html references a file this script does not copy');
// The template's build note is for the source, not the served page.
writeFileSync(join(dist, 'api-docs', 'index.html'), page.replace(/<!--[\s\S]*?-->\n/, ''));

// swagger-ui's licence (Apache-2.0), its NOTICE, and the notices of what its bundle contains
// (the bundle's first line points to that file by name, next to it).
writeFileSync(join(dist, 'assets', 'swagger-ui-bundle.js.LICENSE.txt'), readFileSync(join(swagger, 'swagger-ui-bundle.js.LICENSE.txt')));
writeFileSync(
  join(dist, 'api-docs', 'swagger-ui-LICENSE.txt'),
  `${readFileSync(join(swagger, 'NOTICE'), 'utf8')}\n${readFileSync(join(swagger, 'LICENSE'), 'utf8')}`,
);
const version = JSON.parse(readFileSync(join(swagger, 'package.json'), 'utf8')).version;
console.log(`api-docs: swagger-ui-dist ${version} → dist/api-docs/index.html`);
