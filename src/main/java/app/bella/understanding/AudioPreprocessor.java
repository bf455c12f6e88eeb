package app.bella.understanding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Makes a recorded answer cheaper to transcribe: trims the silence before and after the speech (RMS per 20 ms frame
 * under a threshold, keeping 200 ms of margin each side), mixes to mono 16-bit and downsamples to 16 kHz — Whisper's
 * own rate — when the recording is above it (never upsamples), and writes a WAV again. Whisper bills the audio it
 * receives, and a smaller upload is a faster one. Anything that is not a readable PCM (or μ-law/A-law) WAV, and any
 * result that would not be smaller, is passed through unchanged: preprocessing never fails a transcription.
 */
public final class AudioPreprocessor {

    /** Whisper resamples everything to 16 kHz; anything above it is bytes paid for nothing. */
    static final float TARGET_RATE = 16_000f;
    static final double FRAME_SECONDS = 0.020;
    static final double MARGIN_SECONDS = 0.200;
    /** -40 dBFS: well above a phone line's comfort noise, well below the quietest speech Twilio records. */
    static final double DEFAULT_SILENCE_RMS = 0.01;
    private static final int SINC_ZERO_CROSSINGS = 16;

    /**
     * The audio to send, and what it was before and after. The durations are {@code null} when the input could not
     * be read as WAV (then {@code audio} is the input).
     */
    public record Result(byte[] audio, long bytesBefore, long bytesAfter, Double secondsBefore, Double secondsAfter) {

        public boolean readable() {
            return secondsAfter != null;
        }

        public long bytesSaved() {
            return bytesBefore - bytesAfter;
        }

        public double secondsSaved() {
            return readable() ? secondsBefore - secondsAfter : 0;
        }
    }

    private final double silenceRms;

    public AudioPreprocessor() {
        this(DEFAULT_SILENCE_RMS);
    }

    public AudioPreprocessor(double silenceRms) {
        this.silenceRms = silenceRms;
    }

    public Result process(byte[] input) {
        if (input == null || input.length == 0) {
            return unchanged(input == null ? new byte[0] : input);
        }
        Pcm pcm;
        try {
            pcm = decode(input);
        } catch (Exception e) { // unreadable, corrupt or truncated: Whisper gets what Twilio served
            return unchanged(input);
        }
        if (pcm == null || pcm.samples.length == 0) {
            return unchanged(input);
        }
        double before = pcm.samples.length / (double) pcm.rate;
        float[] kept = trim(pcm.samples, pcm.rate);
        float rate = pcm.rate;
        if (rate > TARGET_RATE) {
            kept = resample(kept, rate, TARGET_RATE);
            rate = TARGET_RATE;
        }
        byte[] output;
        try {
            output = encode(kept, rate);
        } catch (IOException e) {
            return new Result(input, input.length, input.length, before, before);
        }
        if (output.length >= input.length) { // nothing to gain (already trimmed, already small): keep the original
            return new Result(input, input.length, input.length, before, before);
        }
        return new Result(output, input.length, output.length, before, kept.length / (double) rate);
    }

    private static Result unchanged(byte[] input) {
        return new Result(input, input.length, input.length, null, null);
    }

