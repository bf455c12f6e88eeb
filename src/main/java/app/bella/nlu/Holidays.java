package app.bella.nlu;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named days callers say ("Christmas Eve", "Thanksgiving", "Good Friday") and the date each falls on in a
 * year, by the practice's country where the countries differ (Thanksgiving: second Monday of October in
 * Canada, fourth Thursday of November elsewhere; Mother's Day: the fourth Sunday of Lent in the UK and
 * Ireland). Also names of days Bella knows to be holidays but cannot date ("Diwali", "Hanukkah", "Eid"), so
 * the parser can say it heard one rather than guess. Stateless and thread-safe.
 */
public final class Holidays {

    /** Every named day Bella can date, by its canonical name. */
    public enum Day {
        NEW_YEARS_DAY("New Year's Day"), VALENTINES_DAY("Valentine's Day"), FAMILY_DAY("Family Day"),
        GROUNDHOG_DAY("Groundhog Day"), ST_PATRICKS_DAY("St. Patrick's Day"), GOOD_FRIDAY("Good Friday"),
        EASTER("Easter"), EASTER_MONDAY("Easter Monday"), MOTHERS_DAY("Mother's Day"), VICTORIA_DAY("Victoria Day"),
        MEMORIAL_DAY("Memorial Day"), FATHERS_DAY("Father's Day"), ST_JEAN_BAPTISTE("St-Jean-Baptiste Day"),
        JUNETEENTH("Juneteenth"), CANADA_DAY("Canada Day"), INDEPENDENCE_DAY("Independence Day"),
        CIVIC_HOLIDAY("Civic Holiday"), LABOUR_DAY("Labour Day"), TRUTH_AND_RECONCILIATION("Truth and Reconciliation Day"),
        THANKSGIVING("Thanksgiving"), CANADIAN_THANKSGIVING("Canadian Thanksgiving"),
        AMERICAN_THANKSGIVING("American Thanksgiving"), HALLOWEEN("Halloween"), REMEMBRANCE_DAY("Remembrance Day"),
        BLACK_FRIDAY("Black Friday"), CHRISTMAS_EVE("Christmas Eve"), CHRISTMAS("Christmas Day"),
        BOXING_DAY("Boxing Day"), NEW_YEARS_EVE("New Year's Eve");

        private final String spoken;

        Day(String spoken) {
            this.spoken = spoken;
        }

        /** How the day is named in speech and in configuration ("Boxing Day"). */
        public String spoken() {
            return spoken;
        }
    }

    /** Said phrases (lower-case tokens as {@link Words} makes them), longest first per first word. */
    private static final Map<String, List<Phrase>> PHRASES = new HashMap<>();
    /** Days Bella knows are holidays but cannot date: their first word and the phrase. */
    private static final Map<String, List<String[]>> UNDATED = new HashMap<>();

    record Phrase(String[] words, Day day) {
    }

