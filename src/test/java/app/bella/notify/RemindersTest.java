package app.bella.notify;

import static app.bella.notify.CustomerSms.book;
import static app.bella.notify.CustomerSms.clock;
import static app.bella.notify.CustomerSms.newPhone;
import static app.bella.notify.CustomerSms.rows;
import static app.bella.notify.CustomerSms.textsTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end on the application clock, which the tests move ({@code bella.clock} binds a settable clock).
 * America/Edmonton falls back from MDT (-06:00) to MST (-07:00) at 02:00 on Sunday 2025-11-02.
 */
class RemindersTest {

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static Map<String, String> settings;
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        CustomerSms.twilioAccepts(twilio);
        settings = CustomerSms.settings(twilio, "2025-10-30T10:00:00-06:00");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    static void now(BellaServer server, String offsetDateTime) {
        clock(server).set(OffsetDateTime.parse(offsetDateTime).toInstant());
    }

    static List<String> awaitTexts(String phone, int n) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(twilio, phone), texts -> texts.size() >= n);
    }

    /** One pass of the dispatcher, as the timer route does it: whatever is due now is settled when it returns. */
    static void dispatchNow(BellaServer server) throws Exception {
        server.camel().getRegistry().lookupByNameAndType("notificationDispatcher", NotificationDispatcher.class).dispatch();
    }

    static Map<String, String> reminder(long appointmentId, String kind) throws Exception {
        return rows(bella, "SELECT status, to_char(due_at AT TIME ZONE 'America/Edmonton', 'YYYY-MM-DD HH24:MI') AS due, "
                + "last_error FROM notification WHERE appointment_id = " + appointmentId + " AND kind = '" + kind + "'").get(0);
    }

    @Test
    void remindersInTheWeekOfTheFallBackAndAfterQuietHours() throws Exception {
        now(bella, "2025-10-30T10:00:00-06:00");
        String phone = newPhone();
        long id = book(bella, phone, "Ada Lovelace", "2025-11-03T09:00:00-07:00"); // Monday, MST
        awaitTexts(phone, 1);
        // 24h = Sunday 09:00 MST (after the change); 2h = 07:00, in quiet hours, so 08:00 when they end
        assertThat(reminder(id, "reminder-24h")).containsEntry("due", "2025-11-02 09:00").containsEntry("status", "pending");
        assertThat(reminder(id, "reminder-2h")).containsEntry("due", "2025-11-03 08:00").containsEntry("status", "pending");

        now(bella, "2025-11-02T08:59:00-07:00");
        dispatchNow(bella);
        assertThat(reminder(id, "reminder-24h")).containsEntry("status", "pending");

        now(bella, "2025-11-02T09:00:00-07:00");
        assertThat(awaitTexts(phone, 2).get(1)).isEqualTo("Hi Ada, a reminder from Sunrise Dental: your appointment is "
                + "tomorrow, Monday, November 3rd at 9 AM. Reply C to confirm, X to cancel or R to reschedule.");

        now(bella, "2025-11-03T07:00:00-07:00"); // two hours before, but quiet
        dispatchNow(bella);
        assertThat(reminder(id, "reminder-2h")).containsEntry("status", "pending");
        assertThat(textsTo(twilio, phone)).hasSize(2);

        now(bella, "2025-11-03T08:00:00-07:00");
        assertThat(awaitTexts(phone, 3).get(2)).isEqualTo("Hi Ada, a reminder from Sunrise Dental: your appointment is "
                + "today, Monday, November 3rd at 9 AM. Reply C to confirm, X to cancel or R to reschedule.");
        // the row and its event commit just after Twilio answered
        await().atMost(Duration.ofSeconds(30)).until(() -> reminder(id, "reminder-2h").get("status"), "sent"::equals);
        assertThat(rows(bella, "SELECT count(*) AS n FROM outbox_event WHERE type = 'sms.sent' AND event_key = 'appointment-" + id
                + "' AND payload -> 'payload' ->> 'purpose' = 'reminder'")).containsExactly(Map.of("n", "2"));
    }

    @Test
    void aCancelledAppointmentGetsNoReminder() throws Exception {
        now(bella, "2025-11-10T10:00:00-07:00");
        String phone = newPhone();
        long id = book(bella, phone, "Grace Hopper", "2025-11-12T10:00:00-07:00");
        awaitTexts(phone, 1);
        CustomerSms.cancel(bella, id);
        awaitTexts(phone, 2); // the cancellation notice
        now(bella, "2025-11-12T09:00:00-07:00"); // past both reminder times
        dispatchNow(bella);
        assertThat(reminder(id, "reminder-24h")).containsEntry("status", "skipped").containsEntry("last_error", "appointment cancelled");
        assertThat(reminder(id, "reminder-2h")).containsEntry("status", "skipped");
        assertThat(textsTo(twilio, phone)).hasSize(2).noneMatch(text -> text.contains("reminder"));
    }

    @Test
    void theStatusIsCheckedAgainWhenAReminderIsDue() throws Exception {
        now(bella, "2025-11-17T10:00:00-07:00");
        String phone = newPhone();
        long id = book(bella, phone, "Alan Turing", "2025-11-19T11:00:00-07:00");
        awaitTexts(phone, 1);
        // cancelled behind Bella's back: no event, so only the check at send time can stop the reminder
        try (var c = bella.jdbc(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE appointment SET status = 'cancelled' WHERE id = " + id);
        }
        now(bella, "2025-11-18T11:00:00-07:00");
        await().atMost(Duration.ofSeconds(30)).until(() -> reminder(id, "reminder-24h").get("status"), "skipped"::equals);
        assertThat(reminder(id, "reminder-24h")).containsEntry("last_error", "appointment cancelled");
        assertThat(textsTo(twilio, phone)).hasSize(1);
    }

    @Test
    void twoInstancesOnOneDatabaseSendEachReminderOnce() throws Exception {
        now(bella, "2025-11-24T10:00:00-07:00");
        try (BellaServer second = CustomerSms.sameDatabaseAs(bella, settings)) {
            now(second, "2025-11-24T10:00:00-07:00");
            List<String> phones = List.of(newPhone(), newPhone(), newPhone());
            long[] ids = new long[phones.size()];
            for (int i = 0; i < phones.size(); i++) {
                ids[i] = book(i % 2 == 0 ? bella : second, phones.get(i), List.of("Ada Twin", "Bob Twin", "Cy Twin").get(i),
                        "2025-11-26T" + List.of("13:00", "13:30", "14:00").get(i) + ":00-07:00");
            }
            phones.forEach(p -> awaitTexts(p, 1));
            for (String at : List.of("2025-11-25T16:00:00-07:00", "2025-11-26T12:30:00-07:00")) {
                now(bella, at);
                now(second, at);
                int expected = at.startsWith("2025-11-25") ? 2 : 3;
                phones.forEach(p -> awaitTexts(p, expected));
            }
            for (long id : ids) {
                assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, "SELECT kind, status FROM notification "
                        + "WHERE appointment_id = " + id + " ORDER BY kind"), r -> r.stream().allMatch(row -> row.get("status").equals("sent"))))
                        .containsExactly(Map.of("kind", "confirmation", "status", "sent"),
                                Map.of("kind", "reminder-24h", "status", "sent"),
                                Map.of("kind", "reminder-2h", "status", "sent"));
                assertThat(rows(bella, "SELECT count(*) AS n FROM outbox_event WHERE type = 'sms.sent' "
                        + "AND event_key = 'appointment-" + id + "'")).containsExactly(Map.of("n", "3"));
            }
            // every row is settled, so nothing more can go out: exactly three texts per customer
            phones.forEach(p -> assertThat(textsTo(twilio, p)).hasSize(3));
        }
    }
}
