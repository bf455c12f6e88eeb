package app.bella.understanding;

import app.bella.nlu.Confirmation;
import app.bella.nlu.Expect;
import app.bella.nlu.Extraction;
import app.bella.nlu.Intent;
import app.bella.nlu.ParseContext;
import app.bella.nlu.RulesExtractor;
import app.bella.nlu.WhenPhrase;
import java.util.Locale;

/**
 * Combines the rules' reading with the model's. The rules are the judge: a slot the rules understood keeps the
 * rules' value; the model only fills slots the rules missed, and only after its phrases pass the same parsers
 * (so a name is title-cased and checked, a phone is a valid E.164 number, a date-time is resolved by our parser).
 */
public final class Reconciler {

    private final RulesExtractor rules;

    public Reconciler(RulesExtractor rules) {
        this.rules = rules;
    }

    /**
     * Whether the rules read what the step asked for (then the model is not asked); with nothing asked, whether
     * they read anything. A yes/no step counts a day or a name as an answer (a correction of the read-back).
     */
    public static boolean understood(Extraction ex, Expect expect) {
        if (expect == null) {
            return ex.intent() != null || ex.hasName() || ex.hasPhone() || ex.hasWhen() || ex.confirmation() != null;
        }
        return switch (expect) {
            case NAME -> ex.hasName();
            case PHONE -> ex.hasPhone();
            case TIME -> ex.hasWhen();
            case DURATION -> ex.durationMinutes() != null;
            case CONFIRM -> ex.confirmation() != null || ex.hasWhen() || ex.hasName();
        };
    }

    public Extraction reconcile(Extraction byRules, ModelReading model, ParseContext ctx) {
        if (model == null) {
            return byRules;
        }
        String name = byRules.name();
        if (name == null && model.name() != null) {
            name = rules.extract(model.name(), Expect.NAME, ctx).name();
        }
        String phone = byRules.phone();
        if (phone == null && model.phone() != null) {
            phone = rules.extract(model.phone(), Expect.PHONE, ctx).phone();
        }
        WhenPhrase when = byRules.when();
        java.time.ZonedDateTime start = byRules.start();
        if ((when == null || when.isEmpty()) && model.whenPhrase() != null) {
            Extraction parsed = rules.extract(model.whenPhrase(), Expect.TIME, ctx);
            when = parsed.when();
            start = parsed.start();
        }
        Integer duration = byRules.durationMinutes() != null ? byRules.durationMinutes() : model.durationMinutes();
        Confirmation confirmation = byRules.confirmation();
        if (confirmation == null && model.confirmation() != null) {
            confirmation = "yes".equals(model.confirmation()) ? Confirmation.YES : Confirmation.NO;
        }
        Intent intent = byRules.intent();
        if (intent == null && model.intent() != null) {
            intent = Intent.valueOf(model.intent().toUpperCase(Locale.ROOT));
        }
        return new Extraction(intent, name, phone, when, start, duration, confirmation);
    }
}
