package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phone numbers as callers say them, validated with libphonenumber: North-American numbers written or spoken
 * ("double five", "oh", noise tags between the digit words), toll-free numbers, national numbers of a caller
 * calling from abroad (read in the caller ID's country, then the practice's), and digit strings that are no
 * phone (rejected, never an error).
 */
class PhoneUnderstandingTest {

    private final RulesExtractor rules = new RulesExtractor();
    private static final String[] DIGIT = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    private String phone(String text, ParseContext ctx) {
        return rules.extract(text, Expect.PHONE, ctx).phone();
    }

    /** Real area codes (Canada and the US) with 555 exchanges and lines. */
    static final String[] NUMBERS = {"4165551234", "6475550987", "4035559876", "5875550001", "7805552468",
            "6045551357", "7785558642", "5145552020", "4385553030", "6135554545", "9025556767", "2045557878",
            "3065558989", "5065551212", "7095553434", "2125556789", "3125554321", "4155550199", "6175552345",
            "2065558765", "3055550110", "7135559999", "8185551000", "5125557777", "3035550505"};

    static String spoken(String digits, boolean oh) {
        StringBuilder sb = new StringBuilder();
        for (char c : digits.toCharArray()) {
            sb.append(c == '0' && oh ? "oh" : DIGIT[c - '0']).append(' ');
        }
        return sb.toString().trim();
    }

