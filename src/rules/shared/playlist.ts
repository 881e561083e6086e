/** A LiveChannel playlist name must end with .m3u8 (PutLiveChannel's PlaylistName, PostVodPlaylist's path). */
export const PLAYLIST_SUFFIX = 'InvalidRequest.playlistNameEndsM3u8';
