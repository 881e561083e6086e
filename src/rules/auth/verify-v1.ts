import type { OssRequest } from '../../core/request';
import { safeEqual } from '../../signing/constant-time';
import { V1_SUB_RESOURCES, v1Signature, v1StringToSign } from '../../signing/sign-v1';
import type { SignableRequest } from '../../signing/types';

/**
 * The sub-resources of the 2021 OSS documentation: every SDK signs these, so OSS surely does.
 * The other names of the union, and `x-oss-*` query parameters outside it, are the uncertain ones.
 */
const DOCUMENTED = new Set(
  (
    'acl,uploads,location,cors,logging,website,referer,lifecycle,delete,append,tagging,objectMeta,uploadId,' +
    'partNumber,security-token,position,img,style,styleName,replication,replicationProgress,' +
    'replicationLocation,cname,bucketInfo,comp,qos,live,status,vod,startTime,endTime,symlink,x-oss-process,' +
    'response-content-type,response-content-language,response-expires,response-cache-control,' +
    'response-content-disposition,response-content-encoding'
  ).split(','),
);

/** 2^4 candidate strings at most, so a request with a wrong signature costs a bounded amount. */
const MAX_UNCERTAIN = 4;

function isUncertain(name: string): boolean {
  return !DOCUMENTED.has(name) && (V1_SUB_RESOURCES.has(name) || name.startsWith('x-oss-'));
}

function subsets(names: readonly string[]): Array<Set<string>> {
  const inUnion = names.filter((n) => V1_SUB_RESOURCES.has(n));
  // The union first (what this library signs), then Go v2's "every x-oss-* parameter", then the rest.
  const preferred = [new Set(inUnion), new Set(names)];
  if (names.length > MAX_UNCERTAIN) return [...preferred, new Set()];
  const all: Array<Set<string>> = [];
  for (let mask = 0; mask < 1 << names.length; mask++) {
    all.push(new Set(names.filter((_, i) => (mask & (1 << i)) !== 0)));
  }
  return [...preferred, ...all];
}

export function signableOf(request: OssRequest): SignableRequest {
  return {
    method: request.method,
    bucket: request.bucket,
    key: request.key,
    query: request.queryPairs,
    headers: request.headers,
  };
}

/**
 * The strings to sign OSS might compute, most likely first. OSS does not publish which query
 * parameters V1 signs and the SDKs disagree, so each uncertain parameter is tried signed and not.
 */
export function v1Candidates(request: OssRequest, dateOrExpires: string): string[] {
  const signable = signableOf(request);
  const uncertain = [...new Set(request.queryPairs.map(([name]) => name).filter(isUncertain))];
  if (uncertain.length === 0) return [v1StringToSign(signable, dateOrExpires)];
  const seen = new Set<string>();
  for (const signed of subsets(uncertain)) {
    const query = request.queryPairs.filter(([name]) => DOCUMENTED.has(name) || signed.has(name));
    seen.add(v1StringToSign({ ...signable, query }, dateOrExpires, { signAllOssQuery: true }));
  }
  return [...seen];
}

/** Each comparison is constant-time; stopping at a match only reveals which public string matched. */
export function verifyV1(secret: string, candidates: readonly string[], provided: string): boolean {
  return candidates.some((stringToSign) => safeEqual(v1Signature(secret, stringToSign), provided));
}
