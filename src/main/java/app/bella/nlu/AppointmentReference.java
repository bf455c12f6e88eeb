package app.bella.nlu;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the caller's appointments they are talking about, when they name it by its day: "my appointment on the
 * 16th", "the appointment for Thursday", "my Tuesday appointment", "tomorrow's appointment". Only the words that
 * name the appointment are read, so in "move my appointment on the 16th to Friday at 2" the day is the 16th, not
 * Friday (that one is where it goes); "the one next week" names a period. Stateless and thread-safe.
 */
public final class AppointmentReference {

    private static final String THING = "(?:appointment|appt|booking|cleaning|check-?up|visit|one)";
    /** "appointment on the 16th", "booking for Thursday the 9th": up to where the new time begins, if it does. */
    private static final Pattern AFTER = Pattern.compile("\\b" + THING + "\\s+(?:on|for|of)\\s+(.+?)"
            + "(?=\\s+(?:to|until|till|into|over to|and|but|instead|please|because)\\b|[,.?!;]|$)", Pattern.CASE_INSENSITIVE);
    /** "my Tuesday appointment", "the 16th appointment", "tomorrow's appointment". */
    private static final Pattern BEFORE = Pattern.compile("\\b(?:my|the|our|this)\\s+((?:\\w+\\s+){0,3}?[\\w']+?)(?:'s)?\\s+"
            + THING + "\\b", Pattern.CASE_INSENSITIVE);

    /** "tomorrow's appointment", "Thursday's cleaning". */
    private static final Pattern POSSESSIVE = Pattern.compile("\\b(\\w+)'s\\s+" + THING + "\\b", Pattern.CASE_INSENSITIVE);

    /** "the one next week", "my appointment this week", "the booking next month". */
    private static final Pattern PERIOD = Pattern.compile("\\b(?:the one|appointment|appt|booking|cleaning|visit)"
            + "\\s+((?:next|this|the following|later this)\\s+(?:week|month))\\b", Pattern.CASE_INSENSITIVE);

    /** "the later one", "the second appointment", "my first booking": which one by its place among the caller's. */
    private static final Pattern POSITION = Pattern.compile("\\b(?:the|my)\\s+(first|earlier|earliest|next|second|third"
            + "|later|latest|last)\\s+" + THING + "\\b", Pattern.CASE_INSENSITIVE);

    /** "both", "all of them", "all three appointments", "every booking I have": every one the caller holds. */
    private static final Pattern EVERY = Pattern.compile("\\b(?:both|all (?:of )?(?:them|those|these|my|the|two|three"
            + "|four|[2-9])|(?:them|those|these) all|everything|every (?:one|single one|appointment|booking)"
            + "|each (?:one|of them))\\b", Pattern.CASE_INSENSITIVE);

    private final DateTimeParser dates = new DateTimeParser();

    /** Whether the words name every appointment the caller holds ("cancel both", "all three of them"). */
    public boolean every(String text) {
        return text != null && EVERY.matcher(text).find();
    }

    /**
     * Which of the caller's upcoming appointments, by their order, the words name: 0 the first ("the earlier one",
     * "the next one"), 1 the second, 2 the third, -1 the last ("the later one"); null when none is named so.
     */
    public Integer position(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = POSITION.matcher(text);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1).toLowerCase(java.util.Locale.ROOT)) {
            case "second" -> 1;
            case "third" -> 2;
            case "later", "latest", "last" -> -1;
            default -> 0;
        };
    }

    /** The days the appointment is named by ("the one next week"), or null when no such period names it. */
    public DateRange period(String text, ParseContext ctx) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = PERIOD.matcher(text);
        while (m.find()) {
            WhenPhrase w = dates.parse(m.group(1), ctx);
            if (w != null && w.hasRange()) {
                return w.range();
            }
        }
        return null;
    }

    /** The day the appointment is named by, or null when it is not named by a pinned day. */
    public LocalDate day(String text, ParseContext ctx) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate day = dayOf(AFTER.matcher(text), ctx);
        if (day == null) {
            day = dayOf(BEFORE.matcher(text), ctx);
        }
        return day != null ? day : dayOf(POSSESSIVE.matcher(text), ctx);
    }

    private LocalDate dayOf(Matcher m, ParseContext ctx) {
        while (m.find()) {
            WhenPhrase w = dates.parse(m.group(1), ctx);
            if (w != null && w.date() != null) {
                return w.date();
            }
        }
        return null;
    }
}
