package fi.paja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import fi.paja.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiNodeTest {

  private final Config hz = MultiNode.hazelcast(ConfigLoader.load(Map.of("PAJA_CLUSTER_MEMBERS",
      "10.0.0.5,10.0.0.6", "PAJA_CLUSTER_HOST", "10.0.0.5", "PAJA_MONGO_URL", "mongodb://db")));

  @Test
  void onlyTheNamedMembersAreJoinedNeverWhoeverAnswersAMulticast() {
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.5", "10.0.0.6"), join.getTcpIpConfig().getMembers());
  }

  @Test
  void theClusterHasItsOwnNameAndBindsToThisNodesAddress() {
    assertEquals("paja", hz.getClusterName());
    assertEquals(List.of("10.0.0.5"), List.copyOf(hz.getNetworkConfig().getInterfaces().getInterfaces()));
    assertEquals("false", hz.getProperty("hazelcast.socket.bind.any"));
    assertEquals("false", hz.getProperty("hazelcast.phone.home.enabled"));
  }

  @Test
  void aDeadNodeIsDroppedAfterAboutALeasesLength() {
    assertEquals("10", hz.getProperty("hazelcast.max.no.heartbeat.seconds"));
  }
}
