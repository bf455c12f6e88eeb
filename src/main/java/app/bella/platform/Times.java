package app.bella.platform;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Forwarder to {@link app.bella.support.Times} kept only for {@code voice.Dialogue}, which is being rewritten in
 * parallel (issue 10, the voice turn). Delete it once Dialogue imports {@code app.bella.support.Times}.
 */
@Deprecated
public final class Times {

    private Times() {
    }

    public static String iso(ZonedDateTime t) {
        return app.bella.support.Times.iso(t);
    }

    public static String iso(Instant t, ZoneId zone) {
        return app.bella.support.Times.iso(t, zone);
    }
}
