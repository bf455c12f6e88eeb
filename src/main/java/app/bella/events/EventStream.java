package app.bella.events;

/**
 * The Kafka topics Bella publishes to, one per kind of consumer. Only calls and bookings may carry personal data
 * (a caller's phone and name); costs, metrics and alerts go to dashboards and pagers and must never do.
 */
public enum EventStream {
    CALLS("calls", true),
    BOOKINGS("bookings", true),
    COSTS("costs", false),
    METRICS("metrics", false),
    ALERTS("alerts", false);

    private final String id;
    private final boolean personalDataAllowed;

    EventStream(String id, boolean personalDataAllowed) {
        this.id = id;
        this.personalDataAllowed = personalDataAllowed;
    }

    /** The short name in the topic property: {@code bella.events.topic.<id>}. */
    public String id() {
        return id;
    }

    public String topicProperty() {
        return "bella.events.topic." + id;
    }

    public String defaultTopic() {
        return "bella." + id;
    }

    public boolean personalDataAllowed() {
        return personalDataAllowed;
    }
}
