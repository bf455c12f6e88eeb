package app.bella.nlu;

import java.time.ZonedDateTime;

/**
 * Everything one utterance yielded. Any field may be null.
 *
 * @param intent          what the caller wants, if said
 * @param name            caller's name, title-cased
 * @param phone           phone number in E.164 ("+14165551234")
 * @param when            the date/time as said (possibly partial), for the dialogue to merge
 * @param start           resolved start, only when date and time are known and not in the past
 * @param durationMinutes requested length of the appointment
 * @param confirmation    answer to a yes/no question
 */
public record Extraction(Intent intent, String name, String phone, WhenPhrase when, ZonedDateTime start,
                         Integer durationMinutes, Confirmation confirmation) {

    public static final Extraction EMPTY = new Extraction(null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return intent == null && name == null && phone == null && when == null && start == null
                && durationMinutes == null && confirmation == null;
    }

    public boolean hasName() {
        return name != null;
    }

    public boolean hasPhone() {
        return phone != null;
    }

    public boolean hasWhen() {
        return when != null && !when.isEmpty();
    }

    public boolean hasStart() {
        return start != null;
    }
}
