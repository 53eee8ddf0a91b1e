package fi.paja.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void returnsTheFirstValueThatSatisfiesTheConditionWithoutWaitingForTheDeadline() throws Exception {
    AtomicInteger counter = new AtomicInteger();
    long start = System.nanoTime();
    int value = Await.until("the counter to reach 3", Duration.ofSeconds(30), counter::incrementAndGet, n -> n >= 3);
    assertEquals(3, value);
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "returned as soon as the value came");
  }

  @Test
  void aFailureNamesWhatWasAwaitedAndTheLastValueSeen() {
    AssertionError failure = assertThrows(AssertionError.class,
        () -> Await.until("the note count to reach 5", Duration.ofMillis(100), () -> 2, n -> n == 5));
    assertTrue(failure.getMessage().contains("the note count to reach 5"), failure.getMessage());
    assertTrue(failure.getMessage().contains("waited 100 ms"), failure.getMessage());
    assertTrue(failure.getMessage().contains("the last value seen was 2"), failure.getMessage());
  }

  @Test
  void aProbeThatThrowsIsAskedAgainAndItsLastFailureIsTheCause() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String value = Await.until("the server to answer", Duration.ofSeconds(30), () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("connection refused");
      }
      return "ok";
    }, "ok"::equals);
    assertEquals("ok", value);

    IOException refused = new IOException("connection refused");
    AssertionError failure = assertThrows(AssertionError.class, () -> Await.until("the server to answer",
        Duration.ofMillis(50), () -> {
          throw refused;
        }, v -> true));
    assertSame(refused, failure.getCause());
    assertTrue(failure.getMessage().contains("connection refused"), failure.getMessage());
  }

  @Test
  void withinSaysWhetherTheConditionCameInTime() throws Exception {
    AtomicBoolean flag = new AtomicBoolean();
    assertFalse(Await.within(Duration.ofMillis(60), flag::get));
    flag.set(true);
    assertTrue(Await.within(Duration.ofMillis(60), flag::get));
  }

  @Test
  void neverFailsAsSoonAsTheForbiddenThingHappens() throws Exception {
    Await.never("a private note reaching another participant", Duration.ofMillis(60), () -> false);

    AtomicInteger polls = new AtomicInteger();
    long start = System.nanoTime();
    AssertionError failure = assertThrows(AssertionError.class, () -> Await.never(
        "a private note reaching another participant", Duration.ofSeconds(30), () -> polls.incrementAndGet() >= 2));
    assertTrue(failure.getMessage().startsWith("a private note reaching another participant happened"),
        failure.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "failed at once, not after the period");
  }
}
