package app.bella.platform;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted envelope of a backup: AES-256-GCM in 1 MiB segments (so a large dump streams), the key derived from
 * BELLA_BACKUP_KEY with PBKDF2-HMAC-SHA256 and a random salt. Each segment's nonce carries its number and its
 * associated data says whether it is the last one, so a reordered, cut or altered file fails to decrypt.
 *
 * <pre>"BELLABK1" | salt(16) | iterations(int) | nonce prefix(8) | { length(int, high bit = last) | ciphertext+tag }*</pre>
 */
final class BackupCipher {

    static final int MIN_KEY_LENGTH = 16;
    private static final byte[] MAGIC = "BELLABK1".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT = 1 << 20;
    private static final int ITERATIONS = 210_000;
    private static final int LAST = 0x8000_0000;

    private BackupCipher() {
    }

    static void checkKey(String passphrase) {
        if (passphrase == null || passphrase.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("BELLA_BACKUP_KEY is not set (or shorter than " + MIN_KEY_LENGTH
                    + " characters): backups are always encrypted. Set it, and keep a copy somewhere other than this host.");
        }
    }

    static OutputStream encrypt(OutputStream out, String passphrase) throws IOException {
        checkKey(passphrase);
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] prefix = new byte[8];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        DataOutputStream header = new DataOutputStream(out);
        header.write(MAGIC);
        header.write(salt);
        header.writeInt(ITERATIONS);
        header.write(prefix);
        SecretKeySpec key = key(passphrase, salt, ITERATIONS);
        return new OutputStream() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(SEGMENT);
            private int counter;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                buffer.write(b);
                flushFull();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                while (len > 0) {
                    int n = Math.min(len, SEGMENT - buffer.size());
                    buffer.write(b, off, n);
                    off += n;
                    len -= n;
                    flushFull();
                }
            }

            private void flushFull() throws IOException {
                if (buffer.size() >= SEGMENT) {
                    segment(false);
                }
            }

            private void segment(boolean last) throws IOException {
                byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, prefix, counter++, last, buffer.toByteArray());
                buffer.reset();
                header.writeInt(sealed.length | (last ? LAST : 0));
                header.write(sealed);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    segment(true);
                    header.flush();
                    out.close();
                }
            }
        };
    }

    static InputStream decrypt(InputStream in, String passphrase) throws IOException {
        checkKey(passphrase);
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not a Bella backup (or from an unknown version)");
        }
        byte[] salt = data.readNBytes(16);
        int iterations = data.readInt();
        byte[] prefix = data.readNBytes(8);
        if (salt.length != 16 || prefix.length != 8 || iterations < 10_000 || iterations > 10_000_000) {
            throw new IOException("The backup's header is damaged");
        }
        SecretKeySpec key = key(passphrase, salt, iterations);
        return new InputStream() {
            private ByteBuffer current = ByteBuffer.allocate(0);
            private int counter;
            private boolean last;

            private boolean fill() throws IOException {
                while (!current.hasRemaining()) {
                    if (last) {
                        return false;
                    }
                    int length;
                    try {
                        length = data.readInt();
                    } catch (EOFException e) {
                        throw new IOException("The backup is truncated");
                    }
                    last = (length & LAST) != 0;
                    length &= ~LAST;
                    if (length > SEGMENT + 64) {
                        throw new IOException("The backup is damaged (segment of " + length + " bytes)");
                    }
                    byte[] sealed = new byte[length];
                    try {
                        data.readFully(sealed);
                    } catch (EOFException e) {
                        throw new IOException("The backup is truncated");
                    }
                    current = ByteBuffer.wrap(crypt(Cipher.DECRYPT_MODE, key, prefix, counter++, last, sealed));
                }
                return true;
            }

            @Override
            public int read() throws IOException {
                return fill() ? current.get() & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, current.remaining());
                current.get(b, off, n);
                return n;
            }

            @Override
            public void close() throws IOException {
                data.close();
            }
        };
    }

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] prefix, int counter, boolean last, byte[] input) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(counter).array();
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IOException("The backup cannot be decrypted: wrong BELLA_BACKUP_KEY, or the file was altered");
        } catch (GeneralSecurityException e) {
            throw new IOException("Encryption failed: " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec key(String passphrase, byte[] salt, int iterations) throws IOException {
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), salt, iterations, 256);
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new SecretKeySpec(raw, "AES");
        } catch (GeneralSecurityException e) {
            throw new IOException("Key derivation failed: " + e.getMessage(), e);
        }
    }
}
