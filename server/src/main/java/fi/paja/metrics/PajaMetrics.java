package fi.paja.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Paja's own meters, next to Vert.x's (HTTP, event bus, JVM) in one Prometheus registry scraped at
 * {@code /metrics}. No label ever carries a workshop, a person or a token: only operation names and error codes.
 */
public final class PajaMetrics {

  private final PrometheusMeterRegistry registry;
  private final Timer persist;
  private final Timer command;
  private final Timer delivery;
  /** Open bridge sockets on this node, over all HTTP verticles (each counts its own in and out). */
  private final AtomicInteger bridgeSockets = new AtomicInteger();

  private PajaMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.persist = Timer.builder("paja.persist").description("Time to store and make durable one group of events")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    this.command = Timer.builder("paja.command").description("From a command reaching its board to its reply")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    this.delivery = Timer.builder("paja.fanout")
        .description("From an event's creation until an HTTP verticle has written it to all its sockets on that board")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    gauge("paja.bridge.sockets", "Open event-bus bridge sockets", bridgeSockets::get);
  }

  /** Uses the registry Vert.x was started with (see Main), or a registry of Paja's own (tests, embedding). */
  public static PajaMetrics create() {
    MeterRegistry vertxRegistry = BackendRegistries.getDefaultNow();
    if (vertxRegistry instanceof PrometheusMeterRegistry prometheus) {
      return new PajaMetrics(prometheus);
    }
    return new PajaMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void persisted(long nanos) {
    persist.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void commandDone(long nanos) {
    command.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void delivered(long millis) {
    delivery.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  /** Counts a command by its op and how it ended: ok, or the error code. */
  public void command(String op, String result) {
    Counter.builder("paja.commands").tag("op", op).tag("result", result).register(registry).increment();
  }

  /** A board's checkpoint written (or not): how far behind the materialised views can be is worth watching. */
  public void checkpoint(boolean written) {
    Counter.builder("paja.checkpoints").description("Board checkpoints (notes, participants, board state) written")
        .tag("result", written ? "ok" : "failed").register(registry).increment();
  }

  public void error(String code) {
    Counter.builder("paja.errors").tag("code", code).register(registry).increment();
  }

  public void bridgeSocketOpened() {
    bridgeSockets.incrementAndGet();
  }

  public void bridgeSocketClosed() {
    bridgeSockets.decrementAndGet();
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
  }
}
