import type { OssRequest } from '../../core/request';
import { children, type XmlElement } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared';

/** The <LiveChannelConfiguration> of a well-formed PutLiveChannel body, or undefined. */
export function liveChannelConfig(request: OssRequest): XmlElement | undefined {
  const document = parsedBody(request);
  return document && hasRoot(document, 'LiveChannelConfiguration') ? document.element : undefined;
}

/** Its single <Target>, once live-channel-document has checked there is exactly one. */
export function targetElement(request: OssRequest): XmlElement | undefined {
  const config = liveChannelConfig(request);
  return config === undefined ? undefined : children(config, 'Target')[0];
}

/** The generic seed 002 message: the LiveChannel EC pages name the element but not the text. */
export const LIVE_CHANNEL_INVALID = 'InvalidArgument.parameterInvalidDotted';
