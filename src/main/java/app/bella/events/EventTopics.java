package app.bella.events;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The configured topic name of every stream ({@code bella.events.topic.*}). */
public final class EventTopics {

    private final Map<EventStream, String> topics;

    private EventTopics(Map<EventStream, String> topics) {
        this.topics = topics;
    }

    /** Looks every topic up by its property name; a missing or blank value falls back to {@code bella.<stream>}. */
    public static EventTopics from(Function<String, String> properties) {
        Map<EventStream, String> topics = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            String topic = properties.apply(stream.topicProperty());
            topics.put(stream, topic == null || topic.isBlank() ? stream.defaultTopic() : topic.trim());
        }
        return new EventTopics(topics);
    }

    public static EventTopics defaults() {
        return from(name -> null);
    }

    public String topic(EventStream stream) {
        return topics.get(stream);
    }

    public String topic(EventType type) {
        return topic(type.stream());
    }
}
