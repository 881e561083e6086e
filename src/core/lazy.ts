import { createRequire } from 'node:module';

// Heavy parts (ajv, the XML parser, multer, busboy, ipaddr.js, TLS, worker threads) load on first
// use, not at import: what a module allocates while it loads changes how V8 and glibc recycle a
// streaming proxy's socket buffers (docs/benchmarks.md, "What importing cost a streaming proxy").
// `__filename` is native in the CommonJS build and under ts-jest; tsdown shims it in the ESM build.
const requireHere = createRequire(__filename);

/** A value made on the first call and kept for every later one. */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/** A module loaded synchronously on the first call, in both the ESM and the CommonJS build. */
export function lazyModule<T>(id: string): () => T {
  return once(() => requireHere(id) as T);
}
