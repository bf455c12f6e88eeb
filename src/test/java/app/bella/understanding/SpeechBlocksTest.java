package app.bella.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Twilio does not report how long the caller spoke: the blocks billed are estimated from the words (~2.5 a second). */
class SpeechBlocksTest {

    @Test
    void aShortAnswerIsOneBlock() {
        assertThat(CostLedger.speechBlocks("yes", 15)).isEqualTo(1);
        assertThat(CostLedger.speechBlocks("  next Tuesday at three in the afternoon please  ", 15)).isEqualTo(1);
    }

    @Test
    void aLongAnswerIsBilledPerStartedBlock() {
        String words38 = "word ".repeat(38); // 15.2 s of speech at 2.5 words a second
        assertThat(CostLedger.speechBlocks(words38, 15)).isEqualTo(2);
        assertThat(CostLedger.speechBlocks("word ".repeat(37), 15)).as("14.8 s").isEqualTo(1);
        assertThat(CostLedger.speechBlocks(words38, 1)).as("one-second blocks").isEqualTo(16);
    }
}
