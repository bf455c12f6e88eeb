package app.bella.api;

import app.bella.api.model.NluBodies.ParseRequest;
import app.bella.nlu.DateRange;
import app.bella.nlu.Expect;
import app.bella.nlu.Extraction;
import app.bella.nlu.ParseContext;
import app.bella.nlu.RulesExtractor;
import app.bella.nlu.WhenPhrase;
import app.bella.support.Times;
import app.bella.understanding.ModelExtractor;
import app.bella.understanding.ModelReading;
import app.bella.understanding.Reconciler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * POST /api/nlu/parse: try the parser on a phrase, as the dialogue would hear it. {@code path: model} adds what a
 * call turn adds: when the rules miss what {@code expect} asks for, the extraction model is asked and its reading
 * reconciled by the rules ({@link Reconciler}); the answer says which path filled each slot.
 */
public final class NluApi {

    private final RulesExtractor rules;
    private final ModelExtractor model;
    private final Reconciler reconciler;
    private final app.bella.nlu.DateTimeResolver resolver = new app.bella.nlu.DateTimeResolver();
    private final Clock clock;
    private final ZoneId practiceZone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final String country;

    public NluApi(RulesExtractor rules, Clock clock, ZoneId practiceZone, LocalTime opens, LocalTime closes) {
        this(rules, clock, practiceZone, opens, closes, null, ModelExtractor.NONE);
    }

    /**
     * {@code country}: the practice's country (ISO alpha-2), blank = derived from the zone; {@code model}: the
     * extraction model behind {@code path: model}, {@link ModelExtractor#NONE} when none is configured.
     */
    public NluApi(RulesExtractor rules, Clock clock, ZoneId practiceZone, LocalTime opens, LocalTime closes,
                  String country, ModelExtractor model) {
        this.rules = rules;
        this.model = model == null ? ModelExtractor.NONE : model;
        this.reconciler = new Reconciler(rules);
        this.clock = clock;
        this.practiceZone = practiceZone;
        this.opens = opens;
        this.closes = closes;
        this.country = country == null || country.isBlank() ? null : country.strip();
    }

