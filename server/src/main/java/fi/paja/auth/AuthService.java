package fi.paja.auth;

import fi.paja.config.PajaConfig;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facilitator accounts, logins and tokens, and the question every request asks: "who is this token in this
 * workshop?". Sessions are cached briefly per node; logout and revocation clear the cache on every node.
 */
public final class AuthService {

  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  public static final Duration FACILITATOR_TOKEN_TTL = Duration.ofHours(12);
  public static final Duration PARTICIPANT_TOKEN_TTL = Duration.ofDays(30);
  private static final long CACHE_MILLIS = 30_000;
  private static final int CACHE_MAX = 50_000;

  /** Who a token is in a workshop, which token that was (its hash) and until when it is valid (epoch millis). */
  public record Access(Member member, String tokenHash, long expiresAt) {
  }

  private record Cached(Session session, long loadedAt) {
  }

  private final Vertx vertx;
  private final MongoClient mongo;
  private final Storage storage;
  private final WorkshopOwners workshops;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  /** Token hashes found in no session, and until when that answer is kept: a flood of one junk token costs one lookup. */
  private final Map<String, Long> unknown = new ConcurrentHashMap<>();
  static final long UNKNOWN_MILLIS = 10_000;
  /** Removed participants, so their tokens fail at once, before the stored sessions are gone too. */
  private final java.util.Set<String> removed = ConcurrentHashMap.newKeySet();

  public AuthService(Vertx vertx, Storage storage, WorkshopOwners workshops, Clock clock) {
    this.vertx = vertx;
    this.storage = storage;
    this.mongo = storage.mongo();
    this.workshops = workshops;
    this.clock = clock;
    vertx.eventBus().<JsonObject>consumer(AccessChange.ADDRESS, m -> {
      AccessChange change = AccessChange.fromJson(m.body());
      if (change == null) {
        return;
      }
      if (change.tokenHash() != null) {
        cache.remove(change.tokenHash());
      } else if ((change.reason() == AccessChange.Reason.REMOVED || change.reason() == AccessChange.Reason.ERASED)
          && change.participantId() != null) {
        endSessionsOf(change.participantId());
      } else if (change.wholeWorkshop() && change.workshopId() != null) {
        // Closed or deleted: its participants' stored sessions are gone already; cached copies go now.
        cache.values().removeIf(c -> change.workshopId().equals(c.session().workshopId()));
      }
    });
    // Sharing or ownership of a workshop changed (fi.paja.workshop.Sharing): every node reads it again.
    vertx.eventBus().<JsonObject>consumer(WorkshopOwners.OWNERS_CHANGED,
        m -> workshops.forget(m.body().getString("workshopId")));
  }

