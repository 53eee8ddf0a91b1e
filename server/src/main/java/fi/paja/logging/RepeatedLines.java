package fi.paja.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * At most {@code allowed} log lines of one kind per window (10 per 60 s by default), then one summary line saying how
 * many were left out. A kind is the logger, the level and the message pattern (its text before arguments are filled
 * in), so a flood of lines that differ only in an id or an address is held back too. The summary has the same logger
 * and level and comes when the window ends. Configured in {@code logback.xml}:
 * {@code <turboFilter class="fi.paja.logging.RepeatedLines"><allowed>10</allowed><windowSeconds>60</windowSeconds></turboFilter>}.
 *
 * <p>Why not logback's {@code DuplicateMessageFilter}: it has no time window (after its allowed repetitions a
 * pattern is dropped until the pattern leaves its cache, however rare it has become) and says nothing about what it
 * dropped.
 */
public final class RepeatedLines extends TurboFilter {

  /** Marks the summary lines, which are never held back themselves. */
  static final Marker SUMMARY = MarkerFactory.getMarker("PAJA_REPEATED_LINES");

  private record Kind(String logger, Level level, String pattern) {
  }

  private static final class Window {
    final Logger logger;
    long start;
    int passed;
    int held;

    Window(Logger logger, long start) {
      this.logger = logger;
      this.start = start;
    }
  }

  private record Summary(Logger logger, Level level, String pattern, int held, long seconds) {
  }

  private int allowed = 10;
  private long windowMillis = 60_000;
  private int maxKinds = 1_000;
  private LongSupplier clock = System::currentTimeMillis;
  /** In order of last use, so that the least recently seen kind goes first when there are too many. */
  private final LinkedHashMap<Kind, Window> windows = new LinkedHashMap<>(64, 0.75f, true);
  private ScheduledFuture<?> flusher;

  /** Lines of one kind let through per window. */
  public void setAllowed(int allowed) {
    if (allowed < 1) {
      throw new IllegalArgumentException("allowed must be at least 1");
    }
    this.allowed = allowed;
  }

  public void setWindowSeconds(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("windowSeconds must be at least 1");
    }
    this.windowMillis = seconds * 1000L;
  }

  /** How many kinds are counted at once; beyond that the least recently seen one is forgotten (memory stays bounded). */
  public void setMaxKinds(int maxKinds) {
    this.maxKinds = Math.max(1, maxKinds);
  }

  /** For tests: the time in milliseconds. */
  void clock(LongSupplier clock) {
    this.clock = clock;
  }

  @Override
  public void start() {
    if (getContext() != null) {
      // Summaries of windows that ended come in time even when nothing else is logged; the context's executor
      // (daemon threads) stops with it.
      long period = Math.min(windowMillis, 10_000);
      flusher = getContext().getScheduledExecutorService()
          .scheduleAtFixedRate(this::flush, period, period, TimeUnit.MILLISECONDS);
      getContext().addScheduledFuture(flusher);
    }
    super.start();
  }

  @Override
  public void stop() {
    if (flusher != null) {
      flusher.cancel(false);
      flusher = null;
    }
    List<Summary> due = new ArrayList<>();
    synchronized (windows) {
      windows.forEach((kind, window) -> summary(kind, window, due));
      windows.clear();
    }
    due.forEach(RepeatedLines::write);
    super.stop();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                            Throwable t) {
    // format is null when a logger is only asked whether a level is enabled.
    if (!isStarted() || format == null || level == null || (marker != null && marker.contains(SUMMARY))
        || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    Kind kind = new Kind(logger.getName(), level, format);
    List<Summary> due = new ArrayList<>(0);
    FilterReply reply;
    synchronized (windows) {
      long now = clock.getAsLong();
      Window window = windows.get(kind);
      if (window == null) {
        window = new Window(logger, now);
        windows.put(kind, window);
        if (windows.size() > maxKinds) {
          Iterator<Map.Entry<Kind, Window>> eldest = windows.entrySet().iterator();
          Map.Entry<Kind, Window> e = eldest.next();
          summary(e.getKey(), e.getValue(), due);
          eldest.remove();
        }
      } else if (now - window.start >= windowMillis) {
        summary(kind, window, due);
        window.start = now;
        window.passed = 0;
        window.held = 0;
      }
      if (window.passed < allowed) {
        window.passed++;
        reply = FilterReply.NEUTRAL;
      } else {
        window.held++;
        reply = FilterReply.DENY;
      }
    }
    due.forEach(RepeatedLines::write);
    return reply;
  }

  /** Ends the windows whose time is up: their summaries are written and idle kinds forgotten. */
  void flush() {
    List<Summary> due = new ArrayList<>();
    synchronized (windows) {
      long now = clock.getAsLong();
      for (Iterator<Map.Entry<Kind, Window>> it = windows.entrySet().iterator(); it.hasNext();) {
        Map.Entry<Kind, Window> e = it.next();
        if (now - e.getValue().start >= windowMillis) {
          summary(e.getKey(), e.getValue(), due);
          it.remove();
        }
      }
    }
    due.forEach(RepeatedLines::write);
  }

  private void summary(Kind kind, Window window, List<Summary> due) {
    if (window.held > 0) {
      long seconds = Math.max(1, (clock.getAsLong() - window.start + 999) / 1000);
      due.add(new Summary(window.logger, kind.level(), kind.pattern(), window.held, seconds));
    }
  }

  /** Written outside the lock, through the same logger at the same level, marked so that it is not counted. */
  private static void write(Summary s) {
    s.logger().log(SUMMARY, Logger.FQCN, Level.toLocationAwareLoggerInteger(s.level()),
        "{} more lines like this were left out in {} s: {}",
        new Object[] {s.held(), s.seconds(), Objects.toString(s.pattern())}, null);
  }
}
