package app.bella.voice;

import static org.assertj.core.api.Assertions.assertThat;

import app.bella.nlu.Confirmation;
import app.bella.nlu.Intent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The words of a caller who holds an appointment, read apart from the dialogue that acts on them. */
class AppointmentAnswersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            keep it please                                 |        | keep
            that's fine, leave it as it is                 |        | keep
            can I move it                                  |        | move
            could we push it to Friday                     |        | move
            can we do the 21st instead                     |        | move
            could I come in sooner                         |        | move
            cancel it                                      | CANCEL | cancel
            I'd like to cancel                             |        | cancel
            cancel it, I'll come the 21st instead          | CANCEL | cancel
            I want to cancel and reschedule it             | CANCEL | cancel+move
            I'd like to book another appointment as well   | BOOK   | another
            what's the weather like                        |        | none
            """)
    void keepMoveCancelFromWords(String said, Intent intent, String expected) {
        AppointmentAnswers.KeepMoveCancel answer = AppointmentAnswers.keepMoveCancel(said, "", intent);
        assertThat(chosen(answer)).isEqualTo(expected);
    }

    @Test
    void theKeysTheQuestionOffers() {
        assertThat(chosen(AppointmentAnswers.keepMoveCancel("", "1", null))).isEqualTo("keep");
        assertThat(chosen(AppointmentAnswers.keepMoveCancel("", "2", null))).isEqualTo("move");
        assertThat(chosen(AppointmentAnswers.keepMoveCancel("", "3", null))).isEqualTo("cancel");
        assertThat(chosen(AppointmentAnswers.keepMoveCancel("", "4", null))).isEqualTo("none");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bump it a week                        | 1
            can you push it back two weeks        | 2
            move my appointment out by 3 weeks    | 3
            push the appointment one week         | 1
            move it to next week                  | 0
            I've been waiting two weeks           | 0
            """)
    void weeksOn(String said, int weeks) {
        assertThat(AppointmentAnswers.keepMoveCancel(said, "", Intent.RESCHEDULE).weeksOn()).isEqualTo(weeks);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            yes please cancel it          | YES
            go ahead and cancel it        | YES
            cancel it                     | YES
            no, don't cancel it           | NO
            do not cancel that            | NO
            never mind, cancelling it no  | NO
            """)
    void cancelInTheCallersOwnWords(String said, Confirmation expected) {
        assertThat(AppointmentAnswers.cancelQuestion(said)).isEqualTo(expected);
    }

    private static String chosen(AppointmentAnswers.KeepMoveCancel a) {
        String s = (a.keep() ? "+keep" : "") + (a.cancel() ? "+cancel" : "") + (a.move() ? "+move" : "")
                + (a.another() ? "+another" : "");
        return s.isEmpty() ? "none" : s.substring(1);
    }
}
