package app.bella.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Extracts a person's name from an utterance and title-cases it.
 *
 * <p>Handles introductions ("my name is", "this is", "I'm", "call me", "je m'appelle", ...), greetings
 * and fillers, titles (Dr., Mrs., ...), trailing non-name words ("John Smith appointment"), "X here /
 * speaking / calling", spelled letters ("J O N" -&gt; "Jon", "Jon, J O N"), particles ("Ludwig van
 * Beethoven"), hyphens, apostrophes and accents. Anything with digits, Twilio placeholders ("unclear
 * speech") and ordinary words are rejected. Stateless and thread-safe.
 */
public final class NameParser {

    private static final int MAX_PARTS = 5;

    /** Leading words skipped before a name. */
    private static final Set<String> LEADS = Words.setOf(
            "hi", "hello", "hey", "hiya", "yeah", "yes", "yep", "yup", "ya", "yea", "ok", "okay", "so", "well",
            "oh", "sure", "sorry", "good", "morning", "afternoon", "evening", "bonjour", "allo", "alo", "salut",
            "oui", "right", "alright", "there", "um", "ah", "thanks", "thank", "you", "greetings", "anyway",
            "it's", "its", "this", "that's", "is", "am", "and", "uh", "howdy", "hullo", "hallo", "me", "my", "name",
            "name's", "the", "full", "first", "i'm", "im", "i", "call",
            // regional greetings: "Howya, Padraig Murphy here", "G'day, Bronwyn Kelly", "top of the morning, …"
            "howya", "howaya", "g'day", "gday", "aye", "cheers", "but",
            // Filipino politeness after a greeting ("good morning po, Maricel dela Cruz po")
            "po", "opo");

    /** Multi-word introductions; a name follows. Longest first. */
    private static final String[][] INTROS = {
            {"you", "can", "call", "me"}, {"my", "full", "name", "is"}, {"my", "first", "name", "is"},
            {"my", "last", "name", "is"}, {"my", "name", "is"}, {"the", "name", "is"}, {"the", "name's"},
            {"my", "name's"}, {"name", "is"}, {"name's"}, {"they", "call", "me"}, {"call", "me"},
            {"this", "is"}, {"it's"}, {"it", "is"}, {"its"}, {"i'm"}, {"i", "am"}, {"im"},
            {"je", "m'appelle"}, {"mon", "nom", "est"}, {"moi", "c'est"}, {"c'est"}, {"je", "suis"},
            {"here", "is"}, {"speaking", "to"}, {"you're", "speaking", "with"}, {"you", "are", "speaking", "with"},
            {"speaking", "with"}, {"you've", "got"}, {"you", "have", "got"}, {"you", "got"},
            {"this", "side"}, {"my", "names", "are"}, {"my", "names"}, // Indian, West African English
            {"name", "would", "be"}, {"name", "will", "be"},
            {"name", "should", "be"}, {"name", "is", "gonna", "be"}, {"put", "it", "under"}, {"put", "me", "down", "as"},
            {"put", "me", "down", "under"}, {"under", "the", "name", "of"}, {"under", "the", "name"},
            {"booked", "under"}, {"put", "it", "down", "for"}, {"put", "me", "down", "for"}, {"book", "it", "for"},
            {"put", "it", "in", "for"}, {"on", "behalf", "of"}, {"under"}, {"for"}, {"myself"}, {"here", "speaking"},
            {"you", "have", "me", "as"}, {"you", "have", "me", "down", "as"}, {"you", "have", "me", "under"},
            {"top", "of", "the", "morning"}, {"the", "patient", "is"}, {"the", "patient's", "name", "is"},
            {"our", "patient"}, {"the", "owner", "is"}, {"the", "human", "is"}, {"mine's"}, {"mine", "is"}};

    /** Family members a caller books for ("for my son Tim"). */
    private static final Set<String> RELATIONS = Words.setOf("son", "daughter", "wife", "husband", "partner", "mother", "mom",
            "mum", "father", "dad", "child", "kid", "boy", "girl", "grandmother", "grandma", "grandfather", "grandpa",
            "brother", "sister", "aunt", "uncle", "niece", "nephew", "baby", "fiance", "fiancee", "friend");

    /** Words that may precede "here"/"speaking"/"calling" after a name ("John Smith here"). */
    private static final Set<String> SELF_SUFFIX = Words.setOf("here", "speaking", "calling", "ici");

    private static final Set<String> TITLES = Words.setOf(
            "dr", "doctor", "mr", "mister", "mrs", "missus", "ms", "miss", "mx", "prof", "professor", "sir",
            "madam", "madame", "mme", "mlle", "monsieur", "mademoiselle", "m", "rev", "reverend", "father", "sister",
            "señora", "senora", "señor", "senor", "señorita", "senorita", "sra", "sr", "frau", "herr", "signora", "signor");

    private static final Set<String> PARTICLES = Words.setOf(
            "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "dos", "das", "do",
            "ten", "ter", "bin", "ibn", "al", "el", "st", "des", "y", "zu", "af");

    /** Words that are never part of a name. */
    /** Words that make a following "eve" a day, not a name. */
    private static final Set<String> HOLIDAY_BEFORE_EVE = Set.of("christmas", "xmas", "year's", "years", "year", "hallows");

