// Run in a fresh process by import-footprint.test.ts: loads what every HTTP proxy already has, then
// (with an argument) the package, and prints what the import added. Needs --expose-gc.
import http from 'node:http';
import { createRequire } from 'node:module';
import v8 from 'node:v8';

const require = createRequire(import.meta.url);
const target = process.argv[2];
const heap = () => {
  globalThis.gc();
  const spaces = v8.getHeapSpaceStatistics();
  return {
    used: v8.getHeapStatistics().used_heap_size,
    newSpace: spaces.find((s) => s.space_name === 'new_space').space_size,
  };
};
void http.STATUS_CODES;
const builtinsBefore = new Set(process.moduleLoadList);
const packagesBefore = new Set(Object.keys(require.cache));
const before = heap();
if (target?.endsWith('.cjs')) require(target);
else if (target) await import(target);
const after = heap();
console.log(
  JSON.stringify({
    builtins: process.moduleLoadList
      .filter((m) => !builtinsBefore.has(m) && m.startsWith('NativeModule '))
      .map((m) => m.slice(13)),
    packages: Object.keys(require.cache).filter((f) => !packagesBefore.has(f) && f.includes('node_modules')),
    retainedBytes: after.used - before.used,
    newSpaceBytes: after.newSpace,
  }),
);
