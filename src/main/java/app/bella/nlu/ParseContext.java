package app.bella.nlu;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the parsers need to know about "here and now".
 *
 * @param now                the current instant (any zone; it is converted to {@code zone})
 * @param zone               the business' zone, in which spoken dates and times are interpreted
 * @param opens              opening time, used to infer am/pm and for "first thing"
 * @param closes             closing time (exclusive)
 * @param defaultCountryCode calling code assumed for numbers said without "+", e.g. "1"
 * @param country            the practice's country (ISO 3166 alpha-2, "CA"): which Thanksgiving, which
 *                           national phone numbering a number said without "+" falls back to
 * @param callerRegion       the country of the caller ID (ISO 3166 alpha-2, "GB"), or null when unknown:
 *                           a national number the caller says is read in this country first
 * @param sameAs             what "the same time" / "the same day" refers to (the appointment being moved, the time
 *                           already on the table), local to {@code zone}; null: now
 */
public record ParseContext(ZonedDateTime now, ZoneId zone, LocalTime opens, LocalTime closes,
                           String defaultCountryCode, String country, String callerRegion, LocalDateTime sameAs) {

    /**
     * Regions of caller IDs already looked up: validating a number walks its country's patterns (a third of a
     * turn's understanding under load), and a caller ID comes back every turn of its call. Cleared when full.
     */
    private static final Map<String, Optional<String>> REGIONS = new ConcurrentHashMap<>();
    private static final int REGIONS_KEPT = 10_000;

    public ParseContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
        if (!defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("bad country code: " + defaultCountryCode);
        }
        country = region(country == null || country.isBlank() ? countryOf(zone) : country, "country");
        callerRegion = callerRegion == null || callerRegion.isBlank() ? null : region(callerRegion, "callerRegion");
        now = now.withZoneSameInstant(zone);
    }

    /** A context in which "the same time" means now. */
    public ParseContext(ZonedDateTime now, ZoneId zone, LocalTime opens, LocalTime closes, String defaultCountryCode,
                        String country, String callerRegion) {
        this(now, zone, opens, closes, defaultCountryCode, country, callerRegion, null);
    }

    /** As before the practice's country was known: the country follows from the zone, no caller region. */
    public ParseContext(ZonedDateTime now, ZoneId zone, LocalTime opens, LocalTime closes, String defaultCountryCode) {
        this(now, zone, opens, closes, defaultCountryCode, null, null);
    }

    /** Opens 09:00, closes 17:00, country code "1" (NANP), country from the zone. */
    public static ParseContext of(ZonedDateTime now, ZoneId zone) {
        return new ParseContext(now, zone, LocalTime.of(9, 0), LocalTime.of(17, 0), "1");
    }

    /** This context for a practice in {@code newCountry} (ISO alpha-2; blank = from the zone). */
    public ParseContext withCountry(String newCountry) {
        return new ParseContext(now, zone, opens, closes, defaultCountryCode, newCountry, callerRegion, sameAs);
    }

    /** This context for a caller whose caller ID is {@code e164} (null or not a valid number: no region). */
    public ParseContext withCallerId(String e164) {
        return new ParseContext(now, zone, opens, closes, defaultCountryCode, country, regionOfNumber(e164), sameAs);
    }

    /** This context where "the same time" means {@code reference} (null: now). */
    public ParseContext withSameAs(LocalDateTime reference) {
        return new ParseContext(now, zone, opens, closes, defaultCountryCode, country, callerRegion, reference);
    }

    /** What "the same time" refers to: {@link #sameAs()}, else now to the quarter hour before. */
    public LocalDateTime sameTimeReference() {
        if (sameAs != null) {
            return sameAs;
        }
        LocalDateTime t = now.toLocalDateTime().withSecond(0).withNano(0);
        return t.withMinute(t.getMinute() / 15 * 15);
    }

    /** The local date of {@link #now()} in {@link #zone()}. */
    public LocalDate today() {
        return now.toLocalDate();
    }

    /** Whether {@code t} lies within [opens, closes). */
    public boolean withinHours(LocalTime t) {
        return !t.isBefore(opens) && t.isBefore(closes);
    }

    /** The country of a valid E.164 number ("+447911123456" gives "GB"), or null. */
    public static String regionOfNumber(String e164) {
        if (e164 == null || !e164.startsWith("+") || e164.length() > 20) {
            return null;
        }
        Optional<String> known = REGIONS.get(e164);
        if (known == null) {
            known = Optional.ofNullable(lookUpRegion(e164));
            if (REGIONS.size() >= REGIONS_KEPT) {
                REGIONS.clear();
            }
            REGIONS.put(e164, known);
        }
        return known.orElse(null);
    }

    private static String lookUpRegion(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            var number = util.parse(e164, "ZZ");
            if (!util.isValidNumber(number)) {
                return null;
            }
            String region = util.getRegionCodeForNumber(number);
            return region == null || region.equals("ZZ") || region.equals("001") ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The country a practice in {@code zone} most likely lies in: Canadian zones give "CA", the other
     * American zones "US", a few European and Latin-American zones their country; anything else "US".
     * Set {@code bella.practice.country} where this guess is wrong.
     */
    public static String countryOf(ZoneId zone) {
        String id = zone.getId();
        if (id.startsWith("Canada/")) {
            return "CA";
        }
        return switch (id) {
            case "America/Edmonton", "America/Toronto", "America/Vancouver", "America/Winnipeg", "America/Halifax",
                 "America/St_Johns", "America/Regina", "America/Montreal", "America/Moncton", "America/Whitehorse",
                 "America/Yellowknife", "America/Iqaluit", "America/Swift_Current", "America/Glace_Bay",
                 "America/Goose_Bay", "America/Dawson_Creek", "America/Fort_Nelson", "America/Creston",
                 "America/Inuvik", "America/Rankin_Inlet", "America/Resolute", "America/Cambridge_Bay",
                 "America/Atikokan", "America/Blanc-Sablon", "America/Dawson", "America/Nipigon",
                 "America/Rainy_River", "America/Thunder_Bay", "America/Pangnirtung" -> "CA";
            case "Europe/London", "Europe/Belfast" -> "GB";
            case "Europe/Dublin" -> "IE";
            case "Europe/Paris" -> "FR";
            case "America/Mexico_City", "America/Cancun", "America/Monterrey", "America/Tijuana",
                 "America/Merida", "America/Chihuahua", "America/Hermosillo", "America/Mazatlan" -> "MX";
            case "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth",
                 "Australia/Adelaide" -> "AU";
            case "Pacific/Auckland" -> "NZ";
            default -> "US";
        };
    }

    private static String region(String code, String field) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("bad " + field + ": " + code);
        }
        return c;
    }
}
