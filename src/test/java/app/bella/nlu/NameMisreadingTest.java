package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names the rules used to read wrong with confidence, so the model was never asked: a description taken for a name
 * ("the guy" -> "Guy"), a preposition ("under" -> "Under"), the short name said before the full one ("Kevin here,
 * Kevin O'Neil" -> "Kevin"), and date words ("the fifteenth, two-ish"). A name is asked for in every case.
 */
class NameMisreadingTest {

    private final RulesExtractor rules = new RulesExtractor();

    private String asked(String text) {
        return rules.extract(text, Expect.NAME, CTX).name();
    }

    static final String[][] PEOPLE = {{"Rob", "Peterson"}, {"Carla", "Mendes"}, {"Kevin", "O'Neil"},
            {"Dave", "Morrison"}, {"Priya", "Shah"}, {"Tom", "Baker"}, {"Anne-Marie", "Dubois"}, {"Wei", "Chen"}};

    private static Stream<Arguments> filled(String... templates) {
        List<Arguments> out = new ArrayList<>();
        for (String[] p : PEOPLE) {
            for (String t : templates) {
                out.add(Arguments.of(t.replace("%F", p[0]).replace("%L", p[1]), p[0] + " " + p[1]));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> afterADescription() {
        return filled("it's the guy from last week, %L, %F %L", "it's the lady who called yesterday, %L, %F %L",
                "yeah it's the guy with the broken tooth, %L, %F %L", "the patient from Tuesday, %L, %F %L",
                "it's a new patient, %L, %F %L");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("afterADescription")
    void aDescriptionIsNotANameButTheNameRestatedAfterItIs(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> underARelationsName() {
        return filled("it's under my wife's name, %F %L", "it's in my husband's name, %F %L",
                "book it under my son's name, %F %L", "put it under my daughter's name, %F %L",
                "my mom's name is %F %L", "my son's name is %F %L", "it's for my son, his name is %F %L",
                "it's for my daughter %F %L", "the appointment is for my father, %F %L",
                "the booking's in my partner's name, %F %L", "under my mother's name, %F %L",
                "I'm calling on behalf of my husband, %F %L", "calling on behalf of my mom, %F %L",
                "I'm calling for my son %F %L", "this is the dentist's office calling for %F %L");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("underARelationsName")
    void theNameAfterARelationIsTheName(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> introduced() {
        return filled("book it under %F %L", "put it down for %F %L", "it'll be under %F %L", "this is %F %L speaking",
                "put me down as %F %L", "under the name %F %L", "put me down for %F %L", "just put it under %F %L",
                "%F %L speaking");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("introduced")
    void introductionsGiveTheName(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
    }

    static Stream<Arguments> fullerLater() {
        return filled("%F here, %F %L", "yeah so, %F here, %F %L", "this is %F speaking, %F %L",
                "%F speaking, %F %L", "hi, %F here, it's %F %L", "my name is %F, %F %L", "%L, %F %L");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("fullerLater")
    void theFullerNameSaidLaterWins(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {"Joey here, how are you|Joey", "Joey here|Joey", "Guy|Guy",
            "my name is Guy|Guy", "Guy Laroche|Guy Laroche", "Kevin|Kevin", "this is Ross speaking|Ross",
            "Kevin here, Kevin|Kevin"})
    void aShortNameAloneIsStillAName(String text, String expected) {
        assertThat(asked(text)).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"the fifteenth, two-ish", "the twenty-first", "sixteenth", "the third",
            "Friday the thirteenth", "twelve thirty", "around two-ish", "two-ish", "the fifteenth", "thirteen",
            "the thirtieth", "eleventh", "fourteen fifteen", "the nineteenth, around three", "seventeen-ish",
            "the sixth at noonish", "it's the guy from last week", "a friend of mine referred me",
            "the usual", "the same as last time", "it's under my wife's name", "it's for my son's appointment",
            "do you take Blue Cross", "around noon", "under", "roughly", "the guy", "the lady from the front desk",
            "I'm calling for an appointment", "calling on behalf of the clinic", "I'm calling on behalf of my mother"})
    void datesNumbersAndDescriptionsAreNeverNames(String text) {
        assertThat(asked(text)).as(text).isNull();
        assertThat(rules.extract(text, null, CTX).name()).as(text).isNull();
    }

    /** Any ordinal day and any approximate hour: never a name. */
    @Property(tries = 200)
    void ordinalDaysAndApproximateHoursAreNeverNames(@ForAll("ordinal") String day, @ForAll("hour") String hour,
                                                     @ForAll("shape") String shape) {
        String text = String.format(shape, day, hour);
        assertThat(asked(text)).as(text).isNull();
    }

    @Provide
    Arbitrary<String> ordinal() {
        return Arbitraries.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty second", "thirtieth", "31st", "2nd");
    }

    @Provide
    Arbitrary<String> hour() {
        return Arbitraries.of("one", "two", "three", "four", "nine", "ten", "eleven", "twelve", "two-ish", "threeish",
                "tenish", "3ish", "noonish", "two thirty", "eleven fifteen");
    }

    @Provide
    Arbitrary<String> shape() {
        return Arbitraries.of("the %s, %s", "%s, %s", "the %s at %s", "on the %s around %s", "%s %s");
    }
}
