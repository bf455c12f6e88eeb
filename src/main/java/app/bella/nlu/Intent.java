package app.bella.nlu;

/** What the caller wants to do. {@link #QUERY} means "when is my appointment?". */
public enum Intent { BOOK, RESCHEDULE, CANCEL, QUERY }
