package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialogueNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Jon Snow        | John        | John Snow
            John Snow       | Jon         | Jon Snow
            Mary Smith      | Smyth       | Mary Smyth
            Mary Smith      | Peter Brown | Peter Brown
            Mary Smith      | Peter       | Peter
            -               | Ada         | Ada
            Ada             | Adda        | Adda
            Nadia Shepanski | Szczepanski | Nadia Szczepanski
            Sarah Stevens   | Sandra      | Sandra
            Kim Lee         | Kate        | Kate
            """)
    void aSingleCorrectedWordReplacesThePartItResembles(String previous, String said, String expected) {
        assertThat(Dialogue.correctedName(previous, said)).isEqualTo(expected);
    }
}
