package app.bella.architecture.cyclic.b;

import app.bella.architecture.cyclic.a.Ping;

/** The other half of the deliberate package cycle. */
public final class Pong {

    public Ping serve() {
        return new Ping();
    }
}
