package fi.paja.export;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** One export format. Writes in pieces so a large board streams out instead of being built in memory first. */
public interface Exporter {

  String contentType();

  String extension();

  /** {@code board} is an {@link ExportView} of the workshop. */
  void write(JsonObject board, Consumer<String> out);
}
