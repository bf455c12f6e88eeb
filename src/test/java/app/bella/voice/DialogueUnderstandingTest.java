package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.PracticeData;
import app.bella.testing.TwilioCaller;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dialogue never books what the caller did not say: a day it cannot use is asked again naming what was heard, a
 * range of days keeps offers and bookings inside it, returning callers go straight to their business, and a caller
 * whose spoken number fails is offered the number they call from. Real server, signed webhooks; "now" is Wednesday
 * 2025-10-08 10:00 in America/Edmonton, open Monday to Friday 09:00-17:00.
 */
class DialogueUnderstandingTest {

    static final String TOKEN = "understanding-auth-token";
    static final String KEY = "test-admin-key-0123456789abcdef0123456789";
    static final AtomicInteger PHONES = new AtomicInteger(4000);
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        if (bella != null) {
            bella.close();
        }
    }

    static String newPhone() {
        return "+1587556" + PHONES.incrementAndGet();
    }

    static TwilioCaller call(String from) throws Exception {
        return new TwilioCaller(bella.baseUrl(), TOKEN, from).dial();
    }

    static String heard(TwilioCaller c) {
        return String.join(" ", c.heard);
    }

    // ------------------------------------------------------------------------------------------------ re-asks

    @Test
    void aPastDayIsAskedAgainNamingItAndNeverBookedAsToday() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Maria Lopez", "yesterday afternoon at 3");
        assertThat(c.lastPrompt()).contains("I heard yesterday").contains("which day would you like?")
                .doesNotContain("October 8th").doesNotContain("3 PM");
        c.say("yes");
        assertThat(appointments(phone)).isEmpty();
        c.say("tomorrow at 2 pm");
        assertThat(c.lastPrompt()).contains("Thursday, October 9th at 2 PM").contains("Is that correct?");
    }

    @Test
    void anImpossibleDateIsAskedAgainNamingIt() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm Omar Haddad, can I come in February 30th at 10 am?");
        assertThat(c.lastPrompt().toLowerCase()).contains("i heard february 30").contains("which day would you like?");
        assertThat(c.lastPrompt()).doesNotContain("October").doesNotContain("Is that correct?");
        c.say("yes");
        assertThat(appointments(phone)).isEmpty();
    }

    @Test
    void anUnknownHolidayIsAskedAgainNamingIt() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Priya Nair", "can I come in on Diwali at 2 pm");
        assertThat(c.lastPrompt()).containsIgnoringCase("I heard Diwali").contains("which day would you like?")
                .doesNotContain("October");
        c.say("yes");
        assertThat(appointments(phone)).isEmpty();
    }

    @Test
    void aPastDayAsACorrectionOfTheReadBackDropsTheTimeAndBooksNothing() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm Lena Fox, tomorrow at 2 pm please");
        assertThat(c.lastPrompt()).contains("Is that correct?");
        c.say("no, last Friday");
        assertThat(c.lastPrompt()).containsIgnoringCase("I heard last Friday").contains("which day would you like?");
        c.say("yes");
        assertThat(c.lastPrompt()).doesNotContain("all set");
        assertThat(appointments(phone)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ ranges

    @Test
    void nextWeekOffersAndBooksOnlyInsideNextWeek() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Nina Park", "I need an appointment next week");
        String offer = c.lastPrompt();
        assertThat(offer).contains("next week").contains("Monday, October 13th").contains("9 AM")
                .doesNotContain("today").doesNotContain("October 8th").doesNotContain("October 9th")
                .doesNotContain("4:30 PM");
        c.say("yes");
        assertThat(c.lastPrompt()).contains("You're all set");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-13T09:00:00-06:00");
    }

    @Test
    void tuesdayOrWednesdayNextWeekOffersOnlyThoseDays() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Omar Said", "maybe Tuesday or Wednesday next week");
        assertThat(c.lastPrompt()).contains("October 14th").doesNotContain("October 13th").doesNotContain("October 9th")
                .doesNotContain("today");
        c.say("the second one");
        assertThat(c.lastPrompt()).contains("Is that correct?");
        c.say("yes");
        assertThat(appointments(phone)).singleElement().satisfies(a ->
                assertThat(a.get("start").asText()).startsWith("2025-10-14T"));
    }

    @Test
    void aTimeWithinARangeTakesTheFirstDayInsideItWhereThatTimeIsFree() throws Exception {
        seedAppointment("Busy Body", newPhone(), "2025-10-14T14:00:00-06:00", 30);
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Ravi Shah", "Tuesday or Wednesday next week at 2 pm");
        assertThat(c.lastPrompt()).contains("Ravi Shah").contains("Wednesday, October 15th at 2 PM").contains("Is that correct?");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-15T14:00:00-06:00");
    }

    @Test
    void aRangeSaidFirstThenATimeStaysInsideTheRange() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Tara Gill", "next week");
        assertThat(c.lastPrompt()).contains("next week");
        c.say("at 4 pm");
        assertThat(c.lastPrompt()).contains("Monday, October 13th at 4 PM").contains("Is that correct?");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-13T16:00:00-06:00");
    }

    // ------------------------------------------------------------------------------------------------ returning callers

    @Test
    void aReturningCallerWithoutAnAppointmentGoesStraightToWhen() throws Exception {
        String phone = newPhone();
        seedCustomer("Ada Byron", phone, 45);
        TwilioCaller c = call(phone);
        assertThat(c.lastPrompt()).contains("Hi Ada").contains("When would you like to come in for your usual 45-minute appointment?")
                .doesNotContain("book a new appointment");
        c.say("Friday at 10 am");
        assertThat(c.lastPrompt()).contains("Ada Byron").contains("Friday, October 10th at 10 AM").contains("45 minutes");
        c.say("yes");
        assertThat(appointments(phone)).singleElement().satisfies(a -> {
            assertThat(a.get("start").asText()).isEqualTo("2025-10-10T10:00:00-06:00");
            assertThat(a.get("durationMinutes").asInt()).isEqualTo(45);
        });
    }

    @Test
    void aReturningCallerWithoutAnAppointmentWhoWantsToCancelIsToldThereIsNone() throws Exception {
        String phone = newPhone();
        seedCustomer("Bea Arthur", phone, 30);
        TwilioCaller c = call(phone).say("I want to cancel my appointment");
        assertThat(c.lastPrompt()).contains("can't find an upcoming appointment");
    }

    @Test
    void aReturningCallerWithAnAppointmentHearsItAndKeepsIt() throws Exception {
        String phone = newPhone();
        long id = seedAppointment("Cy Young", phone, "2025-10-16T11:00:00-06:00", 30);
        TwilioCaller c = call(phone);
        assertThat(c.lastPrompt()).contains("Hi Cy").contains("I see your appointment on Thursday, October 16th at 11 AM")
                .contains("Would you like to keep it, move it or cancel it?");
        c.say("keep it please");
        assertThat(c.lastPrompt()).contains("Thursday, October 16th at 11 AM").contains("anything else");
        c.say("no thanks");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).singleElement().satisfies(a -> {
            assertThat(a.get("id").asLong()).isEqualTo(id);
            assertThat(a.get("status").asText()).isEqualTo("booked");
        });
    }

    @Test
    void aReturningCallerWithAnAppointmentMovesItInOneAnswer() throws Exception {
        String phone = newPhone();
        long id = seedAppointment("Di Prince", phone, "2025-10-16T11:00:00-06:00", 30);
        TwilioCaller c = call(phone).say("can I move it to Monday at 3 pm");
        assertThat(c.lastPrompt()).contains("move your appointment").contains("Monday, October 13th at 3 PM");
        c.say("yes");
        assertThat(appointments(phone)).singleElement().satisfies(a -> {
            assertThat(a.get("id").asLong()).isEqualTo(id);
            assertThat(a.get("start").asText()).isEqualTo("2025-10-13T15:00:00-06:00");
        });
    }

    @Test
    void aReturningCallerWithAnAppointmentCancelsIt() throws Exception {
        String phone = newPhone();
        seedAppointment("Ed Wood", phone, "2025-10-17T09:00:00-06:00", 30);
        TwilioCaller c = call(phone).say("cancel it");
        assertThat(c.lastPrompt()).contains("Friday, October 17th at 9 AM").contains("Shall I cancel it?");
        c.say("yes");
        assertThat(appointments(phone)).singleElement().satisfies(a -> assertThat(a.get("status").asText()).isEqualTo("cancelled"));
    }

    // ------------------------------------------------------------------------------------------------ phones

    @Test
    void afterTwoFailedNumbersTheCallerIdIsOfferedBack() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm Fay Wray, tomorrow at 2 pm");
        assertThat(c.lastPrompt()).contains("Is that correct?");
        c.say("no", "the phone number");
        assertThat(c.lastPrompt()).contains("phone number");
        c.say("I don't remember it");
        assertThat(c.lastPrompt()).doesNotContain("calling from");
        c.say("hmm I'm not sure");
        assertThat(c.lastPrompt()).contains("Shall I use the number you're calling from, ending " + CallerNumbers.lastDigits(phone) + "?");
        c.say("yes");
        assertThat(c.lastPrompt()).contains("Fay Wray").contains("ending in " + CallerNumbers.lastDigits(phone)).contains("Is that correct?");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-09T14:00:00-06:00");
    }

    @Test
    void aCallerWhoseCallerIdIsNoValidNumberAndWhoSaysItIsNotAskedAgain() throws Exception {
        String from = "+15551234567"; // exchange 123: no valid North American number
        TwilioCaller c = call(from).say("Gus Grant");
        assertThat(c.lastPrompt()).contains("phone number");
        c.say("five five five one two three four five six seven");
        assertThat(c.lastPrompt()).contains("ending in 4 5 6 7").doesNotContain("didn't get a full phone number");
        c.say("tomorrow at 11 am");
        assertThat(c.lastPrompt()).contains("Gus Grant").contains("Is that correct?");
        c.say("yes");
        assertThat(appointments(from)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-09T11:00:00-06:00");
    }

    // ------------------------------------------------------------------------------------------------ read-back

    @Test
    void thePartOfTheNameTheCallerNamesIsThePartCorrected() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Neve Gallagher, October 28th at 9:30 am");
        assertThat(c.lastPrompt()).contains("Neve Gallagher").contains("Is that correct?");
        c.say("everything's right except the first name, it's spelled N I A M H");
        assertThat(c.lastPrompt()).contains("Niamh Gallagher").contains("Is that correct?");
        c.say("if that's the earliest then yes");
        assertThat(appointments(phone)).extracting(a -> a.get("name").asText() + " " + a.get("start").asText())
                .containsExactly("Niamh Gallagher 2025-10-28T09:30:00-06:00");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static List<JsonNode> appointments(String phone) throws Exception {
        return new PracticeData(bella, KEY).appointments(phone);
    }

    static long seedAppointment(String name, String phone, String start, int minutes) throws Exception {
        return new PracticeData(bella, KEY).appointment(name, phone, start, minutes);
    }

    static void seedCustomer(String name, String phone, int preferred) throws Exception {
        new PracticeData(bella, KEY).customer(name, phone, preferred);
    }

    // ------------------------------------------------------------------------------------------------ asides

    @Test
    void aCallerAskingForAPersonHearsWhatBellaCanDoAndIsHandedOverWhenTheyAskAgain() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("can you put me through to a person please");
        assertThat(c.lastPrompt()).contains("I can book, move or cancel an appointment")
                .contains("have our team call you back").endsWith("May I have your first and last name, please?");
        c.say("no, I really need to talk to someone");
        assertThat(c.lastPrompt()).contains("call you back at the number ending in " + CallerNumbers.lastDigits(phone));
        assertThat(c.ended).isEqualTo("hangup");
        try (var db = bella.jdbc(); var st = db.prepareStatement("SELECT phone FROM callback_request WHERE call_sid = ?")) {
            st.setString(1, c.callSid);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(phone);
            }
        }
    }

    @Test
    void aCallerWhoAsksForAPersonOnceCanStillBook() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("can I talk to a real person?", "oh okay, fine, Walter Nakamura",
                "Thursday the 16th at 10:30", "yes");
        assertThat(heard(c)).contains("You're all set");
        assertThat(appointments(phone)).singleElement()
                .satisfies(a -> assertThat(a.get("start").asText()).isEqualTo("2025-10-16T10:30:00-06:00"));
    }

    @Test
    void aQuestionAboutTheHoursIsAnsweredAndTheQuestionAskedAgain() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("What time do you close on Fridays?");
        assertThat(c.lastPrompt()).isEqualTo("We're open Monday to Friday, 9 AM to 5 PM. May I have your first and last name, please?");
        c.say("okay thanks, that's all I wanted. Bye.");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).isEmpty();
    }

    @Test
    void atTheReadBackATimeSaidAfterNotOrInsteadOfIsTheOneTakenBack() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm Jon Peterson, Thursday at 1 please");
        assertThat(c.lastPrompt()).contains("at 1 PM").contains("Is that correct?");
        c.say("no sorry, the time should be 2, not 1");
        assertThat(c.lastPrompt()).contains("at 2 PM").contains("Is that correct?");
        c.say("no, make it 3 instead of 2");
        assertThat(c.lastPrompt()).contains("at 3 PM").contains("Is that correct?");
        c.say("yes");
        assertThat(appointments(phone)).singleElement()
                .satisfies(a -> assertThat(a.get("start").asText()).isEqualTo("2025-10-09T15:00:00-06:00"));
    }
}
