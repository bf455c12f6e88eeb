INSERT INTO transcript_cache (audio_sha256, model, text) VALUES (?, ?, ?) ON CONFLICT (audio_sha256) DO NOTHING
