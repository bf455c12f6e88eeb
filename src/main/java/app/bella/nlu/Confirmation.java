package app.bella.nlu;

/** A caller's answer to a yes/no question. */
public enum Confirmation { YES, NO }
