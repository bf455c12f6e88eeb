package app.bella.ops;

/** One notification the pipeline decided to send about an alert, before it is fanned out to channels. */
public record Notice(Kind kind, Alert alert) {

    public enum Kind {
        /** the alert was raised (first time, or again after the de-duplication window) */
        RAISED,
        /** the condition cleared */
        RECOVERY,
        /** first escalation step: nobody acknowledged it in time, re-notified on its channels */
        ESCALATION,
        /** second escalation step: the on-call number is paged by SMS */
        ONCALL,
        /** POST /api/alerts/test */
        TEST;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
