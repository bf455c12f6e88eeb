SELECT text FROM transcript_cache WHERE audio_sha256 = ?
