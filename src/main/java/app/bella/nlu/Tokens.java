package app.bella.nlu;

/**
 * A normalised utterance: lower-case tokens with fillers removed, plus the same tokens in their
 * original letter case (for names such as "DeShawn"). Created by {@link Words#tokenize(String)}.
 * Instances are effectively immutable once built; the arrays are never exposed outside the package.
 */
final class Tokens {

    static final Tokens EMPTY = new Tokens(new String[0], new String[0]);

    final String[] t;
    final String[] orig;
    final int n;
    private String joined;

    Tokens(String[] t, String[] orig) {
        this.t = t;
        this.orig = orig;
        this.n = t.length;
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
