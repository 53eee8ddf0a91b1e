package fi.paja.web;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-bucket rate limits (Bucket4j) by key: a socket, a token, an IP address, a user name. Buckets left idle
 * are forgotten so the maps stay small. The numbers are public (docs/SECURITY.md).
 */
public final class RateLimits {

  /**
   * Commands per member (one person in one workshop), over every socket and REST together: 20 a second on average,
   * bursts of 40 (dragging notes is bursty). Counted per node.
   */
  public static final Limit COMMANDS = new Limit(40, 20, Duration.ofSeconds(1));
  /**
   * Join attempts with a wrong code per IP: guessing six-character codes stays hopeless. Each attempt is reserved
   * before its code is looked up and given back when the code was right, so parallel guesses cannot overrun it.
   */
  public static final Limit FAILED_JOINS = new Limit(10, 10, Duration.ofMinutes(5));
  /** Joins per IP: a whole class behind one city NAT joins in a minute, a bot does not join thousands. */
  public static final Limit JOINS = new Limit(120, 120, Duration.ofMinutes(1));
  /**
   * Failed logins per IP, reserved before the password is checked (given back when it was right). Per address only:
   * a guesser locks out her own address, never the facilitator at another.
   */
  public static final Limit FAILED_LOGINS = new Limit(10, 10, Duration.ofMinutes(15));

  public record Limit(long capacity, long refill, Duration period) {
    Bucket bucket() {
      return Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refill, period).build())
          .build();
    }
  }

  private record Entry(Limit limit, Bucket bucket) {
  }

  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final boolean enabled;
  private final Limit joinsPerCode;

  public RateLimits() {
    this(true, 120);
  }

  /**
   * {@code enabled} false (PAJA_RATE_LIMITS=off) only for load tests from one address. {@code joinsPerCodePerMinute}
   * (PAJA_JOINS_PER_CODE_PER_MINUTE): people joining through one join code, from any number of addresses.
   */
  public RateLimits(boolean enabled, int joinsPerCodePerMinute) {
    this.enabled = enabled;
    this.joinsPerCode = new Limit(joinsPerCodePerMinute, joinsPerCodePerMinute, Duration.ofMinutes(1));
  }

  /** Joins through one join code: a whole class joins at once, a script does not make thousands of pseudonyms. */
  public Limit joinsPerCode() {
    return joinsPerCode;
  }

  /** The key of a member's command budget: one person in one workshop, whichever socket or request it uses. */
  public static String member(String participantId) {
    return "member:" + participantId;
  }

  /** Takes one token; false when the key has none left. */
  public boolean tryTake(Limit limit, String key) {
    return !enabled || bucket(limit, key).tryConsume(1);
  }

  /** Returns a token taken by {@link #tryTake} for an attempt that turned out not to count (a right password). */
  public void giveBack(Limit limit, String key) {
    if (enabled) {
      bucket(limit, key).addTokens(1);
    }
  }

  private Bucket bucket(Limit limit, String key) {
    return buckets.computeIfAbsent(System.identityHashCode(limit) + ":" + key, k -> new Entry(limit, limit.bucket()))
        .bucket();
  }

  /** Drops buckets that are full again: they carry no information. */
  public void forgetIdle() {
    buckets.values().removeIf(e -> e.bucket().getAvailableTokens() >= e.limit().capacity());
  }
}
