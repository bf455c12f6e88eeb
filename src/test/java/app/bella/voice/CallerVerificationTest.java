package app.bella.voice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.TwilioCaller;
import app.bella.testing.TwilioCaller.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callers reach only their own appointments: a spoken number that is not the caller ID is verified with a one-time
 * code texted to it (SMS configured), or refused with an offer of a person or a callback (no SMS). Real server,
 * signed webhooks, WireMock as Twilio's REST API. "Now" is Wednesday 2025-10-08 10:00 in America/Edmonton.
 */
class CallerVerificationTest {

    static final String TOKEN = "verification-auth-token";
    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static final String ACCOUNT = "AC" + "7".repeat(32);
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger PHONES = new AtomicInteger(3000);
    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    /** Customer SMS configured: codes are texted. */
    static BellaServer withSms;
    /** No customer SMS and no transfer number: the caller is offered a callback. */
    static BellaServer withoutSms;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM" + "b".repeat(32) + "\",\"status\":\"queued\",\"num_segments\":\"1\"}")));
        Map<String, String> common = new HashMap<>(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.practice.name", "Sunrise Dental",
                "bella.twilio.auth-token", TOKEN,
                "bella.twilio.account-sid", ACCOUNT,
                "bella.twilio.api-base-url", twilio.baseUrl(),
                "bella.api.bootstrap-api-key", KEY));
        Map<String, String> sms = new HashMap<>(common);
        sms.put("bella.sms.from", "+15875550100");
        sms.put("bella.voice.transfer-number", "+15875550000");
        withSms = BellaServer.start(sms);
        withoutSms = BellaServer.start(common);
    }

    @AfterAll
    static void stop() throws Exception {
        if (withSms != null) {
            withSms.close();
        }
        if (withoutSms != null) {
            withoutSms.close();
        }
        twilio.stop();
    }

    static String newPhone() {
        return "+1587557" + PHONES.incrementAndGet();
    }

    /** "+15875571234" as a caller says it: "five eight seven five five seven one two three four". */
    static String spoken(String phone) {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        List<String> out = new ArrayList<>();
        for (char d : phone.substring(2).toCharArray()) {
            out.add(words[d - '0']);
        }
        return String.join(" ", out);
    }

    static TwilioCaller call(BellaServer bella, String from) throws Exception {
        return new TwilioCaller(bella.baseUrl(), TOKEN, from).dial();
    }

    // ------------------------------------------------------------------------------------------------ the attacks

    @Test
    void aSpokenNumberCannotCancelSomeoneElsesAppointment() throws Exception {
        for (BellaServer bella : List.of(withSms, withoutSms)) {
            String victim = newPhone();
            long id = seedAppointment(bella, "Victor Victim", victim, "2025-10-14T09:00:00-06:00");
            TwilioCaller c = call(bella, newPhone())
                    .say("I want to cancel my appointment, my number is " + spoken(victim), "yes");
            assertThat(String.join(" ", c.heard)).doesNotContain("October 14th").doesNotContain("9 AM").doesNotContain("Victor");
            assertThat(status(bella, id)).isEqualTo("booked");
        }
    }

    @Test
    void aSpokenNumberCannotHearSomeoneElsesAppointment() throws Exception {
        for (BellaServer bella : List.of(withSms, withoutSms)) {
            String victim = newPhone();
            seedAppointment(bella, "Vera Victim", victim, "2025-10-15T11:00:00-06:00");
            TwilioCaller c = call(bella, newPhone()).say("when is my appointment? my number is " + spoken(victim));
            c.say("yes");
            assertThat(String.join(" ", c.heard)).doesNotContain("October 15th").doesNotContain("11 AM").doesNotContain("Vera");
        }
    }

    // ------------------------------------------------------------------------------------------------ SMS configured

    @Test
    void fromAnotherPhoneTheOwnerCancelsTheAppointmentOnTheDayTheyNamed() throws Exception {
        String owner = newPhone();
        long first = seedAppointment(withSms, "Nora Named", owner, "2025-10-10T10:00:00-06:00");
        long named = seedAppointment(withSms, "Nora Named", owner, "2025-10-21T14:00:00-06:00");
        TwilioCaller c = call(withSms, newPhone()).say("I need to cancel my appointment on the 21st, my number is "
                + spoken(owner));
        c.say("the code is " + String.join(" ", codeTextedTo(owner).split("")));
        assertThat(c.lastPrompt()).contains("Tuesday, October 21st at 2 PM").contains("Shall I cancel it?");
        c.say("yes");
        assertThat(status(withSms, named)).isEqualTo("cancelled");
        assertThat(status(withSms, first)).isEqualTo("booked");
    }

    @Test
    void aTextedCodeReadBackByVoiceLetsTheOwnerCancelFromAnotherPhone() throws Exception {
        String owner = newPhone();
        long id = seedAppointment(withSms, "Olive Owner", owner, "2025-10-16T09:00:00-06:00");
        TwilioCaller c = call(withSms, newPhone()).say("I want to cancel my appointment, my number is " + spoken(owner));
        assertThat(c.lastPrompt()).contains("sent a text message with a 6-digit code to the number ending in "
                + CallerNumbers.lastDigits(owner)).contains("say the code").doesNotContain("October");
        String code = codeTextedTo(owner);
        assertThat(codesTo(owner).get(0)).startsWith("Your Sunrise Dental verification code is " + code + ". It expires in 5 minutes.");
        c.say(wrong(code));
        assertThat(c.lastPrompt()).contains("doesn't match").doesNotContain("October");
        c.say("the code is " + String.join(" ", code.split("")));
        assertThat(c.lastPrompt()).contains("Thank you, that's confirmed").contains("Thursday, October 16th at 9 AM")
                .contains("Shall I cancel it?");
        c.say("yes");
        assertThat(status(withSms, id)).isEqualTo("cancelled");
        assertThat(codesTo(owner)).hasSize(1); // one code, however often it is read back
        // neither the code nor the spoken attempts are kept: only a salted hash
        assertThat(query(withSms, "SELECT count(*) FROM caller_verification WHERE phone = '" + owner + "' AND verified_at IS NOT NULL "
                + "AND attempts = 2 AND length(code_hash) = 32 AND position(convert_to('" + code + "', 'UTF8') in code_hash) = 0"))
                .isEqualTo("1");
        assertThat(query(withSms, "SELECT count(*) FROM call_turn WHERE call_sid = '" + c.callSid + "' AND said LIKE '%"
                + code.substring(0, 3) + "%'")).isEqualTo("0");
    }

    @Test
    void aCodeTypedOnTheKeypadAnswersWhenIsMyAppointment() throws Exception {
        String owner = newPhone();
        seedAppointment(withSms, "Kai Keys", owner, "2025-10-17T14:00:00-06:00");
        TwilioCaller c = call(withSms, newPhone()).say("when is my appointment? my number is " + spoken(owner));
        assertThat(c.gatherInput()).contains("dtmf");
        c.answer(Answer.press(codeTextedTo(owner)));
        assertThat(c.lastPrompt()).contains("Your next appointment is on Friday, October 17th at 2 PM");
    }

    @Test
    void wrongCodesUseUpTheAttemptsAndThenAPersonIsOffered() throws Exception {
        String owner = newPhone();
        long id = seedAppointment(withSms, "Wanda Wrong", owner, "2025-10-20T10:00:00-06:00");
        TwilioCaller c = call(withSms, newPhone()).say("cancel my appointment, my number is " + spoken(owner));
        String code = codeTextedTo(owner);
        c.say(wrong(code), wrong(code), wrong(code));
        assertThat(c.lastPrompt()).contains("couldn't confirm that number").contains("put you through");
        c.say(String.join(" ", code.split(""))); // the right code, too late: the call is not verified by it
        assertThat(c.ended).as("not a yes: asked again").isNull();
        c.say("yes");
        assertThat(c.ended).isEqualTo("dial +15875550000");
        assertThat(String.join(" ", c.heard)).doesNotContain("October 20th");
        assertThat(status(withSms, id)).isEqualTo("booked");
    }

    @Test
    void anExpiredCodeNoLongerVerifies() throws Exception {
        String owner = newPhone();
        seedAppointment(withSms, "Eli Late", owner, "2025-10-21T10:00:00-06:00");
        TwilioCaller c = call(withSms, newPhone()).say("when is my appointment, my number is " + spoken(owner));
        String code = codeTextedTo(owner);
        var clock = withSms.camel().getRegistry().lookupByNameAndType("clock", app.bella.support.AdjustableClock.class);
        java.time.Instant now = clock.instant();
        try {
            clock.advance(java.time.Duration.ofMinutes(6));
            c.say(code);
        } finally {
            clock.set(now);
        }
        assertThat(c.lastPrompt()).contains("couldn't confirm that number");
        assertThat(String.join(" ", c.heard)).doesNotContain("October 21st");
    }

    @Test
    void aNumberGetsAtMostThreeCodesAnHour() throws Exception {
        String target = newPhone();
        for (int i = 0; i < 3; i++) {
            assertThat(call(withSms, newPhone()).say("when is my appointment? my number is " + spoken(target)).lastPrompt())
                    .contains("sent a text message");
        }
        TwilioCaller fourth = call(withSms, newPhone()).say("when is my appointment? my number is " + spoken(target));
        assertThat(fourth.lastPrompt()).contains("can't send a code to that number").contains("put you through");
        assertThat(codesTo(target)).hasSize(3);
    }

    @Test
    void aCallWithoutCallerIdIsAskedForTheNumberAndVerifiedLikeAnyOther() throws Exception {
        String owner = newPhone();
        seedAppointment(withSms, "Hana Hidden", owner, "2025-10-22T15:00:00-06:00");
        TwilioCaller c = call(withSms, "anonymous").say("when is my appointment?");
        assertThat(c.lastPrompt()).contains("phone number your appointment is under");
        c.say(spoken(owner));
        assertThat(c.lastPrompt()).contains("sent a text message").doesNotContain("October");
        c.say(codeTextedTo(owner));
        assertThat(c.lastPrompt()).contains("Wednesday, October 22nd at 3 PM");
    }

    @Test
    void theCallerIdNeedsNoCode() throws Exception {
        String owner = newPhone();
        seedAppointment(withSms, "Ida Own", owner, "2025-10-23T09:30:00-06:00");
        TwilioCaller c = call(withSms, owner).say("when is my appointment? my number is " + spoken(owner));
        assertThat(c.lastPrompt()).contains("Thursday, October 23rd at 9:30 AM");
        assertThat(codesTo(owner)).isEmpty();
    }

    @Test
    void anUnverifiedCallBooksForASpokenNumberButNeverRenamesItsCustomer() throws Exception {
        String owner = newPhone();
        seedAppointment(withSms, "Grace Owner", owner, "2025-10-24T09:00:00-06:00");
        TwilioCaller c = call(withSms, newPhone()).say("I'm Mallory Thief, my number is " + spoken(owner), "Monday at 2 pm");
        assertThat(c.lastPrompt()).contains("Mallory Thief").doesNotContain("Grace");
        c.say("yes");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(query(withSms, "SELECT name FROM customer WHERE phone = '" + owner + "'")).isEqualTo("Grace Owner");
        assertThat(appointments(withSms, owner)).extracting(a -> a.get("start").asText())
                .contains("2025-10-13T14:00:00-06:00", "2025-10-24T09:00:00-06:00");
        // a brand-new number gets the spoken name
        String fresh = newPhone();
        call(withSms, newPhone()).say("I'm Nina Newton, my number is " + spoken(fresh), "Monday at 3 pm", "yes");
        assertThat(query(withSms, "SELECT name FROM customer WHERE phone = '" + fresh + "'")).isEqualTo("Nina Newton");
    }

    // ------------------------------------------------------------------------------------------------ no SMS

    @Test
    void withoutSmsACallbackToTheSpokenNumberIsOffered() throws Exception {
        String owner = newPhone();
        long id = seedAppointment(withoutSms, "Carl Back", owner, "2025-10-27T11:00:00-06:00");
        TwilioCaller c = call(withoutSms, newPhone()).say("I need to reschedule my appointment, my number is " + spoken(owner));
        assertThat(c.lastPrompt()).contains("only look up or change appointments for the number you're calling from")
                .contains("call you back at the number ending in " + CallerNumbers.lastDigits(owner));
        c.say("yes");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(query(withoutSms, "SELECT phone FROM callback_request WHERE call_sid = '" + c.callSid + "'")).isEqualTo(owner);
        assertThat(String.join(" ", c.heard)).doesNotContain("October 27th");
        assertThat(appointments(withoutSms, owner)).singleElement().satisfies(a -> {
            assertThat(a.get("id").asLong()).isEqualTo(id);
            assertThat(a.get("start").asText()).isEqualTo("2025-10-27T11:00:00-06:00");
        });
        assertThat(codesTo(owner)).isEmpty();
    }

    @Test
    void withoutSmsSayingNoGoesBackToTheCallersOwnNumber() throws Exception {
        String caller = newPhone();
        seedAppointment(withoutSms, "Sam Self", caller, "2025-10-28T13:00:00-06:00");
        TwilioCaller c = call(withoutSms, caller).say("when is my appointment, my number is " + spoken(newPhone()));
        assertThat(c.lastPrompt()).contains("For your privacy");
        c.say("no");
        assertThat(c.lastPrompt()).contains("anything else");
        c.say("when is my appointment?");
        assertThat(c.lastPrompt()).contains("Tuesday, October 28th at 1 PM");
    }

    static String wrong(String code) {
        StringBuilder w = new StringBuilder();
        for (char d : code.toCharArray()) {
            w.append((char) ('0' + (d - '0' + 1) % 10));
        }
        return w.toString();
    }

    // ------------------------------------------------------------------------------------------------ API helpers

    static long seedAppointment(BellaServer bella, String name, String phone, String start) throws Exception {
        String body = JSON.writeValueAsString(Map.of("name", name, "phone", phone, "start", start, "durationMinutes", 30));
        var r = bella.send(HttpRequest.newBuilder(bella.uri("/api/appointments")).header("X-API-Key", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    static String status(BellaServer bella, long appointmentId) throws Exception {
        return query(bella, "SELECT status FROM appointment WHERE id = " + appointmentId);
    }

    static String query(BellaServer bella, String sql) throws Exception {
        try (Connection c = bella.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<JsonNode> appointments(BellaServer bella, String phone) throws Exception {
        String body = bella.send(HttpRequest.newBuilder(bella.uri("/api/appointments?phone="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8))).header("X-API-Key", KEY).GET()).body();
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(body).forEach(out::add);
        return out;
    }

    /** The texts Twilio was asked to send to {@code phone}, oldest first. */
    static List<String> textsTo(String phone) {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)))) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : r.getBodyAsString().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            if (phone.equals(form.get("To"))) {
                out.add(form.get("Body"));
            }
        }
        return out;
    }

    /** The verification texts among them (a seeded booking gets its confirmation text too). */
    static List<String> codesTo(String phone) {
        return textsTo(phone).stream().filter(t -> t.contains("verification code")).toList();
    }

    static String codeTextedTo(String phone) {
        List<String> texts = codesTo(phone);
        assertThat(texts).as("a code was texted to " + phone).isNotEmpty();
        Matcher m = Pattern.compile("\\b(\\d{4,8})\\b").matcher(texts.get(texts.size() - 1));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
