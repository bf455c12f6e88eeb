package app.bella.platform;

import app.bella.support.AdjustableClock;

import app.bella.api.ApiHousekeeping;
import app.bella.api.ApiKeys;
import app.bella.api.ApiSupport;
import app.bella.api.ApiTransactions;
import app.bella.api.BookingApi;
import app.bella.api.CallsApi;
import app.bella.api.CatalogApi;
import app.bella.api.KeysApi;
import app.bella.api.NluApi;
import app.bella.api.RateLimiter;
import app.bella.api.ScheduleApi;
import app.bella.booking.BookingService;
import app.bella.booking.DatabaseSchedule;
import app.bella.events.OutboxWriter;
import app.bella.ops.BusinessMetrics;
import app.bella.booking.OpeningHours;
import app.bella.booking.Schedule;
import app.bella.booking.ScheduleStore;
import app.bella.nlu.RulesExtractor;
import app.bella.voice.CallFlow;
import app.bella.voice.CallStore;
import app.bella.voice.Dialogue;
import app.bella.voice.TransactionBook;
import app.bella.voice.TurnUnderstanding;
import app.bella.voice.CallerVerification;
import app.bella.voice.VerificationTexts;
import app.bella.voice.TwilioWebhookGuard;
import app.bella.understanding.ModelExtraction;
import app.bella.understanding.ChatExtractionCodec;
import app.bella.understanding.CostLedger;
import app.bella.understanding.Prices;
import app.bella.understanding.AudioPreprocessor;
import app.bella.understanding.RecordingFetcher;
import app.bella.understanding.Transcriptions;
import app.bella.understanding.TranscriptionNotifications;
import app.bella.understanding.TranscriptionSignals;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import app.bella.understanding.TurnMetrics;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.ProducerTemplate;
import app.bella.ops.AlertBeans;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the domain beans from configuration and binds them under the names the routes use. */
final class Beans {

    private static final Logger LOG = LoggerFactory.getLogger(Beans.class);

    private Beans() {
    }

