package app.bella.understanding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** Silence trimming and downsampling of generated recordings, and what is passed through untouched. */
class AudioPreprocessorTest {

    final AudioPreprocessor preprocessor = new AudioPreprocessor();

    @Test
    void aTwilioRecordingLosesItsLeadingAndTrailingSilenceButKeepsAMarginAndItsFormat() throws Exception {
        byte[] twilio = TestWavs.tone(8000, 1, 16, 1.5, 1.0, 2.0);
        AudioPreprocessor.Result result = preprocessor.process(twilio);

        assertThat(result.readable()).isTrue();
        assertThat(result.secondsBefore()).isCloseTo(4.5, within(0.001));
        assertThat(result.secondsAfter()).as("1 s of tone and 200 ms each side").isCloseTo(1.4, within(0.041));
        assertThat(TestWavs.seconds(result.audio())).isCloseTo(result.secondsAfter(), within(0.001));
        assertFormat(result.audio(), 8000);
        assertThat(result.bytesBefore()).isEqualTo(twilio.length);
        assertThat(result.bytesAfter()).isEqualTo(result.audio().length).isLessThan(twilio.length / 3);
        assertThat(result.secondsSaved()).isCloseTo(3.1, within(0.041));
    }

    @Test
    void aCdQualityStereoRecordingBecomes16KhzMonoWithTheToneIntact() throws Exception {
        byte[] stereo = TestWavs.tone(44_100, 2, 16, 0.5, 1.0, 0.5);
        AudioPreprocessor.Result result = preprocessor.process(stereo);

        assertFormat(result.audio(), 16_000);
        assertThat(result.secondsBefore()).isCloseTo(2.0, within(0.001));
        assertThat(result.secondsAfter()).isCloseTo(1.4, within(0.041));
        // the 440 Hz tone at amplitude 0.25 survives the resampling: RMS 0.25/√2 in the middle of the kept audio
        float[] samples = samples(result.audio());
        assertThat(rms(samples, 4000, 18_000)).isCloseTo(0.25 / Math.sqrt(2), within(0.005));
        assertThat(result.bytesAfter()).isLessThan(stereo.length / 5);
    }

    @Test
    void toneAboveTheNewNyquistFrequencyIsFilteredNotFoldedBack() throws Exception {
        // 12 kHz cannot exist at 16 kHz: without a low-pass filter it would alias to 4 kHz at full strength
        double[] samples = new double[48_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 0.25 * Math.sin(2 * Math.PI * 12_000 * i / 48_000.0);
        }
        AudioPreprocessor.Result result = preprocessor.process(TestWavs.wav(samples, 48_000, 1, 16));
        assertFormat(result.audio(), 16_000);
        assertThat(rms(samples(result.audio()), 1000, 15_000)).isLessThan(0.005);
    }

    @Test
    void eightBitAudioBelow16KhzIsTrimmedAndWidenedButNeverUpsampled() throws Exception {
        byte[] eightBit = TestWavs.tone(11_025, 1, 8, 2.0, 1.0, 2.0);
        AudioPreprocessor.Result result = preprocessor.process(eightBit);

        assertFormat(result.audio(), 11_025);
        assertThat(result.secondsAfter()).isCloseTo(1.4, within(0.041));
        assertThat(result.bytesAfter()).isLessThan(eightBit.length);
    }

    @Test
    void pureSilenceBecomesAShortValidWavOfTheTwoMargins() throws Exception {
        byte[] silence = TestWavs.tone(8000, 1, 16, 3.0, 0, 0);
        AudioPreprocessor.Result result = preprocessor.process(silence);

        assertThat(result.readable()).isTrue();
        assertFormat(result.audio(), 8000);
        assertThat(TestWavs.seconds(result.audio())).isCloseTo(0.4, within(0.001));
        assertThat(result.secondsSaved()).isCloseTo(2.6, within(0.001));
    }

    @Test
    void aRecordingWithNothingToTrimIsSentAsServed() {
        byte[] tight = TestWavs.tone(8000, 1, 16, 0, 2.0, 0);
        AudioPreprocessor.Result result = preprocessor.process(tight);

        assertThat(result.audio()).isSameAs(tight);
        assertThat(result.secondsAfter()).isCloseTo(2.0, within(0.001));
        assertThat(result.bytesSaved()).isZero();
        assertThat(result.secondsSaved()).isZero();
    }

    @Test
    void whatIsNotAReadableWavPassesThroughUnchanged() {
        byte[] mp3 = new byte[600];
        byte[] id3 = "ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(id3, 0, mp3, 0, id3.length);
        mp3[10] = (byte) 0xFF;
        mp3[11] = (byte) 0xFB;
        byte[] wav = TestWavs.tone(8000, 1, 16, 1, 1, 1);
        byte[] corruptHeader = Arrays.copyOf(wav, wav.length);
        corruptHeader[8] = 'X'; // "WAVE" no more
        byte[] headerOnly = Arrays.copyOf(wav, 44);
        for (byte[] unreadable : new byte[][] {mp3, "RIFFcarl-request".getBytes(StandardCharsets.US_ASCII),
                "not audio at all".getBytes(StandardCharsets.US_ASCII), corruptHeader, headerOnly, new byte[0]}) {
            AudioPreprocessor.Result result = preprocessor.process(unreadable);
            assertThat(result.audio()).isSameAs(unreadable);
            assertThat(result.readable()).isFalse();
            assertThat(result.bytesSaved()).isZero();
            assertThat(result.secondsSaved()).isZero();
        }
        assertThat(preprocessor.process(null).audio()).isEmpty();
    }

    @Test
    void aRecordingCutOffMidwayIsTrimmedFromWhatArrived() throws Exception {
        byte[] wav = TestWavs.tone(8000, 1, 16, 1.0, 1.0, 2.0);
        byte[] cut = Arrays.copyOf(wav, 44 + 8000 * 2 * 3 / 2 + 1); // 1.5 s and an odd byte; the header still says 4 s
        AudioPreprocessor.Result result = preprocessor.process(cut);
        assertFormat(result.audio(), 8000);
        assertThat(result.secondsAfter()).isCloseTo(0.7, within(0.041));
    }

    private static void assertFormat(byte[] wav, float rate) throws Exception {
        AudioFormat format = TestWavs.format(wav);
        assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(format.getSampleRate()).isEqualTo(rate);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.isBigEndian()).isFalse();
    }

    private static float[] samples(byte[] wav) throws Exception {
        AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav));
        byte[] pcm = in.readAllBytes();
        float[] samples = new float[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
        }
        return samples;
    }

    private static double rms(float[] samples, int from, int to) {
        double energy = 0;
        for (int i = from; i < to; i++) {
            energy += samples[i] * (double) samples[i];
        }
        return Math.sqrt(energy / (to - from));
    }
}
