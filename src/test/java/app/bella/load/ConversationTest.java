package app.bella.load;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.nlu.DateTimeParser;
import app.bella.nlu.ParseContext;
import app.bella.nlu.WhenPhrase;
import app.bella.voice.TwilioSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator's caller: it answers what Bella asks, signs every webhook like Twilio, and on the Whisper path
 * hands Bella a recording that the SaaS fakes serve and transcribe back to what the caller said (over real HTTP).
 */
class ConversationTest {

    static SaasFakes fakes;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fakes = new SaasFakes(0, 10, 0, 0, 0);
    }

    @AfterAll
    static void stop() {
        fakes.stop();
    }

    Conversation call(Conversation.Kind kind) {
        return new Conversation(kind, "+14165550123", "Grace Hopper", "tok", "https://bella.example.com", fakes.baseUrl(),
                Conversation.Settings.defaults());
    }

    @Test
    void signsTheCallStartLikeTwilioAndAnswersTheNameQuestion() {
        Conversation c = call(Conversation.Kind.NEW);
        Conversation.Step start = c.start();
        assertThat(start.pathAndQuery()).isEqualTo("/twilio/voice");
        assertThat(TwilioSignature.isValid("tok", "https://bella.example.com/twilio/voice", start.params(), start.signature())).isTrue();
        assertThat(TwilioSignature.isValid("other", "https://bella.example.com/twilio/voice", start.params(), start.signature())).isFalse();

        Conversation.Step turn = c.follow("<?xml version=\"1.0\"?><Response><Gather input=\"speech\" action=\"/twilio/voice/turn?n=1\">"
                + "<Say>Thank you for calling. May I have your first and last name, please?</Say></Gather></Response>");
        assertThat(turn.label()).isEqualTo("turn ask-name");
        assertThat(turn.pathAndQuery()).isEqualTo("/twilio/voice/turn?n=1");
        assertThat(turn.params()).containsEntry("SpeechResult", "my name is Grace Hopper").containsEntry("CallSid", c.callSid());
        assertThat(TwilioSignature.isValid("tok", "https://bella.example.com/twilio/voice/turn?n=1", turn.params(), turn.signature())).isTrue();
    }

    @Test
    void acceptsOffersConfirmsAndKnowsWhenTheCallSucceeded() {
        Conversation c = call(Conversation.Kind.CANCEL);
        c.start();
        Conversation.Step intent = c.follow("<Response><Gather input=\"speech\" action=\"/twilio/voice/turn?n=1\"><Say>Hi Grace, welcome back."
                + " Would you like to book a new appointment, or change or check an existing one?</Say></Gather></Response>");
        assertThat(intent.params().get("SpeechResult")).contains("cancel");
        Conversation.Step yes = c.follow("<Response><Gather input=\"speech dtmf\" action=\"/twilio/voice/turn?n=2\"><Say>I see your appointment"
                + " on Friday. Shall I cancel it?</Say></Gather></Response>");
        assertThat(yes.label()).isEqualTo("turn confirm-cancel");
        assertThat(yes.params()).containsEntry("SpeechResult", "yes");
        assertThat(c.follow("<Response><Say>Your appointment on Friday is cancelled. Goodbye!</Say><Hangup/></Response>")).isNull();
        assertThat(c.ended()).isEqualTo("hangup");
        assertThat(c.succeeded()).isTrue();

        Conversation other = call(Conversation.Kind.NEW);
        other.start();
        assertThat(other.follow("<Response><Say>Sorry, something went wrong.</Say><Hangup/></Response>")).isNull();
        assertThat(other.succeeded()).as("a hang-up without a booking is not a success").isFalse();
    }

    @Test
    void followsPausesAndRedirectsToThePoll() {
        Conversation c = call(Conversation.Kind.NEW);
        c.start();
        Conversation.Step poll = c.follow("<Response><Pause length=\"1\"/><Redirect method=\"POST\">/twilio/voice/poll?n=1&amp;t=1</Redirect></Response>");
        assertThat(poll.label()).isEqualTo("poll");
        assertThat(poll.pathAndQuery()).isEqualTo("/twilio/voice/poll?n=1&t=1");
        assertThat(poll.pauseMs()).isEqualTo(1000);
    }

    @Test
    void followsHoldsBackToTheSameRequestWithoutCountingThemAsALoop() {
        Conversation c = call(Conversation.Kind.NEW);
        c.start();
        Conversation.Step hold = null;
        for (int i = 1; i <= 60; i++) { // more than a call's request budget: holds are bounded by Bella, not counted
            hold = c.follow("<Response><Pause length=\"1\"/><Redirect method=\"POST\">/twilio/voice?hold=" + i + "</Redirect></Response>");
            assertThat(hold).as("hold " + i).isNotNull();
        }
        assertThat(hold.label()).isEqualTo("hold");
        assertThat(hold.pathAndQuery()).isEqualTo("/twilio/voice?hold=60");
        assertThat(hold.params()).containsEntry("CallSid", c.callSid());
        assertThat(c.ended()).isNull();
    }

    @Test
    void aRecordedAnswerIsServedAndTranscribedBackByTheFakes() throws Exception {
        Conversation c = call(Conversation.Kind.NEW);
        c.start();
        Conversation.Step recorded = c.follow("<Response><Say>May I have your first and last name, please?</Say>"
                + "<Record action=\"/twilio/voice/recorded?n=1\" maxLength=\"15\"/><Redirect>/twilio/voice/turn?n=1</Redirect></Response>");
        assertThat(recorded.label()).isEqualTo("recorded ask-name");
        String url = recorded.params().get("RecordingUrl");
        assertThat(url).startsWith(fakes.baseUrl() + "/2010-04-01/Accounts/");

        byte[] audio = http.send(HttpRequest.newBuilder(URI.create(url + ".wav")).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        String boundary = "b0undary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"recording.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + audio.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(audio, 0, body, head.length, audio.length);
        System.arraycopy(tail, 0, body, head.length + audio.length, tail.length);
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("{\"text\":\"my name is Grace Hopper\"}");
        assertThat(fakes.count("transcriptions")).isGreaterThanOrEqualTo(1);
        assertThat(new String(Base64.getUrlDecoder().decode(url.substring(url.lastIndexOf('-') + 1)))).isEqualTo("my name is Grace Hopper");
    }

    @Test
    void theSmsFakeCountsWhatItAcceptedAndFlagsDuplicates() throws Exception {
        String form = "To=%2B14165550123&From=%2B15875550100&Body=You%27re+booked";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl()
                            + "/2010-04-01/Accounts/" + Conversation.ACCOUNT_SID + "/Messages.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.body()).contains("\"sid\":\"SM");
        }
        String report = http.send(HttpRequest.newBuilder(URI.create(fakes.baseUrl() + "/__fake/sms")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(report).contains("\"duplicates\":1").contains("\"to\":\"+14165550123\"").contains("\"count\":2");
    }

    @Test
    void aCallerGreetedWithTheirAppointmentSaysWhatTheyCalledFor() {
        String greeting = "Hi Ada, welcome back. I see your appointment on Tuesday. Would you like to keep it, move it or cancel it?";
        assertThat(Conversation.question(greeting)).isEqualTo("keep-move-cancel");
        assertThat(call(Conversation.Kind.CANCEL).reply(greeting)).isEqualTo("cancel it");
        assertThat(call(Conversation.Kind.RESCHEDULE).reply(greeting)).isEqualTo("move it");
        assertThat(call(Conversation.Kind.RETURNING).reply(greeting)).isEqualTo("book another");
        assertThat(Conversation.question("Sorry, I didn't catch that. Would you like to keep your appointment, move it or cancel it?"))
                .isEqualTo("keep-move-cancel");
    }

    @Test
    void everyDayAndTimeTheCallerCanAskForIsOneBellaUnderstands() {
        ParseContext wednesday = ParseContext.of(ZonedDateTime.parse("2025-10-08T10:00:00-06:00"), ZoneId.of("America/Edmonton"));
        DateTimeParser parser = new DateTimeParser();
        LocalDate firstDay = LocalDate.parse("2025-10-09");
        List<String> misunderstood = new ArrayList<>();
        for (LocalDate day = firstDay; day.isBefore(firstDay.plusDays(365)); day = day.plusDays(1)) {
            for (LocalTime time = LocalTime.of(7, 0); time.isBefore(LocalTime.of(21, 0)); time = time.plusMinutes(30)) {
                String said = Conversation.whenPhrase(day, time, firstDay);
                WhenPhrase heard = parser.parse(said, wednesday);
                if (!day.equals(heard.date()) || !time.equals(heard.time())) {
                    misunderstood.add(said + " -> " + heard);
                }
            }
        }
        assertThat(misunderstood).isEmpty();
    }
}
