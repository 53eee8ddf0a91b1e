package fi.paja.support;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built server jar in a process of its own, for tests that kill it with SIGKILL or run its commands. */
public final class ServerProcess {

  private static final String JAR = System.getProperty("paja.jar", "target/paja-server.jar");

  private ServerProcess() {
  }

  /** Starts the jar on 127.0.0.1:{@code port} with its data in {@code dataDir}, its output in a log file there. */
  public static Process start(Path dataDir, int port, Map<String, String> env) throws Exception {
    return start(dataDir, port, env, dataDir.resolve("server-" + System.nanoTime() + ".log"));
  }

  /** The same with the output in {@code log}: outside the data directory when that is made full or read-only. */
  public static Process start(Path dataDir, int port, Map<String, String> env, Path log) throws Exception {
    ProcessBuilder pb = jar(dataDir, port, env);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** What a command of the jar ({@code backup FILE}, {@code restore FILE}) ended with. */
  public record Finished(int status, String output) {
  }

  /** Runs {@code java -jar paja-server.jar args...} with a server's settings for {@code dataDir}, as an operator. */
  public static Finished run(Path dataDir, int port, String... args) throws Exception {
    Process p = jar(dataDir, port, Map.of(), args).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("'" + String.join(" ", args) + "' did not end within 60 s:\n" + output);
    }
    return new Finished(p.exitValue(), output);
  }

  private static ProcessBuilder jar(Path dataDir, int port, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", new File(JAR).getAbsolutePath()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PAJA_DATA_DIR", dataDir.toString());
    pb.environment().put("PAJA_HTTP_PORT", String.valueOf(port));
    pb.environment().put("PAJA_HTTP_HOST", "127.0.0.1");
    pb.environment().put("PAJA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    return pb;
  }

  /**
   * Waits until {@code /health} answers 200 (a clustered node first joins the cluster). Each probe gives up after 2 s
   * and is asked again: a probe left unanswered by a process starting on the port of a killed one once held CrashIT
   * for 30 s.
   */
  public static void awaitHealthy(Api api) throws Exception {
    Await.until("/health to answer 200", Duration.ofSeconds(90),
        () -> api.getWithin("/health", Duration.ofSeconds(2)).status() == 200);
  }

  public static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
