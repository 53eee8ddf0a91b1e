package fi.paja.auth;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Facilitator accounts (collection {@code accounts}): the admin creates, disables, enables, removes them and
 * transfers their workshops; everyone changes their own password. An account document is
 * {@code {_id, username, displayName, passwordHash, role: "admin"|"facilitator", disabledAt?, createdAt}}.
 *
 * <p>Ending an account's access (disabled, removed, password changed elsewhere) deletes its sessions and announces
 * each ended token with {@link AccessChange#sessionEnded}: every node drops it from its cache and closes the live
 * sockets that registered with it.
 */
public final class Accounts {

  public static final String ADMIN = "admin";
  public static final String FACILITATOR = "facilitator";
  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

  private final Vertx vertx;
  private final Storage storage;
  private final MongoClient mongo;
  private final Clock clock;

  public Accounts(Vertx vertx, Storage storage, Clock clock) {
    this.vertx = vertx;
    this.storage = storage;
    this.mongo = storage.mongo();
    this.clock = clock;
  }

  // ---- rules (pure, unit-tested) ----

  /** A user name: 2–40 of a–z, 0–9, {@code . _ -}, starting with a letter or digit; upper case is folded. */
  public static String checkedUsername(String raw) {
    String name = raw == null ? "" : raw.trim().toLowerCase(java.util.Locale.ROOT);
    if (!USERNAME.matcher(name).matches()) {
      throw new PajaException(ErrorCode.INVALID_USERNAME);
    }
    return name;
  }

  /** The same rule as {@code PAJA_ADMIN_PASSWORD}: at least 8 characters, at most 72 bytes (bcrypt's limit). */
  public static String checkedPassword(String password) {
    if (password == null || password.codePointCount(0, password.length()) < 8) {
      throw new PajaException(ErrorCode.INVALID_PASSWORD, "The password must be at least 8 characters.");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
      throw new PajaException(ErrorCode.INVALID_PASSWORD, "The password must be at most 72 bytes.");
    }
    return password;
  }

  public static boolean isAdmin(JsonObject account) {
    return account != null && ADMIN.equals(account.getString("role")) && !isDisabled(account);
  }

  public static boolean isDisabled(JsonObject account) {
    return account != null && account.getString("disabledAt") != null;
  }

  /**
   * Whether taking {@code target} out of the enabled admins (disabling or removing it) would leave none:
   * refused with {@code last_admin}.
   */
  static boolean wouldLeaveNoAdmin(JsonObject target, List<JsonObject> accounts) {
    if (!isAdmin(target)) {
      return false;
    }
    return accounts.stream().noneMatch(a -> isAdmin(a) && !a.getString("_id").equals(target.getString("_id")));
  }

  /** What the API shows of an account: never the hash. */
  public static JsonObject view(JsonObject account) {
    JsonObject v = new JsonObject()
        .put("id", account.getString("_id"))
        .put("username", account.getString("username"))
        .put("displayName", account.getString("displayName", account.getString("username")))
        .put("role", account.getString("role", FACILITATOR))
        .put("disabled", isDisabled(account))
        .put("createdAt", account.getString("createdAt"));
    if (account.getString("disabledAt") != null) {
      v.put("disabledAt", account.getString("disabledAt"));
    }
    return v;
  }

  // ---- lookups ----

  public Future<JsonObject> byId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
      return Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_NOT_FOUND));
    }
    return mongo.findOne(Collections.ACCOUNTS, new JsonObject().put("_id", id), null)
        .compose(a -> a != null ? Future.succeededFuture(a)
            : Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_NOT_FOUND)));
  }

  /** An enabled account by user name (for sharing); {@code account_not_found} otherwise. */
  public Future<JsonObject> enabledByUsername(String raw) {
    String username;
    try {
      username = checkedUsername(raw);
    } catch (PajaException e) {
      return Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_NOT_FOUND));
    }
    return mongo.findOne(Collections.ACCOUNTS, new JsonObject().put("username", username), null)
        .compose(a -> a != null && !isDisabled(a) ? Future.succeededFuture(a)
            : Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_NOT_FOUND)));
  }

  /** The session's account if it is an enabled admin; {@code forbidden} otherwise. */
  public Future<JsonObject> requireAdmin(Session session) {
    return mongo.findOne(Collections.ACCOUNTS, new JsonObject().put("_id", session.accountId()), null)
        .compose(a -> isAdmin(a) ? Future.succeededFuture(a)
            : Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN, "Only an admin can manage accounts.")));
  }

  private Future<List<JsonObject>> all() {
    return mongo.findWithOptions(Collections.ACCOUNTS, new JsonObject(),
        new FindOptions().setSort(new JsonObject().put("username", 1)).setLimit(10_000));
  }

  public Future<JsonArray> list() {
    return all().compose(accounts -> mongo.findWithOptions(Collections.WORKSHOPS, new JsonObject(),
        new FindOptions().setFields(new JsonObject().put("ownerAccountId", 1)))
        .map(workshops -> {
          java.util.Map<String, Integer> owned = new java.util.HashMap<>();
          workshops.forEach(w -> owned.merge(String.valueOf(w.getString("ownerAccountId")), 1, Integer::sum));
          JsonArray out = new JsonArray();
          accounts.forEach(a -> out.add(view(a).put("workshops", owned.getOrDefault(a.getString("_id"), 0))));
          return out;
        }));
  }

  // ---- changes ----

  /**
   * A new facilitator account. Without a password one is generated and returned once ({@code generatedPassword});
   * only its hash is stored.
   */
  public Future<JsonObject> create(String rawUsername, String rawDisplayName, String password, String role) {
    String username = checkedUsername(rawUsername);
    String displayName = rawDisplayName == null || rawDisplayName.isBlank() ? username
        : fi.paja.validation.Pseudonyms.normalise(rawDisplayName);
    if (role != null && !ADMIN.equals(role) && !FACILITATOR.equals(role)) {
      throw new PajaException(ErrorCode.INVALID_ROLE, "role must be admin or facilitator.");
    }
    boolean generated = password == null;
    String plain = generated ? AuthService.generatePassword() : checkedPassword(password);
    return vertx.executeBlocking(() -> Passwords.hash(plain))
        .compose(hash -> {
          JsonObject doc = new JsonObject().put("_id", Tokens.newId()).put("username", username)
              .put("displayName", displayName).put("passwordHash", hash)
              .put("role", role == null ? FACILITATOR : role).put("createdAt", clock.instant().toString());
          return storage.durably(db -> db.insert(Collections.ACCOUNTS, doc)).map(doc)
              .recover(err -> Future.failedFuture(duplicate(err) ? new PajaException(ErrorCode.USERNAME_TAKEN) : err));
        })
        .map(doc -> {
          JsonObject v = view(doc).put("workshops", 0);
          return generated ? v.put("generatedPassword", plain) : v;
        });
  }

  public Future<JsonObject> disable(String id) {
    return byId(id).compose(target -> all().compose(accounts -> {
      if (wouldLeaveNoAdmin(target, accounts)) {
        return Future.failedFuture(new PajaException(ErrorCode.LAST_ADMIN));
      }
      if (isDisabled(target)) {
        return Future.succeededFuture(view(target));
      }
      String at = clock.instant().toString();
      return storage.durably(db -> db.updateCollection(Collections.ACCOUNTS, new JsonObject().put("_id", id),
          new JsonObject().put("$set", new JsonObject().put("disabledAt", at))))
          .compose(r -> endSessions(id, null))
          .map(v -> view(target.copy().put("disabledAt", at)));
    }));
  }

  public Future<JsonObject> enable(String id) {
    return byId(id).compose(target -> storage.durably(db -> db.updateCollection(Collections.ACCOUNTS,
        new JsonObject().put("_id", id), new JsonObject().put("$unset", new JsonObject().put("disabledAt", ""))))
        .map(r -> {
          JsonObject copy = target.copy();
          copy.remove("disabledAt");
          return view(copy);
        }));
  }

  /**
   * Removes an account. Refused ({@code account_owns_workshops}) while it owns workshops: transfer them first. Its
   * sessions end and it is taken off every workshop shared with it.
   */
  public Future<Void> remove(String id, java.util.function.Function<String, Future<Void>> unshareEverywhere) {
    return byId(id).compose(target -> all().compose(accounts -> {
      if (wouldLeaveNoAdmin(target, accounts)) {
        return Future.failedFuture(new PajaException(ErrorCode.LAST_ADMIN));
      }
      return mongo.count(Collections.WORKSHOPS, new JsonObject().put("ownerAccountId", id)).compose(owned -> {
        if (owned > 0) {
          return Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_OWNS_WORKSHOPS,
              "The account owns " + owned + " workshop(s): transfer them to another account first."));
        }
        return storage.durably(db -> db.removeDocument(Collections.ACCOUNTS, new JsonObject().put("_id", id)))
            .compose(r -> endSessions(id, null))
            .compose(v -> unshareEverywhere.apply(id));
      });
    }));
  }

  /**
   * The account's own password: {@code current} must be right ({@code wrong_password} otherwise), {@code next}
   * follows {@link #checkedPassword}. The account's other sessions end; this one stays.
   */
  public Future<Void> changePassword(Session session, String current, String next) {
    checkedPassword(next);
    return byId(session.accountId())
        .compose(account -> vertx.executeBlocking(() -> {
          if (!Passwords.matches(current, account.getString("passwordHash"))) {
            throw new PajaException(ErrorCode.WRONG_PASSWORD);
          }
          return Passwords.hash(next);
        }))
        .compose(hash -> storage.durably(db -> db.updateCollection(Collections.ACCOUNTS,
            new JsonObject().put("_id", session.accountId()),
            new JsonObject().put("$set", new JsonObject().put("passwordHash", hash)))))
        .compose(r -> endSessions(session.accountId(), session.tokenHash()));
  }

  /**
   * Ends every session of the account but {@code keepHash}: deleted, then announced one by one so that every node
   * forgets it and closes its sockets.
   */
  public Future<Void> endSessions(String accountId, String keepHash) {
    JsonObject query = new JsonObject().put("accountId", accountId);
    return mongo
        .findWithOptions(Collections.SESSIONS, query, new FindOptions().setFields(new JsonObject().put("_id", 1)))
        .compose(sessions -> {
          List<String> hashes = sessions.stream().map(s -> s.getString("_id"))
              .filter(h -> !h.equals(keepHash)).toList();
          if (hashes.isEmpty()) {
            return Future.<Void>succeededFuture();
          }
          return storage.durably(db -> db.removeDocuments(Collections.SESSIONS, new JsonObject().put("_id",
              new JsonObject().put("$in", new JsonArray(hashes)))))
              .<Void>mapEmpty()
              .onSuccess(v -> hashes.forEach(h -> AccessChange.sessionEnded(h).publish(vertx)));
        });
  }

  private static boolean duplicate(Throwable err) {
    String m = String.valueOf(err.getMessage());
    return m.contains("E11000") || m.toLowerCase(java.util.Locale.ROOT).contains("duplicate key");
  }
}
