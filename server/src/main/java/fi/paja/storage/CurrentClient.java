package fi.paja.storage;

import fi.paja.error.PajaException;
import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The one {@link MongoClient} the rest of Paja holds for the embedded store, passing every call to the client of
 * the store's current opening. A reopened store comes with a new client, and the stores, the auth service and the
 * leases keep working without being told. While the store is down, calls fail at once with
 * {@code storage_unavailable} instead of waiting for a server that is gone.
 *
 * <p>A dynamic proxy rather than a class with a hundred forwarding methods: the interface grows with Vert.x.
 */
final class CurrentClient implements InvocationHandler {

  private final Supplier<MongoClient> current;
  private final Supplier<PajaException> refusal;

  private CurrentClient(Supplier<MongoClient> current, Supplier<PajaException> refusal) {
    this.current = current;
    this.refusal = refusal;
  }

  /** {@code current} gives the client to use, or null while the store is down; {@code refusal} the error then. */
  static MongoClient of(Supplier<MongoClient> current, Supplier<PajaException> refusal) {
    return (MongoClient) Proxy.newProxyInstance(MongoClient.class.getClassLoader(), new Class<?>[] {MongoClient.class},
        new CurrentClient(current, refusal));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "CurrentClient[" + current.get() + "]";
      };
    }
    MongoClient client = current.get();
    if (client == null) {
      if (Future.class.isAssignableFrom(method.getReturnType())) {
        return Future.failedFuture(refusal.get());
      }
      throw refusal.get();
    }
    try {
      return method.invoke(client, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
