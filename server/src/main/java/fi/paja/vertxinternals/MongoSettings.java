package fi.paja.vertxinternals;

import com.mongodb.MongoClientSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.impl.config.MongoClientOptionsParser;

/** The driver settings Vert.x's Mongo client would build for a config, so that Paja can adjust them before use. */
public final class MongoSettings {

  private MongoSettings() {
  }

  /** What {@code MongoClient.create(vertx, config)} would use, Vert.x's JSON codecs among them. */
  public static MongoClientSettings of(Vertx vertx, JsonObject config) {
    return new MongoClientOptionsParser(vertx, config).settings();
  }
}
