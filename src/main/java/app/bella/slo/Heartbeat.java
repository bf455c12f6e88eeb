package app.bella.slo;

import app.bella.ops.Readiness;
import app.bella.support.Sql;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every instance heartbeats its readiness into PostgreSQL (route ops-slo-heartbeat); a minute in which at least one
 * ready instance answered is an up minute of the availability SLO. The same beat adds this instance's counted
 * service-level events to the store.
 */
public final class Heartbeat {

    private final SloStore store;
    private final SliRecorder recorder;
    private final Clock clock;
    private final Supplier<Readiness> readiness;
    private final String instanceId;
    private final String host;
    private final Instant startedAt;

    public Heartbeat(SloStore store, SliRecorder recorder, Clock clock, Supplier<Readiness> readiness) {
        this.store = store;
        this.recorder = recorder;
        this.clock = clock;
        this.readiness = readiness;
        this.host = host();
        this.instanceId = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.startedAt = clock.instant();
    }

    public String instanceId() {
        return instanceId;
    }

    public void beat() throws SQLException {
        Instant now = clock.instant();
        Readiness r = readiness.get();
        Map<String, String> checks = r == null ? Map.of() : r.check();
        boolean ready = checks.values().stream().allMatch("UP"::equals);
        String detail = checks.entrySet().stream().filter(e -> !"UP".equals(e.getValue()))
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("instance-heartbeat"))) {
            ps.setString(1, instanceId);
            ps.setString(2, host);
            ps.setBoolean(3, ready);
            ps.setString(4, detail.isEmpty() ? null : detail);
            ps.setObject(5, SloStore.ts(startedAt));
            ps.setObject(6, SloStore.ts(now));
            ps.executeUpdate();
        }
        if (ready) {
            store.up(now);
        }
        recorder.flush(store);
    }

    /** Instances seen within {@code recent}: id, host, ready, started, last seen. */
    public List<Map<String, Object>> instances(Duration recent) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(Sql.get("instances-recent"))) {
            ps.setObject(1, SloStore.ts(clock.instant().minus(recent)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString(1));
                    m.put("host", rs.getString(2));
                    m.put("ready", rs.getBoolean(3));
                    m.put("detail", rs.getString(4));
                    m.put("startedAt", rs.getObject(5, java.time.OffsetDateTime.class).toInstant().toString());
                    m.put("lastSeen", rs.getObject(6, java.time.OffsetDateTime.class).toInstant().toString());
                    m.put("self", instanceId.equals(rs.getString(1)));
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "bella";
        }
    }
}