    static {
        name(Day.NEW_YEARS_DAY, "new year's day", "new years day", "new year day", "new year's", "new years",
                "new year", "jour de l'an");
        name(Day.NEW_YEARS_EVE, "new year's eve", "new years eve", "new year eve");
        name(Day.VALENTINES_DAY, "valentine's day", "valentines day", "valentine day", "valentine's", "valentines",
                "saint valentine's day", "st valentine's day", "la saint-valentin", "saint-valentin");
        name(Day.FAMILY_DAY, "family day");
        name(Day.GROUNDHOG_DAY, "groundhog day", "groundhog's day");
        name(Day.ST_PATRICKS_DAY, "st patrick's day", "saint patrick's day", "st patricks day", "saint patricks day",
                "st paddy's day", "st patty's day", "paddy's day", "patrick's day");
        name(Day.GOOD_FRIDAY, "good friday", "vendredi saint");
        name(Day.EASTER, "easter sunday", "easter day", "easter", "pâques", "paques");
        name(Day.EASTER_MONDAY, "easter monday", "lundi de pâques", "lundi de paques");
        name(Day.MOTHERS_DAY, "mother's day", "mothers day", "mother day", "mothering sunday", "fête des mères");
        name(Day.FATHERS_DAY, "father's day", "fathers day", "father day", "fête des pères");
        name(Day.VICTORIA_DAY, "victoria day", "may long weekend", "may two-four", "may two four", "fête de la reine",
                "journée nationale des patriotes");
        name(Day.MEMORIAL_DAY, "memorial day");
        name(Day.ST_JEAN_BAPTISTE, "st jean baptiste day", "saint jean baptiste day", "st-jean-baptiste",
                "saint-jean-baptiste", "st jean baptiste", "saint jean baptiste", "st-jean", "saint-jean",
                "fête nationale");
        name(Day.JUNETEENTH, "juneteenth");
        name(Day.CANADA_DAY, "canada day", "fête du canada", "dominion day");
        name(Day.INDEPENDENCE_DAY, "independence day", "fourth of july", "4th of july", "the fourth of july",
                "the 4th of july", "july fourth", "july 4th");
        name(Day.CIVIC_HOLIDAY, "civic holiday", "heritage day", "august long weekend", "natal day",
                "british columbia day", "bc day", "terry fox day", "saskatchewan day", "new brunswick day",
                "simcoe day");
        name(Day.LABOUR_DAY, "labour day", "labor day", "fête du travail");
        name(Day.TRUTH_AND_RECONCILIATION, "truth and reconciliation day", "national day for truth and reconciliation",
                "orange shirt day");
        name(Day.THANKSGIVING, "thanksgiving day", "thanksgiving", "action de grâce", "action de grâces",
                "action de grace", "l'action de grâce");
        name(Day.CANADIAN_THANKSGIVING, "canadian thanksgiving");
        name(Day.AMERICAN_THANKSGIVING, "american thanksgiving", "us thanksgiving", "u s thanksgiving",
                "thanksgiving in the states", "american thanksgiving day");
        name(Day.HALLOWEEN, "halloween", "hallowe'en", "hallowe en", "all hallows eve", "all hallow's eve");
        name(Day.REMEMBRANCE_DAY, "remembrance day", "veterans day", "veteran's day", "veterans' day",
                "armistice day", "jour du souvenir");
        name(Day.BLACK_FRIDAY, "black friday");
        name(Day.CHRISTMAS_EVE, "christmas eve", "xmas eve", "christmas eve day", "la veille de noël",
                "veille de noël", "réveillon de noël");
        name(Day.CHRISTMAS, "christmas day", "christmas", "xmas", "le jour de noël", "jour de noël");
        name(Day.BOXING_DAY, "boxing day", "lendemain de noël");
        for (String s : new String[]{"diwali", "deepavali", "hanukkah", "chanukah", "hannukah", "hanukah",
                "ramadan", "eid", "eid al-fitr", "eid al-adha", "eid ul-fitr", "passover", "pesach", "yom kippur",
                "rosh hashanah", "rosh hashana", "lunar new year", "chinese new year", "tet", "kwanzaa", "holi",
                "vaisakhi", "baisakhi", "navratri", "purim", "sukkot", "orthodox easter", "orthodox christmas",
                "ash wednesday", "shrove tuesday", "pancake day", "mardi gras", "pentecost", "whit monday",
                "ascension day", "all saints day", "all saints' day", "day of the dead", "dia de los muertos",
                "cinco de mayo", "columbus day", "indigenous peoples day", "presidents day", "presidents' day",
                "president's day", "martin luther king day", "mlk day", "election day", "bank holiday",
                "the holidays", "holidays", "the holiday", "spring break", "march break", "reading week",
                "the long weekend", "long weekend", "super bowl sunday", "earth day", "pi day", "tax day",
                "april fools day", "april fool's day", "national holiday", "stat holiday", "statutory holiday"}) {
            String[] w = Words.normalize(s).split(" ");
            UNDATED.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w);
        }
        PHRASES.values().forEach(l -> l.sort((a, b) -> b.words.length - a.words.length));
        UNDATED.values().forEach(l -> l.sort((a, b) -> b.length - a.length));
    }

    private static void name(Day day, String... phrases) {
        for (String p : phrases) {
            String[] w = Words.normalize(p).split(" ");
            PHRASES.computeIfAbsent(w[0], k -> new ArrayList<>()).add(new Phrase(w, day));
        }
    }

    private Holidays() {
    }

    /** The named day said at token {@code i}: the day and how many tokens it used, or null. */
    static Match match(Tokens tk, int i) {
        List<Phrase> candidates = PHRASES.get(tk.at(i));
        if (candidates == null) {
            return null;
        }
        for (Phrase p : candidates) {
            if (matches(tk, i, p.words)) {
                return new Match(p.day, p.words.length);
            }
        }
        return null;
    }

    /** How many tokens a holiday Bella cannot date uses at {@code i} ("Diwali", "Yom Kippur"), or 0. */
    static int matchUndated(Tokens tk, int i) {
        List<String[]> candidates = UNDATED.get(tk.at(i));
        if (candidates == null) {
            return 0;
        }
        for (String[] w : candidates) {
            if (matches(tk, i, w)) {
                return w.length;
            }
        }
        return 0;
    }

    private static boolean matches(Tokens tk, int i, String[] words) {
        if (i + words.length > tk.n) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if (!tk.t[i + k].equals(words[k])) {
                return false;
            }
        }
        return true;
    }

    record Match(Day day, int used) {
    }

    /** The date of {@code day} in {@code year} for a practice in {@code country} (ISO alpha-2). */
    public static LocalDate date(Day day, int year, String country) {
        boolean canada = "CA".equals(country);
        boolean britishIsles = "GB".equals(country) || "IE".equals(country);
        return switch (day) {
            case NEW_YEARS_DAY -> LocalDate.of(year, 1, 1);
            case GROUNDHOG_DAY -> LocalDate.of(year, 2, 2);
            case VALENTINES_DAY -> LocalDate.of(year, 2, 14);
            case FAMILY_DAY -> nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3);
            case ST_PATRICKS_DAY -> LocalDate.of(year, 3, 17);
            case GOOD_FRIDAY -> easter(year).minusDays(2);
            case EASTER -> easter(year);
            case EASTER_MONDAY -> easter(year).plusDays(1);
            case MOTHERS_DAY -> britishIsles ? easter(year).minusWeeks(3) : nth(year, Month.MAY, DayOfWeek.SUNDAY, 2);
            case VICTORIA_DAY -> LocalDate.of(year, 5, 24).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MEMORIAL_DAY -> LocalDate.of(year, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case FATHERS_DAY -> nth(year, Month.JUNE, DayOfWeek.SUNDAY, 3);
            case JUNETEENTH -> LocalDate.of(year, 6, 19);
            case ST_JEAN_BAPTISTE -> LocalDate.of(year, 6, 24);
            case CANADA_DAY -> LocalDate.of(year, 7, 1);
            case INDEPENDENCE_DAY -> LocalDate.of(year, 7, 4);
            case CIVIC_HOLIDAY -> nth(year, Month.AUGUST, DayOfWeek.MONDAY, 1);
            case LABOUR_DAY -> nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1);
            case TRUTH_AND_RECONCILIATION -> LocalDate.of(year, 9, 30);
            case THANKSGIVING -> canada ? nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2)
                    : nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
            case CANADIAN_THANKSGIVING -> nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2);
            case AMERICAN_THANKSGIVING -> nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
            case HALLOWEEN -> LocalDate.of(year, 10, 31);
            case REMEMBRANCE_DAY -> LocalDate.of(year, 11, 11);
            case BLACK_FRIDAY -> nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4).plusDays(1);
            case CHRISTMAS_EVE -> LocalDate.of(year, 12, 24);
            case CHRISTMAS -> LocalDate.of(year, 12, 25);
            case BOXING_DAY -> LocalDate.of(year, 12, 26);
            case NEW_YEARS_EVE -> LocalDate.of(year, 12, 31);
        };
    }

    /** The next date of {@code day} on or after {@code from}. */
    public static LocalDate next(Day day, LocalDate from, String country) {
        LocalDate d = date(day, from.getYear(), country);
        return d.isBefore(from) ? date(day, from.getYear() + 1, country) : d;
    }

    /** The {@code n}-th (1-5) {@code dow} of a month, or the last one for n = -1; null when there is none. */
    static LocalDate nth(int year, Month month, DayOfWeek dow, int n) {
        LocalDate first = LocalDate.of(year, month, 1);
        if (n < 0) {
            return first.with(TemporalAdjusters.lastInMonth(dow));
        }
        LocalDate d = first.with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
        return d.getMonth() == month ? d : null;
    }

    /** Western Easter Sunday (the anonymous Gregorian computus). */
    public static LocalDate easter(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /**
     * A practice's holiday calendar: "Christmas, Boxing Day, Good Friday" as the days it names (case and
     * punctuation as a person writes them). An unknown name is refused with the list of known ones.
     */
    public static Set<Day> calendar(String spec) {
        Set<Day> days = new LinkedHashSet<>();
        if (spec == null || spec.isBlank()) {
            return days;
        }
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Tokens tk = Words.tokenize(part);
            Match m = match(tk, 0);
            if (m == null || m.used != tk.n) {
                List<String> known = new ArrayList<>();
                for (Day d : Day.values()) {
                    known.add(d.spoken());
                }
                throw new IllegalArgumentException("unknown holiday '" + part.strip() + "'; known: "
                        + String.join(", ", known));
            }
            days.add(m.day);
        }
        return Collections.unmodifiableSet(days);
    }

    /** The dates of {@code days} in the years {@code fromYear} to {@code toYear} (inclusive). */
    public static Set<LocalDate> dates(Set<Day> days, int fromYear, int toYear, String country) {
        Set<LocalDate> out = new TreeSet<>();
        for (int y = fromYear; y <= toYear; y++) {
            for (Day d : days) {
                out.add(date(d, y, country));
            }
        }
        return out;
    }
}
