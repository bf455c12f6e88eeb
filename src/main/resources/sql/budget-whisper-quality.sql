-- Whisper path quality since ?: transcriptions finished and failed
SELECT count(*) FILTER (WHERE status IN ('done', 'failed')) AS finished, count(*) FILTER (WHERE status = 'failed') AS failed
  FROM transcription WHERE created_at >= ?
