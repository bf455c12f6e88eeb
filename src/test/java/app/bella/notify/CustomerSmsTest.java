package app.bella.notify;

import static app.bella.notify.CustomerSms.book;
import static app.bella.notify.CustomerSms.incomingSms;
import static app.bella.notify.CustomerSms.newMessageSid;
import static app.bella.notify.CustomerSms.newPhone;
import static app.bella.notify.CustomerSms.payload;
import static app.bella.notify.CustomerSms.rows;
import static app.bella.notify.CustomerSms.textsTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.bella.testing.BellaServer;
import app.bella.testing.SharedInfrastructure;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confirmations and notices driven by the bookings topic, and two-way SMS, against the real application on
 * PostgreSQL and Kafka with WireMock as Twilio. "Now" stands at Wednesday 2025-10-08 10:00 in America/Edmonton.
 */
class CustomerSmsTest {

    static final WireMockServer twilio = new WireMockServer(wireMockConfig().dynamicPort());
    static Map<String, String> settings;
    static BellaServer bella;

    @BeforeAll
    static void start() throws Exception {
        twilio.start();
        CustomerSms.twilioAccepts(twilio);
        settings = CustomerSms.settings(twilio, "2025-10-08T10:00:00-06:00");
        bella = BellaServer.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        bella.close();
        twilio.stop();
    }

