package fi.paja.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link PajaConfig}: defaults, then the JSON file named by {@code PAJA_CONFIG_FILE} (keys are the
 * variable names without the prefix, e.g. {@code {"HTTP_PORT": 8081}}), then the environment.
 */
public final class ConfigLoader {

  public static final String PREFIX = "PAJA_";
  static final Set<String> KEYS = Set.of(
      "HTTP_HOST", "HTTP_PORT", "DATA_DIR", "MONGO_URL", "MONGO_DATABASE",
      "ADMIN_USER", "ADMIN_PASSWORD", "TEMPLATES_DIR", "PUBLIC_URL", "GITHUB_TOKEN", "GITHUB_REPO",
      "GITHUB_API_URL", "RATE_LIMITS", "TRANSPORT", "TRUSTED_PROXIES", "CLUSTER_MEMBERS", "CLUSTER_HOST",
      "BOARD_IDLE_SECONDS", "GITHUB_TIMEOUT_SECONDS", "ALLOWED_ORIGINS", "MAX_NOTES_PER_PARTICIPANT",
      "MAX_TEXT_PER_PARTICIPANT", "MAX_PARTICIPANTS", "JOINS_PER_CODE_PER_MINUTE",
      "RETENTION_DAYS", "DELETE_AFTER_DAYS", "RETENTION_CHECK_SECONDS",
      "A11Y_ORGANISATION", "A11Y_CONTACT", "A11Y_DATE", "A11Y_STATEMENT_URL");

  private ConfigLoader() {
  }

