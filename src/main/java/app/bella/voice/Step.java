package app.bella.voice;

/** Where the dialogue is: what Bella just asked. */
public enum Step {
    /** A returning caller: book something new, or change or ask about an existing appointment? */
    ASK_INTENT,
    ASK_NAME,
    ASK_PHONE,
    ASK_TIME,
    /** The practice offers several services and the caller has not said which. */
    ASK_SERVICE,
    /** Alternatives were offered because the wished time cannot be booked. */
    CHOOSE_ALTERNATIVE,
    /** Read-back of a new booking or a move: yes books, no or a correction changes it. */
    CONFIRM,
    CONFIRM_CANCEL,
    /** The caller said no to the read-back without saying what is wrong. */
    ASK_CHANGE,
    /** A code was texted to a spoken number that is not the caller ID: the caller reads it back. */
    VERIFY_CODE,
    /** The spoken number could not be verified: a person (transfer) or a callback is offered instead. */
    OFFER_HELP,
    /** A returning caller with an upcoming appointment heard it: keep it, move it or cancel it? */
    KEEP_MOVE_CANCEL,
    /** Spoken numbers failed twice: "Shall I use the number you're calling from, ending 1234?" */
    CONFIRM_CALLER_NUMBER,
    DONE
}
