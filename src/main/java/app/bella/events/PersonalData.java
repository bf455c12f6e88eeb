package app.bella.events;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds personal data in an event payload: a field named like a person's contact details, or a value that is a
 * full E.164 phone number (also when written with spaces, dashes, dots or brackets). Nested maps and lists count.
 */
final class PersonalData {

    private static final Set<String> PERSONAL_KEYS = Set.of("phone", "name", "from", "to");
    private static final Pattern E164 = Pattern.compile("^\\+\\d{8,15}$");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().]");

    private PersonalData() {
    }

    /** Where personal data was found ("payload.labels.to"), or empty when there is none. */
    static Optional<String> find(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String at = path + "." + key;
                if (PERSONAL_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
                    return Optional.of(at + " (field name)");
                }
                Optional<String> found = find(e.getValue(), at);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                Optional<String> found = find(item, path + "[" + i++ + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof Object[] array) {
            return find(java.util.Arrays.asList(array), path);
        } else if (value instanceof CharSequence text && isPhoneNumber(text.toString())) {
            return Optional.of(path + " (phone number)");
        }
        return Optional.empty();
    }

    static boolean isPhoneNumber(String text) {
        String compact = PHONE_SEPARATORS.matcher(text.strip()).replaceAll("");
        return E164.matcher(compact).matches();
    }
}
