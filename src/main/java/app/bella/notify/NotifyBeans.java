package app.bella.notify;

import app.bella.booking.BookingService;
import app.bella.events.OutboxWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer notifications' beans, built from the {@code bella.notify.*} and {@code bella.sms.*} properties and bound
 * under the names the notify-* routes use. Sending (the Kafka consumer and the dispatcher) is switched on only when
 * a sender number is configured: the derived property {@code bella.notify.active} starts those routes.
 */
public final class NotifyBeans {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyBeans.class);

    private NotifyBeans() {
    }

    /**
     * @param properties resolves a property name to its value ("" or null when unset)
     * @param dataSource the main pool: incoming SMS replies are webhooks
     * @param background the background pool: the planner (a Kafka consumer) and the dispatcher (no connection is
     *                   held while Twilio is asked)
     */
    public static void bind(CamelContext camel, Function<String, String> properties, DataSource dataSource,
                            DataSource background, Clock clock, ZoneId zone, BookingService bookings, OutboxWriter events) {
        ReminderPolicy policy = ReminderPolicy.parse(properties.apply("bella.notify.reminders"),
                properties.apply("bella.notify.quiet-hours"), zone);
        SmsTexts texts = new SmsTexts(properties.apply("bella.practice.name"), zone);
        String from = properties.apply("bella.sms.from");
        boolean active = from != null && !from.isBlank();
        camel.getPropertiesComponent().addOverrideProperty("bella.notify.active", String.valueOf(active));
        if (active) {
            LOG.info("Customer SMS on: {}", policy);
        } else {
            LOG.warn("BELLA_SMS_FROM is not set: no confirmation, notice or reminder SMS will be sent (replies to "
                    + "incoming SMS still work)");
        }
        Registry registry = camel.getRegistry();
        registry.bind("notificationPlanner", new NotificationPlanner(background, bookings, policy, clock));
        int senders = Integer.parseInt(properties.apply("bella.notify.senders").strip());
        NotificationDispatcher dispatcher = new NotificationDispatcher(camel, background, events, policy, texts, clock,
                Integer.parseInt(properties.apply("bella.notify.batch-size").strip()), senders)
                .deferringWhileTwilioIsDown(Integer.parseInt(properties.apply("bella.sms.max-attempts").strip()),
                        java.time.Duration.ofMillis(Long.parseLong(properties.apply("bella.sms.retry-after-ms").strip())));
        app.bella.costs.BudgetGuard guard = registry.lookupByNameAndType("budgetGuard", app.bella.costs.BudgetGuard.class);
        if (guard != null) { // every reminder after the first is optional spend
            dispatcher.droppingReminders(kind -> !guard.secondReminderAllowed() && policy.kinds().indexOf(kind) > 0);
        }
        registry.bind("notificationDispatcher", dispatcher);
        // the notify-dispatch route's senders; Camel shuts the pool down with the context
        registry.bind("notifySenders", camel.getExecutorServiceManager().newFixedThreadPool(dispatcher, "notify-sender", senders));
        registry.bind("smsFailures", new SmsFailures());
        registry.bind("smsReplies", new SmsReplies(dataSource, bookings, texts));
    }
}