  /**
   * Creates the admin facilitator account on first start. If {@code PAJA_ADMIN_PASSWORD} is set it is the
   * password (and replaces an older one); otherwise one is generated and logged once.
   */
  public Future<Void> bootstrapAdmin(PajaConfig config) {
    String username = config.adminUser();
    return mongo.findOne(Collections.ACCOUNTS, new JsonObject().put("username", username), null)
        .compose(existing -> {
          if (existing != null) {
            // Accounts made before roles existed: the configured admin is the admin.
            Future<Void> role = Accounts.ADMIN.equals(existing.getString("role")) ? Future.succeededFuture()
                : storage.durably(db -> db.updateCollection(Collections.ACCOUNTS,
                    new JsonObject().put("_id", existing.getString("_id")),
                    new JsonObject().put("$set", new JsonObject().put("role", Accounts.ADMIN)))).mapEmpty();
            if (config.adminPassword().isEmpty()) {
              return role;
            }
            String password = config.adminPassword().get();
            return role.compose(r -> vertx
                .executeBlocking(() -> Passwords.matches(password, existing.getString("passwordHash"))
                    ? null : Passwords.hash(password))
                .compose(newHash -> newHash == null ? Future.succeededFuture()
                    : storage.durably(db -> db.updateCollection(Collections.ACCOUNTS,
                        new JsonObject().put("_id", existing.getString("_id")),
                        new JsonObject().put("$set", new JsonObject().put("passwordHash", newHash))))
                        .<Void>mapEmpty()
                        .onSuccess(v -> LOG.info("Password of facilitator account '{}' set from PAJA_ADMIN_PASSWORD",
                            username))));
          }
          boolean generated = config.adminPassword().isEmpty();
          String password = config.adminPassword().orElseGet(AuthService::generatePassword);
          return vertx.executeBlocking(() -> Passwords.hash(password))
              .compose(hash -> storage.durably(db -> db.insert(Collections.ACCOUNTS, new JsonObject()
                  .put("_id", Tokens.newId()).put("username", username).put("passwordHash", hash)
                  .put("displayName", username).put("role", Accounts.ADMIN)
                  .put("createdAt", clock.instant().toString()))))
              .<Void>mapEmpty()
              .onSuccess(v -> {
                if (generated) {
                  // Logged once, on the first start only: the operator needs it to log in.
                  LOG.warn("Created facilitator account '{}' with generated password: {}", username, password);
                } else {
                  LOG.info("Created facilitator account '{}'", username);
                }
              });
        });
  }

  /** A removed participant's tokens stop working at once, on every node (each node runs this). */
  private void endSessionsOf(String participantId) {
    if (removed.size() > CACHE_MAX) {
      removed.clear();
    }
    removed.add(participantId);
    cache.values().removeIf(c -> participantId.equals(c.session().participantId()));
    storage.durably(db -> db.removeDocuments(Collections.SESSIONS,
        new JsonObject().put("participantId", participantId)))
        .onFailure(e -> LOG.warn("Could not end the sessions of a removed participant: {}", e.getMessage()));
  }

  /** Deletes expired sessions now and then: they are useless, and a token hash is still data about someone. */
  public void sweepExpiredSessions(long everyMillis) {
    vertx.setPeriodic(everyMillis, everyMillis, id -> mongo.removeDocuments(Collections.SESSIONS,
        new JsonObject().put("expiresAt", new JsonObject().put("$lt", clock.millis())))
        .onFailure(e -> LOG.warn("Could not delete expired sessions: {}", e.getMessage())));
  }

