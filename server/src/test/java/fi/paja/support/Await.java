package fi.paja.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The one way a test waits for something to happen: poll a condition until it holds or a deadline passes. A test
 * never sleeps a fixed time hoping that something has happened by then; a failure names what was awaited, for how
 * long, and the last value seen.
 *
 * <pre>{@code
 * Await.until("the board checkpointed", Duration.ofSeconds(10), () -> checkpoints(api), n -> n > before);
 * }</pre>
 */
public final class Await {

  /** How often a condition is asked again. Short enough not to slow a test down, long enough not to busy it. */
  static final long POLL_MILLIS = 20;

  private Await() {
  }

  /** A condition that may ask a server or a browser, and so may throw. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Asks {@code probe} until its value satisfies {@code done}, and returns that value. A probe that throws counts as
   * "not yet" (a server still starting refuses connections); the last exception is the failure's cause.
   *
   * @throws AssertionError after {@code deadline}, naming {@code description} and the last value seen
   */
  public static <T> T until(String description, Duration deadline, Callable<T> probe, Predicate<? super T> done)
      throws InterruptedException {
    long start = System.nanoTime();
    long limit = start + deadline.toNanos();
    T last = null;
    Exception lastFailure = null;
    int asked = 0;
    while (true) {
      asked++;
      try {
        last = probe.call();
        lastFailure = null;
        if (done.test(last)) {
          return last;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastFailure = e;
      }
      long left = limit - System.nanoTime();
      if (left <= 0) {
        String seen = lastFailure != null ? "it failed with " + lastFailure : "the last value seen was " + last;
        AssertionError failure = new AssertionError("waited " + deadline.toMillis() + " ms for " + description
            + " (asked " + asked + " times); " + seen);
        if (lastFailure != null) {
          failure.initCause(lastFailure);
        }
        throw failure;
      }
      Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
    }
  }

  /** Waits until {@code condition} holds; fails after {@code deadline}, naming {@code description}. */
  public static void until(String description, Duration deadline, Condition condition) throws InterruptedException {
    until(description, deadline, condition::holds, Boolean::booleanValue);
  }

  /** Whether {@code condition} comes to hold within {@code deadline} (for a test that checks either outcome). */
  public static boolean within(Duration deadline, Condition condition) throws InterruptedException {
    try {
      until("a condition", deadline, condition);
      return true;
    } catch (AssertionError notInTime) {
      return false;
    }
  }

  /**
   * Checks that {@code condition} stays false for the whole {@code period}: for a test whose point is that something
   * does not happen, so time has to pass. Fails as soon as it holds, naming {@code description}.
   */
  public static void never(String description, Duration period, Condition condition) throws Exception {
    long limit = System.nanoTime() + period.toNanos();
    while (true) {
      if (condition.holds()) {
        throw new AssertionError(description + " happened, but must not (watched for " + period.toMillis() + " ms)");
      }
      long left = limit - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
    }
  }
}
