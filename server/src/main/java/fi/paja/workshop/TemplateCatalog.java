package fi.paja.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The workshop templates: the files of {@code workshop-templates/} (packed into the jar under {@code templates/}),
 * those in {@code PAJA_TEMPLATES_DIR}, and the ones facilitators saved from their boards. Every template is
 * checked against {@code workshop-templates/schema/template.schema.json}; a broken file stops the start with its
 * name and the field.
 */
public final class TemplateCatalog {

  public static final String DEFAULT = "blank";
  public static final String SCHEMA = "templates/schema/template.schema.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonSchema schema;
  private final Map<String, JsonObject> templates = new ConcurrentHashMap<>();

  private TemplateCatalog(JsonSchema schema) {
    this.schema = schema;
  }

  public static TemplateCatalog load(Optional<Path> extraDir) throws IOException {
    TemplateCatalog catalog = new TemplateCatalog(loadSchema());
    Map<String, JsonObject> found = new TreeMap<>();
    URL shipped = TemplateCatalog.class.getClassLoader().getResource("templates");
    if (shipped != null) {
      try {
        URI uri = shipped.toURI();
        if ("jar".equals(uri.getScheme())) {
          try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            catalog.readDir(fs.getPath("/templates"), found);
          }
        } else {
          catalog.readDir(Path.of(uri), found);
        }
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    if (extraDir.isPresent()) {
      catalog.readDir(extraDir.get(), found);
    }
    if (!found.containsKey(DEFAULT)) {
      throw new IOException("The template '" + DEFAULT + "' is missing");
    }
    catalog.templates.putAll(found);
    return catalog;
  }

  private static JsonSchema loadSchema() throws IOException {
    try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IOException("The template schema " + SCHEMA + " is missing from the class path");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(in));
    }
  }

  private void readDir(Path dir, Map<String, JsonObject> into) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        JsonObject template = parse(name, Files.readString(file));
        String expected = name.substring(0, name.length() - ".json".length());
        if (!expected.equals(template.getString("id"))) {
          throw new IOException("Template " + name + ": field 'id' must be '" + expected + "' (the file name)");
        }
        into.put(template.getString("id"), template);
      }
    }
  }

  /** Parses and validates one template; the message names the source and every wrong field. */
  public JsonObject parse(String source, String text) throws IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("Template " + source + ": not valid JSON: " + e.getOriginalMessage());
    }
    Set<ValidationMessage> errors = schema.validate(node);
    if (!errors.isEmpty()) {
      throw new IOException("Template " + source + ": " + errors.stream()
          .map(m -> m.getInstanceLocation() + ": " + m.getMessage())
          .sorted().collect(Collectors.joining("; ")));
    }
    return new JsonObject(text);
  }

  public boolean contains(String id) {
    return templates.containsKey(id);
  }

  public JsonObject get(String id) {
    return templates.get(id);
  }

  /** Adds a template made from a board (already validated by {@link #parse}). */
  public void put(JsonObject template) {
    templates.put(template.getString("id"), template);
  }

  /** Forgets a template saved from a board (its workshop was deleted with its templates). */
  public void remove(String id) {
    templates.remove(id);
  }

  /** The list for {@code GET /api/templates}, in one language. */
  public JsonArray list(String lang) {
    JsonArray out = new JsonArray();
    new TreeMap<>(templates).values().forEach(t -> out.add(new JsonObject()
        .put("id", t.getString("id"))
        .put("level", t.getString("level"))
        .put("name", t.getJsonObject("name").getString(lang))
        .put("description", t.getJsonObject("description").getString(lang))
        .put("hasJourney", !t.getJsonArray("journeys", new JsonArray()).isEmpty())));
    return out;
  }
}
