package fi.paja.bench;

import com.sun.management.OperatingSystemMXBean;
import fi.paja.PajaServer;
import fi.paja.config.ConfigLoader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Paja load benchmark. Starts a server in-process (embedded MongoDB in a temporary data directory) or targets
 * {@code --url}, and drives simulated participants over the bridge as browsers do (SockJS's WebSocket transport,
 * {@code --wire raw} for the raw endpoint). Every scenario is bounded in time.
 *
 * <pre>
 * java -jar bench/target/paja-bench.jar --scenario 1|2|3|4|5|all [--short] [--seconds S]
 *      [--participants N] [--boards B] [--presence true|false] [--wire sockjs|raw] [--deflate true|false]
 *      [--url http://127.0.0.1:PORT --admin-password PW [--admin-user U] [--server-pid PID]]
 * </pre>
 */
public final class Bench {

  private static final String ADMIN_PASSWORD = "bench-admin-secret";

  private final Options options;
  private final Vertx vertx;
  private final int port;
  private final WebClient http;
  private final WebSocketClient ws;
  private final List<Context> contexts = new ArrayList<>();
  private final List<Map<String, String>> results;
  private String facilitatorToken;

  static final class Options {
    String scenario = "all";
    boolean shortRun;
    int seconds = -1;
    String url;
    String adminUser = "admin";
    String adminPassword;
    Integer participants;
    Integer boards;
    Boolean presence;
    long serverPid = -1;
    int concurrency = 64;
    Double rate;
    String jfr;
    String transport = "auto";
    /** How clients speak to the bridge: SockJS's WebSocket transport, as the browser client does, or raw. */
    String wire = "sockjs";
    /** Offer permessage-deflate, as every browser does. */
    boolean deflate = true;
    /** Event loops the simulated clients share. */
    int clientLoops = 4;
    /** Seconds of the same load before the window, not counted (-1: 10, or 3 with --short). */
    int warmup = -1;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--scenario" -> o.scenario = args[++i];
          case "--short" -> o.shortRun = true;
          case "--seconds" -> o.seconds = Integer.parseInt(args[++i]);
          case "--url" -> o.url = args[++i];
          case "--admin-user" -> o.adminUser = args[++i];
          case "--admin-password" -> o.adminPassword = args[++i];
          case "--participants" -> o.participants = Integer.parseInt(args[++i]);
          case "--boards" -> o.boards = Integer.parseInt(args[++i]);
          case "--presence" -> o.presence = Boolean.parseBoolean(args[++i]);
          case "--server-pid" -> o.serverPid = Long.parseLong(args[++i]);
          case "--concurrency" -> o.concurrency = Integer.parseInt(args[++i]);
          case "--rate" -> o.rate = Double.parseDouble(args[++i]);
          case "--jfr" -> o.jfr = args[++i];
          case "--transport" -> o.transport = args[++i];
          case "--wire" -> o.wire = wire(args[++i]);
          case "--deflate" -> o.deflate = Boolean.parseBoolean(args[++i]);
          case "--client-loops" -> o.clientLoops = Integer.parseInt(args[++i]);
          case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
          case "-h", "--help" -> {
            System.out.println("usage: Bench --scenario 1..5|all [--short] [--seconds S] [--participants N] "
                + "[--boards B] [--presence true|false] [--wire sockjs|raw] [--deflate true|false] [--concurrency C] [--rate CMDS_PER_S_PER_SENDER] "
                + "[--warmup S (same load first, not counted)] [--client-loops N] [--jfr FILE (profile of the sending window)] "
                + "[--url http://127.0.0.1:PORT --admin-password PW [--admin-user U] [--server-pid PID]]");
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return o;
    }

    private static String wire(String value) {
      if (!value.equals("sockjs") && !value.equals("raw")) {
        throw new IllegalArgumentException("--wire is sockjs or raw, not " + value);
      }
      return value;
    }

    int seconds() {
      return seconds > 0 ? seconds : shortRun ? 8 : 30;
    }

    int warmupSeconds() {
      return warmup >= 0 ? warmup : shortRun ? 3 : 10;
    }
  }

  private Bench(Options options, Vertx vertx, int port, List<Map<String, String>> results) {
    this.options = options;
    this.results = results;
    this.vertx = vertx;
    this.port = port;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true).setUserAgentEnabled(false),
        new PoolOptions().setHttp1MaxSize(options.concurrency)
            .setMaxWaitQueueSize(-1));
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(60_000).setTryUsePerMessageCompression(options.deflate));
    // One context per event loop (a verticle with one instance per loop); every client lives on one of them.
    List<Context> made = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      await(vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
        @Override
        public Future<?> start() {
          made.add(context);
          return Future.succeededFuture();
        }
      }, new io.vertx.core.DeploymentOptions().setInstances(options.clientLoops)), 30);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    contexts.addAll(made);
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    quietLogs();
    List<String> which = options.scenario.equals("all") ? List.of("1", "2", "3", "4", "5")
        : List.of(options.scenario.split(","));
    List<Map<String, String>> results = new ArrayList<>();
    log("bench: scenarios " + which + (options.shortRun ? " (short)" : "") + ", " + options.seconds() + " s each, "
        + Runtime.getRuntime().availableProcessors() + " cores, max heap "
        + mib(Runtime.getRuntime().maxMemory()));
    for (String s : which) {
      // A fresh Vert.x and server per scenario: no backlog or memory carries over from the one before.
      runOne(options, s.trim(), results);
    }
    printTable(results);
  }

  private static void runOne(Options options, String scenario, List<Map<String, String>> results) throws Exception {
    // Clients and the in-process server get a Vert.x each, as they would on separate machines: their event loops
    // are separate threads (they still share the cores). The transport the server's main picks by default.
    Vertx vertx = vertx(options.transport, options.clientLoops);
    Vertx serverVertx = options.url == null ? vertx(options.transport, 0) : null;
    PajaServer server = null;
    Path dataDir = null;
    int port;
    try {
      if (options.url == null) {
        dataDir = Files.createTempDirectory("paja-bench");
        Map<String, String> env = new HashMap<>();
        env.put("PAJA_HTTP_HOST", "127.0.0.1");
        env.put("PAJA_HTTP_PORT", "0");
        env.put("PAJA_DATA_DIR", dataDir.toString());
        env.put("PAJA_ADMIN_USER", options.adminUser);
        env.put("PAJA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Thousands of participants join from one address: the per-address limits would refuse them.
        env.put("PAJA_RATE_LIMITS", "off");
        // A thousand people on a board, writers with thousands of notes each: beyond a real workshop's quotas.
        env.put("PAJA_MAX_PARTICIPANTS", "1000000");
        env.put("PAJA_MAX_NOTES_PER_PARTICIPANT", "20000");
        env.put("PAJA_MAX_TEXT_PER_PARTICIPANT", "1000000000");
        options.adminPassword = ADMIN_PASSWORD;
        server = await(PajaServer.start(serverVertx, ConfigLoader.load(env)), 120);
        port = server.port();
        log("server started in-process on 127.0.0.1:" + port + ", data in " + dataDir);
      } else {
        URI uri = URI.create(options.url);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
          throw new IllegalArgumentException("--url must be a loopback address (127.0.0.1)");
        }
        if (options.adminPassword == null) {
          throw new IllegalArgumentException("--url needs --admin-password");
        }
        port = uri.getPort();
      }
      Bench bench = new Bench(options, vertx, port, results);
      bench.facilitatorToken = bench.login();
      switch (scenario) {
        case "1" -> bench.scenario1();
        case "2" -> bench.scenario2();
        case "3" -> bench.scenario3();
        case "4" -> bench.scenario4();
        case "5" -> bench.scenario5();
        default -> throw new IllegalArgumentException("no scenario " + scenario);
      }
    } finally {
      if (server != null) {
        try {
          await(server.stop(), 60);
        } catch (Exception e) {
          log("server stop: " + e);
        }
      }
      await(vertx.close(), 60);
      if (serverVertx != null) {
        await(serverVertx.close(), 60);
      }
      if (dataDir != null) {
        deleteTree(dataDir);
      }
    }
  }

  private static Vertx vertx(String transport, int eventLoops) {
    io.vertx.core.VertxOptions vo = new io.vertx.core.VertxOptions();
    if (eventLoops > 0) {
      vo.setEventLoopPoolSize(eventLoops);
    }
    return Vertx.builder().with(vo).withTransport(fi.paja.NetworkTransport.choose(transport)).build();
  }

  /**
   * The event bus warns once per presence message that reaches a socket's consumer just after it was unregistered:
   * thousands of lines when many sockets close at once; the bridge warns once per send refused for
   * max_handlers_per_socket. The bench counts both itself.
   */
  private static void quietLogs() {
    for (String name : List.of("io.vertx.core.eventbus.impl.MessageConsumerImpl",
        "io.vertx.ext.web.handler.sockjs.impl.EventBusBridgeImpl")) {
      if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
        l.setLevel(ch.qos.logback.classic.Level.ERROR);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ scenarios

  /** One board, 1,000 participants, 10 of them writing 5 notes/s each, the rest watching. */
  private void scenario1() throws Exception {
    int n = pick(options.participants, 1_000, 200);
    int writers = Math.min(10, n);
    double rate = rate(5);
    Run run = new Run("1: one board, " + n + " participants, " + writers + " writing " + rate + " notes/s");
    String id = run.setUp(1, n).get(0);
    run.measure(period(rate), c -> c.index < writers ? () -> c.addNote(run.stats()) : null);
    // Every acknowledged note.add must be in the board (i.e. persisted before the ack; the snapshot reads the board).
    JsonObject snap = snapshotJson(facilitatorToken, id);
    long notes = countBenchNotes(snap);
    run.extra.put("notes acked", run.stats().acked.sum() + " in the window + " + run.warm.acked.sum()
        + " in the warm-up = " + (run.stats().acked.sum() + run.warm.acked.sum()));
    run.extra.put("notes in snapshot", String.valueOf(notes));
    run.report();
    run.close();
  }

  /** One board, 200 participants all moving their own note 10 times a second. */
  private void scenario2() throws Exception {
    int n = pick(options.participants, 200, 200);
    double rate = rate(10);
    Run run = new Run("2: one board, " + n + " participants each moving its note " + rate + "/s");
    run.setUp(1, n);
    run.createOwnNotes();
    run.measure(period(rate), c -> () -> c.moveNote(run.stats(), c.ownNoteId));
    Stats s = run.stats();
    run.extra.put("ack first third", Stats.summary(s.ackThirds[0]));
    run.extra.put("ack middle third", Stats.summary(s.ackThirds[1]));
    run.extra.put("ack last third", Stats.summary(s.ackThirds[2]));
    run.report();
    run.close();
  }

  /** Many boards of 30, mixed commands at about one a second per participant. */
  private void scenario3() throws Exception {
    int boards = pick(options.boards, 100, 20);
    int per = pick(options.participants, 30, 30);
    double rate = rate(1);
    Run run = new Run("3: " + boards + " boards x " + per + " participants, mixed add/move/update " + rate
        + "/s each");
    run.setUp(boards, per);
    run.createOwnNotes();
    run.measure(period(rate), c -> () -> {
      int r = ThreadLocalRandom.current().nextInt(3);
      switch (r) {
        case 0 -> c.addNote(run.stats());
        case 1 -> c.moveNote(run.stats(), c.ownNoteId);
        default -> c.updateNote(run.stats(), c.ownNoteId);
      }
    });
    run.report();
    run.close();
  }

  /** Idle connected participants: memory per connection. */
  private void scenario4() throws Exception {
    int n = pick(options.participants, 10_000, 2_000);
    int boards = pick(options.boards, 100, 20);
    Run run = new Run("4: " + n + " idle participants on " + boards + " boards");
    long[] before = memory();
    long t0 = System.nanoTime();
    run.setUp(boards, n / boards);
    long joinNanos = System.nanoTime() - t0;
    run.stats().start(TimeUnit.SECONDS.toNanos(options.seconds()));
    log("idle for " + options.seconds() + " s");
    Thread.sleep(TimeUnit.SECONDS.toMillis(options.seconds()));
    long[] after = memory();
    int connected = run.clients.size();
    run.extra.put("join+connect time", String.format(Locale.ROOT, "%.1f s (%.0f participants/s)", joinNanos / 1e9,
        connected / (joinNanos / 1e9)));
    run.extra.put("heap before/after", mib(before[0]) + " / " + mib(after[0]));
    run.extra.put("RSS before/after", mib(before[1]) + " / " + mib(after[1]));
    run.extra.put("heap per connection", kib((after[0] - before[0]) / Math.max(1, connected)));
    run.extra.put("RSS per connection", kib((after[1] - before[1]) / Math.max(1, connected)));
    run.extra.put("measured in", options.serverPid > 0 ? "server process " + options.serverPid
        : "bench JVM (server + clients in one process: includes the clients' own sockets)");
    run.report();
    run.close();
  }

  /** A 10,000-note board: create the notes over the bridge, then time snapshots for fresh joiners. */
  private void scenario5() throws Exception {
    int notes = pick(options.participants, 10_000, 10_000);
    int writers = 10;
    Run run = new Run("5: snapshot of a " + notes + "-note board");
    String id = run.setUp(1, writers).get(0);
    long t0 = System.nanoTime();
    Stats create = new Stats("create");
    create.start(1);
    run.current = create;
    AtomicInteger left = new AtomicInteger(notes);
    List<Future<Void>> done = new ArrayList<>();
    for (Client c : run.clients) {
      done.add(pipeline(c, create, left, 32));
    }
    await(Future.all(done), 600);
    double createSeconds = (System.nanoTime() - t0) / 1e9;
    run.extra.put("notes created", create.acked.sum() + " in " + String.format(Locale.ROOT, "%.1f s (%.0f notes/s), "
        + "ack %s", createSeconds, create.acked.sum() / createSeconds, Stats.summary(create.ack)));
    run.current = run.stats();
    // 20 fresh participants, each loads the snapshot once.
    JsonObject workshop = run.workshops.get(0);
    Histogram snap = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    long bytes = 0;
    long snapNotes = 0;
    for (int i = 0; i < 20; i++) {
      JsonObject joined = join(workshop.getString("joinCode"), "fresh" + i);
      long s0 = System.nanoTime();
      HttpResponse<Buffer> resp = await(http.get("/api/workshops/" + id)
          .putHeader("Authorization", "Bearer " + joined.getString("token")).send(), 120);
      long micros = (System.nanoTime() - s0) / 1000;
      if (resp.statusCode() != 200) {
        run.stats().error("snapshot_" + resp.statusCode());
        continue;
      }
      snap.recordValue(micros);
      bytes = resp.body().length();
      if (i == 0) {
        snapNotes = resp.bodyAsJsonObject().getJsonArray("notes").size();
        run.extra.put("snapshot gzip size", kib(gzipSize(resp.body().getBytes())) + " (what compression would send)");
      }
    }
    run.extra.put("snapshot notes", String.valueOf(snapNotes));
    run.extra.put("snapshot size", bytes + " bytes (" + kib(bytes) + ")");
    run.extra.put("snapshot time", Stats.summary(snap));
    run.snapshot = snap;
    run.report();
    run.close();
  }

  /** Keeps {@code window} note.adds in flight on one client until {@code left} runs out. */
  private Future<Void> pipeline(Client c, Stats stats, AtomicInteger left, int window) {
    Promise<Void> done = Promise.promise();
    c.context.runOnContext(v -> {
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        while (c.pendingCount() < window && left.getAndDecrement() > 0) {
          c.addNote(stats);
        }
        if (left.get() <= 0 && c.pendingCount() == 0) {
          done.tryComplete();
        }
      };
      c.onReply = next[0];
      next[0].run();
    });
    return done.future();
  }

  // ------------------------------------------------------------------------------------------------ a run

  /** The clients and figures of one scenario. */
  final class Run {
    final String title;
    final List<Client> clients = new ArrayList<>();
    final List<JsonObject> workshops = new ArrayList<>();
    final LongAdder presenceFrames = new LongAdder();
    final Map<String, String> extra = new LinkedHashMap<>();
    final Stats main;
    /** The warm-up before the window: its commands are on the board too. */
    Stats warm = new Stats("warm-up");
    volatile Stats current;
    Histogram snapshot;
    long sendWindowNanos;
    long backlogAtStop;
    double cpu;
    private Client[] byIndex = new Client[0];

    Run(String title) {
      this.title = title;
      this.main = new Stats(title);
      this.current = main;
      log("=== scenario " + title);
    }

    Stats stats() {
      return current;
    }

    /** Creates the boards and joins and connects {@code perBoard} participants to each; returns the board ids. */
    List<String> setUp(int boards, int perBoard) throws Exception {
      boolean presence = options.presence == null || options.presence;
      long t0 = System.nanoTime();
      Stats joining = new Stats("join");
      current = joining;
      List<String> ids = new ArrayList<>();
      for (int b = 0; b < boards; b++) {
        JsonObject w = createWorkshop("Bench " + title + " #" + b);
        workshops.add(w);
        ids.add(w.getString("id"));
      }
      int total = boards * perBoard;
      byIndex = new Client[total];
      Client[] made = byIndex;
      await(bounded(total, options.concurrency, i -> {
        JsonObject w = workshops.get(i / perBoard);
        return joinAsync(w.getString("joinCode"), "p" + i).compose(j -> {
          Client c = new Client(this, i, w.getString("id"), j.getString("token"), j.getString("participantId"),
              contexts.get(i % contexts.size()));
          return c.connect(ws, port, presence, options.wire.equals("sockjs")).map(v -> {
            made[i] = c;
            return v;
          });
        }).recover(err -> {
          // One participant that could not join is counted, not fatal: the others go on.
          current.error("join_failed: " + err.getMessage());
          return Future.succeededFuture();
        });
      }), 1800);
      for (Client c : made) {
        if (c != null) {
          clients.add(c);
        }
      }
      double joinSeconds = (System.nanoTime() - t0) / 1e9;
      // Joins fan out too (participant.joined to everyone, presence to everyone): wait until that has been
      // delivered, so that it does not count against the scenario (at most 10 minutes).
      long quiet = System.nanoTime();
      long seen = -1;
      long frames = -1;
      while (System.nanoTime() - quiet < TimeUnit.SECONDS.toNanos(600)) {
        Thread.sleep(1000);
        long now = joining.delivered.sum();
        long p = presenceFrames.sum();
        if (now == seen && p == frames) {
          break;
        }
        seen = now;
        frames = p;
      }
      extra.put("join", String.format(Locale.ROOT, "%d participants on %d board(s) joined+connected in %.1f s, "
          + "their fan-out settled %.1f s later: %d events and %d presence messages delivered while joining; "
          + "presence %s", clients.size(), boards, joinSeconds, (System.nanoTime() - quiet) / 1e9,
          joining.delivered.sum(), presenceFrames.sum(), presence ? "on" : "off"));
      if (!joining.errors.isEmpty()) {
        extra.put("join errors", joining.errorCounts().toString());
      }
      log(extra.get("join"));
      current = main;
      return ids;
    }

    void createOwnNotes() throws Exception {
      Stats setup = new Stats("setup");
      setup.start(1);
      current = setup;
      List<Future<Void>> all = new ArrayList<>();
      for (Client c : clients) {
        Promise<Void> p = Promise.promise();
        c.context.runOnContext(v -> {
          c.onReply = p::tryComplete;
          c.ownNoteId = c.addNote(setup);
        });
        all.add(p.future());
      }
      await(Future.all(all), 300);
      for (Client c : clients) {
        c.onReply = null;
      }
      if (setup.failed.sum() > 0) {
        log("setup failures: " + setup.errorCounts());
      }
      Thread.sleep(1000);
      current = main;
    }

    /** Every client for which {@code tick} gives a task runs it every {@code periodMillis} for the duration. */
    void measure(long periodMillis, java.util.function.Function<Client, Runnable> tick) throws Exception {
      long window = TimeUnit.SECONDS.toNanos(options.seconds());
      jdk.jfr.Recording recording = null;
      if (options.jfr != null) {
        recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
      }
      // The same load first, not counted: a server that has run for a while has its hot paths compiled (in the
      // first seconds the JIT compilers alone take a seventh of the 2 cores).
      warm = new Stats("warm-up");
      warm.start(TimeUnit.SECONDS.toNanos(options.warmupSeconds()));
      current = warm;
      int active = 0;
      for (Client c : clients) {
        Runnable task = tick.apply(c);
        if (task != null) {
          c.drive(periodMillis, task);
          active++;
        }
      }
      if (options.warmupSeconds() > 0) {
        log(active + " clients sending every " + periodMillis + " ms: warm-up of " + options.warmupSeconds()
            + " s, not counted");
        Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds()));
        extra.put("warm-up (not counted)", options.warmupSeconds() + " s, " + warm.sent.sum() + " commands; ack "
            + Stats.summary(warm.ack) + "; fan-out " + Stats.summary(warm.fanout));
      }
      long[] machine0 = machineJiffies();
      long cpu0 = cpuNanos();
      String metrics0 = serverMetrics();
      SlowEvents slowEvents = new SlowEvents();
      main.start(window);
      current = main;
      log(active + " clients sending every " + periodMillis + " ms for " + options.seconds() + " s");
      long start = System.nanoTime();
      long nextReport = start + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() - start < window) {
        Thread.sleep(100);
        if (System.nanoTime() > nextReport) {
          nextReport += TimeUnit.SECONDS.toNanos(5);
          log(String.format(Locale.ROOT, "  t=%.0fs sent %d acked %d failed %d outstanding %d delivered %d",
              (System.nanoTime() - start) / 1e9, main.sent.sum(), main.acked.sum(), main.failed.sum(),
              main.pending(), main.delivered.sum()));
        }
      }
      for (Client c : clients) {
        c.stopDriving();
      }
      sendWindowNanos = System.nanoTime() - start;
      backlogAtStop = main.pending();
      cpu = (cpuNanos() - cpu0) / (double) sendWindowNanos / Runtime.getRuntime().availableProcessors();
      long[] machine1 = machineJiffies();
      double busy = machine1[0] == machine0[0] ? 0
          : 1 - (machine1[1] - machine0[1]) / (double) (machine1[0] - machine0[0]);
      extra.put("machine CPU busy (all processes)",
          String.format(Locale.ROOT, "%.0f %% (others than the bench: ~%.0f %%); "
              + "load average %s", busy * 100, Math.max(0, busy - cpu) * 100, loadAverage()));
      if (recording != null) {
        recording.stop();
        recording.dump(Path.of(options.jfr + "-s" + title.charAt(0) + ".jfr"));
        recording.close();
        extra.put("JFR recording", options.jfr + "-s" + title.charAt(0) + ".jfr");
      }
      String metrics1 = serverMetrics();
      extra.put("server: persist (group)", ServerHistograms.summary(metrics0, metrics1, "paja_persist_seconds"));
      extra.put("server: command → reply", ServerHistograms.summary(metrics0, metrics1, "paja_command_seconds"));
      extra.put("server: event → all written", ServerHistograms.summary(metrics0, metrics1, "paja_fanout_seconds"));
      // Drain: wait for the replies still due (at most 30 s), then a little for the last deliveries.
      long drainStart = System.nanoTime();
      while (main.pending() > 0 && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(30)) {
        Thread.sleep(50);
      }
      extra.put("drain after stop", String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - drainStart) / 1e9));
      long lastCount = -1;
      while (main.delivered.sum() != lastCount) {
        lastCount = main.delivered.sum();
        Thread.sleep(500);
      }
      extra.put("slow commands", slowEvents.summary(main, 50));
    }

    long moveSentAt(String noteId, Object x) {
      int i = Client.clientOf(noteId);
      if (i < 0 || i >= byIndex.length || byIndex[i] == null || !(x instanceof Number n)) {
        return -1;
      }
      return byIndex[i].moveSentAt(n.intValue());
    }

    void onReply(Client c, JsonObject body) {
      Runnable r = c.onReply;
      if (r != null) {
        r.run();
      }
    }

    void report() throws Exception {
      Stats s = main;
      long[] mem = memory();
      Map<String, String> row = new LinkedHashMap<>();
      row.put("scenario", title);
      row.put("participants", String.valueOf(clients.size()));
      row.put("boards", String.valueOf(workshops.size()));
      if (sendWindowNanos > 0) {
        double secs = sendWindowNanos / 1e9;
        row.put("duration", String.format(Locale.ROOT, "%.1f s", secs));
        row.put("commands sent/acked/failed", s.sent.sum() + " / " + s.acked.sum() + " / " + s.failed.sum()
            + (s.skipped.sum() > 0 ? " (skipped at client cap: " + s.skipped.sum() + ")" : ""));
        double ackSecs = Math.max(secs, (s.lastAckNanos - s.startNanos) / 1e9);
        row.put("acked per second", String.format(Locale.ROOT, "%.0f (%d acks in %.1f s, until the last one)",
            s.acked.sum() / ackSecs, s.acked.sum(), ackSecs));
        row.put("ack latency", Stats.summary(s.ack));
        row.put("fan-out latency", Stats.summary(s.fanout));
        double deliverySecs = Math.max(secs, (s.lastDeliveryNanos - s.startNanos) / 1e9);
        row.put("events delivered/s", String.format(Locale.ROOT, "%.0f (%d in %.1f s)",
            s.delivered.sum() / deliverySecs, s.delivered.sum(), deliverySecs));
        row.put("backlog at stop / after drain", backlogAtStop + " / " + s.pending());
        row.put("CPU (whole JVM, of all cores)", String.format(Locale.ROOT, "%.0f %%", cpu * 100));
      }
      row.put("heap used after GC", mib(mem[0]));
      row.put("RSS", mib(mem[1]));
      row.put("wire", options.wire + (options.deflate ? ", permessage-deflate offered" : ", no deflate offered"));
      row.put("seq gaps seen", String.valueOf(s.seqGaps.sum()));
      row.put("errors", s.errorCounts().toString());
      row.putAll(extra);
      System.out.println();
      System.out.println("--- Scenario " + title);
      row.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-32s %s%n", k, v));
      System.out.println();
      row.put("_p99ack", Stats.ms(s.ack, 99));
      row.put("_p99fan", Stats.ms(s.fanout, 99));
      results.add(row);
    }

    void close() throws Exception {
      List<Future<Void>> closing = new ArrayList<>();
      for (Client c : clients) {
        closing.add(c.close());
      }
      await(Future.join(closing), 120);
      Thread.sleep(500);
    }
  }

  // ------------------------------------------------------------------------------------------------ HTTP

  /** The server's Prometheus text (empty if it cannot be read). */
  private String serverMetrics() {
    try {
      HttpResponse<Buffer> r = await(http.get("/metrics").send(), 30);
      return r.statusCode() == 200 ? r.bodyAsString() : "";
    } catch (Exception e) {
      return "";
    }
  }

  private String login() throws Exception {
    HttpResponse<Buffer> r = await(http.post("/api/login").sendJsonObject(new JsonObject()
        .put("username", options.adminUser).put("password", options.adminPassword)), 60);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  private JsonObject createWorkshop(String title) throws Exception {
    HttpResponse<Buffer> r = await(http.post("/api/workshops").putHeader("Authorization", "Bearer " + facilitatorToken)
        .sendJsonObject(new JsonObject().put("title", title).put("template", "blank").put("lang", "en")), 60);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("create workshop failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  private Future<JsonObject> joinAsync(String code, String name) {
    return http.post("/api/join").sendJsonObject(new JsonObject().put("code", code).put("name", name))
        .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.bodyAsJsonObject())
            : Future.failedFuture("join failed: " + r.statusCode() + " " + r.bodyAsString()));
  }

  private JsonObject join(String code, String name) throws Exception {
    return await(joinAsync(code, name), 60);
  }

  private JsonObject snapshotJson(String token, String id) throws Exception {
    HttpResponse<Buffer> r = await(http.get("/api/workshops/" + id).putHeader("Authorization", "Bearer " + token)
        .send(), 120);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("snapshot failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  private static long countBenchNotes(JsonObject snapshot) {
    JsonArray notes = snapshot.getJsonArray("notes");
    long n = 0;
    for (Object o : notes) {
      if (o instanceof JsonObject note && Client.clientOf(note.getString("id")) >= 0) {
        n++;
      }
    }
    return n;
  }

  /** Runs {@code count} tasks with at most {@code limit} in flight. */
  private Future<Void> bounded(int count, int limit, IntFunction<Future<?>> task) {
    Promise<Void> done = Promise.promise();
    Context ctx = contexts.get(0);
    ctx.runOnContext(v -> {
      int[] next = {0};
      int[] running = {0};
      int[] finished = {0};
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        while (running[0] < limit && next[0] < count) {
          int i = next[0]++;
          running[0]++;
          Future<?> f;
          try {
            f = task.apply(i);
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          f.onComplete(ar -> ctx.runOnContext(x -> {
            running[0]--;
            finished[0]++;
            if (ar.failed()) {
              done.tryFail(ar.cause());
              return;
            }
            if (finished[0] % (count >= 5000 ? 1000 : 100) == 0) {
              log("  " + finished[0] + "/" + count + " joined");
            }
            if (finished[0] == count) {
              done.tryComplete();
            } else {
              pump[0].run();
            }
          }));
        }
      };
      if (count == 0) {
        done.complete();
      } else {
        pump[0].run();
      }
    });
    return done.future();
  }

  // ------------------------------------------------------------------------------------------------ figures

  private double rate(double full) {
    return options.rate != null ? options.rate : full;
  }

  private static long period(double perSecond) {
    return Math.max(1, Math.round(1000 / perSecond));
  }

  private int pick(Integer override, int full, int shortValue) {
    return override != null ? override : options.shortRun ? shortValue : full;
  }

  /** {heap used after GC, RSS} in bytes, of this JVM or of {@code --server-pid}. */
  private long[] memory() throws Exception {
    if (options.serverPid > 0) {
      return new long[] {remoteHeap(options.serverPid), rss("/proc/" + options.serverPid + "/status")};
    }
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new long[] {heap, rss("/proc/self/status")};
  }

  private static long rss(String status) throws IOException {
    for (String line : Files.readAllLines(Path.of(status))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  private static long remoteHeap(long pid) throws Exception {
    run("jcmd", String.valueOf(pid), "GC.run");
    String out = run("jcmd", String.valueOf(pid), "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** {total, idle+iowait} jiffies of the whole machine, from /proc/stat. */
  private static long[] machineJiffies() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (Exception e) {
      return new long[] {0, 0};
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static long cpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long gzipSize(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.size();
  }

  private static void printTable(List<Map<String, String>> results) {
    System.out.println();
    System.out.println("| scenario | participants | cmds sent/acked/failed | acked/s | ack p50/p95/p99/max ms | "
        + "fan-out p50/p95/p99/max ms | deliveries/s | heap after GC | RSS | errors |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (Map<String, String> r : results) {
      System.out.println("| " + r.get("scenario") + " | " + r.get("participants") + " | "
          + r.getOrDefault("commands sent/acked/failed", "-") + " | " + r.getOrDefault("acked per second", "-") + " | "
          + compact(r.get("ack latency")) + " | " + compact(r.get("fan-out latency")) + " | "
          + r.getOrDefault("events delivered/s", "-") + " | " + r.get("heap used after GC") + " | " + r.get("RSS")
          + " | " + r.get("errors") + " |");
    }
  }

  private static String compact(String summary) {
    if (summary == null) {
      return "-";
    }
    return summary.replace("p50 ", "").replace(" / p95 ", " / ").replace(" / p99 ", " / ").replace(" / max ", " / ");
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  static String kib(long bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  static void log(String s) {
    System.out.printf(Locale.ROOT, "%tT %s%n", System.currentTimeMillis(), s);
  }

  static <T> T await(Future<T> f, long seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log("could not delete " + dir + ": " + e);
    }
  }
}
