import { isUtf8 } from 'node:buffer';
import { ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';

const TOO_LONG = 'InvalidChannelName.tooLong';
const EMPTY = 'InvalidChannelName.empty';
const NOT_UTF8 = 'InvalidChannelName.notUtf8';
const SLASH = 'InvalidChannelName.slash';
const MAX_CHANNEL_NAME_BYTES = 64;

/** Operations whose path names a LiveChannel, not an object. */
export const CHANNEL_OPERATIONS: ReadonlySet<string> = new Set([
  'PutLiveChannel',
  'PutLiveChannelStatus',
  'GetLiveChannel',
  'DeleteLiveChannel',
  'PostVodPlaylist',
  'GetVodPlaylist',
]);

/** The channel a request names: the whole key, except in PostVodPlaylist's `/Channel/Playlist`. */
export function channelBytes(request: OssRequest): Buffer | undefined {
  const bytes = request.keyBytes;
  if (bytes === undefined || request.operation !== 'PostVodPlaylist') return bytes;
  const slash = bytes.indexOf(0x2f);
  return slash === -1 ? bytes : bytes.subarray(0, slash);
}

/** PostVodPlaylist's playlist name (after the first slash), or undefined when the path has none. */
export function playlistBytes(request: OssRequest): Buffer | undefined {
  const bytes = request.keyBytes;
  const slash = bytes?.indexOf(0x2f) ?? -1;
  return bytes === undefined || slash === -1 ? undefined : bytes.subarray(slash + 1);
}

export const channelName = defineRule({
  id: 'channel-name',
  family: 'names',
  operations: [...CHANNEL_OPERATIONS],
  errors: [TOO_LONG, EMPTY, NOT_UTF8, SLASH],
  source:
    'seed 002 InvalidChannelName: UTF-8, 1-64 bytes, no / or \\. The message says "less than 64" while the ' +
    'rule says 1-64 bytes: 64 bytes is accepted (the stated range wins, so nothing OSS accepts is refused). ' +
    'PostVodPlaylist API reference: its path is /ChannelName/PlaylistName?vod, so the channel is what precedes ' +
    'the first slash there (the playlist is judged by vod-playlist-name).',
  check: (request) => {
    const bytes = channelBytes(request);
    if (bytes === undefined || bytes.length === 0) return ossError(EMPTY);
    if (bytes.length > MAX_CHANNEL_NAME_BYTES) return ossError(TOO_LONG);
    if (!isUtf8(bytes)) return ossError(NOT_UTF8);
    if (bytes.includes(0x2f) || bytes.includes(0x5c)) return ossError(SLASH);
    return undefined;
  },
});
