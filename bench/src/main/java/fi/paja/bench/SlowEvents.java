package fi.paja.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Which commands were slow to reach everyone, and whether a garbage-collection pause of this JVM fell inside their
 * way. A p99 over a thousand receivers per command is set by a handful of commands; this names what they had in
 * common. Pauses are known only in-process (the server in this JVM); with {@code --url} they are not.
 */
final class SlowEvents {

  /** A pause, in System.nanoTime terms (the end is when the notification came, a little after the real end). */
  private record Pause(long start, long end) {
  }

  private final List<Pause> pauses = java.util.Collections.synchronizedList(new ArrayList<>());

  SlowEvents() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
            long end = System.nanoTime();
            pauses.add(new Pause(end - info.getGcInfo().getDuration() * 1_000_000L, end));
          }
        }, null, null);
      }
    }
  }

  /** One line: how many commands took longer than {@code limitMillis} to reach everyone, and what they met. */
  String summary(Stats stats, long limitMillis) {
    long limit = limitMillis * 1_000_000L;
    int commands = 0;
    int slow = 0;
    int slowWithPause = 0;
    int slowAckedLate = 0;
    List<Pause> known;
    synchronized (pauses) {
      known = new ArrayList<>(pauses);
    }
    for (Map.Entry<Long, AtomicLong> e : stats.slowest.entrySet()) {
      commands++;
      long sentAt = e.getKey();
      long worst = e.getValue().get();
      if (worst <= limit) {
        continue;
      }
      slow++;
      Long ack = stats.ackOf.get(sentAt);
      if (ack != null && ack > limit / 2) {
        slowAckedLate++;
      }
      long until = sentAt + worst;
      // The notification comes a few ms after the pause: 5 ms of slack on its end.
      if (known.stream().anyMatch(p -> p.start() < until && p.end() + 5_000_000L > sentAt)) {
        slowWithPause++;
      }
    }
    return String.format(Locale.ROOT, "%d of %d commands reached someone later than %d ms; of those, %d had a GC "
        + "pause of this JVM on the way (%d pauses seen in all), %d were acknowledged later than %d ms",
        slow, commands, limitMillis, slowWithPause, known.size(), slowAckedLate, limitMillis / 2);
  }
}
