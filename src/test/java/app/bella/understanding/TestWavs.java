package app.bella.understanding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Generated recordings: silence (a phone line's faint hiss), a tone or speech-like noise bursts, then silence again. */
final class TestWavs {

    /** A phone line's hiss when nobody speaks: about -66 dBFS. */
    static final double LINE_NOISE = 0.0005;

    private TestWavs() {
    }

    /** A 440 Hz tone at -12 dBFS between two silences, as a PCM WAV of the given rate, channels and sample size. */
    static byte[] tone(float rate, int channels, int bits, double leadSeconds, double toneSeconds, double trailSeconds) {
        Random random = new Random(7);
        int lead = (int) Math.round(leadSeconds * rate);
        int body = (int) Math.round(toneSeconds * rate);
        double[] samples = new double[lead + body + (int) Math.round(trailSeconds * rate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextGaussian() * LINE_NOISE;
            if (i >= lead && i < lead + body) {
                samples[i] += 0.25 * Math.sin(2 * Math.PI * 440 * (i - lead) / rate);
            }
        }
        return wav(samples, rate, channels, bits);
    }

    /**
     * A caller's answer as Twilio's {@code <Record>} produces it: line hiss, then speech-like noise (band-limited noise
     * at about -20 dBFS with a 4 Hz syllable rhythm and short pauses), then hiss until the 3-s silence timeout.
     */
    static byte[] answer(Random random, float rate, double leadSeconds, double speechSeconds, double trailSeconds) {
        int lead = (int) Math.round(leadSeconds * rate);
        int speech = (int) Math.round(speechSeconds * rate);
        double[] samples = new double[lead + speech + (int) Math.round(trailSeconds * rate)];
        double low = 0;
        double syllableHz = 3 + random.nextDouble() * 2;
        for (int i = 0; i < samples.length; i++) {
            double s = random.nextGaussian() * LINE_NOISE;
            if (i >= lead && i < lead + speech) {
                double t = (i - lead) / rate;
                low = 0.7 * low + 0.3 * random.nextGaussian(); // crude low-pass: voice-band energy
                double syllable = Math.abs(Math.sin(Math.PI * syllableHz * t));
                s += 0.12 * low * (0.15 + syllable);
            }
            samples[i] = s;
        }
        return wav(samples, rate, 1, 16);
    }

    static byte[] wav(double[] samples, float rate, int channels, int bits) {
        int bytes = bits / 8;
        byte[] pcm = new byte[samples.length * channels * bytes];
        int at = 0;
        for (double sample : samples) {
            double v = Math.max(-1, Math.min(1, sample));
            for (int c = 0; c < channels; c++) {
                if (bits == 8) { // WAV's 8-bit samples are unsigned
                    pcm[at++] = (byte) (Math.round(v * 127) + 128);
                } else {
                    int x = (int) Math.round(v * 32767);
                    pcm[at++] = (byte) x;
                    pcm[at++] = (byte) (x >> 8);
                }
            }
        }
        AudioFormat format = new AudioFormat(rate, bits, channels, bits != 8, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length),
                    AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static AudioFormat format(byte[] wav) throws Exception {
        return AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav)).getFormat();
    }

    static double seconds(byte[] wav) throws Exception {
        AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav));
        return in.getFrameLength() / in.getFormat().getFrameRate();
    }

    /** The WAV inside a multipart body: its RIFF header and as many bytes as the header says. */
    static byte[] wavIn(byte[] multipart) {
        for (int i = 0; i + 4 <= multipart.length; i++) {
            if (multipart[i] == 'R' && multipart[i + 1] == 'I' && multipart[i + 2] == 'F' && multipart[i + 3] == 'F') {
                int size = (multipart[i + 4] & 0xff) | (multipart[i + 5] & 0xff) << 8 | (multipart[i + 6] & 0xff) << 16
                        | (multipart[i + 7] & 0xff) << 24;
                return java.util.Arrays.copyOfRange(multipart, i, i + 8 + size);
            }
        }
        throw new AssertionError("no WAV in the request");
    }
}
