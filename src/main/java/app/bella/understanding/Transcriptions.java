package app.bella.understanding;

import app.bella.support.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings waiting for transcription, kept in PostgreSQL so any instance can pick up the answer, and the steps
 * of the {@code understanding-transcribe} worker route: fetch the audio, answer from the cache by audio hash, or
 * build the multipart request for the transcription endpoint and store its answer.
 */
public final class Transcriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Transcriptions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CALL_SID = "BellaCallSid";
    public static final String TURN = "BellaTurn";
    static final String AUDIO_HASH = "BellaAudioSha256";
    static final String CACHED_TEXT = "BellaCachedText";
    static final String DURATION = "BellaRecordingSeconds";
    static final String AUDIO = "BellaAudioPreprocessed";

    /** One recording of one turn. */
    public record Job(String callSid, int turn, String recordingSid, String recordingUrl, Integer durationSeconds,
                      String status, String text, String error) {

        public boolean done() {
            return "done".equals(status);
        }

        public boolean failed() {
            return "failed".equals(status);
        }
    }

    private final DataSource dataSource;
    private final RecordingFetcher fetcher;
    private final CostLedger costs;
    private final String model;
    private final String language;
    private final AudioPreprocessor preprocessor;
    private final TurnMetrics metrics;
    private final TranscriptionSignals signals;

    /** {@code preprocessor} null: recordings go to Whisper as Twilio served them. */
    public Transcriptions(DataSource dataSource, RecordingFetcher fetcher, CostLedger costs, String model, String language,
                          AudioPreprocessor preprocessor, TurnMetrics metrics, TranscriptionSignals signals) {
        this.dataSource = dataSource;
        this.fetcher = fetcher;
        this.costs = costs;
        this.model = model;
        this.language = language;
        this.preprocessor = preprocessor;
        this.metrics = metrics;
        this.signals = signals;
    }

    /** Twilio charges for the recording itself. */
    public void recordingCost(String callSid, int seconds) {
        costs.recording(callSid, seconds);
    }

    /** Registers a recording; false when this turn already has one (a retried webhook). */
    public boolean create(Connection c, String callSid, int turn, String recordingSid, String url, Integer seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("transcription-insert"))) {
            ps.setString(1, callSid);
            ps.setInt(2, turn);
            ps.setString(3, recordingSid);
            ps.setString(4, url);
            ps.setObject(5, seconds);
            return ps.executeUpdate() == 1;
        }
    }

    public Optional<Job> find(String callSid, int turn) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("transcription-find"))) {
            ps.setString(1, callSid);
            ps.setInt(2, turn);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Job(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ worker route steps

    /** Step 1: the audio from Twilio; when identical audio was transcribed before, its text. */
    public void fetchAudio(Exchange exchange) throws Exception {
        // the call and turn arrive as headers; from here on they are variables, so no outbound call carries them
        exchange.setVariable(CALL_SID, internal(exchange, CALL_SID, String.class));
        exchange.setVariable(TURN, internal(exchange, TURN, Integer.class));
        exchange.getMessage().removeHeaders("Bella*");
        Job job = job(exchange);
        byte[] audio = fetcher.fetch(job.recordingUrl());
        String hash = sha256(audio);
        exchange.setVariable(AUDIO_HASH, hash);
        exchange.setVariable(DURATION, job.durationSeconds());
        cached(hash).ifPresent(text -> exchange.setVariable(CACHED_TEXT, text));
        exchange.getMessage().setBody(audio);
    }

    /**
     * Step 2 (not for cache hits, whose key is the hash of the audio as served): silence trimmed and 16 kHz mono, so
     * Whisper is paid for, and the upload carries, only the answer. Whisper bills the audio it receives, so from here
     * the cost is of the trimmed length.
     */
    public void preprocessAudio(Exchange exchange) {
        if (preprocessor == null) {
            return;
        }
        AudioPreprocessor.Result result = preprocessor.process(exchange.getMessage().getBody(byte[].class));
        if (result.readable()) {
            exchange.setVariable(AUDIO, result);
            exchange.setVariable(DURATION, (int) Math.ceil(result.secondsAfter()));
            metrics.audioSaved(result.bytesSaved(), result.secondsSaved());
        }
        exchange.getMessage().setBody(result.audio());
    }

    /** Step 3: the multipart body for /v1/audio/transcriptions. */
    public void multipart(Exchange exchange) {
        byte[] audio = exchange.getMessage().getBody(byte[].class);
        MultipartEntityBuilder builder = MultipartEntityBuilder.create()
                .addBinaryBody("file", audio, ContentType.create("audio/wav"), "recording.wav")
                .addTextBody("model", model)
                .addTextBody("response_format", "json");
        if (language != null && !language.isBlank()) {
            builder.addTextBody("language", language);
        }
        exchange.getMessage().setBody(builder.build());
    }

    /** Step 4: store the text (and the cache entry, and the cost), or mark the job failed when the breaker fell back. */
    public void complete(Exchange exchange) throws SQLException {
        String body = exchange.getMessage().getBody(String.class);
        String text = null;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            text = node == null || !node.has("text") ? null : node.get("text").asText().strip();
        } catch (Exception e) {
            LOG.warn("unreadable transcription reply");
        }
        if (text == null) {
            finish(exchange, "failed", null, "transcription unavailable");
            return;
        }
        String hash = internal(exchange, AUDIO_HASH, String.class);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("transcript-cache-insert"))) {
            ps.setString(1, hash);
            ps.setString(2, model);
            ps.setString(3, text);
            ps.executeUpdate();
        }
        Integer seconds = internal(exchange, DURATION, Integer.class);
        costs.whisper(internal(exchange, CALL_SID, String.class), seconds == null ? 1 : seconds);
        finish(exchange, "done", text, null);
    }

    /** The same audio was transcribed before: no second payment. */
    public void completeFromCache(Exchange exchange) throws SQLException {
        finish(exchange, "done", internal(exchange, CACHED_TEXT, String.class), null);
    }

    /** Any failure of the worker: the dialogue falls back to Twilio's own recognition. */
    public void failed(Exchange exchange) throws SQLException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        finish(exchange, "failed", null, cause == null ? "failed" : cause.getClass().getSimpleName());
    }

    /** The recording could not be queued for transcription (the queue is full): the turn falls back at once. */
    public void abandon(String callSid, int turn, String reason) throws SQLException {
        settle(callSid, turn, "failed", null, reason, null);
    }

    private void finish(Exchange exchange, String status, String text, String error) throws SQLException {
        String callSid = internal(exchange, CALL_SID, String.class);
        Integer turn = internal(exchange, TURN, Integer.class);
        if (callSid == null || turn == null) {
            return; // the worker failed before it knew its job: nothing to settle
        }
        settle(callSid, turn, status, text, error, exchange.getVariable(AUDIO, AudioPreprocessor.Result.class));
    }

    private void settle(String callSid, int turn, String status, String text, String error, AudioPreprocessor.Result audio)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("transcription-finish"))) {
            ps.setString(1, status);
            ps.setString(2, text);
            ps.setString(3, error);
            ps.setObject(4, audio == null ? null : (int) audio.bytesBefore());
            ps.setObject(5, audio == null ? null : (int) audio.bytesAfter());
            ps.setObject(6, audio == null ? null : (int) Math.round(audio.secondsBefore() * 1000));
            ps.setObject(7, audio == null ? null : (int) Math.round(audio.secondsAfter() * 1000));
            ps.setString(8, callSid);
            ps.setInt(9, turn);
            ps.executeQuery().close(); // the statement also notifies the other instances
        } finally {
            // even when the update failed: the waiting poll then reads the job once and decides
            signals.settle(callSid, turn);
        }
    }

    private Job job(Exchange exchange) throws SQLException {
        String callSid = internal(exchange, CALL_SID, String.class);
        Integer turn = internal(exchange, TURN, Integer.class);
        return find(callSid, turn).orElseThrow(() -> new IllegalStateException("No transcription job"));
    }

    /** A value of the worker's own (call, turn, audio hash, …): a variable, or the header it arrived in. */
    private static <T> T internal(Exchange exchange, String name, Class<T> type) {
        T variable = exchange.getVariable(name, type);
        return variable != null ? variable : exchange.getMessage().getHeader(name, type);
    }

    private Optional<String> cached(String hash) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("transcript-cache-find"))) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
