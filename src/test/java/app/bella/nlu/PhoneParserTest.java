package app.bella.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneParserTest {

    private final PhoneParser parser = new PhoneParser();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            416.555.1234                                          | +14165551234
            416 555 1234                                          | +14165551234
            (416) 555-1234                                        | +14165551234
            416-555-1234                                          | +14165551234
            'seven eight oh four one two... sorry, four two one, three three oh nine' | +17804213309
            'it''s four oh three, two eight nine, um, two eight nine, and then four four seven one, four four seven one' | +14032894471
            'the toll free one, 1-800-555-0199'                  | +18005550199
            for won six fife fife fife oh to for ate             | +14165550248
            'the work one, 780 555 0199'                         | +17805550199
            6475551234                                            | +16475551234
            +14165551234                                          | +14165551234
            1-416-555-1234                                        | +14165551234
            1 416 555 1234                                        | +14165551234
            14165551234                                           | +14165551234
            +1 416 555 1234                                       | +14165551234
            +1 (416) 555-1234                                     | +14165551234
            + 1 416 555 1234                                      | +14165551234
            um my phone number is uh 416 555 1234                 | +14165551234
            the number is... 416-555-1234                         | +14165551234
            it's 780 555 0199                                     | +17805550199
            my cell is 403-555-0000                               | +14035550000
            you can reach me at 587 555 2468                      | +15875552468
            John Smith 416-555-1234                               | +14165551234
            Bob Wilson calling at 416-555-7890                    | +14165557890
            (416) 555-1234 #extension123                          | +14165551234
            416 555 1234 ext 22                                   | +14165551234
            416-555-1234 extension 5                              | +14165551234
            416 555 1234 x 301                                    | +14165551234
            four one six five five five oh nine eight seven       | +14165550987
            four one six five five five one two three four        | +14165551234
            four one six double five five one two three four      | +14165551234
            four one six triple five one two three four           | +14165551234
            four one six five five five zero zero zero zero       | +14165550000
            plus one four one six five five five one two three four | +14165551234
            one four one six five five five one two three four    | +14165551234
            416 five five five 1234                               | +14165551234
            four one six 555 one two three four                   | +14165551234
            four one six five five five twelve thirty four        | +14165551234
            'four one six, five five five, one two three four'    | +14165551234
            four one six dash five five five dash one two three four | +14165551234
            416 555 12 34                                         | +14165551234
            um 4 1 6 5 5 5 1 2 3 4                               | +14165551234
            my number is 416 555 1234 and call me tomorrow at 2   | +14165551234
            416 555 1234 tomorrow at 3 pm                         | +14165551234
            it's 416 555 1234 no sorry 647 555 9876               | +16475559876
            +44 20 7946 0958                                      | +442079460958
            plus four four two zero seven nine four six zero nine five eight | +442079460958
            +33 1 42 68 53 00                                     | +33142685300
            +61 2 9374 4000                                       | +61293744000
            """)
    void parsesPhones(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" has no phone")
    @ValueSource(strings = {
            "", "123", "four one six um five five five um", "416 555", "555 1234", "garbled phone number",
            "tomorrow at 2 PM", "10/15 at 3:30", "2:30", "at 3 pm for 30 minutes", "December 15th at 2 PM",
            "in 2 days at 3 AM", "116 555 1234", "416 155 1234", "016 555 1234", "416 555 12345",
            "4165551234567", "+1 416 555 123", "+44 20 79", "my number is unclear", "twenty five", "1430 hours",
            "John Smith", "next Monday at 10 for an hour", "oh", "double", "2025 10 08", "the 15th at 3",
            "+1234567890123456"})
    void rejectsNonPhones(String input) {
        assertNull(parser.parse(input));
    }

    @Test
    void timeDigitsAreNotGluedOntoThePhone() {
        assertEquals("+14165551234", parser.parse("416 555 1234 3 pm"));
        assertEquals("+14165551234", parser.parse("416 555 1234 at 3"));
        assertEquals("+14165551234", parser.parse("tomorrow 2 pm 416 555 1234"));
        assertEquals("+14165551234", parser.parse("416 555 1234 2:30"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            780 555 1234, no sorry, 1243                          | +17805551243
            416 555 1234 sorry I mean 1243                        | +14165551243
            four oh three five five five one two three four, no wait, one two four three | +14035551243
            587 555 2468 actually 555 2486                        | +15875552486
            416 555 1234 no sorry 647 555 9876                    | +16475559876
            416 555 1234, no sorry, I can come at 10              | +14165551234
            416 555 1234 and the appointment at 11, no sorry by 1130 | +14165551234
            416 555 1234 and I'd like 2 hours, no sorry 3 hours   | +14165551234
            416 555 1234 no, 12                                   | +14165551234
            """)
    void aCorrectionReplacesTheEndOfTheNumber(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            it's a 780 number, 555 0177                          | +17805550177
            area code 403, then 555 0142                          | +14035550142
            a four one six number, five five five one two three four | +14165551234
            the area code is five eight seven and the number is five five five zero one three one | +15875550131
            five eight seven, then five five five, and then zero one nine nine | +15875550199
            it's 403, um, the middle part is 555, and the end is 0123 | +14035550123
            416 555 and then 1234                                 | +14165551234
            403 555 0156 403 555 0156                             | +14035550156
            cell's 780 555 0172 — 0172, yeah                      | +17805550172
            403 555 0199, 199                                     | +14035550199
            """)
    void partsSaidApartMakeTheNumber(String input, String expected) {
        assertEquals(expected, parser.parse(input));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" has no phone")
    @ValueSource(strings = {"I have 3 kids, 555 0177", "it's a 780 number", "a 780 number, 555 01",
            "780 at 10 in the morning and then 555 0177 was my old number but that is a long story, 99",
            "416 555 1234 416 555 1235 416"})
    void partsThatDoNotFormANumberStayNoPhone(String input) {
        assertNull(parser.parse(input));
    }

    @Test
    void otherDefaultCountryCodeStripsTrunkZero() {
        assertEquals("+442079460958", parser.parse("020 7946 0958", "44"));
        assertEquals("+442079460958", parser.parse("+44 20 7946 0958", "44"));
        assertNull(parser.parse("0958", "44"));
    }

    @Test
    void defaultCountryCodeIsOne() {
        assertEquals(parser.parse("416 555 1234", "1"), parser.parse("416 555 1234"));
        assertNull(parser.parse(null));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            oh one one four four seven nine one one, one two three, four five six   | +447911123456
            oh oh four four seven nine one one one two three four five six          | +447911123456
            four oh three, five five five, oh one nine two, oh wait, nine three     | +14035550193
            oh, it's 403 555 0192                                                   | +14035550192
            403 555 0192, sorry, ninety three                                       | +14035550192
            um seven eight zero five five five zero one two... zero one two five    | +17805550125
            four oh three five five five one two one two                            | +14035551212
            """)
    void aLeadingOhThatDialsAbroadAndAnOhThatTakesBack(String said, String expected) {
        assertEquals(expected, new PhoneParser().parse(said));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no, it's 587 555 0192, not 0129        | +15875550192
            780 555 3318, not 3381                 | +17805553318
            780 555 3381, no, 3318                 | +17805553318
            """)
    void anEndingAfterNotIsTheOneTakenBack(String said, String expected) {
        assertEquals(expected, parser.parse(said));
    }
}
