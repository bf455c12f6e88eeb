package app.bella.voice;

import app.bella.support.Phones;
import app.bella.support.Sql;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that a caller holds a phone number other than the caller ID: a one-time code is texted to that number and
 * read back by voice or keypad. A code is short-lived, single-use, stored only as a salted HMAC, and allows a few
 * attempts; a call gets at most one code per number, and a number at most a few codes an hour (nobody can use Bella
 * to flood a stranger with texts). All methods run in the turn's transaction.
 */
public final class CallerVerification {

    private static final Logger LOG = LoggerFactory.getLogger(CallerVerification.class);
    private static final Map<String, Character> DIGIT_WORDS = Map.ofEntries(
            Map.entry("zero", '0'), Map.entry("oh", '0'), Map.entry("o", '0'), Map.entry("one", '1'), Map.entry("two", '2'),
            Map.entry("three", '3'), Map.entry("four", '4'), Map.entry("five", '5'), Map.entry("six", '6'),
            Map.entry("seven", '7'), Map.entry("eight", '8'), Map.entry("nine", '9'));

    /** Sends one text to one number; returns false when it could not be sent (Twilio refused, breaker open). */
    @FunctionalInterface
    public interface TextSender {
        boolean send(String to, String text);
    }

    /** @param maxCodesPerHour codes one number may receive in an hour, over all calls */
    public record Settings(int codeLength, Duration ttl, int maxAttempts, int maxCodesPerHour) {
        public Settings {
            if (codeLength < 4 || codeLength > 10 || ttl.isNegative() || ttl.isZero() || maxAttempts < 1 || maxCodesPerHour < 1) {
                throw new IllegalArgumentException("Invalid caller verification settings: code length 4-10, a positive "
                        + "expiry, at least one attempt and one code an hour");
            }
        }
    }

    public enum Sent { SENT, ALREADY_SENT, REFUSED }

    public enum Check { VERIFIED, WRONG, LOCKED }

    private final TextSender texts;
    private final Settings settings;
    private final Clock clock;
    private final String practiceName;
    private final SecureRandom random = new SecureRandom();

    /** @param texts null when customer SMS is not configured: codes cannot be sent */
    public CallerVerification(TextSender texts, Settings settings, Clock clock, String practiceName) {
        this.texts = texts;
        this.settings = settings;
        this.clock = clock;
        this.practiceName = practiceName;
    }

    /** Codes can be texted (customer SMS is configured). */
    public boolean available() {
        return texts != null;
    }

    public int codeLength() {
        return settings.codeLength();
    }

    /** Texts a fresh code to {@code phone} for this call, unless one is still open or the limits say no. */
    public Sent send(Connection c, String callSid, String phone) throws SQLException {
        if (texts == null) {
            return Sent.REFUSED;
        }
        Instant now = clock.instant();
        Optional<Code> latest = latest(c, callSid, phone);
        if (latest.isPresent()) {
            return latest.get().open(now, settings.maxAttempts()) ? Sent.ALREADY_SENT : Sent.REFUSED;
        }
        if (sentInLastHour(c, phone, now) >= settings.maxCodesPerHour()) {
            LOG.warn("no verification code sent to {}: {} an hour already", Phones.mask(phone), settings.maxCodesPerHour());
            return Sent.REFUSED;
        }
        String code = newCode();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        long minutes = Math.max(1, settings.ttl().toMinutes());
        String text = "Your " + practiceName + " verification code is " + code + ". It expires in " + minutes
                + (minutes == 1 ? " minute" : " minutes") + ". If you did not call us, you can ignore this message.";
        if (!texts.send(phone, text)) {
            LOG.warn("verification code to {} could not be sent", Phones.mask(phone));
            return Sent.REFUSED;
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.get("caller-verification-insert"))) {
            ps.setString(1, callSid);
            ps.setString(2, phone);
            ps.setBytes(3, salt);
            ps.setBytes(4, hash(salt, code));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now.plus(settings.ttl())));
            ps.executeUpdate();
        }
        LOG.info("verification code texted to {}", Phones.mask(phone));
        return Sent.SENT;
    }

    /** Checks what the caller read back; every try counts, and a used, expired or exhausted code never matches. */
    public Check check(Connection c, String callSid, String phone, String said) throws SQLException {
        Instant now = clock.instant();
        Optional<Code> latest = latest(c, callSid, phone);
        if (latest.isEmpty() || !latest.get().open(now, settings.maxAttempts())) {
            return Check.LOCKED;
        }
        Code code = latest.get();
        boolean match = said != null && MessageDigest.isEqual(hash(code.salt(), said), code.hash());
        try (PreparedStatement ps = c.prepareStatement(Sql.get("caller-verification-attempt"))) {
            ps.setTimestamp(1, match ? Timestamp.from(now) : null);
            ps.setLong(2, code.id());
            ps.executeUpdate();
        }
        if (match) {
            LOG.info("caller verified {} by code", Phones.mask(phone));
            return Check.VERIFIED;
        }
        return code.attempts() + 1 >= settings.maxAttempts() ? Check.LOCKED : Check.WRONG;
    }

    /**
     * The digits of a code as said or typed: "1 2 3 4 5 6", "123456", "one two three, four five six", "double five";
     * other words are passed over. Empty when there are none.
     */
    static String digitsIn(String said) {
        if (said == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int repeat = 1;
        for (String word : said.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.equals("double") || word.equals("triple")) {
                repeat = word.equals("double") ? 2 : 3;
                continue;
            }
            String digits = word.chars().allMatch(Character::isDigit) ? word
                    : DIGIT_WORDS.containsKey(word) ? String.valueOf(DIGIT_WORDS.get(word)) : "";
            if (!digits.isEmpty()) {
                out.append(String.valueOf(digits.charAt(0)).repeat(repeat)).append(digits, 1, digits.length());
            }
            repeat = 1;
            if (out.length() > 32) {
                break;
            }
        }
        return out.toString();
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(settings.codeLength());
        for (int i = 0; i < settings.codeLength(); i++) {
            code.append(random.nextInt(10));
        }
        return code.toString();
    }

    private static byte[] hash(byte[] salt, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Code(long id, byte[] salt, byte[] hash, int attempts, Instant expiresAt, boolean used) {
        boolean open(Instant now, int maxAttempts) {
            return !used && attempts < maxAttempts && now.isBefore(expiresAt);
        }
    }

    private static Optional<Code> latest(Connection c, String callSid, String phone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("caller-verification-latest"))) {
            ps.setString(1, callSid);
            ps.setString(2, phone);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Code(rs.getLong("id"), rs.getBytes("salt"), rs.getBytes("code_hash"),
                        rs.getInt("attempts"), rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("verified_at") != null));
            }
        }
    }

    private static int sentInLastHour(Connection c, String phone, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("caller-verification-recent"))) {
            ps.setString(1, phone);
            ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofHours(1))));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
