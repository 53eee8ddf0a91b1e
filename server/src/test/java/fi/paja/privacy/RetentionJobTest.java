package fi.paja.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Retention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionJobTest {

  private static final Instant CLOSED = Instant.parse("2026-01-10T12:00:00Z");

  private static RetentionJob job(Retention retention, Instant now) {
    return new RetentionJob(null, null, null, id -> null, retention, Clock.fixed(now, ZoneOffset.UTC), "node");
  }

  @Test
  void anonymisedOnceThePeriodAfterClosingHasPassedThenDeletedAfterTheSecond() {
    Retention r = new Retention(Optional.of(Duration.ofDays(30)), Optional.of(Duration.ofDays(365)),
        Duration.ofHours(1));
    RetentionJob job = job(r, CLOSED);
    assertEquals(RetentionJob.Action.NONE, job.due(CLOSED, false, CLOSED.plus(Duration.ofDays(30)).minusSeconds(1)));
    assertEquals(RetentionJob.Action.ANONYMISE, job.due(CLOSED, false, CLOSED.plus(Duration.ofDays(30))));
    assertEquals(RetentionJob.Action.NONE, job.due(CLOSED, true, CLOSED.plus(Duration.ofDays(31))));
    assertEquals(RetentionJob.Action.DELETE, job.due(CLOSED, true, CLOSED.plus(Duration.ofDays(365))));
    assertEquals(RetentionJob.Action.DELETE, job.due(CLOSED, false, CLOSED.plus(Duration.ofDays(400))));
  }

  @Test
  void offMeansNever() {
    Retention off = new Retention(Retention.days("off"), Optional.empty(), Duration.ofHours(1));
    assertTrue(off.off());
    assertEquals(RetentionJob.Action.NONE, job(off, CLOSED).due(CLOSED, false, CLOSED.plus(Duration.ofDays(9999))));
    assertEquals(Optional.empty(), Retention.days("0"));
    assertEquals(Optional.of(Duration.ofDays(90)), Retention.days("90"));
    assertThrows(IllegalArgumentException.class, () -> Retention.days("-1"));
    assertThrows(IllegalArgumentException.class, () -> Retention.days("ninety"));
  }

  @Test
  void thePeriodFollowsTheClock() {
    Retention r = new Retention(Optional.of(Duration.ofDays(30)), Optional.empty(), Duration.ofHours(1));
    long first = job(r, CLOSED).period();
    assertEquals(first, job(r, CLOSED.plus(Duration.ofMinutes(59))).period());
    assertEquals(first + 1, job(r, CLOSED.plus(Duration.ofHours(1))).period());
  }
}
