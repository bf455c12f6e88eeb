package app.bella.slo;

/**
 * One service-level objective: the share of good events it promises over the 30-day window.
 *
 * @param name        availability, call-success, http-latency, openai
 * @param target      e.g. 0.999
 * @param minimumEvents events a window needs before its burn rate is judged (one failed call is not an outage)
 */
public record Slo(String name, double target, long minimumEvents, String description) {

    public double errorBudget() {
        return 1.0 - target;
    }
}
