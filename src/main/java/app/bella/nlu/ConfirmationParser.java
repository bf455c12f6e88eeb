package app.bella.nlu;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a yes/no answer, with hedges: "yeah sure", "that's correct", "sounds good", "uh huh",
 * "that works" are YES; "nope", "not really", "that's wrong", "that doesn't work", "not quite",
 * "cancel that" are NO; "not sure", "maybe", "I don't know" are neither (null). "no problem" and
 * "no worries" are YES. Negation flips a following positive ("that's not right", "doesn't work").
 *
 * <p>Corrections: a later decisive phrase overrides an earlier one when it follows closely ("yeah
 * no", "yes ... no wait") or after a correction marker ("actually", "I mean", "sorry", "wait").
 * In an open utterance (not answering a yes/no question) only a decision within the first three
 * tokens counts, so "... is that ok?" at the end of a request is not taken as consent.
 * Stateless and thread-safe.
 */
public final class ConfirmationParser {

    private enum Kind { YES, NO, UNSURE, NEUTRAL, NEGATOR }

    /**
     * @param weak    counts in an open utterance only when the utterance is very short ("ok", "right")
     * @param negOnly counts only when negated ("doesn't work", "won't suit")
     */
    private record Phrase(String[] words, Kind kind, boolean weak, boolean negOnly) {
    }

    private static final Set<String> WEAK = Words.setOf("ok", "okay", "alright", "all right", "right", "good", "great",
            "fine", "sure", "cool", "k", "kay", "perfect", "works", "that works", "excellent", "awesome", "lovely",
            "wonderful", "fantastic", "exactly", "exact", "precisely", "totally", "indeed", "confirm", "accurate",
            "parfait", "bingo", "agreed", "brilliant", "grand", "go on", "cheers", "righto");
    private static final Set<String> NEG_ONLY = Words.setOf("work", "suit", "suits", "fit", "fits", "make it",
            "good for me", "suit me", "marche");
    private static final int OPEN_SHORT = 4;

    /** Phrases keyed by their first word, longest first. */
    private static final Map<String, Phrase[]> PHRASES = new HashMap<>();
    /** Besides {@link Words#isCorrectionMarker}: "hold on", "scratch that". */
    private static final Set<String> CORRECTION = Words.setOf("hold", "scratch");
    private static final int NEGATION_WINDOW = 3;
    /** A no this close after a "but" that follows a yes takes it back: "yes, but the time is wrong". */
    private static final int BUT_WINDOW = 5;
    private static final int OPEN_WINDOW = 3;
    private static final int CLOSE_OVERRIDE = 3;

    static {
        String[] yes = {
                "yes", "yeah", "yea", "ya", "yah", "yep", "yup", "yess", "yes please", "sure", "sure thing",
                "certainly", "correct", "right", "that's right", "you're right", "ok", "okay", "k", "kay", "alright",
                "all right", "sounds good", "sounds great", "sounds perfect", "sounds fine", "sounds about right",
                "perfect", "great", "good", "fine", "excellent", "awesome", "wonderful", "lovely", "fantastic",
                "absolutely", "definitely", "exactly", "affirmative", "indeed", "uh-huh", "mm-hmm", "works",
                "work", "suit", "suits", "fit", "fits", "make it", "suit me", "marche", "that works", "would work",
                "will work", "that'll work", "that would work", "that suits me", "suits me", "works for me", "go ahead", "go for it", "please do", "book it",
                "please proceed", "you may proceed", "proceed",
                "do it", "let's do it", "let's do that", "of course", "for sure", "you got it", "you bet",
                "that's it", "no problem", "no worries", "not a problem", "no doubt", "why not", "agreed",
                "cool", "i think so", "i guess so", "i believe so", "that'd be great", "that would be great",
                "oui", "ouais", "d'accord", "bien sûr", "c'est correct", "c'est ça", "parfait", "ça marche",
                "exact", "confirmed", "confirm", "yes sir", "yes ma'am", "that's fine", "fine by me",
                "bingo", "precisely", "totally", "accurate", "yes it is", "yes you are", "that is correct",
                "that is right", "it is correct", "that's perfect", "that's great", "that's good", "that's the one",
                "that's the one i want", "that one's fine", "that's what i said", "that's what i want", "spot on",
                "bang on", "dead on", "all good", "close enough", "brilliant", "that'd be brilliant", "don't see why not",
                "do not see why not", "can't see why not", "cannot see why not", "that'll do", "that will do",
                "i suppose so", "i suppose that's fine",
                // regional: Scottish and Irish "aye", "grand"; British "go on then"; Australian "too right"
                "aye", "aye aye", "grand", "that's grand", "that'd be grand", "grand so", "go on", "go on then",
                "i'd say so", "i would say so", "reckon so", "i reckon so", "too right", "righto", "right-o",
                "rightio", "yes indeed", "cheers", "no bother", "no bother at all"};
        String[] no = {
                "no", "nope", "nah", "naw", "nay", "negative", "wrong", "incorrect", "not really", "not quite",
                "no good", "no use", "not any good", "no good for me",
                "cancel that", "cancel it", "no thanks", "no thank you", "not that", "that's wrong",
                "don't think so", "do not think so", "not at all", "never mind", "nevermind", "uh-uh", "nuh-uh",
                "non", "pas vraiment", "absolutely not", "definitely not", "certainly not", "of course not",
                "not correct", "not right", "no way", "not exactly", "can't make it", "cannot make it",
                "that is wrong", "that's incorrect", "that is not right", "wrong number", "wrong time", "wrong day",
                "not what i said", "not what i asked", "not what i meant", "that's not what i said",
                "that's not what i meant", "that is not what i said", "different time", "different day",
                "another time", "another day", "other time", "other day", "that's not it", "that is not it", "not it",
                "that's not the one", "not the one", "except", "apart from", "other than", "everything but", "that's not my name", "not my name", "that's not my number",
                "not my number", "that's not me", "wrong name", "that is not my name", "that's not my phone number",
                "that's not what i asked", "that is not what i asked", "not what i asked for", "not what i wanted",
                "that's not what i wanted", "close but", "almost right", "almost correct", "nearly right",
                "spelled differently", "spelt differently", "spelled wrong", "misspelled", "a bit off", "slightly off",
                "i'd rather not", "i would rather not", "rather not", "i'd say not", "i would say not",
                "no right", "that's no right", "no correct", "no quite right",
                "afraid not", "i'm afraid not", "can't make that", "cannot make that", "can't make that one",
                "can't do that", "cannot do that", "a bit early", "a bit late",
                "bit early", "bit late", "too early", "too late", "a little early", "a little late",
                // a preference for another time: "I'd rather a bit later", "I'd prefer the afternoon"
                "rather a bit", "rather a different", "rather a later", "rather an earlier", "rather the", "rather something",
                "rather later", "rather earlier", "rather another", "prefer a bit", "prefer a different", "prefer a later",
                "prefer an earlier", "prefer the", "prefer something", "prefer later", "prefer earlier", "prefer another"};
        String[] unsure = {
                "not sure", "unsure", "maybe", "perhaps", "possibly", "don't know", "do not know", "dunno",
                "no idea", "not certain", "let me think", "let me check", "hold on", "one moment", "one sec",
                "just a sec", "just a second", "it depends", "depends", "je ne sais pas", "peut-être",
                "i'm not sure", "what", "pardon", "sorry what", "say that again", "repeat that", "can you repeat"};
        String[] neutral = {
                "right now", "good morning", "good afternoon", "good evening", "good night", "all right then",
                "okay so", "what time", "not yet", "ok so", "that is all", "it is for", "you are not"};
        String[] negator = {
                "not", "don't", "doesn't", "isn't", "wasn't", "won't", "wouldn't", "can't", "cannot", "didn't",
                "aren't", "never", "ain't", "does not", "do not", "is not", "will not", "would not", "can not",
                "that's not", "it's not", "isnt", "doesnt", "dont", "cant", "wont", "ne", "pas"};
        add(yes, Kind.YES);
        add(no, Kind.NO);
        add(unsure, Kind.UNSURE);
        add(neutral, Kind.NEUTRAL);
        add(negator, Kind.NEGATOR);
        for (Map.Entry<String, Phrase[]> e : PHRASES.entrySet()) {
            java.util.Arrays.sort(e.getValue(), (a, b) -> b.words.length - a.words.length);
        }
    }

    private static void add(String[] phrases, Kind kind) {
        for (String p : phrases) {
            String[] words = p.split(" ");
            Phrase phrase = new Phrase(words, kind, WEAK.contains(p), NEG_ONLY.contains(p));
            PHRASES.merge(words[0], new Phrase[]{phrase}, (a, b) -> {
                Phrase[] c = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, c, a.length, b.length);
                return c;
            });
        }
    }

    /** Parses an answer to a yes/no question. */
    public Confirmation parse(String text) {
        return parse(Words.tokenize(text), true);
    }

    /** Parses; {@code expected} false = open utterance, only a leading yes/no counts. */
    public Confirmation parse(String text, boolean expected) {
        return parse(Words.tokenize(text), expected);
    }

    Confirmation parse(Tokens tk, boolean expected) {
        Kind decision = null;
        int decisionEnd = -1;
        int lastCorrection = -10;
        int negatorAt = -10;
        int lastBut = -10;
        int i = 0;
        while (i < tk.n) {
            String w = tk.t[i];
            if (Words.isCorrectionMarker(w) || CORRECTION.contains(w)) {
                lastCorrection = i;
            }
            if (w.equals("but")) {
                lastBut = i;
            }
            Phrase p = match(tk, i);
            if (p == null) {
                i++;
                continue;
            }
            int len = p.words.length;
            Kind k = p.kind;
            if (k == Kind.NEUTRAL) {
                i += len;
                continue;
            }
            if (k == Kind.NEGATOR) {
                negatorAt = i + len - 1;
                i += len;
                continue;
            }
            boolean negated = i - negatorAt <= NEGATION_WINDOW;
            if (negated && (k == Kind.YES || k == Kind.NO)) {
                negatorAt = -10; // a "not" belongs to one phrase: "not too early, that's fine" ends in a yes
            }
            if (k == Kind.YES && negated) {
                k = Kind.NO; // "that's not right", "doesn't work"
            } else if (p.negOnly || !expected && p.weak && tk.n > OPEN_SHORT) {
                i += len;
                continue;
            }
            if (k == Kind.YES && tk.is(i + len, "not")) {
                k = Kind.NO; // "sure not"
                len++;
            }
            if (!expected && decision == null && i >= OPEN_WINDOW) {
                break;
            }
            boolean cancelAfterYes = decision == Kind.YES && k == Kind.NO && tk.t[i].equals("cancel");
            boolean mayOverride = decision == null
                    || i - decisionEnd <= CLOSE_OVERRIDE && !cancelAfterYes // "yes, please cancel it" agrees
                    || i - lastCorrection <= 2
                    || decision == Kind.YES && k == Kind.NO && lastBut > decisionEnd - 1 && i - lastBut <= BUT_WINDOW
                            && (negated || saysWrong(p)); // "yes, but the time is wrong" ("yes but no rush" agrees)
            if (mayOverride) {
                decision = k;
                decisionEnd = i + len;
            }
            i += len;
        }
        if (decision == null && correctsWhatWasSaid(tk)) {
            return Confirmation.NO; // "I said afternoon, not morning": what was read back is not what was said
        }
        if (decision == Kind.YES) {
            return Confirmation.YES;
        }
        if (decision == Kind.NO) {
            return Confirmation.NO;
        }
        return null;
    }

    /** "I said afternoon, not morning", "I told you Tuesday, not Thursday". */
    private static boolean correctsWhatWasSaid(Tokens tk) {
        for (int i = 0; i + 2 < tk.n; i++) {
            if (tk.is(i, "i") && (tk.is(i + 1, "said") || tk.is(i + 1, "told") || tk.is(i + 1, "asked"))) {
                for (int j = i + 2; j < tk.n; j++) {
                    if (tk.is(j, "not")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A no that says something is wrong ("wrong", "incorrect", "not my number"), not a no to something else. */
    private static boolean saysWrong(Phrase p) {
        for (String w : p.words) {
            if (w.equals("wrong") || w.equals("incorrect") || w.equals("not") || w.equals("misspelled")) {
                return true;
            }
        }
        return false;
    }

    private static Phrase match(Tokens tk, int i) {
        Phrase[] candidates = PHRASES.get(tk.t[i]);
        if (candidates == null) {
            return null;
        }
        outer:
        for (Phrase p : candidates) {
            if (i + p.words.length > tk.n) {
                continue;
            }
            for (int k = 1; k < p.words.length; k++) {
                if (!tk.t[i + k].equals(p.words[k])) {
                    continue outer;
                }
            }
            return p;
        }
        return null;
    }
}