  static String generatePassword() {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Checks a facilitator's password and opens a session. */
  public Future<JsonObject> login(String username, String password) {
    return mongo.findOne(Collections.ACCOUNTS, new JsonObject().put("username", username), null)
        .compose(account -> vertx
            .executeBlocking(
                () -> Passwords.matches(password, account == null ? null : account.getString("passwordHash")))
            .compose(ok -> {
              if (!ok) {
                return Future.failedFuture(new PajaException(ErrorCode.BAD_CREDENTIALS));
              }
              if (Accounts.isDisabled(account)) {
                return Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_DISABLED));
              }
              String token = Tokens.newToken();
              long expiresAt = clock.millis() + FACILITATOR_TOKEN_TTL.toMillis();
              Session session = new Session(Tokens.hash(token), Session.FACILITATOR, account.getString("_id"),
                  username, null, null, expiresAt);
              return save(session).map(v -> new JsonObject().put("token", token).put("username", username)
                  .put("expiresAt", java.time.Instant.ofEpochMilli(expiresAt).toString()));
            }));
  }

  /** A token for a participant who just joined a workshop. */
  public Future<String> participantToken(String workshopId, String participantId) {
    String token = Tokens.newToken();
    Session session = new Session(Tokens.hash(token), Session.PARTICIPANT, null, null, workshopId, participantId,
        clock.millis() + PARTICIPANT_TOKEN_TTL.toMillis());
    return save(session).map(token);
  }

  private Future<Void> save(Session session) {
    return storage.durably(db -> db.insert(Collections.SESSIONS, session.toDoc())).mapEmpty();
  }

  public Future<Void> logout(String token) {
    String hash = Tokens.hash(token);
    return storage.durably(db -> db.removeDocument(Collections.SESSIONS, new JsonObject().put("_id", hash)))
        .<Void>mapEmpty()
        // Every node forgets the session and closes the sockets that registered with this token.
        .onSuccess(v -> AccessChange.sessionEnded(hash).publish(vertx));
  }

  /** The session of a bearer token; fails with {@code unauthorized}. */
  public Future<Session> session(String token) {
    if (!Tokens.wellFormed(token)) {
      // Not a token this server made: no lookup.
      return Future.failedFuture(new PajaException(ErrorCode.UNAUTHORIZED));
    }
    String hash = Tokens.hash(token);
    long now = clock.millis();
    Cached cached = cache.get(hash);
    if (cached != null && now - cached.loadedAt() < CACHE_MILLIS) {
      return valid(cached.session(), now);
    }
    Long unknownUntil = unknown.get(hash);
    if (unknownUntil != null && now < unknownUntil) {
      return Future.failedFuture(new PajaException(ErrorCode.UNAUTHORIZED));
    }
    return mongo.findOne(Collections.SESSIONS, new JsonObject().put("_id", hash), null).compose(doc -> {
      if (doc == null) {
        cache.remove(hash);
        if (unknown.size() > CACHE_MAX) {
          unknown.clear();
        }
        unknown.put(hash, now + UNKNOWN_MILLIS);
        return Future.failedFuture(new PajaException(ErrorCode.UNAUTHORIZED));
      }
      Session session = Session.fromDoc(doc);
      if (cache.size() > CACHE_MAX) {
        cache.clear();
      }
      cache.put(hash, new Cached(session, now));
      return valid(session, now);
    });
  }

  private Future<Session> valid(Session session, long now) {
    boolean live = session.expiresAt() > now
        && (session.participantId() == null || !removed.contains(session.participantId()));
    return live ? Future.succeededFuture(session) : Future.failedFuture(new PajaException(ErrorCode.UNAUTHORIZED));
  }

  /** The session of a facilitator token; a participant token gets {@code forbidden}. */
  public Future<Session> facilitator(String token) {
    return session(token).compose(s -> s.isFacilitator() ? Future.succeededFuture(s)
        : Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN)));
  }

  /** Who this token is in this workshop: {@code unauthorized}, {@code forbidden} or {@code workshop_not_found}. */
  public Future<Member> member(String token, String workshopId) {
    return access(token, workshopId).map(Access::member);
  }

  /** As {@link #member}, with the token's hash and expiry: what a live socket needs to end with the token. */
  public Future<Access> access(String token, String workshopId) {
    return session(token).compose(session -> access(session, workshopId));
  }

  /** As {@link #member}, for a session the caller has looked up already. */
  public Future<Member> member(Session session, String workshopId) {
    return access(session, workshopId).map(Access::member);
  }

  private Future<Access> access(Session session, String workshopId) {
    if (!session.isFacilitator()) {
      return workshopId.equals(session.workshopId())
          ? Future.succeededFuture(new Access(new Member(workshopId, session.participantId(),
              Roles.PARTICIPANT), session.tokenHash(), session.expiresAt()))
          : Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN));
    }
    return workshops.owner(workshopId).compose(owner -> {
      if (owner.accountId().equals(session.accountId())) {
        return Future.succeededFuture(new Access(new Member(workshopId, owner.facilitatorParticipantId(),
            Roles.FACILITATOR), session.tokenHash(), session.expiresAt()));
      }
      // An account the owner shared the workshop with: its own participant, a co-facilitator on the board.
      String coFacilitator = owner.coFacilitators().get(session.accountId());
      return coFacilitator != null
          ? Future.succeededFuture(new Access(new Member(workshopId, coFacilitator, Roles.COFACILITATOR),
              session.tokenHash(), session.expiresAt()))
          : Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN));
    });
  }
}
