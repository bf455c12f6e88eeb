package app.bella.nlu;

/** A coarse part of the day, as in "Friday afternoon". */
public enum DayPart { MORNING, AFTERNOON, EVENING }
