package fi.paja.vertxinternals;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

/** What this node sees of the other Vert.x nodes. */
public final class ClusterView {

  private ClusterView() {
  }

  /** How many nodes the cluster manager sees, this one included; -1 when Vert.x is not clustered. */
  public static int nodes(Vertx vertx) {
    if (vertx.isClustered() && vertx instanceof VertxInternal internal) {
      return internal.clusterManager().getNodes().size();
    }
    return -1;
  }
}
