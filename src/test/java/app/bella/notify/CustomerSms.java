package app.bella.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import app.bella.booking.BookingService;
import app.bella.events.EventStream;
import app.bella.support.AdjustableClock;
import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import app.bella.testing.TempDirectories;
import app.bella.voice.TwilioSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Test support for customer SMS: Bella with a sender number on its own topics and consumer group, Twilio's REST API
 * played by WireMock, and helpers to book, read what was texted, and post incoming SMS the way Twilio signs them.
 */
final class CustomerSms {

    static final String ACCOUNT = "AC" + "5".repeat(32);
    static final String TOKEN = "sms-test-token";
    static final String API_KEY = BellaServer.ADMIN_KEY;
    static final String PRACTICE_NUMBER = "+15875550100";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PHONES = new AtomicInteger(2000);

    private CustomerSms() {
    }

    /** Properties for a Bella that texts through {@code twilio}; instances given the same map share DB-less settings. */
    static Map<String, String> settings(WireMockServer twilio, String clock) {
        Map<String, String> p = new HashMap<>();
        String prefix = "n" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (EventStream stream : EventStream.values()) {
            p.put(stream.topicProperty(), prefix + stream.id());
        }
        p.put("bella.notify.consumer-group", prefix + "notifications");
        p.put("bella.clock", clock);
        p.put("bella.timezone", "America/Edmonton");
        p.put("bella.practice.name", "Sunrise Dental");
        p.put("bella.sms.from", PRACTICE_NUMBER);
        p.put("bella.twilio.account-sid", ACCOUNT);
        p.put("bella.twilio.auth-token", TOKEN);
        p.put("bella.twilio.api-base-url", twilio.baseUrl());
        p.put("bella.api.bootstrap-api-key", API_KEY);
        p.put("bella.notify.poll-interval-ms", "100");
        p.put("bella.outbox.poll-interval-ms", "100");
        p.put("bella.sms.redelivery-delay-ms", "50");
        p.put("bella.sms.max-redeliveries", "2");
        p.put("bella.sms.max-attempts", "3"); // one try and its redeliveries: a 5xx fails at once (SmsFailureTest defers)
        return p;
    }

    /** A second instance on the same database, topics and consumer group as {@code first}. */
    static BellaServer sameDatabaseAs(BellaServer first, Map<String, String> settings) throws Exception {
        Properties p = new Properties();
        p.putAll(settings);
        try (Connection c = first.jdbc()) {
            p.setProperty("bella.db.url", c.getMetaData().getURL());
        }
        p.setProperty("bella.db.user", "postgres");
        p.setProperty("bella.kafka.bootstrap-servers", SharedInfrastructure.get().kafkaBootstrapServers());
        p.setProperty("bella.data-dir", TempDirectories.deletedAtExit("bella-test-data").toString());
        return BellaServer.start(p);
    }

    static void twilioAccepts(WireMockServer twilio) {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM" + "a".repeat(32) + "\",\"status\":\"queued\",\"num_segments\":\"2\"}")));
    }

    static String newPhone() {
        return "+1587556" + PHONES.incrementAndGet();
    }

    /** Books through the API; returns the appointment id. */
    static long book(BellaServer bella, String phone, String name, String start) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "phone", phone, "start", start));
        HttpResponse<String> r = bella.send(HttpRequest.newBuilder(bella.uri("/api/appointments"))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("booking failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asLong();
    }

    static BookingService bookings(BellaServer bella) {
        return bella.camel().getRegistry().lookupByNameAndType("bookingService", BookingService.class);
    }

    static DataSource dataSource(BellaServer bella) {
        return bella.camel().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    static AdjustableClock clock(BellaServer bella) {
        return bella.camel().getRegistry().lookupByNameAndType("clock", AdjustableClock.class);
    }

    static void move(BellaServer bella, long appointmentId, String start) throws Exception {
        try (Connection c = dataSource(bella).getConnection()) {
            c.setAutoCommit(false);
            BookingService b = bookings(bella);
            b.move(c, appointmentId, OffsetDateTime.parse(start).atZoneSameInstant(b.schedule().zone()), 0);
            c.commit();
        }
    }

    static void cancel(BellaServer bella, long appointmentId) throws Exception {
        try (Connection c = dataSource(bella).getConnection()) {
            c.setAutoCommit(false);
            bookings(bella).cancel(c, appointmentId, "practice", null);
            c.commit();
        }
    }

    /** The texts Twilio was asked to send to {@code phone}, oldest first. */
    static List<String> textsTo(WireMockServer twilio, String phone) {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))) {
            Map<String, String> form = form(r.getBodyAsString());
            if (phone.equals(form.get("To"))) {
                out.add(form.get("Body"));
            }
        }
        return out;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Rows of a query on Bella's database, each as column → value text. */
    static List<Map<String, String>> rows(BellaServer bella, String sql) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection c = dataSource(bella).getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    static JsonNode payload(Map<String, String> outboxRow) throws Exception {
        return JSON.readTree(outboxRow.get("payload")).get("payload");
    }

    /** Posts Twilio's incoming-message webhook; signed with the auth token unless {@code sign} is false. */
    static HttpResponse<String> incomingSms(BellaServer bella, String from, String text, String messageSid, boolean sign)
            throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", ACCOUNT);
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("From", from);
        params.put("To", PRACTICE_NUMBER);
        params.put("Body", text);
        params.put("NumMedia", "0");
        String form = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        String url = bella.baseUrl() + "/twilio/sms";
        HttpRequest.Builder req = HttpRequest.newBuilder(bella.uri("/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.compute(sign ? TOKEN : "not-the-token", url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form));
        return bella.send(req);
    }

    static String newMessageSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
