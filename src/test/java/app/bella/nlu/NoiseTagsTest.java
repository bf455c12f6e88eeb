package app.bella.nlu;

import static app.bella.nlu.Fixtures.CTX;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recogniser noise tags are removed before any slot is read; brackets around digits are kept. */
class NoiseTagsTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            [noise] John Smith                  | john smith
            John [cough] Smith                  | john smith
            John (cough) Smith                  | john smith
            John (coughs) Smith                 | john smith
            <unk> tomorrow at 3                 | tomorrow at 3
            [inaudible] yes                     | yes
            {laughter} no                       | no
            *cough* Friday                      | friday
            [BLANK_AUDIO]                       | ''
            [noise] [noise] (static)            | ''
            (416) 555-1234                      | 416 555 1234
            call me at (416) 555 [noise] 1234   | call me at 416 555 1234
            four [noise] one six                | four one six
            it's [ unclear ] Mary               | it's mary
            at 3 [                              | at 3
            """)
    void tagsAreStripped(String text, String expected) {
        assertThat(Words.normalize(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            tomorrow [noise] at 2 pm             | 2025-10-09T14:00-06:00[America/Edmonton]
            <unk> next Monday at <unk> 10 am     | 2025-10-13T10:00-06:00[America/Edmonton]
            (cough) Friday (cough) at 3:30 pm    | 2025-10-10T15:30-06:00[America/Edmonton]
            """)
    void tagsBetweenDateWordsAreIgnored(String text, String start) {
        assertThat(new RulesExtractor().extract(text, Expect.TIME, CTX).start()).hasToString(start);
    }
}
