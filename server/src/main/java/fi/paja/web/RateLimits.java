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

  /** Commands per socket or per token: 20 a second on average, bursts of 40 (dragging notes is bursty). */
  public static final Limit COMMANDS = new Limit(40, 20, Duration.ofSeconds(1));
  /** Join attempts with a wrong code per IP: guessing six-character codes stays hopeless. */
  public static final Limit FAILED_JOINS = new Limit(10, 10, Duration.ofMinutes(5));
  /** Joins per IP: a whole class behind one city NAT joins in a minute, a bot does not join thousands. */
  public static final Limit JOINS = new Limit(120, 120, Duration.ofMinutes(1));
  /** Failed logins per IP and per user name. */
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

  public RateLimits() {
    this(true);
  }

  /** {@code enabled} false (PAJA_RATE_LIMITS=off) only for load tests from one address. */
  public RateLimits(boolean enabled) {
    this.enabled = enabled;
  }

  /** Takes one token; false when the key has none left. */
  public boolean tryTake(Limit limit, String key) {
    return !enabled || bucket(limit, key).tryConsume(1);
  }

  /** Whether the key still has a token, without taking one (e.g. before checking a password). */
  public boolean hasLeft(Limit limit, String key) {
    return !enabled || bucket(limit, key).getAvailableTokens() > 0;
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