    private static final Set<String> STOP = Words.setOf(
            // pronouns, articles, prepositions, conjunctions
            "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves", "we", "us", "our",
            "they", "them", "their", "whatever", "whoever",
            "he", "him", "his", "she", "her", "it", "it's", "its", "this", "that", "that's", "these", "those",
            "a", "an", "the", "and", "or", "but", "if", "so", "because", "as", "at", "by", "for", "from", "in",
            "into", "of", "off", "on", "onto", "out", "over", "to", "up", "with", "without", "about", "after",
            "before", "between", "during", "until", "than", "then", "there", "here", "where", "when", "what",
            "which", "who", "whom", "whose", "why", "how", "not", "no", "nor", "yes", "yeah", "yep", "yup", "nope",
            "nah", "ok", "okay", "kindly", "side",
            "some", "any", "all", "each", "every", "both", "either", "neither", "just", "only",
            "already", "past", "almost", "nearly", "thats", "live", "lives", "living", "officially", "formally",
            "legally", "technically", "usually", "normally", "properly", "originally",
            "also", "too", "very", "really", "again", "still", "even", "please", "thanks", "thank", "hello", "hi",
            "hey", "bye", "goodbye", "sorry", "well", "oh", "actually", "maybe", "perhaps", "wait", "one",
            "i'm", "im", "i'd", "i'll", "i've", "will", "you're", "we're", "they're", "he's", "she's", "there's", "what's",
            "who's", "let's", "let", "don't", "doesn't", "didn't", "can't", "cannot", "won't", "wouldn't",
            "couldn't", "shouldn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "ain't",
            "name", "name's", "named", "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did",
            "have", "has", "had", "can", "could", "would", "should", "shall", "must", "might", "gonna", "wanna",
            "gotta", "need", "needs", "want", "wants", "wanted", "like", "love", "get", "got", "make", "made",
            "take", "see", "saw", "seen", "come", "coming", "came", "go", "going", "went", "book", "booked",
            "booking", "schedule", "scheduled", "scheduling", "reschedule", "cancel", "cancelled", "canceled",
            "change", "move", "call", "calling", "called", "speaking", "speak", "talk", "talking", "looking",
            "look", "try", "trying", "wondering", "wonder", "hoping", "hope", "think", "thinking", "know",
            "knowing", "check", "checking", "ask", "asking", "phoning", "ringing", "waiting", "wait", "work",
            "works", "working", "say", "said", "tell", "told", "hear", "heard", "help", "find", "put", "set",
            "give", "keep", "mean", "meant", "guess", "confirm", "confirming", "remind", "sounds", "sound",
            // booking vocabulary
            "appointment", "appointments", "appt", "visit", "consultation", "checkup", "cleaning", "session",
            "time", "times", "date", "day", "days", "week", "weeks", "month", "months", "year", "hour", "hours",
            "minute", "minutes", "morning", "afternoon", "evening", "night", "tonight", "today", "tomorrow",
            "yesterday", "noon", "midnight", "midday", "am", "pm", "o'clock", "next", "last", "first", "second",
            "third", "earlier", "later", "soon", "now", "early", "late", "weekend", "slot", "opening", "available",
            "availability", "free", "busy", "number", "phone", "cell", "mobile", "email", "address", "doctor",
            "dentist", "clinic", "office", "reception", "receptionist", "someone", "somebody", "anyone",
            "anybody", "nobody", "everyone", "person", "patient", "new", "old", "regular", "same", "other",
            "another", "different", "urgent", "emergency", "important", "quick", "question", "problem", "issue",
            "message", "voicemail", "line", "back", "again", "sometime", "something", "nothing", "anything",
            "everything", "thing", "things", "way", "bit", "lot",
            // named days
            "thanksgiving", "christmas", "xmas", "easter", "halloween", "hallowe'en", "valentine's", "valentines",
            "boxing", "holiday", "holidays", "diwali", "hanukkah", "chanukah", "ramadan", "passover",
            "juneteenth", "kwanzaa", "new year's", "years",
            // weekdays and months (name-like months are handled separately)
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "july", "september", "october", "november", "december", "jan", "feb", "mar", "apr",
            "jul", "aug", "sep", "sept", "oct", "nov", "dec", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
            "samedi", "dimanche", "demain", "aujourd'hui",
            // numbers
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
            "thirty", "forty", "fifty", "hundred", "thousand", "zero", "double", "triple", "plus", "half", "quarter",
            // answers, adjectives, states
            "sure", "right", "correct", "wrong", "good", "great", "fine", "perfect", "excellent", "awesome", "cool",
            "nice", "bad", "best", "better", "ready", "done", "happy", "glad", "sick", "ill", "tired", "hurt",
            "pain", "okay", "alright", "absolutely", "definitely", "certainly", "exactly", "probably", "possibly",
            "uh-huh", "mm-hmm", "fantastic", "wonderful", "lovely", "interested", "new", "existing", "canadian",
            "calling", "back", "returning", "still", "able", "unable", "unsure", "confused", "lost", "fine",
            "flexible", "easy", "open", "away", "home", "pregnant", "nervous", "worried", "afraid", "hard", "deaf",
            "retired", "disabled", "diabetic",
            // regional words ("I'm grand", "aye", "I'm fixin to", "I reckon", "Darren Fitzgerald, mate")
            "grand", "fixin", "fixing", "reckon", "reckoned", "lad", "lass", "cheers",
            "y'all", "yall", "howya", "g'day", "gday", "arvo", "morn", "fortnight", "bloke", "folks",
            // who sent the caller ("Dr. Patel referred me")
            "referred", "recommended", "sent",
            // Filipino politeness ("Rowena Macapagal-Santos po")
            "po", "opo",
            // French answers after "c'est" ("oui, c'est parfait, merci")
            "parfait", "bon", "bien", "exact", "exactement", "super", "génial", "d'accord", "ça", "vrai",
            // sentence adverbs that open an answer ("Frankly I'd rather not say", "Honestly, it's Dana Scully")
            "frankly", "honestly", "basically", "seriously", "obviously", "literally", "personally", "hopefully",
            "unfortunately", "luckily", "apparently", "clearly", "anyway", "anyways",
            // Twilio placeholders and noise
            "unclear", "unintelligible", "inaudible", "garbled", "speech", "response", "noise", "silence",
            "background", "static", "music", "beep", "blank", "unknown", "null", "none", "undefined", "hang", "hold",
            "spelled", "spelt",
            // misc
            "can", "you", "hear", "hello", "dear", "darling", "sweetheart", "testing", "test", "robot", "machine", "human", "agent", "operator",
            "representative", "bella", "english", "french", "français", "oui", "non", "merci", "voudrais",
            "veux", "rendez-vous", "pour", "avec", "je", "j'ai", "suis", "est", "c'est", "mon", "ma", "nom",
            "from", "london", "toronto", "calgary", "edmonton", "vancouver", "montreal", "ottawa", "canada",
            "city", "town", "street", "avenue", "road",
            // prepositions and approximations ("under my wife's name", "around two-ish")
            "under", "around", "near", "behind", "below", "above", "through", "across", "along", "since", "via",
            "within", "towards", "toward", "ish", "roughly", "approximately", "sometime", "someday");

    /**
     * Ordinary words that are also common first names or surnames ("Jessica Best", "John Good", "Hope Price"):
     * a name part only inside a name — after another part and before the end of the name, or first when a
     * plain name word follows and a name was asked for or introduced.
     */
    private static final Set<String> WORD_NAMES = Words.setOf(
            "best", "good", "hope", "will", "mark", "bill", "joy", "faith", "love", "rich", "king", "long", "short",
            "young", "black", "white", "brown", "green", "gray", "grey", "little", "small", "strong", "sharp", "swift",
            "wise", "sweet", "noble", "frank", "grant", "chase", "hunter", "rose", "bird", "price", "page", "hill",
            "wood", "stone", "law", "cash", "major", "moody", "bell", "summer", "winter", "north", "west", "church",
            "hall", "park", "cook", "baker", "turner", "walker", "fisher", "mason", "english", "french", "art", "pat",
            "sue", "rob", "guy", "jack", "dawn", "don", "ray", "sky", "autumn", "woods", "banks", "fox", "wolf",
            "lamb", "crane", "swan", "hawk", "finch", "nash", "case", "rice", "bean", "storm", "snow", "frost",
            "knight", "bishop", "cross", "lane", "field", "hart", "ford", "bush", "miller", "carpenter", "potter", "jan");

    /** Words that end a name ("Jessica Best and my number is ..."). */
    private static final Set<String> NAME_END = Words.setOf("and", "here", "speaking", "calling", "please", "my", "i",
            "i'm", "i'd", "from", "at", "phone", "number", "thanks", "thank", "is", "with", "for", "on", "calling",
            "it's", "that's", "but", "so", "plus");

    /** East-Asian and Vietnamese family names: given-name parts that look like ordinary words may follow. */
    private static final Set<String> ASIAN_SURNAMES = Words.setOf(
            "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
            "duong", "ly", "truong", "dinh", "lam", "mai", "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon",
            "jang", "lim", "han", "shin", "kwon", "hwang", "ahn", "song", "yoo", "hong", "wang", "li", "zhang", "liu",
            "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo",
            "gao", "zheng", "liang", "xie", "tang", "deng", "feng", "cheng", "cao", "wong", "chan", "chow", "leung",
            "cheung", "lau", "ng", "tse", "yip", "fung", "kwok", "tsang", "lai");

    /** Short given-name parts of such names that are also English words or abbreviations ("Nguyen Van An"). */
    private static final Set<String> ASIAN_GIVEN = Words.setOf("an", "do", "my", "jun", "ha", "he", "so", "in",
            "son", "mai", "lan", "thi", "van", "no", "min", "hu", "ma", "yo", "bo", "ho", "oh", "sun", "young");

    /** Month names that are also common first names: allowed after an introduction. */
    private static final Set<String> NAME_MONTHS = Words.setOf("april", "may", "june", "august", "jun");

    /** "Mac" names that are not Mac+Capital. */
    private static final Set<String> MAC_EXCEPTIONS = Words.setOf(
            "macias", "macon", "machado", "macedo", "macario", "macaulay", "macey", "macklin", "mackey", "mackie",
            "mackenzie", "mackintosh", "macina", "maceo");

    /** Parses an answer to "what is your name?": a bare "Robert Brown" or "mary" is accepted. */
    public String parse(String text) {
        return parse(text, null, true);
    }

    /**
     * Parses an open utterance: only an introduced name ("I'm John Smith", "John Smith here") or an
     * utterance that is nothing but a plausible name counts.
     */
    public String parseOpen(String text) {
        return parse(text, null, false);
    }

