package fi.paja.storage;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the log says about a storage fault: one line when it starts, one a minute while it lasts (with how many
 * database requests were refused), one when it ends. Not a line, let alone a stack trace, per refused request: a
 * busy board makes thousands while the disk is full. The stack trace is at debug level.
 */
final class FaultLog {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
  static final long REPORT_MILLIS = 60_000;

  private final AtomicLong refused = new AtomicLong();
  private long downSince;
  private long lastReport;
  private long refusedAtLastReport;

  synchronized void down(StorageFault fault, long retryMillis) {
    downSince = lastReport = System.currentTimeMillis();
    refused.set(0);
    refusedAtLastReport = 0;
    LOG.error("Storage DOWN: {}. Changes are refused (503 storage_unavailable) until it can write again; "
        + "trying to reopen it every {} s", fault.getMessage(), retryMillis / 1000.0);
    LOG.debug("Storage fault", fault);
  }

  void refused() {
    refused.incrementAndGet();
  }

  /** While down: a line now and then, with the latest reason (it may have changed, e.g. from full to missing). */
  synchronized void stillDown(StorageFault fault) {
    long now = System.currentTimeMillis();
    if (now - lastReport < REPORT_MILLIS) {
      return;
    }
    long total = refused.get();
    LOG.warn("Storage still DOWN after {} s: {}; {} database requests refused in the last {} s",
        (now - downSince) / 1000, fault.getMessage(), total - refusedAtLastReport, (now - lastReport) / 1000);
    lastReport = now;
    refusedAtLastReport = total;
  }

  synchronized void up() {
    LOG.info("Storage UP again after {} s down; {} database requests were refused meanwhile",
        (System.currentTimeMillis() - downSince) / 1000, refused.get());
  }
}
