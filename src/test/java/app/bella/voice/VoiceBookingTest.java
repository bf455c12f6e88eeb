package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.testing.BellaServer;
import app.bella.testing.PracticeData;
import app.bella.testing.TwilioCaller;
import app.bella.testing.TwilioCaller.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Complete phone calls through the signed webhooks, against the real application on PostgreSQL. "Now" is frozen at
 * Wednesday 2025-10-08 10:00 in America/Edmonton; the practice opens Monday to Friday 09:00-17:00.
 */
class VoiceBookingTest {

    static final String TOKEN = "test-auth-token";
    static final String KEY = BellaServer.ADMIN_KEY;
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger PHONES = new AtomicInteger(1000);
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        bella = BellaServer.start(Map.of(
                "bella.clock", "2025-10-08T10:00:00-06:00",
                "bella.timezone", "America/Edmonton",
                "bella.twilio.auth-token", TOKEN,
                "bella.api.bootstrap-api-key", KEY,
                "bella.voice.transfer-number", "+15875550000"));
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
    }

    static String newPhone() {
        return "+1587555" + PHONES.incrementAndGet();
    }

    TwilioCaller call(String from) throws Exception {
        return new TwilioCaller(bella.baseUrl(), TOKEN, from).dial();
    }

    @Test
    void oneShotBooking() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm John Smith, can I come in tomorrow at 2 pm?");
        assertThat(c.lastPrompt()).contains("John Smith").contains("Thursday, October 9th at 2 PM").contains("Is that correct?");
        c.say("yes");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(c.lastPrompt()).contains("You're all set, John").contains("October 9th at 2 PM");
        List<JsonNode> appts = appointments(phone);
        assertThat(appts).hasSize(1);
        assertThat(appts.get(0).get("start").asText()).isEqualTo("2025-10-09T14:00:00-06:00");
        assertThat(appts.get(0).get("callSid").asText()).isEqualTo(c.callSid);
        assertThat(appts.get(0).get("name").asText()).isEqualTo("John Smith");
        assertThat(appts.get(0).get("status").asText()).isEqualTo("booked");
        assertThat(callState(c.callSid).get("outcome").asText()).isEqualTo("booked");
    }

    @Test
    void slotBySlotWithFillersAndSpokenNumberOverridingCallerId() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone);
        assertThat(c.lastPrompt()).contains("name");
        c.say("um hello dear, can you hear me");
        assertThat(c.lastPrompt()).contains("name");
        c.say("my name is Sarah Johnson");
        assertThat(c.lastPrompt()).contains("Sarah Johnson").containsIgnoringCase("day and time");
        c.say("my number is four one six five five five nine eight seven six");
        c.say("next Thursday at 10 AM if possible");
        assertThat(c.lastPrompt()).contains("Sarah Johnson").contains("October 16th at 10 AM").contains("9 8 7 6");
        c.say("yes that time works for me");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments("+14165559876")).singleElement()
                .satisfies(a -> assertThat(a.get("start").asText()).isEqualTo("2025-10-16T10:00:00-06:00"));
        assertThat(appointments(phone)).isEmpty();
    }

    @Test
    void noThenCorrectionIsReadBackAgainAndTheRejectedTimeNeverBooked() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("This is Jon Baker", "Friday at 11 am");
        assertThat(c.lastPrompt()).contains("October 10th at 11 AM");
        c.say("no, Thursday");
        assertThat(c.lastPrompt()).contains("Thursday, October 9th at 11 AM").contains("Is that correct?");
        c.say("actually make it 3");
        assertThat(c.lastPrompt()).contains("October 9th at 3 PM");
        c.say("no");
        assertThat(c.lastPrompt()).contains("What should I change");
        c.say("the time");
        c.say("half past two");
        assertThat(c.lastPrompt()).contains("October 9th at 2:30 PM");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-09T14:30:00-06:00");
    }

    @Test
    void busySlotOffersAlternativesAndAYesAcceptsTheOffer() throws Exception {
        seedAppointment("Busy Slot", newPhone(), "2025-10-09T10:00:00-06:00", 30);
        String phone = newPhone();
        TwilioCaller c = call(phone).say("I'm Ann Lee", "tomorrow at 10 am");
        assertThat(c.lastPrompt()).contains("already taken").contains("9:30 AM").contains("10:30 AM")
                .contains("Shall I book Ann Lee for");
        c.say("yes please");
        assertThat(c.ended).isEqualTo("hangup");
        List<JsonNode> appts = appointments(phone);
        assertThat(appts).hasSize(1);
        assertThat(appts.get(0).get("start").asText()).isIn("2025-10-09T09:30:00-06:00", "2025-10-09T10:30:00-06:00");
    }

    @Test
    void aTimeSaidAloneAfterTheWishedTimeWasTakenIsOnTheSameDay() throws Exception {
        seedAppointment("Busy Slot", newPhone(), "2025-10-20T14:00:00-06:00", 60);
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, Victor Alvarez here, a half-hour appointment on the 20th at 2 pm please");
        assertThat(c.lastPrompt()).contains("already taken");
        c.say("okay, then 3:30 please");
        assertThat(c.lastPrompt()).contains("Monday, October 20th at 3:30 PM");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-20T15:30:00-06:00");
    }

    @Test
    void theSameDayAfterATakenTimeIsTheDayAskedFor() throws Exception {
        seedAppointment("Busy Slot", newPhone(), "2025-10-30T10:00:00-06:00", 30);
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm Victor Huang, I'd like Thursday the 30th at 10 am");
        assertThat(c.lastPrompt()).contains("already taken");
        c.say("Hmm, then how about 11:30 the same day?");
        assertThat(c.lastPrompt()).contains("Thursday, October 30th at 11:30 AM");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-30T11:30:00-06:00");
    }

    @Test
    void anHourLongVisitThatRunsPastClosingMovesWithinThatDay() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Sofia Marino here, I'd like an hour-long appointment on Friday at 4:45");
        assertThat(c.lastPrompt()).contains("not open");
        c.say("oh right, you close at 5. Then 3:30 that day");
        assertThat(c.lastPrompt()).contains("Friday, October 10th at 3:30 PM");
        c.say("yes");
        assertThat(appointments(phone)).singleElement().satisfies(a -> {
            assertThat(a.get("start").asText()).isEqualTo("2025-10-10T15:30:00-06:00");
            assertThat(a.get("durationMinutes").asInt()).isEqualTo(60);
        });
    }

    @Test
    void aTimeSetAgainstTheReadBackOneReplacesIt() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("my name is Ethan Clarke, a 30 minute appointment on the 21st at 2");
        assertThat(c.lastPrompt()).contains("October 21st at 2 PM");
        c.say("No, 3, not 2.");
        assertThat(c.lastPrompt()).contains("October 21st at 3 PM");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-21T15:00:00-06:00");
    }

    @Test
    void aNumberSaidOverTwoAnswersIsPutTogether() throws Exception {
        TwilioCaller c = call("").say("Hello, this is Peter Novak, I need an appointment on the 28th at 10 in the morning");
        assertThat(c.lastPrompt()).contains("phone number");
        c.say("My number's 403, 555");
        assertThat(c.lastPrompt()).contains("didn't get a full phone number");
        c.say("0192.");
        assertThat(c.lastPrompt()).contains("ending in 0 1 9 2").contains("October 28th at 10 AM");
        c.say("yes");
        assertThat(appointments("+14035550192")).extracting(a -> a.get("start").asText())
                .containsExactly("2025-10-28T10:00:00-06:00");
    }

    @Test
    void theEarliestYouHaveOffersTheFirstFreeTimes() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, my name is Olivia Martin, what's the earliest you can see me?");
        assertThat(c.lastPrompt()).contains("The first free times I have are").contains("Shall I book Olivia Martin for");
        c.say("yes");
        assertThat(appointments(phone)).singleElement()
                .satisfies(a -> assertThat(a.get("start").asText()).matches("2025-10-0[89]T.*")); // today or tomorrow
    }

    @Test
    void oneSlotCorrectedAtTheReadBackIsReadBackAgain() throws Exception {
        TwilioCaller c = call("").say("Hi, my name is John Smith, my number is 780 555 0143, and I'd like the 29th at 11 a.m.");
        assertThat(c.lastPrompt()).contains("John Smith").contains("ending in 0 1 4 3");
        c.say("Everything's right except the last name - it's spelled with a Y: S M Y T H, Smyth.");
        assertThat(c.lastPrompt()).contains("John Smyth").contains("October 29th at 11 AM");
        c.say("and my number ends in 0199, not 0143");
        assertThat(c.lastPrompt()).contains("John Smyth").contains("ending in 0 1 9 9");
        c.say("yes");
        assertThat(appointments("+17805550199")).singleElement().satisfies(a -> {
            assertThat(a.get("name").asText()).isEqualTo("John Smyth");
            assertThat(a.get("start").asText()).isEqualTo("2025-10-29T11:00:00-06:00");
        });
    }

    @Test
    void aNamePartSpelledAtTheReadBackReplacesThePartItResembles() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Mark Peterson here, I'd like Monday November 3rd at 10 am");
        assertThat(c.lastPrompt()).contains("Mark Peterson");
        c.say("Almost, but my last name is Petersen, P-E-T-E-R-S-E-N.");
        assertThat(c.lastPrompt()).contains("Mark Petersen").contains("November 3rd at 10 AM");
        c.say("No, my first name is spelled M-A-R-C, Marc, not Mark.");
        assertThat(c.lastPrompt()).contains("Marc Petersen");
        c.say("Yes, that's all correct now.");
        assertThat(appointments(phone)).singleElement()
                .satisfies(a -> assertThat(a.get("name").asText()).isEqualTo("Marc Petersen"));
    }

    @Test
    void outOfHoursRequestIsNeverBookedAndAnotherTimeCanBeChosen() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Monday at 6 AM");
        assertThat(c.lastPrompt()).contains("not open").contains("9 AM");
        assertThat(callState(c.callSid).get("slots").get("start").isNull()).isTrue();
        c.say("9:30 works", "Mia Wong");
        assertThat(c.lastPrompt()).contains("Mia Wong").contains("Monday, October 13th at 9:30 AM");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-13T09:30:00-06:00");
    }

    @Test
    void returningCallerIsGreetedByNameAndReschedulesInPlace() throws Exception {
        String phone = newPhone();
        seedCustomer("Grace Hopper", phone, 45);
        long id = seedAppointment("Grace Hopper", phone, "2025-10-10T11:00:00-06:00", 45);
        TwilioCaller c = call(phone);
        assertThat(c.lastPrompt()).contains("Hi Grace").contains("I see your appointment on Friday, October 10th at 11 AM")
                .contains("keep it, move it or cancel it?");
        c.say("I need to reschedule my appointment");
        assertThat(c.lastPrompt()).contains("What day and time would you like to move it to?");
        c.say("Monday at 3 pm");
        assertThat(c.lastPrompt()).contains("move your appointment").contains("Monday, October 13th at 3 PM");
        c.say("yes");
        List<JsonNode> appts = appointments(phone);
        assertThat(appts).hasSize(1);
        assertThat(appts.get(0).get("id").asLong()).as("moved in place").isEqualTo(id);
        assertThat(appts.get(0).get("start").asText()).isEqualTo("2025-10-13T15:00:00-06:00");
        assertThat(appts.get(0).get("durationMinutes").asInt()).isEqualTo(45);
    }

    @Test
    void returningCallerAsksWhenAndCancels() throws Exception {
        String phone = newPhone();
        seedAppointment("Alan Turing", phone, "2025-10-14T09:00:00-06:00", 30);
        TwilioCaller c = call(phone).say("when is my appointment?");
        assertThat(c.lastPrompt()).contains("Tuesday, October 14th at 9 AM");
        c.say("I'd like to cancel it");
        assertThat(c.lastPrompt()).contains("Shall I cancel it?");
        c.say("yes");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).singleElement().satisfies(a -> assertThat(a.get("status").asText()).isEqualTo("cancelled"));
    }

    @Test
    void askingToCancelInTheAnswerToShallICancelItCancels() throws Exception {
        String phone = newPhone();
        seedAppointment("Raj Gill", phone, "2025-10-23T10:00:00-06:00", 30);
        TwilioCaller c = call(phone).say("I need to cancel my appointment");
        assertThat(c.lastPrompt()).contains("Shall I cancel it?");
        c.say("Yes, please cancel it.");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).singleElement().satisfies(a -> assertThat(a.get("status").asText()).isEqualTo("cancelled"));

        String other = newPhone();
        seedAppointment("Ann Gill", other, "2025-10-23T11:00:00-06:00", 30);
        TwilioCaller kept = call(other).say("I need to cancel my appointment");
        kept.say("no, don't cancel it");
        assertThat(kept.lastPrompt()).contains("left your appointment as it is");
        assertThat(appointments(other)).singleElement().satisfies(a -> assertThat(a.get("status").asText()).isEqualTo("booked"));
    }

    @Test
    void aCallerWhoMovesInsteadOfCancellingKeepsTheAppointmentAtTheNewTime() throws Exception {
        String phone = newPhone();
        seedAppointment("Derek Holm", phone, "2025-10-31T14:00:00-06:00", 30);
        TwilioCaller c = call(phone).say("I need to cancel my appointment on the 31st");
        assertThat(c.lastPrompt()).contains("Shall I cancel it?");
        c.say("Actually, hold on, instead of cancelling could I move it to Monday the 27th at 2 pm?");
        assertThat(c.lastPrompt()).contains("Monday, October 27th at 2 PM").doesNotContain("cancelled");
        c.say("yes please");
        assertThat(bookedStarts(phone)).containsExactly("2025-10-27T14:00:00-06:00");
    }

    @Test
    void anotherDaySaidWithInsteadMovesTheAppointmentThere() throws Exception {
        String phone = newPhone();
        seedAppointment("Dale Spencer", phone, "2025-11-17T13:30:00-07:00", 30);
        TwilioCaller c = call(phone);
        assertThat(c.lastPrompt()).contains("keep it, move it or cancel it");
        c.say("can we do the 21st instead, at 1:30");
        assertThat(c.lastPrompt()).contains("to Tuesday, October 21st at 1:30 PM").contains("Is that right?");
        c.say("yes");
        assertThat(bookedStarts(phone)).containsExactly("2025-10-21T13:30:00-06:00");
    }

    @Test
    void bumpingItAWeekMovesItToTheSameTimeAWeekOn() throws Exception {
        String phone = newPhone();
        seedAppointment("Nadia Haddad", phone, "2025-11-13T11:30:00-07:00", 30);
        TwilioCaller c = call(phone).say("I've got an appointment on Thursday the 13th at 11:30 and I need to bump it a week");
        assertThat(c.lastPrompt()).contains("Thursday, November 20th at 11:30 AM").contains("Is that right?");
        c.say("yes");
        assertThat(bookedStarts(phone)).containsExactly("2025-11-20T11:30:00-07:00");
    }

    @Test
    void aYesBeforeTheNameIsNoChoiceOfTheTimesOffered() throws Exception {
        TwilioCaller c = call(newPhone()).say("I was wondering whether I might see the doctor on Monday the 10th in the afternoon");
        assertThat(c.lastPrompt()).contains("Which time would you like?");
        c.say("Oh, yes, my name is Agnes Thornbury");
        assertThat(c.lastPrompt()).contains("Agnes Thornbury").doesNotContain("first and last name");
    }

    @Test
    void theWeekdayOfTodayNamesNextWeeksAppointmentWhenThereIsNoneToday() throws Exception {
        String phone = newPhone();
        seedAppointment("Kevin Doyle", phone, "2025-10-10T14:30:00-06:00", 30);
        seedAppointment("Kevin Doyle", phone, "2025-10-15T16:00:00-06:00", 30);
        TwilioCaller c = call(phone); // on Wednesday, October 8th
        assertThat(c.lastPrompt()).contains("Friday, October 10th");
        c.say("I need to cancel my Wednesday appointment, something came up at work.");
        assertThat(c.lastPrompt()).contains("Wednesday, October 15th at 4 PM").contains("Shall I cancel it?");
        c.say("yes");
        assertThat(bookedStarts(phone)).containsExactly("2025-10-10T14:30:00-06:00");
    }

    @Test
    void aYesThatSaysTheTimeReadBackAgainBooksIt() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, I'm Ines Garcia, I'd like Monday the 27th at 10 am");
        assertThat(c.lastPrompt()).contains("Monday, October 27th at 10 AM").contains("Is that correct?");
        c.say("Yes, Monday the 27th at 10, that's right.");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-27T10:00:00-06:00");
    }

    @Test
    void aCallerWhoAsksWhenHearsEveryComingAppointmentAndCanSayGoodbye() throws Exception {
        String phone = newPhone();
        seedCustomer("Martin Gagnon", phone, 30);
        seedAppointment("Martin Gagnon", phone, "2025-10-24T09:30:00-06:00", 30);
        seedAppointment("Martin Gagnon", phone, "2025-11-05T15:00:00-07:00", 30);
        TwilioCaller c = call(phone).say("Can you remind me when my appointments are? I think I have two.");
        assertThat(c.lastPrompt()).contains("You have 2 appointments coming up")
                .contains("Friday, October 24th at 9:30 AM").contains("Wednesday, November 5th at 3 PM");
        c.say("Great, thank you, that's everything. Goodbye.");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).extracting(a -> a.get("status").asText()).containsOnly("booked");
    }

    @Test
    void anHourLaterMovesTheAppointmentByAnHour() throws Exception {
        String phone = newPhone();
        seedCustomer("Aisha Okafor", phone, 30);
        seedAppointment("Aisha Okafor", phone, "2025-10-24T13:00:00-06:00", 30);
        TwilioCaller c = call(phone).say("I've got an appointment on the 24th at one, could you push it an hour later?");
        assertThat(c.lastPrompt()).contains("from Friday, October 24th at 1 PM to Friday, October 24th at 2 PM");
        c.say("yes please");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-24T14:00:00-06:00");
    }

    /** Which of two appointments is meant: by the week it is in, or by its place ("the later one", "the first one"). */
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            I've got two appointments and I need to cancel the one next week, the other one's fine | 2025-10-09T11:30 | 2025-10-15T11:30 | 1 | Wednesday, October 15th at 11:30 AM
            I've got two appointments booked and I need to cancel the later one                  | 2025-10-15T09:00 | 2025-10-22T15:30 | 1 | Wednesday, October 22nd at 3:30 PM
            cancel the first one please                                                          | 2025-10-16T15:30 | 2025-10-23T15:30 | 0 | Thursday, October 16th at 3:30 PM
            I need to cancel the one on Friday                                                   | 2025-10-09T12:00 | 2025-10-24T12:00 | 1 | Friday, October 24th at noon
            """)
    void aCallerWithTwoAppointmentsCancelsTheOneTheyName(String said, String first, String second, int cancelled,
                                                         String heard) throws Exception {
        String phone = newPhone();
        seedCustomer("Helen Park", phone, 30);
        List<Long> ids = List.of(seedAppointment("Helen Park", phone, first + ":00-06:00", 30),
                seedAppointment("Helen Park", phone, second + ":00-06:00", 30));
        TwilioCaller c = call(phone).say(said);
        assertThat(c.lastPrompt()).contains(heard).contains("Shall I cancel it?");
        c.say("yes");
        assertThat(statuses(phone))
                .containsExactlyInAnyOrder(ids.get(cancelled) + " cancelled", ids.get(1 - cancelled) + " booked");
    }

    @Test
    void aCallerWithTwoAppointmentsCancelsTheOneOnTheDayTheyName() throws Exception {
        String phone = newPhone();
        seedCustomer("Gary Whitfield", phone, 30);
        long tomorrow = seedAppointment("Gary Whitfield", phone, "2025-10-09T16:30:00-06:00", 30);
        long twelfth = seedAppointment("Gary Whitfield", phone, "2025-11-12T15:00:00-07:00", 30);
        TwilioCaller c = call(phone);
        assertThat(c.lastPrompt()).as("the next one, said without an 'on' before 'tomorrow'")
                .contains("I see your appointment tomorrow, Thursday, October 9th at 4:30 PM");
        c.say("hi, I'd like to cancel my appointment on November 12th");
        assertThat(c.lastPrompt()).contains("Wednesday, November 12th at 3 PM").contains("Shall I cancel it?");
        c.say("yes");
        assertThat(statuses(phone)).containsExactlyInAnyOrder(twelfth + " cancelled", tomorrow + " booked");
    }

    @Test
    void aCallerWithTwoAppointmentsMovesTheOneTheyNameByItsDay() throws Exception {
        String phone = newPhone();
        seedCustomer("Priya Raman", phone, 30);
        long first = seedAppointment("Priya Raman", phone, "2025-11-18T09:30:00-07:00", 30);
        long named = seedAppointment("Priya Raman", phone, "2025-11-19T11:00:00-07:00", 30);
        TwilioCaller c = call(phone).say("could you move my appointment on the 19th of November to November 20th at 2 pm");
        assertThat(c.lastPrompt()).contains("Thursday, November 20th at 2 PM");
        c.say("yes");
        assertThat(idsAndStarts(phone))
                .containsExactlyInAnyOrder(first + " 2025-11-18T09:30:00-07:00", named + " 2025-11-20T14:00:00-07:00");
    }

    @Test
    void aCallerWithSeveralAppointmentsCancelsThemAllWithOneYes() throws Exception {
        String phone = newPhone();
        seedCustomer("Nadia Petrova", phone, 30);
        long first = seedAppointment("Nadia Petrova", phone, "2025-10-29T16:00:00-06:00", 30);
        long second = seedAppointment("Nadia Petrova", phone, "2025-11-05T16:00:00-07:00", 30);
        TwilioCaller c = call(phone).say("we're moving away, so I need to cancel both of my appointments");
        assertThat(c.lastPrompt()).contains("You have two appointments").contains("Wednesday, October 29th at 4 PM")
                .contains("Wednesday, November 5th at 4 PM").contains("Shall I cancel both?");
        c.say("yes please");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(c.lastPrompt()).contains("are cancelled");
        assertThat(statuses(phone)).containsExactlyInAnyOrder(first + " cancelled", second + " cancelled");
        assertThat(callState(c.callSid).get("outcome").asText()).isEqualTo("cancelled");

        String other = newPhone();
        seedCustomer("Tomas Reyes", other, 30);
        seedAppointment("Tomas Reyes", other, "2025-11-18T15:00:00-07:00", 30);
        seedAppointment("Tomas Reyes", other, "2025-11-25T15:00:00-07:00", 30);
        seedAppointment("Tomas Reyes", other, "2025-12-02T15:00:00-07:00", 30);
        TwilioCaller d = call(other).say("cancel all three of them");
        assertThat(d.lastPrompt()).contains("You have three appointments").contains("Shall I cancel all three?");
        d.say("no, actually leave them");
        assertThat(d.lastPrompt()).contains("left your appointments as they are");
        assertThat(bookedStarts(other)).hasSize(3);
    }

    @Test
    void aYesThatNamesBothCancelsBothAndOneAppointmentIsJustCancelled() throws Exception {
        String phone = customerHolding("Greta Lindqvist", "2025-11-19T10:00:00-07:00", "2025-11-20T10:00:00-07:00");
        TwilioCaller c = call(phone).say("cancel it");
        assertThat(c.lastPrompt()).contains("Shall I cancel it?");
        c.say("yes, and cancel the other one too, cancel both of them");
        assertThat(c.lastPrompt()).contains("Your appointments").contains("are cancelled");
        assertThat(bookedStarts(phone)).isEmpty();

        String single = newPhone();
        seedCustomer("Ravi Menon", single, 30);
        long only = seedAppointment("Ravi Menon", single, "2025-11-21T15:30:00-07:00", 30);
        TwilioCaller d = call(single).say("please cancel all my appointments");
        assertThat(d.lastPrompt()).contains("Friday, November 21st at 3:30 PM").contains("Shall I cancel it?");
        d.say("yes");
        assertThat(statuses(single)).containsExactly(only + " cancelled");
    }

    /** A move said against the appointment: only a time or a part of the day keeps its day; a span shifts it. */
    @ParameterizedTest(name = "[{index}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            2025-12-17T09:30:00-07:00 | I'd like to push it to the afternoon, say 3                                | Wednesday, December 17th at 3 PM | 2025-12-17T15:00:00-07:00
            2025-10-30T13:00:00-06:00 | my appointment on the 30th, could you make it an hour later? Same day.     | Thursday, October 30th at 2 PM | 2025-10-30T14:00:00-06:00
            2025-10-17T11:00:00-06:00 | could I come in half an hour earlier for my appointment on the seventeenth? | Friday, October 17th at 10:30 AM | 2025-10-17T10:30:00-06:00
            """)
    void aMoveSaidAgainstTheAppointment(String booked, String said, String heard, String movedTo) throws Exception {
        String phone = newPhone();
        seedCustomer("Helen Kowalski", phone, 30);
        long id = seedAppointment("Helen Kowalski", phone, booked, 30);
        TwilioCaller c = call(phone).say(said);
        assertThat(c.lastPrompt()).contains("to " + heard);
        c.say("yes please");
        assertThat(idsAndStarts(phone)).containsExactly(id + " " + movedTo);
    }

    @Test
    void theDayThatNamesTheAppointmentIsNotWhereItGoes() throws Exception {
        String phone = customerHolding("Darnell Brooks", "2025-11-24T15:00:00-07:00", "2025-11-25T10:00:00-07:00");
        TwilioCaller c = call(phone).say("I need to move my appointment on November 25th");
        assertThat(c.lastPrompt()).contains("What day and time would you like to move it to?");
        c.say("November 26th at 9:30 am");
        assertThat(c.lastPrompt()).contains("Wednesday, November 26th at 9:30 AM");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText())
                .containsExactlyInAnyOrder("2025-11-24T15:00:00-07:00", "2025-11-26T09:30:00-07:00");
    }

    @Test
    void aDayNamedByWeekdayAndDateFindsThatAppointment() throws Exception {
        String phone = newPhone();
        seedAppointment("Ada Byron", phone, "2025-11-05T11:00:00-07:00", 30);
        seedAppointment("Ada Byron", phone, "2025-11-14T09:30:00-07:00", 30);
        TwilioCaller c = call(phone).say("I want to cancel my appointment on Friday the 14th of November");
        assertThat(c.lastPrompt()).contains("Friday, November 14th at 9:30 AM").contains("Shall I cancel it?");
        c.say("yes");
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText() + " " + a.get("status").asText())
                .containsExactlyInAnyOrder("2025-11-05T11:00:00-07:00 booked", "2025-11-14T09:30:00-07:00 cancelled");
    }

    @Test
    void aDayWithoutATimeGetsTheFreeTimesThatDayOffered() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Zoe Quinn", "next Wednesday afternoon");
        assertThat(c.lastPrompt()).contains("Wednesday afternoon, October 15th").contains("noon").contains("12:30 PM")
                .contains("1 PM");
        c.say("the second one");
        assertThat(c.lastPrompt()).contains("Zoe Quinn").contains("October 15th at 12:30 PM").contains("Is that correct?");
        c.answer(Answer.press("1"));
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-15T12:30:00-06:00");
    }

    @Test
    void aClosedDayGetsTimesBeforeAndAfterAndTheOfferSurvivesGivingAName() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Saturday the 18th at 10 am");
        assertThat(c.lastPrompt()).contains("not open").contains("Friday, October 17th").contains("9 AM on Monday, October 20th");
        c.say("Donna Noble");
        assertThat(c.lastPrompt()).contains("Thank you, Donna Noble").contains("Shall I book Donna Noble for Friday, October 17th");
        c.say("yes");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).singleElement()
                .satisfies(a -> assertThat(a.get("start").asText()).startsWith("2025-10-17T16:"));
    }

    @Test
    void aCallerWhoGivesUpIsLetGoPolitely() throws Exception {
        TwilioCaller c = call(newPhone()).say("Kate Bush", "never mind, I'll call back later");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(c.lastPrompt()).contains("Goodbye");
        assertThat(callState(c.callSid).get("outcome").asText()).isEqualTo("abandoned");
    }

    @Test
    void aPartingSaidLastEndsTheCallUnlessTheCallerAgreed() throws Exception {
        seedAppointment("Busy Slot", newPhone(), "2025-10-22T14:00:00-06:00", 60);
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Hi, this is Ana Lopez, can I get the 22nd at 2 pm?");
        assertThat(c.lastPrompt()).contains("already taken");
        c.say("No, 2 o'clock is the only time I can make it. I'll call back another day. Bye.");
        assertThat(c.ended).isEqualTo("hangup");
        assertThat(appointments(phone)).isEmpty();

        String other = newPhone();
        TwilioCaller agreed = call(other).say("Hi, this is Ben Ortiz, the 22nd at 11 am please");
        assertThat(agreed.lastPrompt()).contains("October 22nd at 11 AM");
        agreed.say("yes that's great, thanks, bye");
        assertThat(appointments(other)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-22T11:00:00-06:00");
    }

    @Test
    void silenceMovesToTheKeypadThenToAPerson() throws Exception {
        TwilioCaller c = call(newPhone()).say("Ben Ito", "Tuesday at 11 am");
        assertThat(c.lastPrompt()).contains("Is that correct?");
        c.answer(Answer.silence());
        assertThat(c.lastPrompt()).contains("didn't hear").contains("say yes or no");
        c.answer(Answer.silence());
        assertThat(c.lastPrompt()).contains("Press 1 for yes");
        assertThat(c.gatherInput()).contains("dtmf");
        c.answer(Answer.silence());
        c.answer(Answer.silence());
        assertThat(c.ended).isEqualTo("dial +15875550000");
        assertThat(callState(c.callSid).get("outcome").asText()).isEqualTo("transferred");
    }

    @Test
    void keypadAnswersWork() throws Exception {
        String phone = newPhone();
        TwilioCaller c = new TwilioCaller(bella.baseUrl(), TOKEN, "anonymous").dial();
        c.say("Kim Park", "uh", "hmm");
        assertThat(c.lastPrompt()).contains("keypad");
        c.answer(Answer.press(phone.substring(2)));
        c.say("Friday at 1 pm");
        c.answer(Answer.press("1"));
        assertThat(appointments(phone)).extracting(a -> a.get("start").asText()).containsExactly("2025-10-10T13:00:00-06:00");
    }

    @Test
    void replayedWebhookReturnsTheSameTwimlAndBooksOnce() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Eve Adams", "tomorrow at 4 pm");
        String action = c.currentAction();
        c.say("yes");
        String first = c.last.body();
        TwilioCaller.Exchange again = c.replay(action, Map.of("SpeechResult", "yes", "Confidence", "0.91"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first);
        assertThat(appointments(phone)).hasSize(1);
    }

    @Test
    void eachSpokenAnswerIsBilledOnceInItsTurnAndAKeypadAnswerIsFree() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Eve Adams", "Thursday at 9 am"); // a time no other test of the class books
        String action = c.currentAction();
        c.answer(Answer.press("1"));
        assertThat(appointments(phone)).as("the keypad's 1 confirmed the booking").hasSize(1);
        c.replay(action, Map.of("Digits", "1"));
        TwilioCaller again = call(newPhone());
        String first = again.currentAction();
        again.say("Ann Lee");
        again.replay(first, Map.of("SpeechResult", "Ann Lee", "Confidence", "0.91"));

        assertThat(speechCosts(c.callSid)).as("turns 1 and 2 spoken, turn 3 pressed").containsExactly("1:1", "2:1");
        assertThat(speechCosts(again.callSid)).as("Twilio's retry of turn 1 is not billed again").containsExactly("1:1");
        try (Connection conn = bella.jdbc(); Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM outbox_event WHERE type = 'cost.incurred' AND event_key = '" + again.callSid + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("one cost.incurred event with the entry").isEqualTo(1);
        }
    }

    @Test
    void aCallsEventsFollowItsTurnsAndTheLastTurnEndsIt() throws Exception {
        String phone = newPhone();
        TwilioCaller c = call(phone).say("Eve Adams", "Thursday at 2 pm", "yes"); // a time no other test books
        assertThat(c.ended).isEqualTo("hangup");
        List<String> events = new java.util.ArrayList<>();
        try (Connection conn = bella.jdbc(); java.sql.PreparedStatement ps = conn.prepareStatement(
                "SELECT type, coalesce(payload -> 'payload' ->> 'turn', '-') FROM outbox_event"
                        + " WHERE event_key = ? AND type LIKE 'call.%' ORDER BY id")) {
            ps.setString(1, c.callSid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        assertThat(events).containsExactly("call.started -", "call.turn 1", "call.turn 2", "call.turn 3", "call.ended -");
    }

    /** The speech entries of a call as "turn:blocks", from each entry's once-only reference. */
    static List<String> speechCosts(String callSid) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection conn = bella.jdbc(); java.sql.PreparedStatement ps = conn.prepareStatement(
                "SELECT split_part(ref, ':', 3) || ':' || quantity::int FROM cost_entry"
                        + " WHERE call_sid = ? AND item = 'speech' ORDER BY created_at, id")) {
            ps.setString(1, callSid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void forgedSignatureIs403AndChangesNothing() throws Exception {
        TwilioCaller forged = new TwilioCaller(bella.baseUrl(), "wrong-token", newPhone());
        forged.dial();
        assertThat(forged.last.status()).isEqualTo(403);
        TwilioCaller unsigned = new TwilioCaller(bella.baseUrl(), TOKEN, newPhone());
        assertThat(unsigned.post("/twilio/voice", Map.of(), false).status()).isEqualTo(403);
        assertThat(bella.get("/api/calls/" + forged.callSid).statusCode()).isIn(401, 404);
        try (Connection conn = bella.jdbc(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM call_session WHERE call_sid IN ('" + forged.callSid + "','"
                     + unsigned.callSid + "')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void twimlIsWellFormedAndEscapesWhatTheCallerSaid() throws Exception {
        TwilioCaller c = call(newPhone()).say("my name is Mary-Jane O'Brien");
        assertThat(c.last.contentType()).startsWith("text/xml");
        assertThat(c.last.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        assertThat(c.last.body()).contains("O&apos;Brien");
        assertThat(c.lastPrompt()).contains("Mary-Jane O'Brien");
    }

    @Test
    void endlessConfusionEndsWithACallbackNotALoop() throws Exception {
        TwilioCaller c = call(newPhone());
        for (int i = 0; i < 20 && c.ended == null; i++) {
            c.say("unclear response " + i);
        }
        assertThat(c.ended).as("ends by itself: a person (transfer number set here) or a callback").isEqualTo("dial +15875550000");
        assertThat(c.heard.size()).isLessThan(10);
    }

    // ------------------------------------------------------------------------------------------------ API helpers

    static JsonNode callState(String callSid) throws Exception {
        return JSON.readTree(bella.send(HttpRequest.newBuilder(bella.uri("/api/calls/" + callSid)).header("X-API-Key", KEY).GET()).body());
    }

    static List<JsonNode> appointments(String phone) throws Exception {
        return new PracticeData(bella, KEY).appointments(phone);
    }

    /** A new known caller (30 minutes usually) holding 30-minute appointments at {@code starts}; their number. */
    static String customerHolding(String name, String... starts) throws Exception {
        String phone = newPhone();
        seedCustomer(name, phone, 30);
        for (String start : starts) {
            seedAppointment(name, phone, start, 30);
        }
        return phone;
    }

    /** "id status" of each of the caller's appointments. */
    static List<String> statuses(String phone) throws Exception {
        return appointments(phone).stream().map(a -> a.get("id").asLong() + " " + a.get("status").asText()).toList();
    }

    /** "id start" of each of the caller's appointments. */
    static List<String> idsAndStarts(String phone) throws Exception {
        return appointments(phone).stream().map(a -> a.get("id").asLong() + " " + a.get("start").asText()).toList();
    }

    /** The starts of the caller's appointments still booked (a cancelled one is left out). */
    static List<String> bookedStarts(String phone) throws Exception {
        return appointments(phone).stream().filter(a -> a.get("status").asText().equals("booked"))
                .map(a -> a.get("start").asText()).toList();
    }

    static long seedAppointment(String name, String phone, String start, int minutes) throws Exception {
        return new PracticeData(bella, KEY).appointment(name, phone, start, minutes);
    }

    static void seedCustomer(String name, String phone, int preferred) throws Exception {
        new PracticeData(bella, KEY).customer(name, phone, preferred);
    }
}
