package app.bella.voice;

import app.bella.nlu.Confirmation;
import app.bella.nlu.ConfirmationParser;
import app.bella.nlu.Intent;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller who holds an appointment answers about it: at "keep it, move it or cancel it?", and at "shall I
 * cancel it?" when the answer asks for the cancellation in its own words. Reads words only; the dialogue acts on them.
 */
final class AppointmentAnswers {

    /** Answers to "keep it, move it or cancel it?" that the intent parser has no word for. */
    private static final Pattern KEEP = Pattern.compile(
            "\\b(keep|leave|stays?|that'?s (fine|good|ok|okay|perfect)|no change|as it is)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MOVE = Pattern.compile(
            "\\b(move|change|reschedule|different|another (day|time)|bump|push|make it|(?:hours?|minutes?|mins|days?|weeks?) (?:later|earlier))\\b",
            Pattern.CASE_INSENSITIVE); // "could you make it an hour later?", "half an hour earlier"
    private static final Pattern CANCEL = Pattern.compile("\\bcancel\\b", Pattern.CASE_INSENSITIVE);
    /** Said with a day or time, another one than the appointment's: "can we do the 20th instead", "come in sooner". */
    private static final Pattern INSTEAD = Pattern.compile("\\b(instead|sooner)\\b", Pattern.CASE_INSENSITIVE);
    /** "bump it a week", "push it back two weeks": the same time, that many weeks on. */
    private static final Pattern WEEKS_ON = Pattern.compile(
            "\\b(?:bump|push|move|put|shift)\\w* (?:it|that|my (?:\\w+ )?appointment|the (?:\\w+ )?appointment)(?: back| out)?(?: by)? "
                    + "(a|one|two|three|1|2|3) weeks?\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANOTHER_BOOKING = Pattern.compile(
            "\\b(another|new|second|additional|extra|also) (one|appointment|booking|visit)\\b|\\bbook\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CANCEL_WORDS = Pattern.compile(
            "\\b(go ahead and )?cancel(l?ed|l?ing)?( it| that| this| the appointment| my appointment)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATED = Pattern.compile("\\b(no|not|don'?t|do not|never|nope)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final ConfirmationParser YES_NO = new ConfirmationParser();

    private AppointmentAnswers() {
    }

    /**
     * The answer at "keep it, move it or cancel it?" (keys 1, 2, 3 as the prompt offers them); {@code weeksOn} is the
     * number of weeks in "bump it a week", 0 when none was said. A move said with "cancel" ("cancel and move it to
     * Friday") is a move; "instead"/"sooner" is one only without "cancel".
     */
    record KeepMoveCancel(boolean cancel, boolean move, boolean keep, boolean another, int weeksOn) {
    }

    static KeepMoveCancel keepMoveCancel(String text, String digits, Intent intent) {
        boolean cancel = intent == Intent.CANCEL || digits.equals("3") || intent == null && CANCEL.matcher(text).find();
        boolean move = intent == Intent.RESCHEDULE || digits.equals("2") || MOVE.matcher(text).find()
                || !cancel && INSTEAD.matcher(text).find();
        boolean keep = digits.equals("1") || KEEP.matcher(text).find();
        boolean another = intent == Intent.BOOK && ANOTHER_BOOKING.matcher(text).find();
        Matcher weeks = WEEKS_ON.matcher(text);
        return new KeepMoveCancel(cancel, move, keep, another, weeks.find() ? weeksCount(weeks.group(1)) : 0);
    }

    /**
     * The answer to "Shall I cancel it?" that asks for the cancellation in its own words: what is said besides the
     * cancel words decides ("yes, please cancel it", "no, don't cancel it"); nothing besides them is a yes.
     */
    static Confirmation cancelQuestion(String text) {
        String rest = CANCEL_WORDS.matcher(text).replaceAll(" ");
        Confirmation besides = YES_NO.parse(rest);
        if (besides != null) {
            return besides;
        }
        return NEGATED.matcher(rest).find() ? Confirmation.NO : Confirmation.YES;
    }

    private static int weeksCount(String said) {
        return switch (said.toLowerCase(Locale.ROOT)) {
            case "two", "2" -> 2;
            case "three", "3" -> 3;
            default -> 1;
        };
    }
}
