import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { PLAYLIST_SUFFIX } from '../shared/playlist';
import { targetElement } from './live-channel-config';

const MIN_PLAYLIST_CHARACTERS = 6;
const MAX_PLAYLIST_CHARACTERS = 128;

export const liveChannelPlaylist = defineRule({
  id: 'live-channel-playlist',
  family: 'bucket-config',
  operations: ['PutLiveChannel'],
  phase: 'body',
  errors: [PLAYLIST_SUFFIX],
  source:
    'seed 002 InvalidRequest "Playlist name must ends with \\".m3u8\\"." (for HLS: the name must end with .m3u8 and ' +
    'be 6 to 128 characters long) ; PutLiveChannel API reference (PlaylistName optional, default playlist.m3u8, ' +
    'length [6, 128]). The seed gives this one message for both conditions, so a length outside [6, 128] takes it ' +
    'too (R). The suffix compares case-insensitively: OSS does not say.',
  check: (request) => {
    const target = targetElement(request);
    const name = target === undefined ? undefined : childText(target, 'PlaylistName');
    if (name === undefined) return undefined;
    const length = [...name].length;
    const fits = length >= MIN_PLAYLIST_CHARACTERS && length <= MAX_PLAYLIST_CHARACTERS;
    return fits && name.toLowerCase().endsWith('.m3u8') ? undefined : ossError(PLAYLIST_SUFFIX);
  },
});
