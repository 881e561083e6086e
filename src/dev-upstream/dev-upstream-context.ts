import type { ObjectStore } from './object-store';

export type DevUpstreamContext = {
  readonly store: ObjectStore;
  readonly maxObjectBytes: number;
  /** Host names that address the stand-in itself; `<bucket>.<name>` is then virtual-hosted. */
  readonly baseHostnames: ReadonlySet<string>;
};
