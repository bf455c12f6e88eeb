package app.bella.nlu;

/**
 * A normalised utterance: lower-case tokens with fillers removed, plus the same tokens in their
 * original letter case (for names such as "DeShawn"). Created by {@link Words#tokenize(String)}.
 * Instances are effectively immutable once built; the arrays are never exposed outside the package.
 */
final class Tokens {

    static final Tokens EMPTY = new Tokens(new String[0], new String[0], new boolean[0]);

    final String[] t;
    final String[] orig;
    /** True where a token was written directly after the previous one with no space ("John2": "2"). */
    final boolean[] glued;
    final int n;
    private String joined;

    Tokens(String[] t, String[] orig) {
        this(t, orig, new boolean[t.length]);
    }

    Tokens(String[] t, String[] orig, boolean[] glued) {
        this.t = t;
        this.orig = orig;
        this.glued = glued;
        this.n = t.length;
    }

    /** The tokens from {@code from} to {@code to} (exclusive) as an utterance of their own. */
    Tokens slice(int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(n, to);
        if (a >= b) {
            return EMPTY;
        }
        return new Tokens(java.util.Arrays.copyOfRange(t, a, b), java.util.Arrays.copyOfRange(orig, a, b),
                java.util.Arrays.copyOfRange(glued, a, b));
    }

    /** The original-case tokens from {@code from} to {@code to} (exclusive), joined with spaces. */
    String originalText(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = Math.max(0, from); k < Math.min(n, to); k++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(orig[k]);
        }
        return sb.toString();
    }

    /** Token at {@code i}, or "" when out of range (so look-ahead never needs bounds checks). */
    String at(int i) {
        return i >= 0 && i < n ? t[i] : "";
    }

    boolean is(int i, String word) {
        return i >= 0 && i < n && t[i].equals(word);
    }

    /** The tokens joined with single spaces and padded with a space on both ends. */
    String joined() {
        String j = joined;
        if (j == null) {
            StringBuilder sb = new StringBuilder(n * 6 + 2).append(' ');
            for (String s : t) {
                sb.append(s).append(' ');
            }
            j = sb.toString();
            joined = j;
        }
        return j;
    }

    @Override
    public String toString() {
        return joined().trim();
    }
}