    static Stream<Arguments> northAmerican() {
        List<Arguments> out = new ArrayList<>();
        for (String n : NUMBERS) {
            String e164 = "+1" + n;
            String a = n.substring(0, 3);
            String b = n.substring(3, 6);
            String c = n.substring(6);
            out.add(Arguments.of(a + "-" + b + "-" + c, e164));
            out.add(Arguments.of("(" + a + ") " + b + "-" + c, e164));
            out.add(Arguments.of("my number is " + a + "." + b + "." + c, e164));
            out.add(Arguments.of("1 " + a + " " + b + " " + c, e164));
            out.add(Arguments.of("+1 " + a + " " + b + " " + c, e164));
            out.add(Arguments.of(spoken(n, true), e164));
            out.add(Arguments.of("it's " + spoken(n, false) + " thanks", e164));
            out.add(Arguments.of(spoken(a, true) + " [noise] " + spoken(b, true) + " <unk> " + spoken(c, true), e164));
            out.add(Arguments.of(spoken(a, true) + " (cough) " + spoken(b + c, true), e164));
            out.add(Arguments.of("um " + a + " uh " + b + " " + c, e164));
        }
        out.add(Arguments.of("four one six double five five one two three four", "+14165551234"));
        out.add(Arguments.of("four one six five five five triple oh nine", "+14165550009"));
        out.add(Arguments.of("four one six five five five oh nine eight seven", "+14165550987"));
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("northAmerican")
    void northAmericanNumbers(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 800 555 1234                             | +18005551234
            1-800-267-2001                             | +18002672001
            one eight hundred five five five one two three four | +18005551234
            one eight oh oh five five five one two three four | +18005551234
            1 888 555 0000                             | +18885550000
            877 555 1234                               | +18775551234
            1 866 555 9876                             | +18665559876
            1 844 555 4433                             | +18445554433
            """)
    void tollFreeNumbers(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo("-".equals(expected) ? null : expected);
    }

    static Stream<Arguments> callersFromAbroad() {
        String[][] cases = {
                // caller ID, what they say, E.164
                {"+447400123456", "020 7946 0018", "+442079460018"},
                {"+447400123456", "oh two oh seven nine four six oh oh one eight", "+442079460018"},
                {"+447400123456", "07911 123456", "+447911123456"},
                {"+447400123456", "oh seven nine one one, one two three four five six", "+447911123456"},
                {"+447400123456", "0161 496 0000", "+441614960000"},
                {"+447400123456", "my mobile is 07400 123456", "+447400123456"},
                {"+447400123456", "07700 900123", null},
                {"+447400123456", "+44 20 7946 0018", "+442079460018"},
                {"+447400123456", "416 555 1234", "+14165551234"},
                {"+33612345678", "06 12 34 56 78", "+33612345678"},
                {"+33612345678", "zero six douze trente-quatre", null},
                {"+33612345678", "oh six one two three four five six seven eight", "+33612345678"},
                {"+33612345678", "01 42 68 53 00", "+33142685300"},
                {"+33612345678", "0033 1 42 68 53 00", "+33142685300"},
                {"+525512345678", "55 1234 5678", "+525512345678"},
                {"+525512345678", "five five one two three four five six seven eight", "+525512345678"},
                {"+525512345678", "81 1234 5678", "+528112345678"},
                {"+4930123456", "030 1234567", "+49301234567"},
                {"+61212345678", "02 1234 5678", "+61212345678"},
                {"+61212345678", "0412 345 678", "+61412345678"},
                {"+14165551234", "011 44 20 7946 0018", "+442079460018"},
        };
        List<Arguments> out = new ArrayList<>();
        for (String[] c : cases) {
            out.add(Arguments.of(c[0], c[1], c[2]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] caller {0}: \"{1}\" -> {2}")
    @MethodSource("callersFromAbroad")
    void nationalNumbersOfCallersFromAbroad(String callerId, String text, String expected) {
        assertThat(phone(text, CTX.withCallerId(callerId))).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            020 7946 0018      | GB | +442079460018
            06 12 34 56 78     | FR | +33612345678
            55 1234 5678       | MX | +525512345678
            416 555 1234       | GB | +14165551234
            """)
    void theSameNumberFallsBackToThePracticesCountry(String text, String country, String expected) {
        assertThat(phone(text, CTX.withCountry(country))).as(text).isEqualTo(expected);
        if (!text.startsWith("416") && !text.startsWith("55")) {
            assertThat(phone(text, CTX)).as("not a North-American number: " + text).isNull();
        }
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> none")
    @ValueSource(strings = {"12345678901234", "my account number is 12345678901234",
            "the card is 4111 1111 1111 1111", "123", "555 1234", "1234567", "99999999999999999999999",
            "one two three four five six seven eight nine zero one two three four", "000 000 0000",
            "123 456 7890", "555 555 5555", "911", "[noise] [noise]", "four one six um five five five um",
            "garbled phone number", "John Smith, tomorrow at 2 PM", "12/25", "at 1430 hours",
            "in 2 days at 3 AM", "10/15/2025"})
    void digitStringsThatAreNoPhone(String text) {
        assertThat(phone(text, CTX)).as(text).isNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" from the UK -> none")
    @ValueSource(strings = {"12345678901234", "my account number is 12345678901234", "the card is 4111 1111 1111 1111",
            "123", "1234567", "99999999999999999999999", "000 000 0000", "911", "four one six um five five five um"})
    void digitStringsThatAreNoPhoneFromAbroad(String text) {
        assertThat(phone(text, CTX.withCallerId("+447400123456"))).as(text).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            +447400123456   | GB
            +442079460000   | GB
            +447911123456   | GG
            +33612345678    | FR
            +525512345678   | MX
            +14165551234    | CA
            +12125556789    | US
            +44             | -
            not a number    | -
            -               | -
            """)
    void theCallerIdGivesItsCountry(String callerId, String region) {
        assertThat(ParseContext.regionOfNumber(callerId)).isEqualTo(region);
    }

    /** Hundreds and thousands said as people read the last digits: "twenty one hundred" is 2100. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            four oh three five five five twenty one hundred      | +14035552100
            780 555 twenty one hundred                           | +17805552100
            four oh three five five five two thousand            | +14035552000
            four oh three five five five nineteen hundred        | +14035551900
            four oh three, five five five, six hundred           | -
            """)
    void hundredsAndThousandsAddZeros(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /**
     * A tens word that ends a group ("seven eighty", "five sixty") is not joined with the unit that starts the next
     * one when only the groups make a number; hyphenated digit words are digits.
     */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            seven eighty, five five five, twenty-one hundred       | +17805552100
            seven eighty five five five zero one two three         | +17805550123
            four oh three, five sixty two, nine nine one one       | +14035629911
            four-oh-three, five-fifty-five, twelve thirty-four     | +14035551234
            four-oh-three five-five-five oh-one-two-three          | +14035550123
            five-eight-seven, five-five-five, oh-one-double-nine   | +15875550199
            five five five twenty-five thirty                      | -
            """)
    void groupsEndingInATensWordAndHyphenatedDigits(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /** Two numbers, each named, and the caller says which to use: that one, wherever it was said. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            my cell's 587 555 0111 and my work is 403 555 0222, cell's better          | +15875550111
            home is 403 555 0101, mobile 587 555 0202, use the mobile please           | +15875550202
            work 403 555 0101 and cell 587 555 0202, the work one is probably best     | +14035550101
            my mobile is 780 555 0303, office 780 555 0404, try my office first         | +17805550404
            my cell is 780 555 0123, I'm calling from work                             | +17805550123
            home 403 555 0101 and work 403 555 0202                                    | +14035550202
            """)
    void theNamedNumberTheCallerChooses(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /** Said with its country code, a number of that country's length is taken even from a range kept for drama. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            my UK mobile is plus 44 7700 900123                                  | +447700900123
            plus four four, seven seven oh oh, nine double oh, one two three     | +447700900123
            +44 7700 900123 4567                                                 | -
            plus 44 12 34                                                        | -
            +1 555 123 4567                                                      | -
            """)
    void aNumberWithItsCountryCodeOfThatCountrysLength(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /** An extension written with "#" is no part of the number. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Call me back at (902) 555-0117 #5.                   | +19025550117
            403-555-0188 #204, that's my office                  | +14035550188
            """)
    void anExtensionAfterAHash(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /** A number broken off and its last part said again after "sorry": the part said again replaces the broken one. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            four oh three, five five five, oh one two... sorry, oh one two seven   | +14035550127
            780 555 01, sorry, 0199                                                | +17805550199
            five eight seven five five five nine nine, I mean, nine nine four four | +15875559944
            four oh three five five five oh one, um, two three                     | +14035550123
            five eight seven, five five five, oh one... wait, no, it's oh two four six | +15875550246
            780 555 12, sorry, 3456                                                | +17805553456
            """)
    void aLastPartSaidAgainAfterABreak(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /** "The last four are ...": the count names the part of the number that follows; it is no digit of it. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            four one six five five five, and the last four are zero one two three  | +14165550123
            four oh three five five five, last four zero one nine nine             | +14035550199
            587 555 and the last four digits are 4 4 1 2                           | +15875554412
            the first three are 780, then 555, last four 0134                      | +17805550134
            the last four are 1 2 3 4                                              | -
            """)
    void aPartNamedByItsCountIsNoDigit(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    /** The recogniser's words for digits ("won", "tree", "ate", "for", "too") count beside other digits. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            four oh tree five five five won two tree four       | +14035551234
            four oh three five five five oh won for too         | +14035550142
            seven ate oh, five five five, two three six eight   | +17805552368
            780 555 1234 for Friday                             | +17805551234
            """)
    void misheardDigitWords(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Sure, it's 555 0148, area code 780.                                                           | +17805550148
            The number is five five five, zero one six three, and the area code's five eight seven.       | +15875550163
            555 1234 and the area code is 403                                                             | +14035551234
            """)
    void theAreaCodeSaidLast(String text, String expected) {
        assertThat(phone(text, CTX)).as(text).isEqualTo(expected);
    }
}
