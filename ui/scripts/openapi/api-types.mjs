#!/usr/bin/env node
// Generates ui/src/api/schema.ts from Hearth's OpenAPI document with openapi-typescript, or
// checks that the checked-in file matches a served document.
//
//   npm run gen:api                      # from ../openapi.json (the repository's copy)
//   npm run gen:api -- <url-or-file>     # from another document
//   npm run check:api -- <url-or-file>   # or HEARTH_OPENAPI_URL=<url-or-file> npm run check:api
//
// check regenerates into a temporary file and exits 1, with a diff, when that differs from
// src/api/schema.ts; 2 when the document cannot be read. Without an argument or
// HEARTH_OPENAPI_URL it checks against ../openapi.json.
//
// This folder is a package of its own (see package.json beside this file): openapi-typescript
// drives the TypeScript 5 compiler API, while the UI type-checks with TypeScript 7.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = join(uiDir, 'src/api/schema.ts');
const DEFAULT_SOURCE = resolve(uiDir, '../openapi.json');

const BANNER = `/**
 * Hearth's API types, generated from the engine's OpenAPI document by openapi-typescript.
 * Do not edit: run \`npm run gen:api\` (from ../openapi.json); \`npm run check:api\` compares
 * this file with what a running engine serves at /api/openapi.json.
 */

`;

/** The OpenAPI document as text, from an http(s) URL or a file path. */
async function readDocument(source) {
  if (/^https?:\/\//i.test(source)) {
    let res;
    try {
      res = await fetch(source, { headers: { Accept: 'application/json' } });
    } catch (err) {
      throw new Error(`could not reach ${source}: ${err.cause?.message ?? err.message}`);
    }
    if (!res.ok) throw new Error(`${source} answered HTTP ${res.status}`);
    return res.text();
  }
  try {
    return readFileSync(resolve(process.cwd(), source), 'utf8');
  } catch (err) {
    throw new Error(`could not read ${source}: ${err.message}`);
  }
}

/** schema.ts for a document (same options for gen and check, so they always agree). */
async function generate(source) {
  const text = await readDocument(source);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source} is not JSON: ${err.message}`);
  }
  const ast = await openapiTS(doc, {
    // Enum values as runtime arrays too (eventKindValues: the event log's type picker).
    enumValues: true,
    // Free-form objects (preferences) as Record<string, unknown>, not Record<string, never>.
    emptyObjectsUnknown: true,
    // A property with a default may be left out (request bodies: systemPrompt, rememberMe).
    defaultNonNullable: false,
    silent: true,
  });
  return BANNER + astToString(ast);
}

/** Line edit script from a to b (Myers' O(ND) algorithm): [' ' | '-' | '+', line][], or
 * null when more than maxD lines differ. */
function myers(a, b, maxD = 5000) {
  const n = a.length;
  const m = b.length;
  const off = maxD + 1;
  const v = new Int32Array(2 * off + 1);
  const trace = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        // Walk the trace back from (n, m).
        const ops = [];
        let cx = n;
        let cy = m;
        for (let dd = d; dd > 0; dd--) {
          const pv = trace[dd];
          const kk = cx - cy;
          const down = kk === -dd || (kk !== dd && pv[off + kk - 1] < pv[off + kk + 1]);
          const pk = down ? kk + 1 : kk - 1;
          const px = pv[off + pk];
          const py = px - pk;
          while (cx > px && cy > py && (down ? cy - 1 > py : cx - 1 > px)) {
            ops.push([' ', a[--cx]]);
            cy--;
          }
          if (down) ops.push(['+', b[--cy]]);
          else ops.push(['-', a[--cx]]);
        }
        while (cx > 0 && cy > 0) {
          ops.push([' ', a[--cx]]);
          cy--;
        }
        return ops.reverse();
      }
    }
  }
  return null;
}

/** A short unified-style diff of two texts (enough to see what changed). */
function diff(oldText, newText, oldName, newName, maxLines = 80) {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const ops = myers(midA, midB) ?? [...midA.map((l) => ['-', l]), ...midB.map((l) => ['+', l])];
  // Show changed lines with two lines of context around each run, each run headed by the
  // line numbers where it starts in the checked-in and in the generated file.
  const keep = ops.map((op, k) => op[0] !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some((o) => o[0] !== ' '));
  let lineA = start + 1;
  let lineB = start + 1;
  let shown = 0;
  let inHunk = false;
  for (let k = 0; k < ops.length; k++) {
    const [op, line] = ops[k];
    if (keep[k]) {
      if (!inHunk) out.push(`@@ -${lineA} +${lineB} @@`);
      inHunk = true;
      if (shown++ >= maxLines) {
        out.push(`… (${ops.filter((o) => o[0] !== ' ').length} changed lines in all)`);
        break;
      }
      out.push(op + line);
    } else {
      inHunk = false;
    }
    if (op !== '+') lineA++;
    if (op !== '-') lineB++;
  }
  return out.join('\n');
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  const rel = relative(process.cwd(), TARGET) || TARGET;
  if (command === 'gen') {
    const source = arg || DEFAULT_SOURCE;
    writeFileSync(TARGET, await generate(source));
    console.log(`gen:api: wrote ${rel} from ${source}`);
    return 0;
  }
  if (command === 'check') {
    const source = arg || process.env.HEARTH_OPENAPI_URL || DEFAULT_SOURCE;
    const fresh = await generate(source);
    const dir = mkdtempSync(join(tmpdir(), 'hearth-api-'));
    const tmp = join(dir, 'schema.ts');
    writeFileSync(tmp, fresh);
    let current = '';
    try {
      current = readFileSync(TARGET, 'utf8');
    } catch {
      // Missing: everything differs.
    }
    if (current === fresh) {
      rmSync(dir, { recursive: true, force: true });
      console.log(`check:api: ${rel} matches ${source}`);
      return 0;
    }
    console.error(`check:api: ${rel} differs from the types generated from ${source}.`);
    console.error(diff(current, fresh, `${rel} (checked in)`, `${tmp} (from ${source})`));
    console.error(
      `\nThe UI's API types and the engine's OpenAPI document disagree. If the engine changed on purpose, ` +
        `update ../openapi.json and run \`npm run gen:api\` in ui/, then fix what the type check finds.`,
    );
    return 1;
  }
  console.error('usage: api-types.mjs gen [url-or-file] | check [url-or-file]   (check also reads HEARTH_OPENAPI_URL)');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`api-types: ${err.message}`);
    process.exit(2);
  },
);