  public static PajaConfig load(Map<String, String> env) {
    Map<String, String> values = new java.util.HashMap<>();
    values.put("HTTP_HOST", "0.0.0.0");
    values.put("HTTP_PORT", "8080");
    values.put("DATA_DIR", "./data");
    values.put("MONGO_DATABASE", "paja");
    values.put("ADMIN_USER", "admin");
    values.put("GITHUB_API_URL", "https://api.github.com");
    values.put("RATE_LIMITS", "on");
    values.put("TRANSPORT", "auto");
    values.put("BOARD_IDLE_SECONDS", "1800");
    values.put("GITHUB_TIMEOUT_SECONDS", "15");
    Quotas quotas = Quotas.DEFAULT;
    values.put("MAX_NOTES_PER_PARTICIPANT", String.valueOf(quotas.notesPerParticipant()));
    values.put("MAX_TEXT_PER_PARTICIPANT", String.valueOf(quotas.textPerParticipant()));
    values.put("MAX_PARTICIPANTS", String.valueOf(quotas.participants()));
    values.put("JOINS_PER_CODE_PER_MINUTE", "120");
    values.put("RETENTION_DAYS", String.valueOf(Retention.DEFAULT_DAYS));
    values.put("RETENTION_CHECK_SECONDS", String.valueOf(Retention.DEFAULT_CHECK_SECONDS));

    String file = env.get(PREFIX + "CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      values.putAll(readFile(Path.of(file)));
    }
    env.forEach((k, v) -> {
      if (!k.startsWith(PREFIX)) {
        return;
      }
      String key = k.substring(PREFIX.length());
      if (KEYS.contains(key)) {
        values.put(key, v);
      } else if (!key.equals("CONFIG_FILE")) {
        // A misspelt variable would otherwise be silently ignored and the default used instead.
        throw new ConfigException(
            k + " is not a Paja setting (known: PAJA_" + String.join(", PAJA_", new java.util.TreeSet<>(KEYS))
                + ", PAJA_CONFIG_FILE)");
      }
    });

    List<String> members = optional(values, "CLUSTER_MEMBERS")
        .map(v -> checked("CLUSTER_MEMBERS", v, ConfigLoader::members)).orElse(List.of());
    Optional<String> nodeHost = optional(values, "CLUSTER_HOST")
        .map(v -> checked("CLUSTER_HOST", v, ConfigLoader::host));
    if (!members.isEmpty() && nodeHost.isEmpty()) {
      throw new ConfigException(PREFIX + "CLUSTER_HOST must be set in a cluster: this node's address as the others "
          + "reach it");
    }
    if (!members.isEmpty() && optional(values, "MONGO_URL").isEmpty()) {
      throw new ConfigException(PREFIX + "CLUSTER_MEMBERS needs " + PREFIX + "MONGO_URL: the nodes of a cluster "
          + "share one MongoDB (the embedded database belongs to one node)");
    }
    return new PajaConfig(
        nonBlank(values, "HTTP_HOST"),
        parse(values, "HTTP_PORT", ConfigLoader::port),
        Path.of(nonBlank(values, "DATA_DIR")),
        optional(values, "MONGO_URL").map(url -> checked("MONGO_URL", url, ConfigLoader::mongoUrl)),
        parse(values, "MONGO_DATABASE", ConfigLoader::databaseName),
        parse(values, "ADMIN_USER", ConfigLoader::username),
        optional(values, "ADMIN_PASSWORD").map(p -> checked("ADMIN_PASSWORD", p, ConfigLoader::password)),
        optional(values, "TEMPLATES_DIR").map(Path::of),
        optional(values, "PUBLIC_URL").map(u -> checked("PUBLIC_URL", u, ConfigLoader::publicUrl)),
        optional(values, "GITHUB_TOKEN"),
        optional(values, "GITHUB_REPO").map(r -> checked("GITHUB_REPO", r, ConfigLoader::githubRepo)),
        parse(values, "GITHUB_API_URL", ConfigLoader::publicUrl),
        parse(values, "RATE_LIMITS", ConfigLoader::onOff),
        parse(values, "TRANSPORT", ConfigLoader::transport),
        optional(values, "TRUSTED_PROXIES").map(v -> checked("TRUSTED_PROXIES", v, ConfigLoader::proxies))
            .orElse(List.of()),
        members,
        nodeHost,
        parse(values, "BOARD_IDLE_SECONDS", ConfigLoader::idleSeconds),
        parse(values, "GITHUB_TIMEOUT_SECONDS", ConfigLoader::githubTimeout),
        optional(values, "ALLOWED_ORIGINS").map(v -> checked("ALLOWED_ORIGINS", v, ConfigLoader::origins))
            .orElse(List.of()),
        new Quotas(
            parse(values, "MAX_NOTES_PER_PARTICIPANT", v -> count(v, Limits.MAX_NOTES_PER_BOARD)),
            parse(values, "MAX_TEXT_PER_PARTICIPANT", v -> count(v, 1_000_000_000)),
            parse(values, "MAX_PARTICIPANTS", v -> count(v, 1_000_000))),
        parse(values, "JOINS_PER_CODE_PER_MINUTE", v -> count(v, 1_000_000)),
        new Retention(
            parse(values, "RETENTION_DAYS", Retention::days),
            optional(values, "DELETE_AFTER_DAYS")
                .flatMap(v -> checked("DELETE_AFTER_DAYS", v, Retention::days)),
            java.time.Duration.ofSeconds(parse(values, "RETENTION_CHECK_SECONDS",
                v -> wholeNumber(v, 1, 7 * 24 * 3600, " seconds")))),
        new AccessibilityStatement(
            optional(values, "A11Y_ORGANISATION").map(v -> checked("A11Y_ORGANISATION", v,
                AccessibilityStatement::organisation)),
            optional(values, "A11Y_CONTACT").map(v -> checked("A11Y_CONTACT", v, AccessibilityStatement::contact)),
            optional(values, "A11Y_DATE").map(v -> checked("A11Y_DATE", v, AccessibilityStatement::date)),
            optional(values, "A11Y_STATEMENT_URL").map(v -> checked("A11Y_STATEMENT_URL", v,
                AccessibilityStatement::url))));
  }

