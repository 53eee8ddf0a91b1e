package fi.paja.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The journey-map rules that need no board: what a structure change makes of a map, and which cells exist. */
class JourneyRulesTest {

  private final AtomicInteger next = new AtomicInteger();
  private final Supplier<String> ids = () -> "id" + next.incrementAndGet();

  private Journey map() {
    return JourneyRules.create(0, "Path", "current", List.of("Find", "Buy"),
        List.of(new JourneyRules.NewLane("Says", "text"), new JourneyRules.NewLane("Feels", "emotion")), ids);
  }

  @Test
  void aNewMapGetsItsStageIdsThenItsLaneIdsThenItsOwn() {
    Journey j = map();
    assertEquals(List.of("id1", "id2"), j.stages().stream().map(Journey.Stage::id).toList());
    assertEquals(List.of("id3", "id4"), j.lanes().stream().map(Journey.Lane::id).toList());
    assertEquals("id5", j.id());
  }

  @Test
  void aWorkshopHoldsAtMostTheLimitOfMaps() {
    PajaException e = assertThrows(PajaException.class,
        () -> JourneyRules.create(Limits.MAX_JOURNEYS, "Path", "current", List.of(), List.of(), ids));
    assertEquals(ErrorCode.BOARD_FULL, e.code());
  }

  @Test
  void removingAStageSaysWhichOneWentAndTakesItsCellsWithIt() {
    Journey j = map().withText("id1", "id3", "searches a lot");
    JourneyRules.Changed changed = JourneyRules.change(j, new JourneyRules.Change("stage", "remove",
        Optional.of("id1"), Optional.empty(), Optional.empty(), Optional.empty()), ids);
    assertEquals("id1", changed.removedId());
    assertNull(changed.addedId());
    assertEquals(List.of("id2"), changed.journey().stages().stream().map(Journey.Stage::id).toList());
    assertTrue(changed.journey().texts().isEmpty());
  }

  @Test
  void anAddedLaneGoesWhereAskedAndSaysItsId() {
    JourneyRules.Changed changed = JourneyRules.change(map(), new JourneyRules.Change("lane", "add",
        Optional.empty(), Optional.of("Does"), Optional.of("notes"), Optional.of(0)), ids);
    assertEquals("id6", changed.addedId());
    assertEquals("Does", changed.journey().lanes().get(0).title());
  }

  @Test
  void aCellOfAnotherKindOrOfNoStageIsRefused() {
    Journey j = map();
    assertEquals(ErrorCode.WRONG_TYPE, assertThrows(PajaException.class,
        () -> JourneyRules.cell(j, "id1", "id4", java.util.Set.of("text"))).code());
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(PajaException.class,
        () -> JourneyRules.cell(j, "nope", "id3", java.util.Set.of("text"))).code());
    assertTrue(JourneyRules.hasCell(j, "id2", "id4"));
    assertFalse(JourneyRules.hasCell(null, "id2", "id4"));
  }
}
