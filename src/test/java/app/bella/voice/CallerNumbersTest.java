package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerNumbersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            4 0 3 5 5 5 0 1 9 2                         | true
            it's four oh three, five five five, oh one nine two | true
            four oh three double five five oh one nine two   | true
            one 403 555 0192                            | true
            403 555 0193                                | false
            555 0192                                    | false
            """)
    void theCallerSaysTheNumberTheyCallFrom(String said, boolean same) {
        assertThat(CallerNumbers.says(said, "14035550192")).isEqualTo(same);
    }

    @Test
    void anEndingSaidReplacesTheOneReadBack() {
        assertThat(CallerNumbers.withEndingSaid("+14035550189", "no, my number ends in 0199, not 0189"))
                .isEqualTo("+14035550199");
        assertThat(CallerNumbers.withEndingSaid("+14035550189", "it ends with 99")).isEqualTo("+14035550199");
        assertThat(CallerNumbers.withEndingSaid("+14035550189", "my number ends in 0189")).as("the same ending").isNull();
        assertThat(CallerNumbers.withEndingSaid("+14035550189", "yes that's right")).isNull();
    }

    @Test
    void theEndingIsReadDigitByDigit() {
        assertThat(CallerNumbers.lastDigits("+14035550192")).isEqualTo("0 1 9 2");
        assertThat(CallerNumbers.lastDigits(null)).isEmpty();
    }
}