  private static Map<String, String> readFile(Path path) {
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(path));
      if (root == null || !root.isObject()) {
        throw new ConfigException(PREFIX + "CONFIG_FILE: " + path + " must hold a JSON object");
      }
      Map<String, String> out = new java.util.HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey().startsWith(PREFIX) ? e.getKey().substring(PREFIX.length()) : e.getKey();
        if (!KEYS.contains(key)) {
          throw new ConfigException(PREFIX + "CONFIG_FILE: unknown key '" + e.getKey() + "' in " + path);
        }
        if (e.getValue().isNull()) {
          continue; // null means "not set here", as if the key were absent
        }
        if (e.getValue().isContainerNode()) {
          throw new ConfigException(PREFIX + "CONFIG_FILE: '" + e.getKey() + "' must be a string or a number");
        }
        out.put(key, e.getValue().asText());
      }
      return out;
    } catch (IOException e) {
      throw new ConfigException(PREFIX + "CONFIG_FILE: cannot read " + path + ": " + e.getMessage());
    }
  }

  private static String nonBlank(Map<String, String> values, String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      throw new ConfigException(PREFIX + key + " must not be empty");
    }
    return v.trim();
  }

  private static Optional<String> optional(Map<String, String> values, String key) {
    return Optional.ofNullable(values.get(key)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static <T> T parse(Map<String, String> values, String key, Function<String, T> parser) {
    return checked(key, nonBlank(values, key), parser);
  }

  private static <T> T checked(String key, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PREFIX + key + ": " + e.getMessage());
    }
  }

  private static List<String> members(String v) {
    List<String> entries = java.util.Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    for (String e : entries) {
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon) {
        host(e.substring(0, colon));
        port(e.substring(colon + 1));
      } else {
        host(e);
      }
    }
    return entries;
  }

  private static String host(String v) {
    if (!v.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
      throw new IllegalArgumentException("'" + v + "' is not a host name or address");
    }
    return v;
  }

  private static List<String> proxies(String v) {
    List<String> entries = java.util.Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    fi.paja.net.ClientAddress.trusting(entries); // names the first entry that is not an address or range
    return entries;
  }

  /** Origins separated by commas, each as browsers send it ({@code https://host[:port]}); canonical, no repeats. */
  private static List<String> origins(String v) {
    return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty())
        .map(fi.paja.net.Origins::normalize).distinct().toList();
  }

  private static int idleSeconds(String v) {
    return wholeNumber(v, 1, 7 * 24 * 3600, " seconds");
  }

  private static int githubTimeout(String v) {
    return wholeNumber(v, 1, 120, " seconds");
  }

  /** A whole number from 1 to {@code max}. */
  private static int count(String v, int max) {
    return wholeNumber(v, 1, max, "");
  }

  /** A whole number from {@code min} to {@code max}; {@code unit} names it in the message (" seconds"). */
  private static int wholeNumber(String v, int min, int max, String unit) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a whole number" + (unit.isEmpty() ? "" : " of" + unit));
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(n + " is not between " + min + " and " + max + unit);
    }
    return n;
  }

  private static int port(String v) {
    int port;
    try {
      port = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a port number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(port + " is not a port number (0-65535)");
    }
    return port;
  }

  private static String mongoUrl(String v) {
    if (!v.startsWith("mongodb://") && !v.startsWith("mongodb+srv://")) {
      throw new IllegalArgumentException("must start with mongodb:// or mongodb+srv://");
    }
    return v;
  }

  private static String databaseName(String v) {
    if (!v.matches("[A-Za-z0-9_-]{1,60}")) {
      throw new IllegalArgumentException("'" + v + "' is not a database name (letters, digits, _ and -)");
    }
    return v;
  }

  private static String username(String v) {
    if (!v.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException("'" + v + "' is not a user name (letters, digits, . _ @ -)");
    }
    return v;
  }

  private static String password(String v) {
    if (v.length() < 8) {
      throw new IllegalArgumentException("must be at least 8 characters");
    }
    if (v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
      throw new IllegalArgumentException("must be at most 72 bytes (bcrypt's limit)");
    }
    return v;
  }

  private static String transport(String v) {
    String name = v.toLowerCase(java.util.Locale.ROOT);
    if (!Set.of("auto", "epoll", "nio").contains(name)) {
      throw new IllegalArgumentException("'" + v + "' must be auto, epoll or nio");
    }
    return name;
  }

  private static boolean onOff(String v) {
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw new IllegalArgumentException("'" + v + "' must be on or off");
    };
  }

  private static String githubRepo(String v) {
    if (!v.matches("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")) {
      throw new IllegalArgumentException("'" + v + "' is not owner/name");
    }
    return v;
  }

  private static String publicUrl(String v) {
    if (!v.startsWith("http://") && !v.startsWith("https://")) {
      throw new IllegalArgumentException("must start with http:// or https://");
    }
    fi.paja.net.Origins.ofUrl(v); // names a URL without a host
    return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
  }
}