    static List<String> awaitTexts(String phone, int n) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> textsTo(twilio, phone), texts -> texts.size() >= n);
    }

    @Test
    void aBookingGetsExactlyOneConfirmation() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Ada Lovelace", "2025-10-09T14:00:00-06:00");
        List<String> texts = awaitTexts(phone, 1);
        assertThat(texts).containsExactly("Hi Ada, this is Bella from Sunrise Dental. You're booked for tomorrow, "
                + "Thursday, October 9th at 2 PM. Reply C to confirm, X to cancel or R to reschedule.");
        List<Map<String, String>> events = await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella,
                "SELECT payload FROM outbox_event WHERE type = 'sms.sent' AND event_key = 'appointment-" + id + "'"), r -> !r.isEmpty());
        assertThat(events).hasSize(1);
        assertThat(payload(events.get(0)).get("purpose").asText()).isEqualTo("confirmation");
        assertThat(payload(events.get(0)).get("to").asText()).isEqualTo(phone);
        assertThat(payload(events.get(0)).get("messageSid").asText()).isEqualTo("SM" + "a".repeat(32));
        assertThat(payload(events.get(0)).get("segments").asInt()).isEqualTo(2);
        assertThat(rows(bella, "SELECT kind, status, attempts FROM notification WHERE appointment_id = " + id + " ORDER BY kind"))
                .containsExactly(
                        Map.of("kind", "confirmation", "status", "sent", "attempts", "1"),
                        Map.of("kind", "reminder-24h", "status", "pending", "attempts", "0"),
                        Map.of("kind", "reminder-2h", "status", "pending", "attempts", "0"));
        assertThat(textsTo(twilio, phone)).hasSize(1);
    }

    @Test
    void aRescheduleSendsANoticeAndMovesTheReminders() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Mary Jones", "2025-10-10T11:00:00-06:00");
        awaitTexts(phone, 1);
        CustomerSms.move(bella, id, "2025-10-13T15:00:00-06:00");
        List<String> texts = awaitTexts(phone, 2);
        assertThat(texts.get(1)).isEqualTo("Hi Mary, this is Bella from Sunrise Dental. Your appointment has been moved "
                + "from Friday, October 10th at 11 AM to Monday, October 13th at 3 PM. "
                + "Reply C to confirm, X to cancel or R to reschedule.");
        assertThat(rows(bella, "SELECT kind, due_at AT TIME ZONE 'America/Edmonton' AS due FROM notification "
                + "WHERE appointment_id = " + id + " AND purpose = 'reminder' ORDER BY kind")).containsExactly(
                Map.of("kind", "reminder-24h", "due", "2025-10-12 15:00:00"),
                Map.of("kind", "reminder-2h", "due", "2025-10-13 13:00:00"));
    }

    @Test
    void aCancellationSendsANoticeAndNoReminders() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Grace Hopper", "2025-10-10T11:00:00-06:00");
        awaitTexts(phone, 1);
        CustomerSms.cancel(bella, id);
        List<String> texts = awaitTexts(phone, 2);
        assertThat(texts.get(1)).isEqualTo("Hi Grace, this is Bella from Sunrise Dental. Your appointment on Friday, "
                + "October 10th at 11 AM has been cancelled. Reply R if you'd like to book a new time.");
        assertThat(rows(bella, "SELECT kind, status FROM notification WHERE appointment_id = " + id + " AND purpose = 'reminder'"))
                .extracting(r -> r.get("status")).containsOnly("skipped").hasSize(2);
    }

    @Test
    void aSecondDeliveryOfTheSameEventSendsNothingTwice() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Alan Turing", "2025-10-14T10:00:00-06:00");
        awaitTexts(phone, 1);
        String topic = settings.get("bella.events.topic.bookings");
        ConsumerRecord<String, String> booked = record(topic, "appointment-" + id, "appointment.booked");
        RecordMetadata again = republish(booked);
        // the notifier has read past the copy once its group's committed offset is beyond it
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(settings.get("bella.notify.consumer-group"),
                new TopicPartition(topic, again.partition())) > again.offset());
        assertThat(textsTo(twilio, phone)).hasSize(1);
        assertThat(rows(bella, "SELECT count(*) AS n FROM notification WHERE appointment_id = " + id))
                .containsExactly(Map.of("n", "3"));
        String eventId = CustomerSms.JSON.readTree(booked.value()).get("id").asText();
        assertThat(rows(bella, "SELECT count(*) AS n FROM notification_event WHERE event_id = '" + eventId + "'"))
                .containsExactly(Map.of("n", "1"));
    }

    @Test
    void replyCConfirmsTheSendersNextAppointment() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Ada Byron", "2025-10-15T09:30:00-06:00");
        HttpResponse<String> r = incomingSms(bella, phone, " c ", newMessageSid(), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(r.body()).endsWith("<Response><Message>Thank you, Ada. Your appointment on Wednesday, October 15th at "
                + "9:30 AM is confirmed. See you then!</Message></Response>");
        assertThat(rows(bella, "SELECT channel FROM appointment_confirmation WHERE appointment_id = " + id))
                .containsExactly(Map.of("channel", "sms"));
    }

    @Test
    void replyXCancelsOnlyTheNextAppointmentOnceEvenWhenTwilioRetries() throws Exception {
        String phone = newPhone();
        long first = book(bella, phone, "Edsger Dijkstra", "2025-10-16T10:00:00-06:00");
        long second = book(bella, phone, "Edsger Dijkstra", "2025-10-20T10:00:00-06:00");
        awaitTexts(phone, 2); // the two confirmations
        String sid = newMessageSid();
        HttpResponse<String> r = incomingSms(bella, phone, "X", sid, true);
        assertThat(r.body()).contains("<Message>Your appointment on Thursday, October 16th at 10 AM has been cancelled. "
                + "Reply R if you&apos;d like to book a new time.</Message>");
        HttpResponse<String> retried = incomingSms(bella, phone, "X", sid, true);
        assertThat(retried.body()).isEqualTo(r.body());
        assertThat(rows(bella, "SELECT id, status FROM appointment WHERE id IN (" + first + "," + second + ") ORDER BY id"))
                .containsExactly(Map.of("id", String.valueOf(first), "status", "cancelled"),
                        Map.of("id", String.valueOf(second), "status", "booked"));
        List<Map<String, String>> cancelled = rows(bella, "SELECT payload FROM outbox_event WHERE type = 'appointment.cancelled' "
                + "AND event_key = 'appointment-" + first + "'");
        assertThat(cancelled).hasSize(1);
        assertThat(payload(cancelled.get(0)).get("cancelledBy").asText()).isEqualTo("caller");
        // the reply was the notice: the cancellation event is planned, but no second text goes out for it
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(bella, "SELECT status FROM notification WHERE appointment_id = "
                + first + " AND purpose = 'reminder'"), rs -> rs.stream().allMatch(row -> row.get("status").equals("skipped")));
        assertThat(rows(bella, "SELECT status, last_error FROM notification WHERE appointment_id = " + first
                + " AND kind = 'cancellation'")).containsExactly(Map.of("status", "skipped", "last_error", "answered by the SMS reply"));
        assertThat(textsTo(twilio, phone)).hasSize(2);
    }

    @Test
    void replyRExplainsHowToRescheduleAndAnythingElseGetsHelp() throws Exception {
        String phone = newPhone();
        book(bella, phone, "Barbara Liskov", "2025-10-17T13:00:00-06:00");
        assertThat(incomingSms(bella, phone, "R", newMessageSid(), true).body()).contains("<Message>To choose a new time, "
                + "please call us at +15875550100 and Bella will find you a free slot. Your current appointment is "
                + "Friday, October 17th at 1 PM.</Message>");
        assertThat(incomingSms(bella, phone, "what time is it?", newMessageSid(), true).body()).contains("<Message>Sorry, "
                + "I didn&apos;t understand that. Your next appointment is Friday, October 17th at 1 PM. "
                + "Reply C to confirm, X to cancel or R to reschedule.</Message>");
        assertThat(rows(bella, "SELECT status FROM appointment a JOIN customer c ON c.id = a.customer_id WHERE c.phone = '"
                + phone + "'")).containsExactly(Map.of("status", "booked"));
    }

    @Test
    void anUnknownSenderGetsAPoliteAnswerAndNothingChanges() throws Exception {
        String stranger = newPhone();
        HttpResponse<String> r = incomingSms(bella, stranger, "X", newMessageSid(), true);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<Message>Hi, this is Bella from Sunrise Dental. I couldn&apos;t find an upcoming "
                + "appointment for this number. To book one, please call us at +15875550100.</Message>");
    }

    @Test
    void aReplyOnlyEverActsOnTheSendersOwnAppointment() throws Exception {
        String sender = newPhone();
        String other = newPhone();
        long own = book(bella, sender, "Sid Sender", "2025-10-22T09:00:00-06:00");
        long theirs = book(bella, other, "Olga Other", "2025-10-22T11:00:00-06:00");
        // another customer's number in the text changes nothing for them: the From number decides
        HttpResponse<String> r = incomingSms(bella, sender, "X " + other, newMessageSid(), true);
        assertThat(r.body()).contains("October 22nd at 9 AM has been cancelled").doesNotContain("11 AM");
        assertThat(rows(bella, "SELECT id, status FROM appointment WHERE id IN (" + own + "," + theirs + ") ORDER BY id"))
                .containsExactly(Map.of("id", String.valueOf(own), "status", "cancelled"),
                        Map.of("id", String.valueOf(theirs), "status", "booked"));
        // a stranger naming the number learns nothing and cancels nothing
        HttpResponse<String> stranger = incomingSms(bella, newPhone(), "cancel " + other + " please", newMessageSid(), true);
        assertThat(stranger.body()).contains("couldn&apos;t find an upcoming appointment").doesNotContain("Olga").doesNotContain("11 AM");
        // a sender Twilio could not identify, or odd fields, are answered and change nothing
        for (String from : new String[] {"", "anonymous", other + "\u0000", " " + other.substring(1), "x".repeat(5000)}) {
            HttpResponse<String> odd = incomingSms(bella, from, "X", from.length() > 100 ? "SM" + "z".repeat(5000) : newMessageSid(), true);
            assertThat(odd.statusCode()).isEqualTo(200);
            assertThat(odd.body()).startsWith("<?xml").contains("<Response><Message>");
        }
        assertThat(rows(bella, "SELECT status FROM appointment WHERE id = " + theirs)).containsExactly(Map.of("status", "booked"));
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        String phone = newPhone();
        long id = book(bella, phone, "Mallory Forge", "2025-10-21T10:00:00-06:00");
        HttpResponse<String> r = incomingSms(bella, phone, "X", newMessageSid(), false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(rows(bella, "SELECT status FROM appointment WHERE id = " + id)).containsExactly(Map.of("status", "booked"));
    }

    private static ConsumerRecord<String, String> record(String topic, String key, String type) {
        Properties p = kafka();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && type.equals(type(r))) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " for " + key + " on " + topic);
    }

    private static String type(ConsumerRecord<String, String> r) {
        try {
            return CustomerSms.JSON.readTree(r.value()).path("type").asText();
        } catch (Exception e) {
            return "";
        }
    }

    private static RecordMetadata republish(ConsumerRecord<String, String> r) throws Exception {
        Properties p = kafka();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            return producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers())).get();
        }
    }

    private static long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(kafka())) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static Properties kafka() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers());
        return p;
    }
}
