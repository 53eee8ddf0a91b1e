package fi.paja.workshop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The workshop templates: the files of {@code workshop-templates/} (packed into the jar under {@code templates/})
 * plus those in {@code PAJA_TEMPLATES_DIR}. Read once at start; a broken file stops the start with its name.
 */
public final class TemplateCatalog {

  public static final String DEFAULT = "blank";
  private final Map<String, JsonObject> templates;

  private TemplateCatalog(Map<String, JsonObject> templates) {
    this.templates = Collections.unmodifiableMap(templates);
  }

  public static TemplateCatalog load(Optional<Path> extraDir) throws IOException {
    Map<String, JsonObject> templates = new TreeMap<>();
    URL shipped = TemplateCatalog.class.getClassLoader().getResource("templates");
    if (shipped != null) {
      try {
        URI uri = shipped.toURI();
        if ("jar".equals(uri.getScheme())) {
          try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            readDir(fs.getPath("/templates"), templates);
          }
        } else {
          readDir(Path.of(uri), templates);
        }
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    if (extraDir.isPresent()) {
      readDir(extraDir.get(), templates);
    }
    if (!templates.containsKey(DEFAULT)) {
      throw new IOException("The template '" + DEFAULT + "' is missing");
    }
    return new TemplateCatalog(templates);
  }

  private static void readDir(Path dir, Map<String, JsonObject> into) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        JsonObject template;
        try {
          template = new JsonObject(Files.readString(file));
        } catch (RuntimeException e) {
          throw new IOException("Template " + file.getFileName() + ": not valid JSON: " + e.getMessage());
        }
        String id = template.getString("id");
        if (id == null || !id.matches("[a-z0-9-]{1,60}")) {
          throw new IOException("Template " + file.getFileName() + ": field 'id' must be lowercase letters, digits, -");
        }
        for (String field : List.of("name", "description")) {
          JsonObject texts = template.getJsonObject(field);
          for (String lang : List.of("fi", "sv", "en")) {
            if (texts == null || texts.getString(lang) == null || texts.getString(lang).isBlank()) {
              throw new IOException("Template " + file.getFileName() + ": field '" + field + "." + lang + "' is missing");
            }
          }
        }
        into.put(id, template);
      }
    }
  }

  public boolean contains(String id) {
    return templates.containsKey(id);
  }

  /** The list for {@code GET /api/templates}, in one language. */
  public JsonArray list(String lang) {
    JsonArray out = new JsonArray();
    templates.values().forEach(t -> out.add(new JsonObject()
        .put("id", t.getString("id"))
        .put("name", t.getJsonObject("name").getString(lang))
        .put("description", t.getJsonObject("description").getString(lang))));
    return out;
  }
}