    public void parse(Exchange exchange) {
        ObjectNode body = ApiSupport.object(exchange, ApiSupport.fields(ParseRequest.class));
        String text = ApiSupport.text(body, "text", false, 2000);
        String expectText = ApiSupport.text(body, "expect", false, 20);
        Expect expect = null;
        if (expectText != null && !expectText.isEmpty()) {
            try {
                expect = Expect.valueOf(expectText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("expect", "'expect' must be one of name, phone, time, duration, confirm");
            }
        }
        ZoneId zone = practiceZone;
        String tz = ApiSupport.text(body, "timezone", false, 60);
        if (tz != null && !tz.isEmpty()) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                throw ApiProblem.invalid("timezone", "'timezone' must be an IANA zone such as America/Edmonton");
            }
        }
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        String nowText = ApiSupport.text(body, "now", false, 40);
        if (nowText != null && !nowText.isEmpty()) {
            try {
                now = OffsetDateTime.parse(nowText).atZoneSameInstant(zone);
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalid("now", "'now' must be ISO-8601 with an offset");
            }
        }
        String countryText = ApiSupport.text(body, "country", false, 2);
        if (countryText != null && !countryText.isEmpty() && !countryText.matches("[A-Za-z]{2}")) {
            throw ApiProblem.invalid("country", "'country' must be an ISO 3166 two-letter code such as CA");
        }
        String path = ApiSupport.text(body, "path", false, 10);
        boolean modelPath = "model".equals(path);
        if (path != null && !path.isEmpty() && !modelPath && !"rules".equals(path)) {
            throw ApiProblem.invalid("path", "'path' must be rules or model");
        }
        Principal caller = exchange.getProperty(ApiSupport.PRINCIPAL, Principal.class);
        if (modelPath && (caller == null || !caller.scope().allows(Scope.WRITE))) {
            // the model path spends money (model tokens): a read-only key may try the parser, not the model
            throw new ApiProblem(403, "Forbidden", "'path: model' calls the paid extraction model and needs a key with "
                    + "write scope", "path");
        }
        if (modelPath && model == ModelExtractor.NONE) {
            throw ApiProblem.invalid("path", "'path: model' needs the extraction model: set OPENAI_API_KEY "
                    + "(BELLA_EXTRACTOR=llm, the default with a key)");
        }
        String callerId = ApiSupport.text(body, "callerId", false, 20);
        if (callerId != null && !callerId.isEmpty() && !callerId.matches("\\+[1-9][0-9]{6,15}")) {
            throw ApiProblem.invalid("callerId", "'callerId' must be an E.164 number such as +447911123456");
        }
        String practiceCountry = countryText != null && !countryText.isEmpty() ? countryText
                : tz != null && !tz.isEmpty() ? null : country;
        ParseContext ctx = new ParseContext(now, zone, opens, closes, "1", practiceCountry, null)
                .withCallerId(callerId);
        Extraction byRules = rules.extract(text == null ? "" : text, expect, ctx);
        Extraction ex = byRules;
        // as in a call turn: the model is asked only about what the rules could not read (and never about silence)
        boolean modelAsked = modelPath && text != null && !text.isBlank() && !Reconciler.understood(byRules, expect);
        boolean modelAnswered = false;
        if (modelAsked) {
            Optional<ModelReading> reading = model.read(null, text, expect);
            modelAnswered = reading.isPresent();
            ex = reading.map(r -> reconciler.reconcile(byRules, r, ctx)).orElse(byRules);
        }
        // a time without a day ("2 pm") means its next occurrence, as in a call
        java.time.ZonedDateTime start = ex.start() != null ? ex.start() : resolver.resolveNext(ex.when(), ctx);
        Map<String, String> filledBy = new LinkedHashMap<>();
        filledBy.put("intent", filler(byRules.intent(), ex.intent()));
        filledBy.put("name", filler(byRules.name(), ex.name()));
        filledBy.put("phone", filler(byRules.phone(), ex.phone()));
        filledBy.put("start", ex.when() == null || ex.when().isEmpty() ? null : filler(byRules.when(), ex.when()));
        filledBy.put("durationMinutes", filler(byRules.durationMinutes(), ex.durationMinutes()));
        filledBy.put("confirmation", filler(byRules.confirmation(), ex.confirmation()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intent", ex.intent() == null ? null : ex.intent().name().toLowerCase(Locale.ROOT));
        out.put("name", ex.name());
        out.put("phone", ex.phone());
        out.put("start", start == null ? null : Times.iso(start));
        out.put("durationMinutes", ex.durationMinutes());
        out.put("confirmation", ex.confirmation() == null ? null : ex.confirmation().name().toLowerCase(Locale.ROOT));
        out.put("when", when(ex.when()));
        out.put("source", filledBy.containsValue("model") ? "rules+model" : "rules");
        out.put("path", modelPath ? "model" : "rules");
        out.put("modelAsked", modelAsked);
        out.put("modelAnswered", modelAnswered);
        out.put("filledBy", filledBy);
        ApiSupport.respond(exchange, 200, out);
    }

    /** Who filled a slot: the rules when they read it, the model when only the reconciled reading has it. */
    private static String filler(Object byRules, Object reconciled) {
        if (reconciled == null) {
            return null;
        }
        return byRules != null && Objects.equals(byRules, reconciled) ? "rules" : "model";
    }

    /**
     * The day as heard: {@code date} when pinned, {@code range} ({@code earliest}, {@code latest}, {@code weekdays},
     * {@code heard}) when vague, {@code unresolved} (the words) when it cannot be used; plus {@code time} and
     * {@code dayPart}. Null when the text says nothing about when.
     */
    private static Map<String, Object> when(WhenPhrase w) {
        if (w == null || w.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", w.date() == null ? null : w.date().toString());
        out.put("time", w.time() == null ? null : w.time().toString());
        out.put("dayPart", w.dayPart() == null ? null : w.dayPart().name().toLowerCase(Locale.ROOT));
        DateRange r = w.range();
        if (r != null) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("earliest", r.earliest().toString());
            range.put("latest", r.latest() == null ? null : r.latest().toString());
            range.put("weekdays", r.weekdays().stream().sorted().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
            range.put("heard", r.heard());
            out.put("range", range);
        } else {
            out.put("range", null);
        }
        out.put("unresolved", w.unresolved());
        return out;
    }
}