    /**
     * @param pool the call path's and the API's pool
     * @param background background work's pool: work that may wait on Kafka or a SaaS holding a connection
     */
    static void bind(CamelContext camel, DataSource pool, DataSource background) {
        PropertiesComponent props = camel.getPropertiesComponent();
        // everything below asks the call path's pool through one guard: no thread holds two of its connections
        app.bella.support.OneConnectionPerThread dataSource = new app.bella.support.OneConnectionPerThread(pool, "bella-db",
                Boolean.parseBoolean(get(props, "bella.db.second-connection-fails").strip()));
        ZoneId zone = ZoneId.of(get(props, "bella.timezone"));
        // injectable: real or frozen (bella.clock) time; tests move it forward to drive escalations
        AdjustableClock clock = new AdjustableClock(clock(get(props, "bella.clock"), zone));
        Schedule schedule = new Schedule(zone, OpeningHours.parse(get(props, "bella.schedule.hours")),
                closures(get(props, "bella.schedule.closures")),
                Integer.parseInt(get(props, "bella.schedule.slot-minutes")),
                Duration.ofMinutes(Long.parseLong(get(props, "bella.schedule.min-lead-minutes"))),
                Duration.ofDays(Long.parseLong(get(props, "bella.schedule.horizon-days"))),
                Integer.parseInt(get(props, "bella.schedule.buffer-minutes")));
        // opening hours and closures live in the database (seeded from the configuration once) so the API can change them
        ScheduleStore scheduleStore = new ScheduleStore();
        // named holidays ("Christmas, Good Friday") are closed every year, dated for the practice's country
        String country = get(props, "bella.practice.country").strip();
        String holidayCountry = country.isEmpty() ? app.bella.nlu.ParseContext.countryOf(zone)
                : country.toUpperCase(java.util.Locale.ROOT);
        int thisYear = java.time.LocalDate.now(clock).getYear();
        Set<LocalDate> holidays = app.bella.nlu.Holidays.dates(app.bella.nlu.Holidays.calendar(
                get(props, "bella.schedule.holidays")), thisYear - 1, thisYear + 3, holidayCountry);
        DatabaseSchedule schedules = new DatabaseSchedule(dataSource, scheduleStore, schedule,
                Duration.ofSeconds(Long.parseLong(get(props, "bella.schedule.refresh-seconds"))), holidays);
        // the opening hours are read when Camel starts, before the routes: the database may still be starting now
        try {
            camel.addService(new org.apache.camel.support.service.ServiceSupport() {
                @Override
                protected void doStart() {
                    schedules.load();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        LOG.info("Practice time zone {}, clock {}", zone, clock);

        RulesExtractor rules = new RulesExtractor();
        OutboxWriter events = camel.getRegistry().lookupByNameAndType("outboxWriter", OutboxWriter.class);
        BookingService bookings = new BookingService(schedules, clock, events);
        CallStore calls = new CallStore();
        TurnMetrics metrics = new TurnMetrics(camel);
        CostLedger costs = new CostLedger(dataSource, events, Prices.from(key -> get(props, key)), clock);
        boolean openAi = !get(props, "bella.openai.api-key").isBlank();
        String extractor = choose(get(props, "bella.extractor"), openAi ? "llm" : "rules", "llm", "rules");
        String stt = choose(get(props, "bella.stt"), openAi ? "whisper" : "twilio", "whisper", "twilio");
        if ((extractor.equals("llm") || stt.equals("whisper")) && !openAi) {
            LOG.warn("BELLA_EXTRACTOR={} / BELLA_STT={} need OPENAI_API_KEY; every such call will fall back", extractor, stt);
        }
        LOG.info("Speech: {}; extraction: {}", stt, extractor);
        // the budget guard picks each call's speech path and whether the model may be asked (docs/costs.md)
        app.bella.costs.BudgetGuard guard = app.bella.costs.CostBeans.guard(dataSource, events, clock, zone, costs.prices(),
                key -> get(props, key), stt, openAi, extractor.equals("llm"));
        // the model is asked (route understanding-extract) only while the budget guard allows it
        TurnUnderstanding understanding = new TurnUnderstanding(rules, bookings, guard::modelAllowed,
                extractor.equals("llm") ? new ModelExtraction(new ChatExtractionCodec(get(props, "bella.llm.model")), costs, metrics)
                        : null, country);
        boolean customerSms = !get(props, "bella.sms.from").isBlank();
        CallerVerification verification = new CallerVerification(customerSms ? new VerificationTexts(camel) : null,
                new CallerVerification.Settings(Integer.parseInt(get(props, "bella.voice.verification.code-length").strip()),
                        Duration.ofSeconds(Long.parseLong(get(props, "bella.voice.verification.code-ttl-seconds").strip())),
                        Integer.parseInt(get(props, "bella.voice.verification.max-attempts").strip()),
                        Integer.parseInt(get(props, "bella.voice.verification.max-codes-per-hour").strip())),
                clock, get(props, "bella.practice.name"));
        Dialogue dialogue = new Dialogue(bookings, understanding, get(props, "bella.practice.name"),
                get(props, "bella.voice.transfer-number"), verification);
        // the call path reaches PostgreSQL behind database-breaker with a short wait of its own (docs/operations.md)
        app.bella.voice.CallPathDatabase callPathDatabase = callPathDatabase(pool, props);
        DataSource callPath = dataSource.alsoOver(callPathDatabase);
        camel.getRegistry().bind("databaseBreaker", callPathDatabase.breaker()); // shown with the routes' breakers in the console
        // a Whisper turn's poll waits on a signal from the transcription worker (this instance's, or another's through
        // PostgreSQL notifications), not on a thread re-reading the job
        TranscriptionSignals signals = new TranscriptionSignals(100_000);
        if (pool instanceof HikariDataSource hikari) {
            try {
                camel.addService(new TranscriptionNotifications(
                        () -> DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword()), signals));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        camel.getRegistry().bind("pollWait", new app.bella.voice.PollWait(signals,
                Duration.ofMillis(Long.parseLong(get(props, "bella.stt.first-wait-ms"))),
                Duration.ofMillis(Long.parseLong(get(props, "bella.stt.poll-wait-ms")))));
        // under load, new calls and Whisper polls are held a second at a time so the calls already talking go first
        app.bella.voice.WebhookAdmission admission = new app.bella.voice.WebhookAdmission(
                Integer.parseInt(get(props, "bella.voice.admission.max-in-progress").strip()),
                Integer.parseInt(get(props, "bella.voice.admission.max-holds").strip()));
        camel.getRegistry().bind("webhookAdmission", admission);
        Transcriptions transcriptions = new Transcriptions(callPath,
                new RecordingFetcher(get(props, "bella.twilio.account-sid"), get(props, "bella.twilio.auth-token"),
                        get(props, "bella.twilio.api-base-url"), Long.parseLong(get(props, "bella.stt.max-recording-bytes")),
                        Integer.parseInt(get(props, "bella.stt.recording-attempts")), Duration.ofMillis(500)),
                costs, get(props, "bella.stt.model"), get(props, "bella.stt.language"),
                Boolean.parseBoolean(get(props, "bella.stt.preprocess").strip()) ? new AudioPreprocessor() : null, metrics,
                signals);
        CallFlow.SpeechSettings speech = new CallFlow.SpeechSettings(stt,
                Integer.parseInt(get(props, "bella.stt.max-polls")), steps(get(props, "bella.stt.whisper-steps")));
        ProducerTemplate[] template = new ProducerTemplate[1];
        BiConsumer<String, Integer> transcribe = (callSid, turn) -> {
            synchronized (template) {
                if (template[0] == null) {
                    template[0] = camel.createProducerTemplate();
                }
            }
            template[0].sendBodyAndHeaders("seda:understanding-transcribe", null,
                    Map.of(Transcriptions.CALL_SID, callSid, Transcriptions.TURN, turn));
        };

        Registry registry = camel.getRegistry();
        registry.bind("twilioRestClient", TwilioRestClients.create(get(props, "bella.twilio.account-sid"),
                get(props, "bella.twilio.auth-token"), get(props, "bella.twilio.api-base-url")));
        registry.bind("twilioWebhookGuard", new TwilioWebhookGuard(get(props, "bella.twilio.auth-token"),
                get(props, "bella.public-url"), Boolean.parseBoolean(get(props, "bella.twilio.validate-signature"))));
        registry.bind("turnUnderstanding", understanding);
        registry.bind("callbackJournal", new app.bella.voice.CallbackJournal(
                java.nio.file.Path.of(get(props, "bella.data-dir"), "voice"), callPath, clock, get(props, "bella.voice.tts-voice")));
        registry.bind("callFlow", new CallFlow(callPath, calls, dialogue, TransactionBook.over(bookings, verification),
                get(props, "bella.voice.tts-voice"), speech,
                transcriptions, transcribe, metrics, events, costs).choosingSpeechWith(guard::speechEngine));
        registry.bind("budgetGuard", guard);
        registry.bind("transcriptions", transcriptions);
        ApiKeys keys = new ApiKeys();
        ApiTransactions tx = new ApiTransactions(dataSource);
        ApiSupport apiSupport = new ApiSupport(dataSource, keys,
                new RateLimiter(dataSource, Integer.parseInt(get(props, "bella.api.rate-limit-per-hour")), 3600),
                new app.bella.api.AuthFailures(Integer.parseInt(get(props, "bella.api.auth-failures-per-minute")), 60),
                get(props, "bella.api.bootstrap-api-key"), System.out);
        registry.bind("apiSupport", apiSupport);
        try {
            camel.addService(apiSupport); // the first API key is made when Camel starts, on the migrated database
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registry.bind("apiHousekeeping", new ApiHousekeeping(background,
                Integer.parseInt(get(props, "bella.api.idempotency-retention-hours"))));
        registry.bind("bookingApi", new BookingApi(tx, bookings));
        registry.bind("catalogApi", new CatalogApi(tx, bookings.catalog()::changed));
        registry.bind("scheduleApi", new ScheduleApi(tx, bookings, scheduleStore, schedules));
        registry.bind("keysApi", new KeysApi(tx, keys));
        registry.bind("callsApi", new CallsApi(dataSource, calls));
        registry.bind("nluApi", new NluApi(rules, clock, zone, app.bella.voice.Dialogue.opens(schedule.hours()),
                app.bella.voice.Dialogue.closes(schedule.hours()), country,
                // path: model on the parse API: the same model, breaker and budget guard as a call, not counted as a turn
                extractor.equals("llm") && openAi ? budgetGated(guard, new app.bella.understanding.CamelModelExtractor(camel,
                        new ModelExtraction(new ChatExtractionCodec(get(props, "bella.llm.model")), costs, null))) : app.bella.understanding.ModelExtractor.NONE));
        // alert rules, the pipeline and the channels are background work; the alerts API reads on the main pool
        AlertBeans.bind(camel, background, clock, zone, key -> get(props, key));
        registry.bind("alertsApi", new app.bella.api.AlertsApi(new app.bella.ops.AlertService(dataSource, events, clock), dataSource,
                app.bella.ops.AlertRouting.from(key -> get(props, key))));
        OpsBeans.bind(camel, dataSource, background, clock, zone, key -> get(props, key), costs, callPath);
        BusinessMetrics business = new BusinessMetrics(background, events, clock, zone,
                Duration.ofMillis(Long.parseLong(get(props, "bella.metrics.snapshot-interval-ms"))));
        registry.bind("businessMetrics", business);
        try {
            camel.addStartupListener(new org.apache.camel.StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                    // gauges are registered once everything, the metrics registry included, has started
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    io.micrometer.core.instrument.MeterRegistry meters = context.getRegistry()
                            .lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
                    if (meters != null) {
                        business.register(meters);
                        io.micrometer.core.instrument.Gauge.builder("bella.database.breaker.open", callPathDatabase, db -> db.open() ? 1 : 0)
                                .description("1 while database-breaker is open: the call path answers with the callback message")
                                .register(meters);
                        io.micrometer.core.instrument.Gauge.builder("bella.webhooks.in.progress", admission,
                                        app.bella.voice.WebhookAdmission::inProgress)
                                .description("Twilio webhooks admitted and not yet answered").register(meters);
                        io.micrometer.core.instrument.FunctionCounter.builder("bella.webhooks.held", admission,
                                        app.bella.voice.WebhookAdmission::held)
                                .description("new calls and Whisper polls answered with a one-second hold under load")
                                .register(meters);
                    }
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registry.bind("bookingService", bookings);
        app.bella.console.ConsoleBeans.bind(camel, dataSource, apiSupport, clock, zone, key -> get(props, key));
        app.bella.notify.NotifyBeans.bind(camel, key -> get(props, key), dataSource, background, clock, zone, bookings, events);
    }

    /** BELLA_CLOCK freezes "now" at an instant for demos and tests (a clock they can move); empty means real time. */
    static Clock clock(String frozen, ZoneId zone) {
        if (frozen == null || frozen.isBlank()) {
            return Clock.system(zone);
        }
        return Clock.fixed(OffsetDateTime.parse(frozen.strip()).toInstant(), zone);
    }

    private static Set<LocalDate> closures(String spec) {
        if (spec == null || spec.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(LocalDate::parse)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** "ASK_NAME, ASK_TIME" → those steps; empty → none listed (meaning every step). */
    private static java.util.Set<app.bella.voice.Step> steps(String spec) {
        java.util.Set<app.bella.voice.Step> steps = java.util.EnumSet.noneOf(app.bella.voice.Step.class);
        for (String s : spec.split(",")) {
            if (!s.isBlank()) {
                steps.add(app.bella.voice.Step.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return steps;
    }

    /** An explicit setting when valid, else the automatic choice. */
    private static String choose(String configured, String automatic, String... allowed) {
        String value = configured == null ? "" : configured.strip().toLowerCase(java.util.Locale.ROOT);
        if (value.isEmpty()) {
            return automatic;
        }
        if (!java.util.List.of(allowed).contains(value)) {
            throw new IllegalArgumentException("Unknown setting '" + configured + "': expected one of " + String.join(", ", allowed));
        }
        return value;
    }

    private static String get(PropertiesComponent props, String key) {
        return props.resolveProperty(key).orElse("");
    }

    /** The model asked only while the budget guard allows model calls. */
    private static app.bella.understanding.ModelExtractor budgetGated(app.bella.costs.BudgetGuard guard,
                                                                     app.bella.understanding.ModelExtractor model) {
        return (callSid, text, expect) -> guard.modelAllowed() ? model.read(callSid, text, expect) : java.util.Optional.empty();
    }

    /** The call path's connections: the pool asked with bella.voice.database.connection-wait-ms, behind database-breaker. */
    private static app.bella.voice.CallPathDatabase callPathDatabase(DataSource dataSource, PropertiesComponent props) {
        app.bella.voice.CallPathDatabase.Pool pool = callPathPool(dataSource);
        app.bella.voice.CallPathDatabase callPath = new app.bella.voice.CallPathDatabase(dataSource, pool,
                new app.bella.voice.CallPathDatabase.Settings(
                        Duration.ofMillis(Long.parseLong(get(props, "bella.voice.database.connection-wait-ms").strip())),
                        Integer.parseInt(get(props, "bella.voice.database.breaker-failures").strip()),
                        Duration.ofMillis(Long.parseLong(get(props, "bella.voice.database.breaker-open-ms").strip()))));
        return callPath;
    }

    /** The Hikari pool asked with a wait of the call path's own; empty when it holds no connection. */
    static app.bella.voice.CallPathDatabase.Pool callPathPool(DataSource dataSource) {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari
                && hikari.getHikariPoolMXBean() instanceof com.zaxxer.hikari.pool.HikariPool hikariPool) {
            return new app.bella.voice.CallPathDatabase.Pool() {
                @Override
                public java.sql.Connection connection(long waitMillis) throws java.sql.SQLException {
                    return hikariPool.getConnection(waitMillis);
                }

                @Override
                public boolean empty() {
                    return hikariPool.getTotalConnections() == 0;
                }

                @Override
                public boolean busy() {
                    return hikariPool.getActiveConnections() >= hikari.getMaximumPoolSize();
                }
            };
        }
        return new app.bella.voice.CallPathDatabase.Pool() { // not a Hikari pool: its own wait, its failures decide
            @Override
            public java.sql.Connection connection(long waitMillis) throws java.sql.SQLException {
                return dataSource.getConnection();
            }

            @Override
            public boolean empty() {
                return false;
            }

            @Override
            public boolean busy() {
                return false;
            }
        };
    }
}
