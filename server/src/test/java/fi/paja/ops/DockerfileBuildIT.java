package fi.paja.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Docker image builds: there is no Docker daemon on these machines, so this test does what {@code docker build}
 * would do with the repository's {@code Dockerfile}, as far as the build goes. Every stage the final image needs is
 * run in a directory of its own: {@code WORKDIR} moves into it, {@code COPY} copies exactly what Docker would bring
 * in (the build context with {@code .dockerignore} honoured, or another stage's files for {@code --from}), and
 * {@code RUN} runs the command with {@code sh -c} there, offline ({@code mvn -o}, npm from its cache). {@code RUN}
 * lines before a stage's first {@code COPY} from the context set up the toolchain (JDK, Maven, Node), which this
 * machine has already, and are not run. Last, every file the final image copies from a build stage must be there.
 *
 * <p>{@code -Dpaja.dockerfile=PATH} checks another Dockerfile against the same context (e.g. an older one).
 */
@Tag("slow")
class DockerfileBuildIT {

  private static final Path CONTEXT = Path.of("..").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target", "dockerfile-build").toAbsolutePath();
  private static final long RUN_TIMEOUT_MINUTES = 10;

  record Instruction(String keyword, String args, int line) {
  }

  static final class Stage {
    final String name;
    final String from;
    final List<Instruction> instructions = new ArrayList<>();

    Stage(String name, String from) {
      this.name = name;
      this.from = from;
    }
  }

  @Test
  void theImagesBuildStagesBuildFromExactlyWhatTheyCopy() throws Exception {
    Path dockerfile = Path.of(System.getProperty("paja.dockerfile", CONTEXT.resolve("Dockerfile").toString()));
    List<Stage> stages = parse(Files.readString(dockerfile));
    assertTrue(!stages.isEmpty(), "no FROM in " + dockerfile);
    Ignore ignore = Ignore.read(CONTEXT.resolve(".dockerignore"));
    deleteTree(WORK);
    Files.createDirectories(WORK);

    Stage last = stages.get(stages.size() - 1);
    Map<String, Path> roots = new HashMap<>();
    for (Stage stage : needed(stages, last)) {
      Path root = WORK.resolve("stage-" + stages.indexOf(stage));
      Files.createDirectories(root);
      roots.put(stage.name, root);
      roots.put(String.valueOf(stages.indexOf(stage)), root);
      if (roots.containsKey(stage.from) && roots.get(stage.from) != root) {
        copyTree(roots.get(stage.from), root, p -> false);
      }
      run(stage, root, roots, ignore, stage == last);
    }
  }

  /** The stages {@code last} needs, in the order of the file: through {@code FROM stage} and {@code COPY --from}. */
  private static List<Stage> needed(List<Stage> stages, Stage last) {
    Set<Stage> needed = new LinkedHashSet<>();
    List<Stage> todo = new ArrayList<>(List.of(last));
    while (!todo.isEmpty()) {
      Stage s = todo.remove(todo.size() - 1);
      if (!needed.add(s)) {
        continue;
      }
      List<String> refs = new ArrayList<>(List.of(s.from));
      for (Instruction i : s.instructions) {
        if (i.keyword().equals("COPY")) {
          flag(i.args(), "from").ifPresent(refs::add);
        }
      }
      for (String ref : refs) {
        for (int k = 0; k < stages.size(); k++) {
          if (ref.equalsIgnoreCase(stages.get(k).name) || ref.equals(String.valueOf(k))) {
            todo.add(stages.get(k));
          }
        }
      }
    }
    return stages.stream().filter(needed::contains).toList();
  }

  private static void run(Stage stage, Path root, Map<String, Path> roots, Ignore ignore, boolean isFinal)
      throws Exception {
    Path workdir = root;
    Map<String, String> env = new LinkedHashMap<>();
    boolean copiedContext = false;
    for (Instruction i : stage.instructions) {
      switch (i.keyword()) {
        case "WORKDIR" -> {
          workdir = inside(root, workdir, i.args().trim());
          Files.createDirectories(workdir);
        }
        case "ENV" -> env.putAll(envPairs(i.args()));
        case "ADD" -> fail("Dockerfile line " + i.line() + ": ADD is not checked by this test; use COPY");
        case "COPY" -> {
          List<String> words = words(i.args());
          String from = flag(i.args(), "from").orElse(null);
          List<String> paths = words.stream().filter(w -> !w.startsWith("--")).toList();
          assertTrue(paths.size() >= 2, "Dockerfile line " + i.line() + ": COPY needs a source and a destination");
          String dest = paths.get(paths.size() - 1);
          List<String> sources = paths.subList(0, paths.size() - 1);
          if (from == null) {
            copiedContext = true;
            for (String src : sources) {
              copy(CONTEXT, CONTEXT.resolve(stripSlash(src)).normalize(), root, workdir, dest, sources.size() > 1,
                  ignore::excludes, i);
            }
          } else if (roots.containsKey(from)) {
            for (String src : sources) {
              Path source = inside(roots.get(from), roots.get(from), src);
              assertTrue(Files.exists(source, LinkOption.NOFOLLOW_LINKS), "Dockerfile line " + i.line()
                  + ": stage " + from + " has no " + src + " for the image (" + source + ")");
              if (!isFinal) {
                copy(roots.get(from), source, root, workdir, dest, sources.size() > 1, p -> false, i);
              }
            }
          }
          // COPY --from=<an image>: part of the toolchain, nothing from this repository.
        }
        case "RUN" -> {
          if (isFinal || !copiedContext) {
            continue; // the runtime image's set-up, or the toolchain's: nothing this repository builds
          }
          runCommand(i, workdir, env);
        }
        default -> {
          // USER, VOLUME, EXPOSE, ENTRYPOINT, CMD, LABEL, ARG: nothing that changes what is built
        }
      }
    }
  }

  private static void runCommand(Instruction i, Path workdir, Map<String, String> env) throws Exception {
    String command = shellForm(i.args()).replaceAll("(?<![\\w/.-])mvn(?=\\s)", "mvn -o");
    Path log = WORK.resolve("run-line-" + i.line() + ".log");
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(workdir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("npm_config_offline", "true");
    pb.environment().put("npm_config_update_notifier", "false");
    long started = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("Dockerfile line " + i.line() + " did not finish in " + RUN_TIMEOUT_MINUTES + " min: " + command);
    }
    System.out.printf("Dockerfile line %d (%d s): %s%n", i.line(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), command);
    if (p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      fail("Dockerfile line " + i.line() + " failed with exit status " + p.exitValue() + " (run offline here as `"
          + command + "` in " + workdir + "):\n" + tail);
    }
  }

  /** Docker's COPY: a directory's contents go into the destination; a file goes into it if it ends with /. */
  private static void copy(Path base, Path source, Path root, Path workdir, String dest, boolean several,
                           java.util.function.Predicate<String> excluded, Instruction i)
      throws IOException {
    assertTrue(source.startsWith(base), "Dockerfile line " + i.line() + ": " + source + " is outside the context");
    String rel = base.relativize(source).toString().replace('\\', '/');
    assertTrue(Files.exists(source, LinkOption.NOFOLLOW_LINKS) && !excluded.test(rel),
        "Dockerfile line " + i.line() + ": COPY source " + rel + " is not in the build context");
    Path target = inside(root, workdir, dest);
    if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      copyTree(source, target, p -> excluded.test(base.relativize(p).toString().replace('\\', '/')));
    } else {
      Path file = dest.endsWith("/") || several || Files.isDirectory(target) ? target.resolve(source.getFileName())
          : target;
      Files.createDirectories(file.getParent());
      Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
          LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> excluded) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && excluded.test(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!excluded.test(file)) {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** A path of the image (absolute, or relative to the working directory) inside the stage's directory. */
  private static Path inside(Path root, Path workdir, String path) {
    Path p = path.startsWith("/") ? root.resolve(path.substring(1)) : workdir.resolve(path);
    p = p.normalize();
    assertTrue(p.startsWith(root), path + " leaves the stage");
    return p;
  }

  private static String stripSlash(String src) {
    return src.startsWith("/") ? src.substring(1) : src;
  }

  // ---- the Dockerfile ----

  static List<Stage> parse(String text) {
    List<Stage> stages = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    StringBuilder current = new StringBuilder();
    int startLine = 0;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (current.isEmpty()) {
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        startLine = n + 1;
      } else if (line.stripLeading().startsWith("#")) {
        continue; // comments inside a continued instruction
      }
      String stripped = line.stripTrailing();
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
        continue;
      }
      current.append(stripped);
      String instruction = current.toString().strip();
      current.setLength(0);
      String[] parts = instruction.split("\\s+", 2);
      String keyword = parts[0].toUpperCase();
      String args = parts.length > 1 ? parts[1] : "";
      if (keyword.equals("FROM")) {
        List<String> w = words(args).stream().filter(x -> !x.startsWith("--")).toList();
        String name = w.size() >= 3 && w.get(1).equalsIgnoreCase("AS") ? w.get(2) : String.valueOf(stages.size());
        stages.add(new Stage(name, w.get(0)));
      } else {
        assertTrue(!stages.isEmpty(), "Dockerfile line " + startLine + ": " + keyword + " before FROM");
        stages.get(stages.size() - 1).instructions.add(new Instruction(keyword, args, startLine));
      }
    }
    return stages;
  }

  private static List<String> words(String args) {
    String a = args.strip();
    if (a.startsWith("[")) {
      return new io.vertx.core.json.JsonArray(a).stream().map(String::valueOf).toList();
    }
    return List.of(a.split("\\s+"));
  }

  private static String shellForm(String args) {
    String a = args.strip();
    return a.startsWith("[") ? String.join(" ", words(a)) : a;
  }

  private static java.util.Optional<String> flag(String args, String name) {
    return words(args).stream().filter(w -> w.startsWith("--" + name + "="))
        .map(w -> w.substring(name.length() + 3)).findFirst();
  }

  private static Map<String, String> envPairs(String args) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String w : args.strip().split("\\s+")) {
      int eq = w.indexOf('=');
      if (eq > 0) {
        env.put(w.substring(0, eq), w.substring(eq + 1).replaceAll("^\"|\"$", ""));
      }
    }
    return env;
  }

  // ---- .dockerignore ----

  /** Docker's rules: patterns relative to the context, {@code *}, {@code ?}, {@code **}, {@code !} re-includes. */
  record Ignore(List<Pattern> patterns, List<Boolean> include) {
    static Ignore read(Path file) throws IOException {
      List<Pattern> patterns = new ArrayList<>();
      List<Boolean> include = new ArrayList<>();
      if (Files.exists(file)) {
        for (String raw : Files.readAllLines(file)) {
          String line = raw.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          boolean in = line.startsWith("!");
          if (in) {
            line = line.substring(1).strip();
          }
          line = Path.of("/" + line).normalize().toString().substring(1);
          patterns.add(Pattern.compile(regex(line)));
          include.add(in);
        }
      }
      return new Ignore(patterns, include);
    }

    private static String regex(String glob) {
      StringBuilder r = new StringBuilder();
      for (int k = 0; k < glob.length(); k++) {
        char c = glob.charAt(k);
        if (c == '*' && k + 1 < glob.length() && glob.charAt(k + 1) == '*') {
          k++;
          if (k + 1 < glob.length() && glob.charAt(k + 1) == '/') {
            k++;
            r.append("(?:.*/)?");
          } else {
            r.append(".*");
          }
        } else if (c == '*') {
          r.append("[^/]*");
        } else if (c == '?') {
          r.append("[^/]");
        } else {
          r.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return r.toString();
    }

    /** Whether {@code rel} (or a directory it is in) is left out of the context. */
    boolean excludes(String rel) {
      if (rel.isEmpty()) {
        return false;
      }
      boolean excluded = false;
      String[] parts = rel.split("/");
      for (int k = 0; k < patterns.size(); k++) {
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
          prefix.append(prefix.isEmpty() ? "" : "/").append(part);
          if (patterns.get(k).matcher(prefix).matches()) {
            excluded = !include.get(k);
            break;
          }
        }
      }
      return excluded;
    }
  }

  @Test
  void dockerignoreRulesAreDockers() {
    Ignore ignore = new Ignore(List.of(Pattern.compile(Ignore.regex("**/target")), Pattern.compile(Ignore.regex(
        ".git")), Pattern.compile(Ignore.regex("*.log")), Pattern.compile(Ignore.regex("!keep.log".substring(1)))),
        List.of(false, false, false, true));
    assertTrue(ignore.excludes("server/target/paja-server.jar"));
    assertTrue(ignore.excludes("target"));
    assertTrue(ignore.excludes(".git/HEAD"));
    assertTrue(ignore.excludes("a.log"));
    assertEquals(false, ignore.excludes("keep.log"));
    assertEquals(false, ignore.excludes("server/src/a.log"), "* does not cross /");
    assertEquals(false, ignore.excludes("server/src/main/java/fi/paja/Main.java"));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
