import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { PLAYLIST_SUFFIX } from '../shared/playlist';
import { playlistBytes } from './channel-name';

export const vodPlaylistName = defineRule({
  id: 'vod-playlist-name',
  family: 'names',
  operations: ['PostVodPlaylist'],
  errors: [PLAYLIST_SUFFIX],
  source:
    'PostVodPlaylist API reference (POST /ChannelName/PlaylistName?vod; PlaylistName is required and must end with ' +
    '".m3u8") ; seed 002 InvalidRequest "Playlist name must ends with \\".m3u8\\"." (quoted as the seed writes it). ' +
    'The seed names this message for PutLiveChannel; that PostVodPlaylist answers with it too is R, as is the ' +
    'answer to a path with no playlist at all. The suffix compares case-insensitively: OSS does not say.',
  check: (request) => {
    const playlist = playlistBytes(request);
    if (
      playlist !== undefined &&
      playlist.length > 0 &&
      playlist.toString('utf8').toLowerCase().endsWith('.m3u8')
    ) {
      return undefined;
    }
    return ossError(PLAYLIST_SUFFIX);
  },
});
