package fi.paja.support;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;

/**
 * What the database holds, read the blunt way: every document of every collection, so that an erasure or a deletion
 * test cannot miss a collection added later (the op log, checkpoints, jobs, pictures...).
 */
public final class StoredData {

  private StoredData() {
  }

  /** Every document of every collection as text, one line each: {@code collection: {json}}. */
  public static String everything(MongoClient mongo) throws Exception {
    StringBuilder all = new StringBuilder();
    for (String line : lines(mongo)) {
      all.append(line).append('\n');
    }
    return all.toString();
  }

  /** The documents (as {@code collection: {json}}) that mention any of {@code needles}. */
  public static List<String> mentions(MongoClient mongo, List<String> needles) throws Exception {
    List<String> found = new ArrayList<>();
    for (String line : lines(mongo)) {
      if (needles.stream().anyMatch(line::contains)) {
        found.add(line);
      }
    }
    return found;
  }

  /** Fails naming the first secret still stored anywhere, with the whole database in the message. */
  public static void assertNotStored(MongoClient mongo, String... secrets) throws Exception {
    assertNowhere("MongoDB", everything(mongo), secrets);
  }

  /** Fails naming the first secret found in {@code text} (an export, a snapshot, a page), called {@code where}. */
  public static void assertNowhere(String where, String text, String... secrets) {
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "'" + secret + "' still in " + where + ":\n" + text);
    }
  }

  private static List<String> lines(MongoClient mongo) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String collection : await(mongo.getCollections())) {
      for (JsonObject doc : await(mongo.find(collection, new JsonObject()))) {
        lines.add(collection + ": " + doc.encode());
      }
    }
    return lines;
  }
}
