import OSS from 'ali-oss';
import { TEST_CREDENTIALS } from '../helpers/gateway-harness';

/**
 * ali-oss pointed at a local gateway. It refuses IP endpoints for signed URLs, so it addresses the
 * gateway as localhost, path style (sldEnable); the bucket then stays in the signed resource.
 */
export function aliClient(port: number, options: Partial<OSS.Options> = {}): OSS {
  return new OSS({
    ...TEST_CREDENTIALS,
    bucket: 'interop-bucket',
    region: 'oss-cn-hangzhou',
    endpoint: `http://localhost:${port}`,
    sldEnable: true,
    timeout: 10_000,
    retryMax: 0,
    ...options,
  });
}
