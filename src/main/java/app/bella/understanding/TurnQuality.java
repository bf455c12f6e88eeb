package app.bella.understanding;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one answered turn says about understanding, judged from outside the dialogue: the step the caller answered and
 * the step after it, the slots before and after. Understood = the dialogue moved past the step; re-asked = the same
 * step again; corrected = the caller was asked what to change, or changed a slot already given ("no, Thursday").
 * Steps are compared by name, so a renamed or new step only loses its expected slot.
 */
public record TurnQuality(String step, String nextStep, String engine, String extractor, Double confidence,
                          String expectedSlot, boolean understood, boolean reasked, boolean corrected) {

    /** Slots compared for corrections: a change of any of these after it was given is a correction. */
    public static final Set<String> SLOTS = Set.of("name", "phone", "date", "time", "service");

    public static TurnQuality of(String step, Map<String, String> slotsBefore, String nextStep, Map<String, String> slotsAfter,
                                 String engine, String extractor, Double confidence) {
        boolean same = Objects.equals(step, nextStep) && !"DONE".equals(nextStep);
        boolean changed = false;
        if (!"CHOOSE_ALTERNATIVE".equals(step)) { // picking an offered time replaces the wished one: not a correction
            for (String slot : SLOTS) {
                String before = slotsBefore.get(slot);
                String after = slotsAfter.get(slot);
                changed |= before != null && after != null && !before.equals(after);
            }
        }
        return new TurnQuality(step, nextStep, engine, extractor, confidence, expectedSlot(step), !same, same,
                "ASK_CHANGE".equals(step) || changed);
    }

    /** The slot a step asks for (null when it asks for none of them). */
    public static String expectedSlot(String step) {
        if (step == null) {
            return null;
        }
        return switch (step) {
            case "ASK_NAME" -> "name";
            case "ASK_PHONE" -> "phone";
            case "ASK_TIME", "CHOOSE_ALTERNATIVE" -> "datetime";
            case "ASK_SERVICE" -> "service";
            case "CONFIRM", "CONFIRM_CANCEL", "CONFIRM_CALLER_NUMBER", "OFFER_HELP" -> "confirmation";
            case "ASK_INTENT", "KEEP_MOVE_CANCEL" -> "intent";
            case "VERIFY_CODE" -> "code";
            default -> null;
        };
    }
}
