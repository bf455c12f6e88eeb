package app.bella.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The disk watch's threshold (smaller of MB and share of the volume, cleared 10 % above) and what counts as disk full. */
class DiskWatchThresholdTest {

    private static final long MB = 1024L * 1024;
    private final DiskWatch.Threshold defaults = new DiskWatch.Threshold(512, 0.05);

    @Test
    void absoluteFloorOnLargeVolumesShareOnSmallOnes() {
        assertThat(defaults.bytes(100_000 * MB)).isEqualTo(512 * MB);
        assertThat(defaults.bytes(10_240 * MB)).isEqualTo(512 * MB);
        assertThat(defaults.bytes(512 * MB)).as("the drill's 512 MB tmpfs").isEqualTo((long) (512 * MB * 0.05));
        assertThat(defaults.clearBytes(100_000 * MB)).isEqualTo(512 * MB + 512 * MB / 10);
    }

    @Test
    void onlyPostgresDiskFullCountsNotTheRestOfClass53() {
        assertThat(DiskWatch.diskFull(new SQLException("ERROR: could not extend file \"base/5/t3_1\"", "53100"))).isTrue();
        assertThat(DiskWatch.diskFull(new SQLException("wrapped", "XX000",
                new java.io.IOException("No space left on device")))).isTrue();
        assertThat(DiskWatch.diskFull(new SQLException("sorry, too many clients already", "53300"))).isFalse();
        assertThat(DiskWatch.diskFull(new SQLException("out of memory", "53200"))).isFalse();
        assertThat(DiskWatch.diskFull(new SQLException("Connection refused", "08001"))).isFalse();
    }
}
