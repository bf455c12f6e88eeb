package app.bella.voice;

/** What the caller gave in one turn: recognised speech and/or keypad digits (either may be null). */
public record TurnInput(String speech, String digits, Double confidence) {

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
}
