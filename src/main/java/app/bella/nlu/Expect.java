package app.bella.nlu;

/** What the dialogue just asked the caller for. A {@code null} Expect means an open utterance. */
public enum Expect { NAME, PHONE, TIME, DURATION, CONFIRM }
