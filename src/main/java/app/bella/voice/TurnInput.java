package app.bella.voice;

/** What the caller gave in one turn: recognised speech and/or keypad digits (either may be null). */
public record TurnInput(String speech, String digits, Double confidence) {

    /** Keypad entries longer than this are cut: no phone number, date or code is longer. */
    static final int MAX_DIGITS = 32;

    static final TurnInput SILENCE = new TurnInput(null, null, null);

    /**
     * The turn as Twilio posted it, made safe to parse, store and echo: speech without control characters, NUL or
     * broken surrogate pairs and cut at {@code maxSpeechChars}; only keypad characters among the digits; a confidence
     * only when it is a number between 0 and 1.
     */
    static TurnInput fromTwilio(String speech, String digits, String confidence, int maxSpeechChars) {
        return new TurnInput(clean(speech, maxSpeechChars), keypad(digits), confidence(confidence));
    }

    public boolean silent() {
        return (speech == null || speech.isBlank()) && (digits == null || digits.isBlank());
    }

    /** The words as the parser should read them: speech, else the digits. */
    public String text() {
        if (speech != null && !speech.isBlank()) {
            return speech.strip();
        }
        return digits == null ? "" : digits.strip();
    }

    static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean brokenSurrogate = Character.isSurrogate((char) cp) && Character.charCount(cp) == 1;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (!Character.isISOControl(cp) && !brokenSurrogate && cp != 0xFFFE && cp != 0xFFFF
                    && Character.getType(cp) != Character.UNASSIGNED && out.length() + Character.charCount(cp) <= max) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static String keypad(String digits) {
        if (digits == null) {
            return null;
        }
        String keys = digits.replaceAll("[^0-9*#]", "");
        return keys.length() > MAX_DIGITS ? keys.substring(0, MAX_DIGITS) : keys;
    }

    private static Double confidence(String value) {
        try {
            double d = value == null ? Double.NaN : Double.parseDouble(value.strip());
            return d >= 0 && d <= 1 ? d : null; // NaN, infinities and out-of-range values mean "not given"
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
