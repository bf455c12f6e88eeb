package app.bella.testing;

import java.util.HashMap;
import java.util.Map;

/** Bella on the Whisper path against one WireMock standing in for Twilio's recording store and OpenAI. */
public final class WhisperSettings {

    private WhisperSettings() {
    }

    /** The settings every Whisper-path test starts with (a mutable copy: add the test's own). */
    public static Map<String, String> against(String fakeBaseUrl, String authToken, String accountSid) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bella.clock", "2025-10-08T10:00:00-06:00");
        settings.put("bella.timezone", "America/Edmonton");
        settings.put("bella.twilio.auth-token", authToken);
        settings.put("bella.twilio.account-sid", accountSid);
        settings.put("bella.openai.api-key", "sk-test");
        settings.put("bella.openai.base-url", fakeBaseUrl);
        settings.put("bella.twilio.api-base-url", fakeBaseUrl);
        settings.put("bella.stt", "whisper");
        settings.put("bella.extractor", "rules");
        return settings;
    }
}