    /**
     * A word the caller ends with, after a pause, to address Bella or thank her: "…, mate", "…, ta", "…, love" (without
     * the pause it may be a surname: "Courtney Love", "Minh Ta").
     */
    private static final java.util.regex.Pattern VOCATIVE_END = java.util.regex.Pattern.compile(
            ",\\s*(?:mate|ta|cheers|love|luv|pal|buddy|hun)\\W*$",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /** ", Liz is fine", ", but call me Gosia", ", Weng for short", ", I go by Sam": the name someone is known by. */
    private static final java.util.regex.Pattern NICKNAME = java.util.regex.Pattern.compile(
            "[,;.]\\s*(?:(?:but|and|or)\\s+)?(?:(?:you can|please|just|everyone|people|my friends|most people|they)\\s+)*"
                    + "(?:calls?\\s+me\\s+\\p{L}+|\\p{L}+\\s+(?:for short|to my friends|to friends|is fine|is ok|is okay|works too)\\b"
                    + "|(?:i\\s+)?go(?:es)?\\s+by\\s+\\p{L}+).*$",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /**
     * Parses {@code text} ({@code tokens}: its tokens when already made, else null). A full name said before the name
     * the caller is known by is the booking's ("William O'Brien, Liam to my friends"); a word broken off and said again
     * counts once; otherwise the utterance is read as it is.
     */
    public String parse(String text, Tokens tokens, boolean expected) {
        if (text == null) {
            return null;
        }
        String addressed = VOCATIVE_END.matcher(text).replaceFirst("");
        if (!addressed.equals(text)) {
            text = addressed; // "Darren Fitzgerald, mate", "John Smith, ta": said to Bella, no part of the name
            tokens = null;
        }
        java.util.regex.Matcher m = NICKNAME.matcher(text);
        if (m.find() && m.start() > 0) {
            String full = parse(Words.tokenize(repeatsDropped(text.substring(0, m.start()))), expected);
            if (full != null && full.indexOf(' ') > 0) {
                return full;
            }
            int lastBreak = text.lastIndexOf(',');
            String known = full != null && lastBreak > m.start() ? parse(text.substring(lastBreak + 1), null, expected) : null;
            if (known != null && known.indexOf(' ') > 0) {
                // "Katarzyna, but Kasia is fine, Kasia Lewandowska": the full first name with the surname said last
                return full + known.substring(known.lastIndexOf(' '));
            }
        }
        java.util.regex.Matcher fine = NAME_IS_FINE.matcher(text);
        if (expected && fine.matches()) {
            String alone = parse(Words.tokenize(fine.group(1)), true);
            if (alone != null) {
                return alone; // asked for a name: "Just Amira is fine."
            }
        }
        String restarted = repeatsDropped(text);
        Tokens tk = tokens != null && restarted.equals(text) ? tokens : Words.tokenize(restarted);
        String forBoss = bookedForEmployer(tk);
        if (forBoss != null) {
            return forBoss;
        }
        String name = parse(tk, expected);
        if (name == null || name.indexOf(' ') < 0) {
            String full = fullNameInAClause(restarted, name);
            if (full != null) {
                return full; // "it's for my son Liam, he's 7, my name's Priya Raman": who calls, by their full name
            }
        }
        return name != null || !expected ? name : sentenceAlone(text);
    }

    /** A name alone said to be enough: "just Amira is fine", "Amira's fine". */
    private static final java.util.regex.Pattern NAME_IS_FINE = java.util.regex.Pattern.compile(
            "\\s*(?:just\\s+)?(\\p{L}[\\p{L}'-]*)(?:\\s+is|'s)\\s+(?:fine|ok|okay|good|great|enough)\\W*",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    private static final java.util.regex.Pattern CLAUSE_END = java.util.regex.Pattern.compile("\\s*[,;.!?]+\\s*");

    /**
     * A full name said in a clause of its own, or introduced in one ("Nadia Petrova, calling for my son Sasha",
     * "his name's Liam and I'm his dad, Omar Farouk", "this is Janet from the office, the patient is Tom Becker"),
     * other than {@code besides}: the first; null when none.
     */
    private String fullNameInAClause(String text, String besides) {
        String[] clauses = CLAUSE_END.split(text.strip());
        if (clauses.length < 2) {
            return null;
        }
        for (String clause : clauses) {
            Tokens tk = Words.tokenize(clause);
            String name = parse(tk, false);
            if (name != null && name.indexOf(' ') > 0 && !name.equalsIgnoreCase(besides)
                    && (introduced(tk) || writtenAsAName(clause, name))) {
                return name;
            }
        }
        return null;
    }

    private static boolean introduced(Tokens tk) {
        for (int i = 0; i < tk.n; i++) {
            if (introAt(tk, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every part of {@code name} is capitalised in {@code said}, as the recogniser writes a name. */
    private static boolean writtenAsAName(String said, String name) {
        for (String part : name.split(" ")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<!\\p{L})" + java.util.regex.Pattern.quote(part)
                    + "(?!\\p{L})", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                    .matcher(said);
            if (!m.find() || !Character.isUpperCase(said.charAt(m.start()))) {
                return false;
            }
        }
        return true;
    }

    /** What a caller is to the one the appointment is for, said before their own name ("I'm the owner, Dana"). */
    private static final Set<String> ROLES = Words.setOf("owner", "parent", "guardian", "mom", "mum", "dad", "mother",
            "father", "caregiver", "carer", "grandmother", "grandfather", "grandma", "grandpa", "husband", "wife",
            "partner", "son", "daughter", "aunt", "uncle");
    private static final Set<String> ROLE_OWNERS = Words.setOf("the", "his", "her", "their");

    /** Who a caller works for, as they say it: "Priyanka Desai's assistant". */
    private static final Set<String> WORKS_FOR = Words.setOf("assistant", "secretary", "ea", "pa", "office",
            "receptionist", "caregiver", "carer", "aide", "nurse", "nanny", "driver");

    /**
     * "I'm Tyler, Priyanka Desai's assistant, and the appointment is for her": the full name of whom the caller works
     * for, when the appointment is said to be for them; null otherwise.
     */
    private String bookedForEmployer(Tokens tk) {
        for (int k = 1; k + 1 < tk.n; k++) {
            if (!tk.t[k].endsWith("'s") || !WORKS_FOR.contains(tk.t[k + 1])) {
                continue;
            }
            boolean forThem = false;
            for (int j = k + 2; j + 1 < tk.n && !forThem; j++) {
                forThem = tk.is(j, "for") && (tk.is(j + 1, "her") || tk.is(j + 1, "him") || tk.is(j + 1, "them"))
                        || (tk.is(j, "her") || tk.is(j, "his")) && tk.is(j + 1, "appointment");
            }
            if (!forThem) {
                return null;
            }
            String last = tk.orig[k].substring(0, tk.orig[k].length() - 2);
            String name = parse(Words.tokenize(tk.orig[k - 1] + " " + last), false);
            return name != null && name.indexOf(' ') > 0 ? name : null;
        }
        return null;
    }

    /** Animals a caller books for, by kind or breed: "Biscuit, my cat", "Rosie, she's a beagle". */
    private static final Set<String> PETS = Words.setOf("dog", "dogs", "cat", "cats", "puppy", "pup", "kitten", "kitty",
            "pet", "beagle", "retriever", "lab", "labrador", "poodle", "terrier", "spaniel", "collie", "husky", "bulldog",
            "dachshund", "chihuahua", "pug", "boxer", "rottweiler", "doberman", "schnauzer", "corgi", "doodle",
            "goldendoodle", "labradoodle", "shepherd", "mutt", "bunny", "rabbit", "hamster", "parrot", "budgie", "bird",
            "horse", "pony", "ferret", "gerbil", "guinea", "lizard", "snake", "turtle", "tortoise", "gecko", "iguana",
            "tabby", "cockatiel", "greyhound", "pit", "pitbull", "shih", "maltese", "yorkie", "dalmatian");

    /**
     * Whether the one-word name at [from, end) is an animal's: a kind or breed within three words after it ("Biscuit,
     * my cat", "Oscar, he's a golden retriever") or just before it ("the dog's name is Bear", "my cat Mittens").
     */
    private static boolean petNamed(Tokens tk, int from, int end) {
        if (end - from != 1) {
            return false;
        }
        for (int k = end; k < Math.min(tk.n, end + 4); k++) {
            if (PETS.contains(bareOf(tk.t[k]))) {
                return true;
            }
            if (k == end && !PET_LEAD.contains(tk.t[k])) {
                break;
            }
        }
        for (int k = from - 1; k >= Math.max(0, from - 4); k--) {
            if (PETS.contains(bareOf(tk.t[k]))) {
                return true;
            }
        }
        return false;
    }

    /** Words after a name that may go on to say what kind of animal it is ("Max, he's a beagle", "Max the dog"). */
    private static final Set<String> PET_LEAD = Words.setOf("my", "our", "the", "a", "an", "he's", "she's", "it's",
            "is", "who's", "that's", "his", "her");

    /** "… is my family doctor", "… is our dentist": the name before says who someone else is, not who calls. */
    private static boolean describedAsAnother(Tokens tk, int end) {
        return tk.is(end, "is") && (tk.is(end + 1, "my") || tk.is(end + 1, "our") || tk.is(end + 1, "the"))
                && !tk.is(end + 2, "name") && !tk.is(end + 3, "name") && !tk.is(end + 2, "first")
                && !tk.is(end + 2, "last") && !tk.is(end + 2, "full");
    }

    private static String bareOf(String w) {
        return w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
    }

    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("[.!?]+\\s+");

    /**
     * Asked for a name: a sentence that is nothing but a full name ("Okay, let's start with me then. Daniel Kim.",
     * "I've been trying to get through all morning. Gary Petersen. Friday at 2."), the last such; null when none.
     */
    private String sentenceAlone(String text) {
        String[] sentences = SENTENCE_END.split(text.strip());
        for (int k = sentences.length - 1; k >= 0 && sentences.length > 1; k--) {
            String name = parse(Words.tokenize(sentences[k]), false);
            if (name != null && name.indexOf(' ') > 0) {
                return name;
            }
        }
        return null;
    }

    /** A word broken off and said again in full before more of the name: "Chris... Christopher Lee", "Jo - Joanna Wu". */
    private static final java.util.regex.Pattern RESTART = java.util.regex.Pattern.compile(
            "\\b(\\p{L}{2,})\\s*(?:\\.{2,}|\u2026|--?|\u2014|,)\\s*(\\1\\p{L}+)(?=\\s+\\p{L})",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /**
     * What the caller says again about the name, dropped: a word broken off and said again in full, and a part named
     * after the name ("Mary Ellen Carter, Mary Ellen is my first name").
     */
    static String repeatsDropped(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher confirmed = PART_CONFIRMED.matcher(text);
        if (confirmed.find() && text.substring(0, confirmed.start()).toLowerCase(Locale.ROOT)
                .contains(confirmed.group(1).toLowerCase(Locale.ROOT))) {
            text = text.substring(0, confirmed.start()); // the part is in the name already said
        }
        java.util.regex.Matcher likeWords = LIKE_THE_WORDS.matcher(text);
        if (likeWords.find() && saidBefore(text.substring(0, likeWords.start()), likeWords.group(1))) {
            text = text.substring(0, likeWords.start()); // "Will Cook, like will and cook": how it is written
        }
        text = FIRST_SAID_AFTER.matcher(text).replaceAll("$1");
        return RESTART.matcher(SAID_TWICE.matcher(text).replaceAll("$1")).replaceAll("$2");
    }

    /** The first name said once more after the full name: "Walter Brzezinski, Walter" — no surname-first order. */
    private static final java.util.regex.Pattern FIRST_SAID_AFTER = java.util.regex.Pattern.compile(
            "\\b((\\p{L}{2,})\\s+\\p{L}[\\p{L}'-]*)\\s*,\\s*\\2\\W*$",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /** A name part said, then again to begin the full name: "it's Hope, Hope Baker". */
    private static final java.util.regex.Pattern SAID_TWICE = java.util.regex.Pattern.compile(
            "\\b(\\p{L}{2,}),\\s+\\1\\b(?=\\s+\\p{L})",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /** ", like will and cook", ", as in the word hope": the name's parts as ordinary words, at the end. */
    private static final java.util.regex.Pattern LIKE_THE_WORDS = java.util.regex.Pattern.compile(
            "[,;.]\\s*(?:like|as in)\\s+(?:the\\s+words?\\s+)?(\\p{L}+(?:\\s+(?:and\\s+)?\\p{L}+)?)\\W*$",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /** Whether every word of {@code words} (but "and") was said in {@code before}. */
    private static boolean saidBefore(String before, String words) {
        String said = " " + before.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}']+", " ") + " ";
        for (String w : words.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!w.equals("and") && !said.contains(" " + w + " ")) {
                return false;
            }
        }
        return true;
    }

    /**
     * ", Mary Ellen is my first name", ", Gurpreet is first name", ", Mary Ellen is two words", ", Andreea with two E":
     * which part of the name said before is which, or how it is written.
     */
    private static final java.util.regex.Pattern PART_CONFIRMED = java.util.regex.Pattern.compile(
            "[,.;]\\s*(\\p{L}+(?:[ -]\\p{L}+)?)\\s+(?:is\\s+(?:(?:(?:my|the)\\s+)?(?:first|given|last|family|middle)\\s+name"
                    + "|(?:one|two|three)\\s+words?|(?:one|a)\\s+word|hyphenated|with\\s+a\\s+hyphen)"
                    + "|(?:with|has)\\s+(?:two|double|one|a|an)\\s+\\p{L}(?:'?s)?)\\b.*$",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    String parse(Tokens tk, boolean expected) {
        if (tk.n == 0) {
            return null;
        }
        tk = spellingsOpened(tk);
        String corrected = correctedInUtterance(tk, expected);
        if (corrected != null) {
            return corrected;
        }
        String forSomeone = forRelation(tk);
        if (forSomeone != null) {
            return forSomeone;
        }
        String firstAndLast = firstAndLastName(tk);
        if (firstAndLast != null) {
            return firstAndLast;
        }
        // 1. introductions anywhere: "... my name is X", "I'm X", "this is X"
        for (int i = 0; i < tk.n; i++) {
            int len = introAt(tk, i);
            if (len > 0) {
                int from = skipHedge(tk, i + len);
                from = afterRelation(tk, from);
                if (ROLE_OWNERS.contains(tk.at(from)) && ROLES.contains(tk.at(from + 1))) {
                    from += 2; // "I'm the owner, Dana", "I'm his dad, Omar Farouk"
                }
                Collected c = collect(tk, from, true, true);
                if (c != null && ownerOfWhatFollows(tk, c.end)) {
                    continue; // "this is Mark Thompson's phone, but I'm Linda": the phone's owner is not the caller
                }
                if (c != null && petNamed(tk, from, c.end)) {
                    continue; // "it's for Biscuit, my cat, I'm Dana Whitfield": an animal, not the one who books
                }
                if (c != null && c.name.indexOf(' ') > 0 && tk.at(c.end).endsWith("'s")
                        && (WORKS_FOR.contains(tk.at(c.end + 1)) || RELATIONS.contains(tk.at(c.end + 1)))) {
                    // "I'm Marco, Helena Brandt's assistant": the last part begins the other person's name
                    c = new Collected(c.name.substring(0, c.name.lastIndexOf(' ')), c.end - 1);
                }
                if (c != null && !dosed(tk, c.end)) {
                    return fullerLater(tk, c).name;
                }
                if (c == null && tk.at(from).endsWith("ing")) {
                    String after = capitalisedNameAfter(tk, from + 1); // "sorry, I'm driving, quick one, Derek Chan"
                    if (after != null) {
                        return after;
                    }
                }
            }
        }
        // 2. "X here" / "X speaking" / "X calling"
        int start = skipLeads(tk, 0);
        // "it's the guy from last week", "a friend of mine": a word after an article describes, it does not name
        // "my tooth hurts": a word after "my" is something the caller has, not their name
        boolean described = start > 0 && (ARTICLES.contains(tk.t[start - 1]) || tk.t[start - 1].equals("my"));
        Collected c = described ? null : collect(tk, start, false, expected);
        if (c != null && (petNamed(tk, start, c.end) || describedAsAnother(tk, c.end))) {
            c = null; // "Rosie, she's a beagle", "Doctor Singh is my family doctor"
        }
        if (c != null && !dosed(tk, c.end)) {
            String lead = c.name;
            int end = c.end;
            if (end < tk.n && SELF_SUFFIX.contains(tk.t[end])) {
                return fullerLater(tk, c).name; // "Kevin here, Kevin O'Neil"
            }
            if (end < tk.n && Words.isDigits(tk.t[end]) && tk.t[end].length() < 3) {
                return null; // "unclear response 7", "John 2"
            }
            if (expected) {
                return fullerLater(tk, c).name; // "John Smith appointment", "Robert Brown"
            }
            // open utterance: nothing but a name, optionally followed by digits ("John Smith 416 555 1234")
            if (end == tk.n || isNumberLike(tk.t[end]) || tk.t[end].equals("plus")
                    || tk.t[end].equals("please") || tk.t[end].equals("thanks")) {
                return lead;
            }
        }
        return expected ? restatedName(tk) : null;
    }

    /**
     * "Dave Smith, sorry, Smyth", "my name is Mike, sorry, Michael Brown", "it's Jennifer, no sorry, Jenna Li": a name
     * taken back and said again — the name after the last correction word, a single word replacing the part it
     * resembles. Null when no name is said both before and after it (then the utterance is read as a whole).
     */
    private String correctedInUtterance(Tokens tk, boolean expected) {
        for (int m = tk.n - 2; m > 0; m--) {
            if (!Words.isCorrectionMarker(tk.t[m]) && !tk.t[m].equals("well")) {
                continue; // "it's Kathy, well Katherine, Katherine Moss": "well" takes back a name between two
            }
            int from = m;
            if (tk.is(m - 1, "no") || tk.is(m - 1, "i") && (tk.is(m, "mean") || tk.is(m, "meant"))) {
                from--; // "no sorry", "I mean"
            }
            String said = parse(tk.slice(m + 1, tk.n), false);
            if (said == null && expected && !tk.t[m].equals("well")) {
                said = parse(tk.slice(m + 1, tk.n), true); // "no sorry, Shaun with a U, Shaun Kerr"
            }
            if (said == null) {
                return null;
            }
            String before = from > 0 ? parse(tk.slice(0, from), expected) : null;
            return before == null ? null : corrected(before, said);
        }
        return null;
    }

    /**
     * Spellings as said: "K-O-W-A-L-S-K-I" becomes single letters, and the words after "as in" ("B as in boy, R, O")
     * go, so a spelling reads as a run of letters. The same tokens when there is none.
     */
    private static Tokens spellingsOpened(Tokens tk) {
        boolean any = false;
        for (int i = 0; i < tk.n && !any; i++) {
            any = HYPHEN_LETTERS.matcher(tk.t[i]).matches()
                    || tk.t[i].length() == 1 && tk.is(i + 1, "as") && tk.is(i + 2, "in") && i + 3 < tk.n
                    || markBetweenLetters(tk, i);
        }
        if (!any) {
            return tk;
        }
        List<String> t = new ArrayList<>(tk.n + 8);
        List<String> o = new ArrayList<>(tk.n + 8);
        for (int i = 0; i < tk.n; i++) {
            if (HYPHEN_LETTERS.matcher(tk.t[i]).matches()) {
                for (String letter : tk.t[i].split("-")) {
                    t.add(letter);
                    o.add(letter);
                }
                continue;
            }
            if (markBetweenLetters(tk, i)) {
                continue; // "D apostrophe A M O U R S": the letters are the spelling
            }
            t.add(tk.t[i]);
            o.add(tk.orig[i]);
            if (tk.t[i].length() == 1 && tk.is(i + 1, "as") && tk.is(i + 2, "in") && i + 3 < tk.n) {
                i += 3; // "B as in boy"
            }
        }
        return new Tokens(t.toArray(String[]::new), o.toArray(String[]::new));
    }

    /** "apostrophe", "hyphen" or "dash" said between two spelled letters. */
    private static boolean markBetweenLetters(Tokens tk, int i) {
        return (tk.is(i, "apostrophe") || tk.is(i, "hyphen") || tk.is(i, "dash")) && tk.at(i - 1).length() == 1
                && tk.at(i + 1).length() == 1 && Character.isLetter(tk.at(i - 1).charAt(0))
                && Character.isLetter(tk.at(i + 1).charAt(0));
    }

    private static final java.util.regex.Pattern HYPHEN_LETTERS = java.util.regex.Pattern.compile("\\p{L}(-\\p{L}){2,}");

    /** Past "how (do) you say (it)", "let me see / think" after an introduction ("my name is, how you say, Nguyen"). */
    private static int skipHedge(Tokens tk, int i) {
        if (tk.is(i, "how") && (tk.is(i + 1, "you") || tk.is(i + 1, "do") && tk.is(i + 2, "you"))) {
            int j = tk.is(i + 1, "do") ? i + 3 : i + 2;
            if (tk.is(j, "say")) {
                return tk.is(j + 1, "it") ? j + 2 : j + 1;
            }
        }
        if (tk.is(i, "let") && tk.is(i + 1, "me") && (tk.is(i + 2, "see") || tk.is(i + 2, "think"))) {
            return i + 3;
        }
        if (tk.is(i, "just") || tk.is(i, "simply")) {
            return i + 1; // "it's just Priya"
        }
        if (tk.is(i, "the") && TITLES.contains(tk.at(i + 1))) {
            return i + 1; // "I am the señora Guadalupe Torres"
        }
        if (tk.is(i, "spelled") || tk.is(i, "spelt")) {
            return tk.is(i + 1, "like") ? i + 2 : i + 1; // "my first name is spelled K-A-T-H-R-Y-N"
        }
        return i;
    }

    /**
     * "this is Grace Li, I'd like a checkup for my daughter, Emma Li": the appointment is for the one named after "for
     * my daughter", so that name is the booking's; null when no relation is named that way.
     */
    private static String forRelation(Tokens tk) {
        for (int i = 0; i + 2 < tk.n; i++) {
            boolean patient = tk.is(i, "for") || tk.is(i, "of") && tk.is(i - 1, "behalf") || tk.is(i, "it's")
                    || tk.is(i, "is") && (tk.is(i - 1, "patient") || tk.is(i - 1, "appointment"));
            if (patient && (tk.is(i + 1, "my") || tk.is(i + 1, "our"))) {
                int from = afterRelation(tk, i + 1);
                if (from == i + 1) {
                    continue;
                }
                Collected c = collect(tk, from, true, true);
                if (c != null) {
                    return c.name;
                }
                if (tk.is(from, "who")) { // "it's my dad who needs to come in, Raymond Leclerc"
                    String named = capitalisedNameAfter(tk, from + 1);
                    if (named != null) {
                        return named;
                    }
                }
            }
        }
        return null;
    }

    /** What a caller may be using of someone else's: "Mark Thompson's phone", "my husband's cell". */
    private static final Set<String> BELONGINGS = Words.setOf("phone", "number", "cell", "mobile", "line", "landline",
            "account", "house", "place", "car");

    /** Whether the name ending before {@code end} goes on with a possessive of a belonging ("Thompson's phone"). */
    private static boolean ownerOfWhatFollows(Tokens tk, int end) {
        return tk.at(end).endsWith("'s") && BELONGINGS.contains(tk.at(end + 1));
    }

    /** "name", and "name's" as said or as the recogniser writes it without its apostrophe ("his names Ethan"). */
    private static final Set<String> NAME_IS = Words.setOf("name", "name's", "names");

    /** Articles: the word after one is a description ("the guy", "a friend"), not a name. */
    private static final Set<String> ARTICLES = Words.setOf("the", "a", "an");

    /**
     * Where the name starts after "my son", "my wife's name is", "our daughter, her name's": past the relation
     * and the words naming it; {@code from} itself when no relation is said there.
     */
    private static int afterRelation(Tokens tk, int from) {
        if (!(tk.is(from, "my") || tk.is(from, "our") || tk.is(from, "his") || tk.is(from, "her"))) {
            return from;
        }
        String rel = tk.at(from + 1);
        boolean possessive = rel.endsWith("'s");
        if (!RELATIONS.contains(possessive ? rel.substring(0, rel.length() - 2) : rel)) {
            return from;
        }
        int j = from + 2;
        if ((possessive || tk.is(j, "his") || tk.is(j, "her") || tk.is(j, "their")) && !NAME_IS.contains(tk.at(j))
                && NAME_IS.contains(tk.at(j + 1))) {
            j++; // "my son, his name is"
        }
        if (NAME_IS.contains(tk.at(j))) {
            j++;
            if (tk.is(j, "is") || tk.is(j, "was")) {
                j++;
            }
        } else if (possessive) {
            return from; // "my wife's appointment"
        }
        return j;
    }

    /**
     * A name followed by "here"/"speaking" and then said in full ("Kevin here, Kevin O'Neil"): the fuller
     * one, when it holds the first; else {@code c}.
     */
    private static Collected fullerLater(Tokens tk, Collected c) {
        int at = c.end;
        String said = c.name.toLowerCase(Locale.ROOT);
        String firstWord = said.split(" ")[0];
        for (int k = at + 1; k < tk.n; k++) {
            // "it's Kevin — hang on babe, I'm on the phone — Kevin Brooks": the name said again in full
            Collected again = tk.t[k].equals(firstWord) ? collect(tk, k, true, true) : null;
            if (again != null && again.name.toLowerCase(Locale.ROOT).startsWith(said + " ")) {
                return again;
            }
        }
        if (!(at < tk.n && SELF_SUFFIX.contains(tk.t[at]))) {
            return c;
        }
        Collected later = collect(tk, at + 1, true, true);
        if (later == null) {
            return c;
        }
        String a = c.name.toLowerCase(Locale.ROOT);
        String b = later.name.toLowerCase(Locale.ROOT);
        return b.length() > a.length() && (b.startsWith(a + " ") || b.endsWith(" " + a)) ? later : c;
    }

    /**
     * The first name of at least two parts from {@code from} on whose parts are written capitalised (as recognisers
     * write names), not after a word that places it ("to Red Deer", "in Red Deer"); null when there is none.
     */
    private static String capitalisedNameAfter(Tokens tk, int from) {
        for (int k = from; k + 1 < tk.n; k++) {
            if (Character.isUpperCase(tk.orig[k].charAt(0)) && Character.isUpperCase(tk.orig[k + 1].charAt(0))
                    && (!PLACING.contains(tk.at(k - 1)) || tk.is(k - 2, "come"))) { // "come in, Raymond Leclerc"
                Collected c = collect(tk, k, true, true);
                if (c != null && c.name.indexOf(' ') > 0 && !dosed(tk, c.end)) {
                    return c.name;
                }
            }
        }
        return null;
    }

    private static final Set<String> PLACING = Words.setOf("to", "in", "at", "from", "near", "on", "into", "through",
            "past", "by", "toward", "towards");

    /**
     * When a name was asked and nothing introduced one: a name of at least two parts said last, when it is
     * clearly a name — restated ("it's the guy from last week, Peterson, Rob Peterson") or after the word
     * "name" ("the booking's in my wife's name, Carla Mendes"). Anything less is refused, and Bella asks again.
     */
    private static String restatedName(Tokens tk) {
        int end = tk.n;
        while (end > 0 && (tk.t[end - 1].equals("please") || tk.t[end - 1].equals("thanks")
                || SELF_SUFFIX.contains(tk.t[end - 1]))) {
            end--;
        }
        int from = end;
        while (from > 0 && isNameWord(tk, from - 1, true) && end - from < MAX_PARTS) {
            from--;
        }
        if (end - from < 2) {
            return null;
        }
        boolean named = false;
        for (int k = 0; k < from && !named; k++) {
            named = tk.t[k].equals("name") || tk.t[k].equals("name's") || tk.t[k].endsWith("'s") && tk.is(k + 1, "name");
        }
        named |= tk.is(from - 1, "me"); // "the appointment's for me, Priya Patel"

        int restated = -1; // where the word said twice is first said: the name starts there
        for (int a = from; a < end && restated < 0; a++) {
            for (int b = a + 1; b < end && restated < 0; b++) {
                restated = tk.t[a].equals(tk.t[b]) ? a : -1;
            }
        }
        if (restated >= 0) {
            from = restated; // "the guy with the broken tooth, Peterson, Rob Peterson"
        } else if (!named) {
            return null;
        }
        Collected c = collect(tk.slice(from, end), 0, true, true);
        return c == null || c.name.indexOf(' ') < 0 ? null : c.name;
    }

    // -- scanning ------------------------------------------------------------------------------------

    /**
     * "my first name is John and my last name is Baker", "first name Sarah, last name Young", "John, last name
     * Rose", "surname Chen, first name Wei": the two parts joined, first name first. Null when no last name is
     * introduced.
     */
    private String firstAndLastName(Tokens tk) {
        int lastAt = -1;
        int lastLen = 0;
        int firstAt = -1;
        int firstLen = 0;
        for (int i = 0; i < tk.n; i++) {
            String w = tk.t[i];
            String next = tk.at(i + 1);
            boolean nameWord = next.equals("name") || next.equals("name's") || next.equals("names");
            if (lastAt < 0 && ((w.equals("last") || w.equals("family") || w.equals("second")) && nameWord
                    || w.equals("surname") || w.equals("surname's"))) {
                lastAt = i;
                lastLen = w.startsWith("surname") ? 1 : 2;
            } else if (firstAt < 0 && (w.equals("first") || w.equals("given") || w.equals("christian")) && nameWord) {
                firstAt = i;
                firstLen = 2;
            }
        }
        if (lastAt < 0) {
            return firstAt > 0 ? surnameThenFirstName(tk, firstAt, firstLen) : null;
        }
        int lastFrom = skipIs(tk, lastAt + lastLen);
        int lastTo = firstAt > lastAt ? introStart(tk, firstAt) : tk.n;
        Collected last = collectOrWordName(tk.slice(lastFrom, lastTo));
        if (last == null) {
            return null;
        }
        String first;
        if (firstAt >= 0) {
            int from = skipIs(tk, firstAt + firstLen);
            int to = lastAt > firstAt ? introStart(tk, lastAt) : tk.n;
            Collected c = collectOrWordName(tk.slice(from, to));
            first = c == null ? null : c.name;
        } else {
            first = parse(tk.slice(0, introStart(tk, lastAt)), true); // "John, last name Rose"
        }
        if (first == null) {
            return last.name;
        }
        if (first.toLowerCase(Locale.ROOT).endsWith(" " + last.name.toLowerCase(Locale.ROOT))
                || first.equalsIgnoreCase(last.name)) {
            return first;
        }
        return first + " " + last.name;
    }

    /**
     * "it's Kowalczyk, K O W A L C Z Y K, and my first name is Anna", "Smith, first name John": one word said as the
     * name, then the first name introduced: first name first. Null when either is missing or more than one word.
     */
    private String surnameThenFirstName(Tokens tk, int firstAt, int firstLen) {
        String surname = parse(tk.slice(0, introStart(tk, firstAt)), true);
        Collected first = collectOrWordName(tk.slice(skipIs(tk, firstAt + firstLen), tk.n));
        if (surname == null || first == null || surname.indexOf(' ') >= 0 || first.name.indexOf(' ') >= 0
                || surname.equalsIgnoreCase(first.name)) {
            return null;
        }
        return first.name + " " + surname;
    }

    /** A name after "last name is": also a lone word that is a name ("Best", "Good"). */
    private static Collected collectOrWordName(Tokens tk) {
        Collected c = collect(tk, 0, true, true);
        if (c == null && tk.n > 0 && WORD_NAMES.contains(tk.t[0])
                && (tk.n == 1 || NAME_END.contains(tk.t[1]) || Words.isDigits(tk.t[1]))) {
            return new Collected(format(List.of(tk.orig[0])), 1);
        }
        return c;
    }

    /** Skips "is", "it's", "would be", "'s", "spelled with a Y" after "first name" / "last name". */
    private static int skipIs(Tokens tk, int i) {
        while (i < tk.n && (tk.t[i].equals("is") || tk.t[i].equals("it's") || tk.t[i].equals("was")
                || tk.t[i].equals("would") || tk.t[i].equals("be") || tk.t[i].equals("spelled")
                || tk.t[i].equals("it") || tk.t[i].equals("as")
                || tk.t[i].equals("with") && (tk.is(i + 1, "a") || tk.is(i + 1, "an")) && tk.at(i + 2).length() == 1)) {
            i += tk.t[i].equals("with") ? 3 : 1;
        }
        return i;
    }

    /** The start of "and my last name", "my first name": where the name before it ends. */
    private static int introStart(Tokens tk, int i) {
        if (tk.is(i - 1, "my") || tk.is(i - 1, "the") || tk.is(i - 1, "your")) {
            i--;
        }
        if (tk.is(i - 1, "and")) {
            i--;
        }
        return i;
    }

    /** A collected name and the index just after it. */
    private record Collected(String name, int end) {
    }

    private static boolean isNumberLike(String w) {
        char c = w.charAt(0);
        return c == '+' || Character.isDigit(c) || Words.numberWord(w) >= 0 && Words.numberWord(w) <= 9;
    }

    private static int introAt(Tokens tk, int i) {
        outer:
        for (String[] intro : INTROS) {
            if (i + intro.length > tk.n) {
                continue;
            }
            for (int k = 0; k < intro.length; k++) {
                if (!tk.t[i + k].equals(intro[k])) {
                    continue outer;
                }
            }
            String first = intro[0];
            if (intro.length == 1 && (first.equals("for") || first.equals("under"))
                    && !(i > 0 && (isBookingWord(tk.t[i - 1]) || first.equals("under") && BEFORE_UNDER.contains(tk.t[i - 1])))
                    && !(i == 0 && first.equals("under"))) {
                continue; // "booked under Smith", "appointment for John", "under Patel"; not "for tomorrow"
            }
            return intro.length;
        }
        return 0;
    }

    /** Words before "under" that make it introduce a name ("book it under", "it'll be under", "put me down under"). */
    private static final Set<String> BEFORE_UNDER = Words.setOf("it", "be", "down", "me", "that", "that's", "file",
            "filed", "listed", "saved", "account");

    private static boolean isBookingWord(String w) {
        return w.equals("appointment") || w.equals("booked") || w.equals("booking") || w.equals("reservation")
                || w.equals("appointment's") || w.equals("booking's") || w.equals("reservation's")
                || w.equals("it's") || w.equals("is") || w.equals("book") || w.equals("calling");
    }

    private static int skipLeads(Tokens tk, int i) {
        while (i < tk.n && (LEADS.contains(tk.t[i]) || TITLES.contains(tk.t[i]) && i + 1 < tk.n
                || tk.is(i, "about") && tk.is(i - 1, "sorry") && tk.is(i + 1, "that"))) {
            if (tk.is(i, "about")) {
                i += 2; // "sorry about that, Greg Novak"
                continue;
            }
            if (TITLES.contains(tk.t[i]) && !LEADS.contains(tk.t[i])) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Collects name parts from {@code start}. Returns the formatted name and where it ends, or null
     * when no plausible name starts there.
     */
    private static Collected collect(Tokens tk, int start, boolean introduced, boolean asked) {
        int i = start;
        // titles: "Dr. Smith", "Mrs Jones"
        while (i < tk.n && TITLES.contains(tk.t[i]) && i + 1 < tk.n && isNameWord(tk, i + 1, introduced)) {
            i++;
        }
        List<String> parts = new ArrayList<>(4);
        List<Boolean> spelled = new ArrayList<>(4);
        boolean asian = false;
        while (i < tk.n && parts.size() < MAX_PARTS) {
            String w = tk.t[i];
            String title = w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
            if (!parts.isEmpty() && title.length() > 1 && TITLES.contains(title) && isNameWord(tk, i + 1, introduced)) {
                break; // "Sean Okafor, Dr. Patel referred me": a title begins someone else's name
            }
            if (!parts.isEmpty() && tk.glued[i] && Words.isDigits(w) && w.length() <= 2) {
                i++; // "John2 Smith": a digit the recogniser glued onto a name
                continue;
            }
            if (parts.size() == 1) {
                asian = ASIAN_SURNAMES.contains(parts.get(0).toLowerCase(Locale.ROOT));
            }
            if (asian && parts.size() < 3 && ASIAN_GIVEN.contains(w) && (parts.size() == 2 || !w.equals("in"))
                    && (i + 1 == tk.n || NAME_END.contains(tk.t[i + 1]) || isNameWord(tk, i + 1, introduced)
                    || ASIAN_GIVEN.contains(tk.t[i + 1]))) {
                parts.add(tk.orig[i]); // "Nguyen Van An", "Kim Min Jun"
                spelled.add(Boolean.FALSE);
                i++;
                continue;
            }
            if (parts.isEmpty() && asked && ASIAN_SURNAMES.contains(w) && STOP.contains(w)
                    && (ASIAN_GIVEN.contains(tk.at(i + 1)) || isNameWord(tk, i + 1, introduced))) {
                parts.add(tk.orig[i]); // "Do Van Hung"
                spelled.add(Boolean.FALSE);
                i++;
                continue;
            }
            if (WORD_NAMES.contains(w) && !isNameWord(tk, i, introduced) && wordName(tk, i, parts.size(), asked)) {
                parts.add(tk.orig[i]); // "Jessica Best", "Hope Price"
                spelled.add(Boolean.FALSE);
                i++;
                continue;
            }
            int spelledAt = parts.isEmpty() ? 0 : spellingAfter(tk, i);
            if (spelledAt > i) {
                i = spelledAt; // "Siobhan, that's S I O B H A N", "Smyth, spelled S M Y T H"
                continue;
            }
            int run = letterRun(tk, i);
            if (run >= 2) {
                StringBuilder sb = new StringBuilder(run);
                for (int k = 0; k < run; k++) {
                    sb.append(tk.t[i + k]);
                }
                i += run;
                while (CASE_WORDS.contains(tk.at(i)) && letterRun(tk, i + 1) == 1) {
                    i += 2; // "M-A-C capital K": how the letters are written, not more of the name
                }
                String before = parts.isEmpty() ? "" : parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
                if (before.length() > sb.length() && before.startsWith(sb.toString())) {
                    continue; // "MacKenzie, that's M-A-C capital K": the start of the word said, spelled
                }
                parts.add(sb.toString());
                spelled.add(Boolean.TRUE);
                continue;
            }
            if (run == 1 && !parts.isEmpty() && isNameWord(tk, i + 1, introduced)
                    && !w.equals("a") && !w.equals("i")) {
                parts.add(w); // middle initial: "John F Kennedy"
                spelled.add(Boolean.FALSE);
                i++;
                continue;
            }
            if (PARTICLES.contains(w) && !parts.isEmpty() && isNameWord(tk, i + 1, introduced)) {
                parts.add(w);
                spelled.add(Boolean.FALSE);
                i++;
                continue;
            }
            if (isNameWord(tk, i, introduced)) {
                if (NAME_MONTHS.contains(w) && isNumberLike(tk.at(i + 1))) {
                    break; // "it's May 5th"
                }
                parts.add(tk.orig[i]);
                spelled.add(Boolean.FALSE);
                i++;
                continue;
            }
            break;
        }
        int end = i;
        if (parts.isEmpty()) {
            return null;
        }
        // a spelled part replaces the word it spells: the one said before it ("Jon, J O N", "Jon J O N Jonsson"),
        // or after it when the spelling comes first ("J O N Jon")
        for (int k = parts.size() - 1; k > 0; k--) {
            if (parts.get(k - 1).equalsIgnoreCase(parts.get(k))) {
                parts.remove(k); // "it's Mike, Mike Ross"
                spelled.remove(k);
            }
        }
        for (int k = parts.size() - 1; k > 0; k--) {
            if (!spelled.get(k)) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                boolean withNext = j + 1 < k && !spelled.get(j + 1)
                        && sameLetters(parts.get(j) + parts.get(j + 1), parts.get(k)); // "de Vries, D E, V R I E S"
                if (!spelled.get(j) && (withNext || sameLetters(parts.get(j), parts.get(k)))) {
                    parts.remove(k); // "Lan Nguyen, L-A-N", "Wójcik, W-O-J-C-I-K": the word said, as said
                    spelled.remove(k);
                    break;
                }
            }
        }
        for (int k = 0; k < parts.size(); k++) {
            if (!spelled.get(k)) {
                continue;
            }
            int spells = k > 0 && sameInitial(parts, spelled, k, k - 1) ? k - 1
                    : k == 0 && parts.size() > 1 && sameInitial(parts, spelled, k, 1) ? 1 : -1;
            if (spells >= 0) {
                parts.remove(spells);
                spelled.remove(spells);
                k = Math.min(k, spells);
            }
        }
        int half = parts.size() / 2;
        if (parts.size() >= 4 && parts.size() % 2 == 0
                && String.join(" ", parts.subList(0, half)).equalsIgnoreCase(String.join(" ", parts.subList(half, 2 * half)))) {
            parts.subList(half, 2 * half).clear(); // "Brenda Walsh. Brenda. Walsh.": said again, slowly
            spelled.subList(half, 2 * half).clear();
        }
        if (parts.size() >= 3 && parts.get(0).equalsIgnoreCase(parts.get(parts.size() - 1))) {
            parts.remove(0); // "Smith, John Smith"
            spelled.remove(0);
        }
        int real = 0;
        for (int k = 0; k < parts.size(); k++) {
            String p = parts.get(k);
            boolean inner = k > 0 && k < parts.size() - 1;
            if (p.length() >= 2 && !(inner && PARTICLES.contains(p.toLowerCase(Locale.ROOT)))
                    && !TITLES.contains(p.toLowerCase(Locale.ROOT))) { // "Dr" alone names nobody
                real++;
            }
        }
        if (real == 0) {
            return null;
        }
        return new Collected(format(parts), end);
    }

    /** Whether two words have the same letters, leaving out case, accents, apostrophes and hyphens. */
    static boolean sameLetters(String a, String b) {
        return plainLetters(a).equals(plainLetters(b));
    }

    private static String plainLetters(String w) {
        return java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFD).replaceAll("[\\p{M}'\\-]", "")
                .replace("ł", "l").replace("Ł", "L").toLowerCase(Locale.ROOT);
    }

    /** Whether part {@code other} is a word (not spelled) starting with the letter that spelled part {@code k} does. */
    private static boolean sameInitial(List<String> parts, List<Boolean> spelled, int k, int other) {
        return !spelled.get(other)
                && Character.toLowerCase(parts.get(k).charAt(0)) == Character.toLowerCase(parts.get(other).charAt(0));
    }

    /** Whether an ordinary word that is also a name ("Best") is a name part here. */
    private static boolean wordName(Tokens tk, int i, int partsSoFar, boolean asked) {
        String next = tk.at(i + 1);
        boolean ends = next.isEmpty() || NAME_END.contains(next) || Words.isDigits(next);
        if (partsSoFar >= 1 && partsSoFar <= 3) {
            return ends || isNameWord(tk, i + 1, true) && (i + 2 >= tk.n || NAME_END.contains(tk.at(i + 2)));
        }
        return partsSoFar == 0 && asked && !DayPartWords.contains(next) && (isNameWord(tk, i + 1, true)
                || WORD_NAMES.contains(next) && (i + 2 >= tk.n || NAME_END.contains(tk.at(i + 2))));
    }

    private static final Set<String> DayPartWords = Words.setOf("morning", "afternoon", "evening", "night", "day");

    private static boolean dosed(Tokens tk, int end) {
        // "Lisinopril, 10 milligrams": a word followed by an amount of a dose is a medicine
        return (Words.isDigits(tk.at(end)) || Words.numberWord(tk.at(end)) > 0) && Words.DOSE_UNITS.contains(tk.at(end + 1));
    }

    /** Object pronouns: a word ending in "-ing" before one is a verb. */
    private static final Set<String> OBJECTS = Words.setOf("me", "him", "her", "us", "them", "you", "it");

    /** Words that say how a spelled letter is written ("capital K", "small d"). */
    private static final Set<String> CASE_WORDS = Words.setOf("capital", "big", "small", "lowercase", "uppercase");

    /** Where a spelling starts after "that's", "that is", "spelled", "it's spelled" at i; i when none does. */
    private static int spellingAfter(Tokens tk, int i) {
        int j = i;
        if (tk.is(j, "that's") || tk.is(j, "it's") || tk.is(j, "thats")) {
            j++;
        } else if ((tk.is(j, "that") || tk.is(j, "it")) && tk.is(j + 1, "is")) {
            j += 2;
        }
        if (tk.is(j, "spelled") || tk.is(j, "spelt")) {
            j++;
        }
        return j > i && letterRun(tk, j) >= 2 ? j : i;
    }

    /** Number of consecutive single-letter tokens starting at i. */
    private static int letterRun(Tokens tk, int i) {
        int k = i;
        while (k < tk.n && tk.t[k].length() == 1 && Character.isLetter(tk.t[k].charAt(0))) {
            k++;
        }
        return k - i;
    }

    private static boolean isNameWord(Tokens tk, int i, boolean introduced) {
        if (i < 0 || i >= tk.n) {
            return false;
        }
        String w = tk.t[i];
        if (w.length() < 2 || STOP.contains(w) || Words.isFiller(w) || TITLES.contains(w) && !introduced) {
            return false;
        }
        if (Words.numberWord(w) >= 0 || Words.readOrdinal(tk, i) > 0) {
            return false; // "the fifteenth, two-ish", "twenty-first": dates and times are never names
        }
        if (NAME_MONTHS.contains(w) && !introduced && !(i + 1 < tk.n && !NAME_MONTHS.contains(tk.t[i + 1])
                && isNameWord(tk, i + 1, false) && Character.isUpperCase(tk.orig[i + 1].charAt(0)))) {
            return false; // "May 5th", "june" — but "Jun Wang", "May Chen": a capitalised name follows
        }
        if (w.endsWith("ing") && OBJECTS.contains(tk.at(i + 1))) {
            return false; // "it's killing me", "it's bothering her": a verb with its object
        }
        if (w.endsWith("ing") && Character.isLowerCase(tk.orig[i].charAt(0))
                && (tk.is(i - 1, "i'm") || tk.is(i - 1, "im") || tk.is(i - 1, "am") && tk.is(i - 2, "i"))) {
            return false; // "sorry, I'm driving": what the caller is doing
        }
        if (w.equals("eve") && i > 0 && HOLIDAY_BEFORE_EVE.contains(tk.t[i - 1])) {
            return false; // "Christmas Eve", "New Year's Eve" — but Eve Adams is a name
        }
        for (int k = 0; k < w.length(); k++) {
            char c = w.charAt(k);
            if (!(Character.isLetter(c) || ((c == '\'' || c == '-') && k > 0 && k < w.length() - 1))) {
                return false;
            }
        }
        // contractions are not names ("we'll", "that'd"); O'Brien/D'Angelo style prefixes are
        int apo = w.indexOf('\'');
        return apo < 0 || apo == 1;
    }

    /**
     * "my name is Jon with an h" after "Jon Snow": a single corrected word replaces the part of the name it resembles
     * (first or last), or the part the caller's {@code words} name ("except the first name, it's N I A M H"), instead
     * of dropping the rest of the name; a name of several words replaces it all.
     */
    public static String corrected(String previous, String said, String words) {
        int part = partNamed(words);
        if (part < 0 || previous == null || said.contains(" ") || !previous.contains(" ")) {
            return corrected(previous, said);
        }
        String[] parts = previous.split(" ");
        parts[part == 0 ? 0 : parts.length - 1] = said; // "everything's right except the first name, it's N I A M H"
        return String.join(" ", parts);
    }

    private static final java.util.regex.Pattern FIRST_NAME = java.util.regex.Pattern.compile(
            "\\b(first|given|christian)( and (last|family|second))? name\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern LAST_NAME = java.util.regex.Pattern.compile(
            "\\b(last|family|second) name\\b|\\bsurname\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The part of the name the words say they are about: 0 the first name, 1 the last, -1 neither or both. */
    private static int partNamed(String words) {
        if (words == null) {
            return -1;
        }
        boolean first = FIRST_NAME.matcher(words).find();
        boolean last = LAST_NAME.matcher(words).find();
        return first == last ? -1 : first ? 0 : 1;
    }

    static String corrected(String previous, String said) {
        if (previous == null || said.contains(" ") || !previous.contains(" ")) {
            return said;
        }
        String[] parts = previous.split(" ");
        int last = parts.length - 1;
        if (resembles(parts[0], said)) {
            parts[0] = said;
            return String.join(" ", parts);
        }
        if (resembles(parts[last], said)) {
            parts[last] = said;
            return String.join(" ", parts);
        }
        return said;
    }

    /**
     * Same first sound and a few letters apart (two for short names, a third of the longer one for long names), or
     * the shorter one's letters all found in order in the longer ("Tom" in "Thomas"). A spelling said for a name heard
     * may start with another letter for the same sound: "Kathryn" → "Catherine", "Philip" → "Filip".
     */
    private static boolean resembles(String a, String b) {
        String x = firstSound(a.toLowerCase(Locale.ROOT));
        String y = firstSound(b.toLowerCase(Locale.ROOT));
        return x.charAt(0) == y.charAt(0) && (editDistance(x, y) <= Math.max(2, Math.max(x.length(), y.length()) / 3)
                || (x.length() <= y.length() ? inOrder(x, y) : inOrder(y, x)));
    }

    private static String firstSound(String w) {
        return w.startsWith("ph") ? "f" + w.substring(2) : w.startsWith("c") && !w.startsWith("ch") ? "k" + w.substring(1) : w;
    }

    private static boolean inOrder(String shorter, String longer) {
        int k = 0;
        for (int i = 0; i < longer.length() && k < shorter.length(); i++) {
            if (longer.charAt(i) == shorter.charAt(k)) {
                k++;
            }
        }
        return k == shorter.length();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // -- formatting ----------------------------------------------------------------------------------

    /** Title-cases name parts: particles stay lower-case in the middle, Mc/Mac/O' rules applied. */
    static String format(List<String> parts) {
        StringBuilder sb = new StringBuilder(24);
        boolean asian = !parts.isEmpty() && ASIAN_SURNAMES.contains(parts.get(0).toLowerCase(Locale.ROOT));
        for (int k = 0; k < parts.size(); k++) {
            String p = parts.get(k);
            String lower = p.toLowerCase(Locale.ROOT);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (k > 0 && k < parts.size() - 1 && (lower.equals("st") || lower.equals("ste"))) {
                sb.append(titleCase(lower)).append('.'); // "Luc St. Pierre": Saint, abbreviated
            } else if (k > 0 && k < parts.size() - 1 && PARTICLES.contains(lower) && !asian) {
                sb.append(lower);
            } else if (k > 0 && (lower.startsWith("al-") || lower.startsWith("el-")) && lower.length() > 4) {
                sb.append(lower, 0, 3).append(titleCase(lower.substring(3))); // "Fatima al-Hassan"
            } else if (isDeliberateMixedCase(p) || MAC_AS_WRITTEN.matcher(p).matches()) {
                sb.append(p);
            } else {
                sb.append(titleCase(lower));
            }
        }
        return sb.toString();
    }

    /** "Macapagal", "Machado-Reyes" written so: not MacApagal (the Mac rule is for names heard in lower case). */
    private static final java.util.regex.Pattern MAC_AS_WRITTEN = java.util.regex.Pattern.compile(
            "Mac\\p{Ll}+(-\\p{Lu}\\p{Ll}+)*");

    /** "DeShawn", "McDonald", "LaToya" as transcribed: keep. */
    private static boolean isDeliberateMixedCase(String p) {
        if (p.length() < 3 || !Character.isUpperCase(p.charAt(0))) {
            return false;
        }
        boolean lower = false;
        boolean innerUpper = false;
        for (int k = 1; k < p.length(); k++) {
            char c = p.charAt(k);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c) && p.charAt(k - 1) != '-' && p.charAt(k - 1) != '\'') {
                innerUpper = true;
            }
        }
        return lower && innerUpper;
    }

    /** Title-cases one lower-case word, including hyphenated and apostrophe parts. */
    static String titleCase(String lower) {
        StringBuilder sb = new StringBuilder(lower.length());
        int start = 0;
        for (int k = 0; k <= lower.length(); k++) {
            if (k == lower.length() || lower.charAt(k) == '-' || lower.charAt(k) == '\'') {
                sb.append(capitalizeSimple(lower.substring(start, k)));
                if (k < lower.length()) {
                    sb.append(lower.charAt(k));
                }
                start = k + 1;
            }
        }
        return sb.toString();
    }

    private static String capitalizeSimple(String w) {
        if (w.isEmpty()) {
            return w;
        }
        if (w.length() > 3 && w.startsWith("mc")) {
            return "Mc" + Character.toUpperCase(w.charAt(2)) + w.substring(3);
        }
        if (w.length() > 5 && w.startsWith("mac") && !w.startsWith("mack") && !w.startsWith("mach")
                && !MAC_EXCEPTIONS.contains(w) && !w.endsWith("ie") && !w.endsWith("y")) {
            return "Mac" + Character.toUpperCase(w.charAt(3)) + w.substring(4);
        }
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
