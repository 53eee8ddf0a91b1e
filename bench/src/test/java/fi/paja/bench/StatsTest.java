package fi.paja.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The window counts only what was sent in it: the warm-up's late deliveries must not leak in. */
class StatsTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void deliveriesOfCommandsSentBeforeTheWindowAreNotCounted() {
    long sentInWarmUp = System.nanoTime();
    Stats window = new Stats("window");
    window.start(TimeUnit.SECONDS.toNanos(30));
    window.delivered(sentInWarmUp, window.startNanos + 5 * MS);
    assertEquals(0, window.delivered.sum());
    assertEquals(0, window.fanout.getTotalCount());
  }

  @Test
  void deliveriesOfCommandsSentInTheWindowAreTimedFromTheirSend() {
    Stats window = new Stats("window");
    window.start(TimeUnit.SECONDS.toNanos(30));
    long sent = window.startNanos + 1;
    window.delivered(sent, sent + 12 * MS);
    assertEquals(1, window.delivered.sum());
    assertEquals(12_000, window.fanout.getMaxValue(), 12_000 * 0.001);
  }

  @Test
  void eventsWithoutASendStampAreCountedButNotTimed() {
    Stats window = new Stats("window");
    window.start(TimeUnit.SECONDS.toNanos(30));
    window.delivered(-1, window.startNanos + MS);
    assertEquals(1, window.delivered.sum());
    assertEquals(0, window.fanout.getTotalCount());
  }
}