    /** Mono samples in [-1, 1] of a WAV file, or null when it is not a WAV this class understands. */
    private static Pcm decode(byte[] input) throws Exception {
        AudioFileFormat file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(input));
        if (file.getType() != AudioFileFormat.Type.WAVE) {
            return null;
        }
        AudioInputStream stream = AudioSystem.getAudioInputStream(new ByteArrayInputStream(input));
        AudioFormat format = stream.getFormat();
        AudioFormat.Encoding encoding = format.getEncoding();
        if (encoding.equals(AudioFormat.Encoding.ULAW) || encoding.equals(AudioFormat.Encoding.ALAW)) {
            AudioFormat linear = new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false);
            stream = AudioSystem.getAudioInputStream(linear, stream);
            format = stream.getFormat();
            encoding = format.getEncoding();
        }
        boolean signed = encoding.equals(AudioFormat.Encoding.PCM_SIGNED);
        boolean floating = encoding.equals(AudioFormat.Encoding.PCM_FLOAT);
        if (!signed && !floating && !encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED)) {
            return null;
        }
        int bits = format.getSampleSizeInBits();
        int channels = format.getChannels();
        float rate = format.getSampleRate();
        if (channels < 1 || rate < 1000 || rate > 384_000 || bits % 8 != 0 || bits < 8 || bits > 32
                || (floating && bits != 32) || format.getFrameSize() != channels * bits / 8) {
            return null;
        }
        byte[] data = stream.readAllBytes();
        int bytesPerSample = bits / 8;
        int frames = data.length / format.getFrameSize();
        ByteBuffer buffer = ByteBuffer.wrap(data).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] mono = new float[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = (f * channels + c) * bytesPerSample;
                sum += floating ? buffer.getFloat(at) : integer(data, at, bytesPerSample, format.isBigEndian(), signed);
            }
            mono[f] = (float) (sum / channels);
        }
        return new Pcm(mono, rate);
    }

    /** One integer sample scaled to [-1, 1). */
    private static double integer(byte[] data, int at, int bytes, boolean bigEndian, boolean signed) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            int b = data[at + (bigEndian ? i : bytes - 1 - i)] & 0xff;
            value = (value << 8) | b;
        }
        int bits = bytes * 8;
        long half = 1L << (bits - 1);
        if (signed) {
            if (value >= half) {
                value -= 1L << bits;
            }
        } else {
            value -= half;
        }
        return value / (double) half;
    }

    /** The samples from the first to the last frame above the threshold, with the margin; a silent recording keeps only the margins. */
    private float[] trim(float[] samples, float rate) {
        int frame = Math.max(1, Math.round(rate * (float) FRAME_SECONDS));
        int margin = Math.round(rate * (float) MARGIN_SECONDS);
        int first = -1;
        int last = -1;
        for (int start = 0; start < samples.length; start += frame) {
            int end = Math.min(samples.length, start + frame);
            double energy = 0;
            for (int i = start; i < end; i++) {
                energy += samples[i] * (double) samples[i];
            }
            if (Math.sqrt(energy / (end - start)) >= silenceRms) {
                if (first < 0) {
                    first = start;
                }
                last = end;
            }
        }
        if (first < 0) { // nothing but silence: a short silent WAV, so Whisper is paid for (and hallucinates on) little
            return new float[Math.min(samples.length, 2 * margin)];
        }
        int from = Math.max(0, first - margin);
        int to = Math.min(samples.length, last + margin);
        float[] kept = new float[to - from];
        System.arraycopy(samples, from, kept, 0, kept.length);
        return kept;
    }

    /** Band-limited resampling (Blackman-windowed sinc, cut-off just under the new Nyquist frequency). */
    static float[] resample(float[] in, float fromRate, float toRate) {
        double ratio = toRate / fromRate;
        int outLength = (int) Math.floor(in.length * ratio);
        float[] out = new float[outLength];
        double cutoff = 0.95 * Math.min(1.0, ratio); // of the input's Nyquist frequency
        double halfWidth = SINC_ZERO_CROSSINGS / cutoff; // in input samples
        for (int i = 0; i < outLength; i++) {
            double center = i / ratio;
            int lo = (int) Math.ceil(center - halfWidth);
            int hi = (int) Math.floor(center + halfWidth);
            double sum = 0;
            double weights = 0;
            for (int k = Math.max(0, lo); k <= Math.min(in.length - 1, hi); k++) {
                double x = k - center;
                double w = sinc(x * cutoff) * blackman(x / halfWidth);
                sum += in[k] * w;
                weights += w;
            }
            out[i] = (float) (weights == 0 ? 0 : sum / weights);
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Blackman window over [-1, 1]. */
    private static double blackman(double t) {
        if (Math.abs(t) >= 1) {
            return 0;
        }
        double phase = Math.PI * (t + 1);
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }

    private static byte[] encode(float[] samples, float rate) throws IOException {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = (int) Math.round(Math.max(-1.0, Math.min(1.0, samples[i])) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    private record Pcm(float[] samples, float rate) {
    }
}
