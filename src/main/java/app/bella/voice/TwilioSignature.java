package app.bella.voice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Validates the {@code X-Twilio-Signature} header of Twilio webhooks (form-encoded POSTs):
 * Base64(HMAC-SHA1(authToken, url + key1 + value1 + key2 + value2 ...)) with POST params sorted
 * by key. The URL must be exactly the one Twilio called, including scheme, port and query string;
 * behind a proxy, rebuild it from the public URL rather than the request as seen by the server.
 */
public final class TwilioSignature {

    private static final String HMAC_SHA1 = "HmacSHA1";

    /**
     * One keyed HMAC per thread and token: looking the algorithm up and keying it was half the cost of a check on
     * every webhook. A {@link Mac} is reset by {@code doFinal} and is not thread-safe, hence per thread.
     */
    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    private record KeyedMac(String token, Mac mac) {
    }

    private TwilioSignature() {
    }

    public static String compute(String authToken, String url, Map<String, String> params) {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(url, "url");
        StringBuilder data = new StringBuilder(url);
        // String's natural order compares UTF-16 code units, which matches Twilio's libraries
        // (and byte order for the ASCII parameter names Twilio sends).
        if (params != null) {
            new TreeMap<>(params).forEach((key, value) -> data.append(key).append(value == null ? "" : value));
        }
        byte[] digest = macFor(authToken).doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }

    private static Mac macFor(String authToken) {
        KeyedMac kept = MACS.get();
        if (kept != null && kept.token().equals(authToken)) {
            return kept.mac();
        }
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            MACS.set(new KeyedMac(authToken, mac));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    /** Constant-time comparison, so the header cannot be guessed byte by byte from response timing. */
    public static boolean isValid(String authToken, String url, Map<String, String> params, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank() || authToken == null || url == null) {
            return false;
        }
        byte[] expected = compute(authToken, url, params).getBytes(StandardCharsets.UTF_8);
        byte[] actual = signatureHeader.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
