package app.bella.architecture.cyclic.a;

import app.bella.architecture.cyclic.b.Pong;

/** Half of a deliberate package cycle: proves {@code ArchitectureTest}'s cycle rule can fail. */
public final class Ping {

    public Pong answer() {
        return new Pong();
    }
}
