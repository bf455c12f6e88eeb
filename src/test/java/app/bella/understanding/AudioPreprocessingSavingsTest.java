package app.bella.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What preprocessing saves on 20 synthetic caller answers as Twilio's {@code <Record timeout="3">} delivers them
 * (8 kHz mono 16-bit; 0.5–3 s of line hiss, 1–4 s of speech-like noise, 0.5–3 s of hiss): bytes uploaded, seconds
 * Whisper bills (per recording, rounded up to the second as the ledger does), and dollars per 1,000 turns at the
 * configured Whisper price. The figures in docs/costs.md come from this test's output.
 */
class AudioPreprocessingSavingsTest {

    @Test
    void trimmingSilenceFromCallerAnswersSavesBytesAndBilledSeconds() throws Exception {
        Random random = new Random(2025);
        AudioPreprocessor preprocessor = new AudioPreprocessor();
        long bytesBefore = 0;
        long bytesAfter = 0;
        double secondsBefore = 0;
        double secondsAfter = 0;
        long billedBefore = 0;
        long billedAfter = 0;
        int recordings = 20;
        for (int i = 0; i < recordings; i++) {
            double lead = 0.5 + 2.5 * random.nextDouble();
            double speech = 1 + 3 * random.nextDouble();
            double trail = 0.5 + 2.5 * random.nextDouble();
            AudioPreprocessor.Result result = preprocessor.process(TestWavs.answer(random, 8000, lead, speech, trail));

            assertThat(result.secondsAfter()).as("recording %d keeps all its speech and at most the margins", i)
                    .isBetween(speech - 0.001, speech + 2 * AudioPreprocessor.MARGIN_SECONDS + 0.041);
            bytesBefore += result.bytesBefore();
            bytesAfter += result.bytesAfter();
            secondsBefore += result.secondsBefore();
            secondsAfter += result.secondsAfter();
            billedBefore += Math.max(1, (long) Math.ceil(result.secondsBefore()));
            billedAfter += Math.max(1, (long) Math.ceil(result.secondsAfter()));
        }
        BigDecimal perMinute = whisperUsdPerMinute();
        BigDecimal savedPer1000 = perMinute.multiply(BigDecimal.valueOf(billedBefore - billedAfter))
                .multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(60L * recordings), 4, RoundingMode.HALF_UP);
        System.out.printf("%d synthetic answers: %,d -> %,d bytes (%.0f %% less); %.1f -> %.1f s of audio (%.0f %% less);"
                        + " billed %d -> %d s; Whisper at $%s/min: $%s saved per 1,000 turns%n",
                recordings, bytesBefore, bytesAfter, 100.0 * (bytesBefore - bytesAfter) / bytesBefore, secondsBefore,
                secondsAfter, 100 * (secondsBefore - secondsAfter) / secondsBefore, billedBefore, billedAfter,
                perMinute.toPlainString(), savedPer1000.toPlainString());

        assertThat(bytesAfter).isLessThan(bytesBefore * 2 / 3);
        assertThat(billedAfter).isLessThan(billedBefore * 2 / 3);
    }

    /** The default of {@code bella.cost.whisper-usd-per-minute} in application.properties. */
    private static BigDecimal whisperUsdPerMinute() throws Exception {
        Matcher m = Pattern.compile("bella\\.cost\\.whisper-usd-per-minute\\s*=\\s*\\{\\{env:[A-Z_]+:([0-9.]+)}}")
                .matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        assertThat(m.find()).isTrue();
        return new BigDecimal(m.group(1));
    }
}
