// Extracts Graphviz's WebAssembly module from an unpacked @viz-js/viz package, with the map from
// the module's minified import and export names to the Emscripten functions they stand for.
// Usage: node extract.mjs <package dir> <output dir>
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const [pkg, out] = process.argv.slice(2);
const backend = fs.readFileSync(path.join(pkg, 'lib/backend.js'), 'latin1');

const lines = [];
const imports = backend.match(/wasmImports=\{([^}]*)\}/);
if (!imports) throw new Error('no wasmImports in backend.js');
for (const pair of imports[1].split(',')) {
  const [short, name] = pair.split(':');
  lines.push(`import.${name.replace(/^_+/, '')}=${short}`);
}
for (const m of backend.matchAll(/(?:^|[;,\s])(_[A-Za-z0-9_]+)=(?:Module\["_[A-Za-z0-9_]+"\]=)?wasmExports\["([A-Za-z0-9_$]+)"\]/g)) {
  lines.push(`export.${m[1].replace(/^_+/, '')}=${m[2]}`);
}
const ctors = backend.match(/wasmExports\["([A-Za-z0-9_$]+)"\]\(\);FS\.ignorePermissions/);
if (!ctors) throw new Error('no constructor call in backend.js');
lines.push(`export.wasm_call_ctors=${ctors[1]}`);
const memory = backend.match(/wasmMemory=wasmExports\["([A-Za-z0-9_$]+)"\]/);
if (memory) lines.push(`export.memory=${memory[1]}`);

const original = WebAssembly.instantiate;
let bytes;
WebAssembly.instantiate = async (binary, importObject) => {
  bytes = binary instanceof ArrayBuffer ? new Uint8Array(binary) : binary;
  return original(binary, importObject);
};
const Module = (await import(pathToFileURL(path.join(pkg, 'lib/backend.js')).href)).default;
await Module({});
if (!bytes) throw new Error('the module was not instantiated');
fs.writeFileSync(path.join(out, 'graphviz.wasm'), bytes);
fs.writeFileSync(path.join(out, 'graphviz-abi.properties'),
  '# Minified names of graphviz.wasm\'s imports and exports, written by graphviz-export/wasm/update.sh\n' +
  lines.sort().join('\n') + '\n');
console.log(`wrote ${bytes.length} bytes and ${lines.length} names`);
