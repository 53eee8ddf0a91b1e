package fi.paja;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import fi.paja.config.PajaConfig;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Several nodes as one clustered Vert.x (Hazelcast), sharing one MongoDB: the event bus spans the nodes, so a board
 * answers on its addresses from whichever node holds its lease, and its events reach the sockets on every node.
 * Members are named (TCP/IP join): multicast is off, hospital networks rarely allow it and it would let any
 * Hazelcast on the segment join.
 */
public final class MultiNode {

  static final String CLUSTER_NAME = "paja";

  private MultiNode() {
  }

  /** Joins the other nodes; the returned Vert.x is this node. */
  public static Future<Vertx> join(VertxBuilder builder, VertxOptions options, PajaConfig config) {
    String host = config.nodeHost().orElseThrow();
    options.getEventBusOptions().setHost(host).setClusterPublicHost(host);
    return builder.with(options).withClusterManager(new HazelcastClusterManager(hazelcast(config))).buildClustered();
  }

  static Config hazelcast(PajaConfig config) {
    String host = config.nodeHost().orElseThrow();
    // Vert.x's own map and lock settings come with its default configuration.
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    // A node that died is dropped after 10 s without heartbeats (Hazelcast's default is 60 s): about as long as
    // its board leases last, so its boards move to the others within ~15 s instead of a minute.
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "2");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    NetworkConfig network = hz.getNetworkConfig();
    if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
      hz.setProperty("hazelcast.socket.bind.any", "false");
      hz.setProperty("hazelcast.local.localAddress", host);
      network.getInterfaces().setEnabled(true).addInterface(host);
    }
    network.setPublicAddress(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(config.nodeMembers());
    return hz;
  }
}
