package fi.paja.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At most N lines of one kind per window, then a count of those left out. */
class RepeatedLinesTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private LoggerContext context;
  private RepeatedLines filter;
  private ListAppender<ILoggingEvent> lines;
  private Logger log;

  @BeforeEach
  void setUp() {
    context = new LoggerContext();
    filter = new RepeatedLines();
    filter.setContext(context);
    filter.setAllowed(3);
    filter.setWindowSeconds(60);
    filter.clock(now::get);
    filter.start();
    context.addTurboFilter(filter);
    lines = new ListAppender<>();
    lines.setContext(context);
    lines.start();
    log = context.getLogger("fi.paja.test");
    log.setLevel(Level.INFO);
    log.addAppender(lines);
  }

  @AfterEach
  void tearDown() {
    context.stop();
  }

  private List<String> messages() {
    return lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void aFloodOfOneLineIsCutToTheAllowedNumberThenCounted() {
    for (int i = 0; i < 1000; i++) {
      log.error("Connection reset");
    }
    assertEquals(3, lines.list.size());
    now.addAndGet(60_000);
    filter.flush();

    assertEquals(List.of("ERROR Connection reset", "ERROR Connection reset", "ERROR Connection reset",
        "ERROR 997 more lines like this were left out in 60 s: Connection reset"), messages());
  }

  @Test
  void linesThatDifferOnlyInTheirArgumentsAreOneKind() {
    for (int i = 0; i < 10; i++) {
      log.warn("Refused origin {}", "https://evil" + i + ".example");
    }
    log.warn("Another line");
    now.addAndGet(61_000);
    filter.flush();

    assertEquals(List.of("WARN Refused origin https://evil0.example", "WARN Refused origin https://evil1.example",
        "WARN Refused origin https://evil2.example", "WARN Another line",
        "WARN 7 more lines like this were left out in 61 s: Refused origin {}"), messages());
  }

  @Test
  void aNewWindowLetsLinesThroughAgainAfterTheSummary() {
    for (int i = 0; i < 5; i++) {
      log.info("Board unloaded");
    }
    now.addAndGet(60_000);
    log.info("Board unloaded");

    assertEquals(List.of("INFO Board unloaded", "INFO Board unloaded", "INFO Board unloaded",
        "INFO 2 more lines like this were left out in 60 s: Board unloaded", "INFO Board unloaded"), messages());
  }

  @Test
  void aLevelOrLoggerOfItsOwnIsAnotherKind() {
    Logger other = context.getLogger("fi.paja.other");
    other.addAppender(lines);
    for (int i = 0; i < 5; i++) {
      log.info("Same text");
      log.warn("Same text");
      other.info("Same text");
    }
    assertEquals(9, lines.list.size());
  }

  @Test
  void linesBelowTheLevelAreNotCounted() {
    for (int i = 0; i < 100; i++) {
      log.debug("Not logged");
    }
    log.setLevel(Level.DEBUG);
    log.debug("Not logged");

    assertEquals(List.of("DEBUG Not logged"), messages());
  }

  @Test
  void nothingLeftOutNoSummary() {
    log.info("Once");
    now.addAndGet(120_000);
    filter.flush();

    assertEquals(List.of("INFO Once"), messages());
  }

  @Test
  void theNumberOfKindsCountedIsBounded() {
    filter.setMaxKinds(2);
    for (int i = 0; i < 5; i++) {
      log.info("A");
    }
    log.info("B");
    log.info("C"); // A, least recently seen, is forgotten: its count comes now
    assertEquals(List.of("INFO A", "INFO A", "INFO A", "INFO B",
        "INFO 2 more lines like this were left out in 1 s: A", "INFO C"), messages());
  }
}
