package fi.paja.support;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The built server jar in a process of its own, for tests that kill it with SIGKILL. */
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
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", new File(JAR).getAbsolutePath());
    pb.environment().put("PAJA_DATA_DIR", dataDir.toString());
    pb.environment().put("PAJA_HTTP_PORT", String.valueOf(port));
    pb.environment().put("PAJA_HTTP_HOST", "127.0.0.1");
    pb.environment().put("PAJA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  /** Waits until {@code /health} answers 200 (a clustered node first joins the cluster). */
  public static void awaitHealthy(Api api) throws Exception {
    Await.until("/health to answer 200", Duration.ofSeconds(90), () -> api.get("/health", null).status() == 200);
  }

  public static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
