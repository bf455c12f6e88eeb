package app.bella.nlu;

/**
 * Deterministic extraction of every slot an utterance contains: intent, name, phone, date/time,
 * duration and yes/no. When the dialogue tells what it just asked for ({@code expect}), that slot is
 * favoured: a bare "mary" is a name only when a name was asked for, a bare "3" is a time only when a
 * time was asked for, a bare "45" is a duration only when a duration was asked for, and "yes"
 * anywhere in the utterance counts only when a yes/no question was asked (otherwise only a leading
 * yes/no does). Immutable and thread-safe; one instance can serve all calls.
 */
public final class RulesExtractor {

    private final NameParser names = new NameParser();
    private final PhoneParser phones = new PhoneParser();
    private final DateTimeParser dates = new DateTimeParser();
    private final DateTimeResolver resolver = new DateTimeResolver();
    private final DurationParser durations = new DurationParser();
    private final ConfirmationParser confirmations = new ConfirmationParser();
    private final IntentParser intents = new IntentParser();

    /**
     * @param text   the transcript (may be null or empty)
     * @param expect what the dialogue just asked for, or null for an open utterance
     * @param ctx    current time, zone, business hours and default country code
     * @return never null; fields the utterance did not contain are null
     */
    public Extraction extract(String text, Expect expect, ParseContext ctx) {
        Tokens tk = Words.tokenize(text);
        if (tk.n == 0) {
            return Extraction.EMPTY;
        }
        PhoneParser.Found phone = phones.find(tk, ctx);
        WhenPhrase when = dates.parse(tk, ctx, expect == Expect.TIME, phone.from, phone.to);
        String name = names.parse(text, tk, expect == Expect.NAME);
        Integer duration = durations.parse(tk, expect == Expect.DURATION);
        Confirmation confirmation = confirmations.parse(tk, expect == Expect.CONFIRM);
        Intent intent = intents.parse(tk);
        if (intent == Intent.CANCEL && confirmation == Confirmation.NO && intents.isCancelThat(tk)) {
            intent = null; // "cancel that" answers the question; it does not cancel the appointment
        }
        if (intent == Intent.BOOK && expect == Expect.CONFIRM && confirmation == Confirmation.YES) {
            intent = null; // "yes, book it" confirms the pending booking
        }
        return new Extraction(intent, name, phone.phone, when, resolver.resolve(when, ctx), duration,
                confirmation);
    }
}
