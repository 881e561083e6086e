/**
 * Where the bucket name comes from: the Host (virtual-hosted style,
 * `bucket.oss-cn-hangzhou.aliyuncs.com`) or the first path segment (path style).
 */
export interface AddressingOptions {
  /**
   * Host suffixes that mean "the bucket is the first label", besides the OSS
   * public endpoints (`oss-<region>[-internal].aliyuncs.com`), e.g. the
   * gateway's own domain `oss.example.test` or `localhost:8080`. With a port
   * the suffix matches only that port; without one it matches any port.
   * @defaultValue none: only OSS endpoints are read as virtual-hosted, other hosts as path style
   */
  readonly virtualHostSuffixes?: readonly string[];
  /**
   * Custom domains (CNAMEs) bound to a bucket: host → bucket.
   * @defaultValue none
   */
  readonly customDomains?: Readonly<Record<string, string>>;
}

export type Addressing = {
  readonly style: 'virtual-hosted' | 'path';
  /** The bucket taken from the Host, or undefined for path style. */
  readonly bucket: string | undefined;
};

const OSS_ENDPOINT = /^(?:oss-[a-z0-9-]+?(?:-internal)?|oss-accelerate(?:-overseas)?|oss)\.aliyuncs\.com$/;

function withoutPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

export function createAddressing(options: AddressingOptions = {}): (host: string) => Addressing {
  const suffixes = (options.virtualHostSuffixes ?? []).map((s) => s.toLowerCase());
  const domains = new Map(Object.entries(options.customDomains ?? {}).map(([h, b]) => [h.toLowerCase(), b]));
  const pathStyle: Addressing = { style: 'path', bucket: undefined };

  return (rawHost: string): Addressing => {
    const lower = rawHost.toLowerCase();
    const custom = domains.get(lower) ?? domains.get(withoutPort(lower));
    if (custom !== undefined) return { style: 'virtual-hosted', bucket: custom };
    const dot = rawHost.indexOf('.');
    if (dot <= 0) return pathStyle;
    // The bucket label keeps its case: `ABC.oss-cn-hangzhou.aliyuncs.com` must fail as InvalidBucketName.
    const label = rawHost.slice(0, dot);
    const rest = lower.slice(dot + 1);
    const restNoPort = withoutPort(rest);
    if (OSS_ENDPOINT.test(restNoPort)) return { style: 'virtual-hosted', bucket: label };
    for (const suffix of suffixes) {
      if (rest === suffix || (!suffix.includes(':') && restNoPort === suffix)) {
        return { style: 'virtual-hosted', bucket: label };
      }
    }
    return pathStyle;
  };
}
