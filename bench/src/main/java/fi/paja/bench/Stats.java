package fi.paja.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one phase of a scenario measured. Written from every event loop; values in microseconds. */
final class Stats {

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  final String name;
  final ConcurrentHistogram ack = new ConcurrentHistogram(MAX_MICROS, 3);
  final ConcurrentHistogram fanout = new ConcurrentHistogram(MAX_MICROS, 3);
  /** Ack latency by the third of the sending window in which the command was sent. */
  final ConcurrentHistogram[] ackThirds = {
      new ConcurrentHistogram(MAX_MICROS, 3), new ConcurrentHistogram(MAX_MICROS, 3),
      new ConcurrentHistogram(MAX_MICROS, 3)};
  final LongAdder sent = new LongAdder();
  final LongAdder acked = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder seqGaps = new LongAdder();
  final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  volatile long startNanos;
  volatile long windowNanos = 1;
  volatile long lastDeliveryNanos;
  volatile long lastAckNanos;

  Stats(String name) {
    this.name = name;
  }

  void start(long windowNanos) {
    this.windowNanos = windowNanos;
    this.startNanos = System.nanoTime();
  }

  void error(String code) {
    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
  }

  void acked(long sentAt, long now) {
    acked.increment();
    if (ackOf.size() < MAX_TRACKED) {
      ackOf.put(sentAt, now - sentAt);
    }
    lastAckNanos = now;
    long micros = Math.max(0, (now - sentAt) / 1000);
    ack.recordValue(Math.min(micros, MAX_MICROS));
    int third = (int) Math.min(2, Math.max(0, (sentAt - startNanos) * 3 / windowNanos));
    ackThirds[third].recordValue(Math.min(micros, MAX_MICROS));
  }

  void failed(String code) {
    failed.increment();
    error(normalise(code));
  }

  /** Paja's error codes as they are; the bridge's own failures (free text) by kind. */
  static String normalise(String code) {
    if (code == null) {
      return "unknown";
    }
    if (code.startsWith("Timed out after waiting")) {
      return "bridge_reply_timeout";
    }
    if (code.matches("[a-z_]{1,40}")) {
      return code;
    }
    return "other: " + (code.length() > 60 ? code.substring(0, 60) : code);
  }

  void delivered(long sentAt, long now) {
    if (sentAt > 0 && sentAt < startNanos) {
      return; // sent before this window (in the warm-up): counted there or not at all
    }
    delivered.increment();
    lastDeliveryNanos = now;
    if (sentAt > 0) {
      fanout.recordValue(Math.min(Math.max(0, (now - sentAt) / 1000), MAX_MICROS));
      if (slowest.size() < MAX_TRACKED || slowest.containsKey(sentAt)) {
        slowest.computeIfAbsent(sentAt, k -> new AtomicLong()).accumulateAndGet(now - sentAt, Math::max);
      }
    }
  }

  /** Per command (keyed by its send time): its ack latency and its slowest delivery, in nanoseconds. */
  static final int MAX_TRACKED = 200_000;
  final Map<Long, Long> ackOf = new ConcurrentHashMap<>();
  final Map<Long, AtomicLong> slowest = new ConcurrentHashMap<>();

  long pending() {
    return sent.sum() - acked.sum() - failed.sum();
  }

  Map<String, Long> errorCounts() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  static String ms(Histogram h, double percentile) {
    if (h.getTotalCount() == 0) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  static String max(Histogram h) {
    return h.getTotalCount() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", h.getMaxValue() / 1000.0);
  }

  static String summary(Histogram h) {
    return "p50 " + ms(h, 50) + " / p95 " + ms(h, 95) + " / p99 " + ms(h, 99) + " / max " + max(h) + " ms (n="
        + h.getTotalCount() + ")";
  }
}
