package app.bella.nlu;

import java.util.regex.Pattern;

/**
 * Classifies what the caller wants. Priority: RESCHEDULE, CANCEL, QUERY, BOOK (an action beats a
 * question, and "appointment" alone means booking only when nothing more specific is said).
 * "cancel ... and book a new one" is a RESCHEDULE. Returns null when no intent is expressed.
 * Patterns are precompiled and matched on whole words; stateless and thread-safe.
 */
public final class IntentParser {

    private static final Pattern RESCHEDULE = words(
            "re-?schedul\\w*", "rebook\\w*", "postpone\\w*", "déplacer", "reporter",
            "changer (mon|le) rendez-vous",
            "(move|moving|change|changing|switch|switching|shift|bump|push|pushing) (my|the|our|this|that) (\\w+ )?"
                    + "(appointment|booking|time|day|date|visit|slot)",
            "(move|moving|change|changing|switch|shift|bump) it( to| up| back| forward| earlier| later)?",
            "(push|pushing) (it|that) to",
            "(different|another|other|new|later|earlier) (time|day|date|slot)",
            "(push|pushing|bring|bringing) (it|my appointment|the appointment|that) (back|forward|up)",
            "(push|pushing|move|moving|shift|bump) (it|my appointment|the appointment|that)( \\w+){1,3} (later|earlier)");
    private static final Pattern CANCEL = words(
            "cancel\\w*", "annuler", "annule", "scrap (my|the|that|it|this)",
            "(can't|cannot|can not|won't|will not|couldn't|not) (be able to )?make it",
            "call (it|the appointment|my appointment) off",
            "(don't|do not|no longer) need (the|my|an|that) appointment");
    private static final Pattern REBOOK = words(
            "instead", "book (a|another) (new )?(one|appointment|time)", "new (one|appointment|time)",
            "another (one|time|day|appointment)");
    private static final Pattern CANCEL_THAT = Pattern.compile("^ (no )?cancel (that|it|this)( please)? $");
    private static final Pattern QUERY = words(
            "when('s| is| was| are| were)? (is |was |are |were )?my (next |second |other |first |last |upcoming |two )?"
                    + "(appointment|booking|visit|appt)s?",
            "(what|which) (appointments|bookings) (do i have|have i got|am i booked)",
            "what (time|day|date)('s| is| was) my", "what (time|day|date) (am i|do i have)",
            "(do|did) i (have|already have) (an|a|any) (appointment|booking)",
            "(am i|are we) (booked|scheduled)",
            "when (am i|do i) (booked|scheduled|come in|have to come|need to come|supposed to)",
            "remind me (when|what time|of my)",
            "(check|confirm|look up|verify) (on )?(my|the) (appointment|booking)",
            "is my (appointment|booking)", "(c'est|est) quand mon rendez-vous", "quand est mon rendez-vous");
    private static final Pattern BOOK = words(
            "book", "booking", "appointment", "appointments", "appt", "schedule", "scheduling", "rendez-vous",
            "rdv", "réserver", "reserve",
            "(come|get|fit|squeeze) (me )?in", "see (the |a )?(doctor|dr|dentist|hygienist|physio|someone|somebody)",
            "(make|set up|set|get) (me )?(an|a) (appointment|booking|visit|time)",
            "availability", "available", "opening", "openings", "slot", "slots", "consultation", "checkup",
            "check-up", "(need|want|like) (a|an) (visit|cleaning|session)");

    /** " (?:a|b|c)(?= )" over the space-padded token string: whole-word matches only. */
    private static Pattern words(String... alternatives) {
        return Pattern.compile(" (?:" + String.join("|", alternatives) + ")(?= )");
    }

    /** Classifies an utterance; null when no intent is expressed. */
    public Intent parse(String text) {
        return parse(Words.tokenize(text));
    }

    Intent parse(Tokens tk) {
        if (tk.n == 0) {
            return null;
        }
        String s = tk.joined();
        if (RESCHEDULE.matcher(s).find()) {
            return Intent.RESCHEDULE;
        }
        if (CANCEL.matcher(s).find()) {
            return REBOOK.matcher(s).find() ? Intent.RESCHEDULE : Intent.CANCEL;
        }
        if (QUERY.matcher(s).find()) {
            return Intent.QUERY;
        }
        if (BOOK.matcher(s).find()) {
            return Intent.BOOK;
        }
        return null;
    }

    /** True for a bare "cancel that" / "cancel it", which answers a question rather than cancelling. */
    boolean isCancelThat(Tokens tk) {
        return CANCEL_THAT.matcher(tk.joined()).find();
    }
}
