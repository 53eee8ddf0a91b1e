package fi.paja.auth;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Devices people join from. A browser keeps one random {@code deviceId} (docs/PROTOCOL.md, {@code POST /api/join})
 * and sends it when it joins; the server keeps only a hash of it salted with the workshop's id, so the same browser
 * cannot be followed from one workshop to another in the database. A facilitator who removes someone may bar the
 * devices that person joined from: a join from a barred device is refused with {@code device_barred}.
 *
 * <p>This holds against the same browser profile only: clearing the site's data, a private window or another
 * browser gives a new device id (docs/SECURITY.md, known limits). The join code can be changed as well.
 */
public final class Devices {

  /** What a device id looks like: the browser client makes 22 base64url characters (128 random bits). */
  public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  private final Storage storage;
  private final MongoClient mongo;

  public Devices(Storage storage) {
    this.storage = storage;
    this.mongo = storage.mongo();
  }

  /** The device id from a request, checked; {@code invalid_id} if it is not one. */
  public static String checked(String deviceId) {
    if (!DEVICE_ID.matcher(deviceId).matches()) {
      throw new PajaException(ErrorCode.INVALID_ID, "deviceId: 16–64 letters, digits, '-' or '_'.");
    }
    return deviceId;
  }

  /** What is stored instead of the device id: bound to the workshop, not reversible. */
  static String hash(String workshopId, String deviceId) {
    return Tokens.hash(workshopId + "/" + deviceId);
  }

  /** Whether this device may not join this workshop. */
  public Future<Boolean> barred(String workshopId, String deviceId) {
    return mongo.count(Collections.BARRED_DEVICES,
        new JsonObject().put("_id", workshopId + "/" + hash(workshopId, deviceId))).map(n -> n > 0);
  }

  /** Remembers which device a participant joined from; durable when the future completes. */
  public Future<Void> joined(String workshopId, String participantId, String deviceId) {
    String hash = hash(workshopId, deviceId);
    return storage.durably(db -> db.save(Collections.PARTICIPANT_DEVICES, new JsonObject()
        .put("_id", workshopId + "/" + participantId + "/" + hash)
        .put("w", workshopId).put("p", participantId).put("d", hash)
        .put("at", Instant.now().toString())))
        .mapEmpty();
  }

  /**
   * Bars every device these participants joined from; durable when the future completes. Returns how many devices
   * that was (0 when they joined without a device id). Safe to repeat.
   */
  public Future<Integer> bar(String workshopId, List<String> participantIds) {
    JsonObject query = new JsonObject().put("w", workshopId)
        .put("p", new JsonObject().put("$in", new JsonArray(new ArrayList<>(participantIds))));
    return mongo.find(Collections.PARTICIPANT_DEVICES, query).compose(docs -> {
      Set<String> hashes = new LinkedHashSet<>();
      docs.forEach(d -> hashes.add(d.getString("d")));
      if (hashes.isEmpty()) {
        return Future.succeededFuture(0);
      }
      String now = Instant.now().toString();
      List<BulkOperation> ops = new ArrayList<>();
      for (String hash : hashes) {
        String id = workshopId + "/" + hash;
        ops.add(BulkOperation.createReplace(new JsonObject().put("_id", id),
            new JsonObject().put("_id", id).put("w", workshopId).put("d", hash).put("at", now), true));
      }
      return storage.durably(db -> db.bulkWrite(Collections.BARRED_DEVICES, ops)).map(r -> hashes.size());
    });
  }
}
