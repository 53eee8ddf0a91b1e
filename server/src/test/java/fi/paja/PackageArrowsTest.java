package fi.paja;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code fi.paja} and the arrows allowed between them (docs/ARCHITECTURE.md). Each package sits on a
 * layer and may use only packages on lower layers, so there can be no cycle; {@code fi.paja} itself (Main,
 * PajaServer) wires everything and nothing uses it.
 */
class PackageArrowsTest {

  /** Bottom first. A package not listed here fails {@link #everyPackageHasALayer}: say where it belongs. */
  static final List<List<String>> LAYERS = List.of(
      List.of("error", "vertxinternals"),
      List.of("metrics", "logging", "net"),
      List.of("config"),
      List.of("validation", "storage", "journey", "outcome"),
      List.of("auth"),
      List.of("board"),
      List.of("owner"),
      List.of("privacy", "export", "ops"),
      List.of("workshop"),
      List.of("web"),
      List.of(""));

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("fi.paja");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("fi.paja.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /**
   * Vert.x's implementation classes change without notice between releases: all of Paja's uses of them are in
   * {@code fi.paja.vertxinternals}, whose package-info says what to re-check on an upgrade.
   */
  @Test
  void onlyVertxInternalsUsesVertxImplementationClasses() {
    noClasses().that().resideOutsideOfPackage("fi.paja.vertxinternals..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..impl..", "io.vertx..internal..")
        .because("Vert.x internals are kept to fi.paja.vertxinternals (see its package-info)")
        .check(CLASSES);
  }

  @Test
  void everyPackageHasALayer() {
    TreeSet<String> unplaced = new TreeSet<>();
    CLASSES.forEach(c -> {
      if (layer(top(c.getPackageName())) < 0) {
        unplaced.add(top(c.getPackageName()));
      }
    });
    assertEquals(new TreeSet<>(), unplaced, "packages with no layer in PackageArrowsTest.LAYERS");
  }

  /** Every use in the compiled classes: calls, fields, types, annotations, throws. */
  @Test
  void classesUseOnlyPackagesOnLowerLayers() {
    TreeSet<String> wrong = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (target.equals("fi.paja") || target.startsWith("fi.paja.")) {
          String from = top(c.getPackageName());
          String to = top(target);
          if (!allowed(from, to)) {
            wrong.add(describe(from) + " -> " + describe(to) + ": " + c.getName() + " uses "
                + d.getTargetClass().getName());
          }
        }
      }
    }
    assertEquals(new TreeSet<>(), wrong, "arrows against the layers (docs/ARCHITECTURE.md)");
  }

  /**
   * javac copies constants ({@code static final} strings and numbers) into the classes that use them, so a use of
   * only a constant is missing from the class files: the sources' imports and qualified names are checked too.
   */
  @Test
  void sourcesImportOnlyPackagesOnLowerLayers() throws IOException {
    Pattern reference = Pattern.compile("\\bfi\\.paja\\.([a-z]+)\\.[A-Za-z]");
    TreeSet<String> wrong = new TreeSet<>();
    Path root = Path.of("src/main/java/fi/paja");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String rel = root.relativize(file.getParent()).toString();
        String from = rel.isEmpty() ? "" : rel.split("[/\\\\]")[0];
        Matcher m = reference.matcher(withoutComments(Files.readString(file)));
        while (m.find()) {
          if (!allowed(from, m.group(1))) {
            wrong.add(describe(from) + " -> " + describe(m.group(1)) + ": " + file);
          }
        }
      }
    }
    assertEquals(new TreeSet<>(), wrong, "arrows against the layers (docs/ARCHITECTURE.md)");
  }

  private static boolean allowed(String from, String to) {
    return from.equals(to) || layer(to) >= 0 && layer(to) < layer(from);
  }

  /** {@code fi.paja.board.x} → {@code board}; {@code fi.paja} → the empty name. */
  private static String top(String packageName) {
    String rest = packageName.equals("fi.paja") ? "" : packageName.substring("fi.paja.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static int layer(String pkg) {
    for (int i = 0; i < LAYERS.size(); i++) {
      if (LAYERS.get(i).contains(pkg)) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(String pkg) {
    return pkg.isEmpty() ? "fi.paja" : pkg;
  }

  /** Comments and string literals left out, taken from left to right so that neither hides in the other. */
  private static String withoutComments(String source) {
    return source.replaceAll("(?s)//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'", " ");
  }
}
