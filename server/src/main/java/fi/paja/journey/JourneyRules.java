package fi.paja.journey;

import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rules of journey maps that need no board: how many there may be, what a structure change (a stage or lane
 * added, renamed, moved or removed) makes of a map, and which cells exist and what they hold. The board's side
 * (who may do it, notes placed in cells, events) is {@code board.JourneyMapRules}; this package knows no board.
 */
public final class JourneyRules {

  private JourneyRules() {
  }

  /** A lane as given when a map is created: its id is made here. */
  public record NewLane(String title, String kind) {
  }

  /**
   * A stage or lane change: {@code part} is "stage" or "lane"; {@code action} add, update, move or remove;
   * {@code itemId} absent for add; {@code kind} only for adding a lane.
   */
  public record Change(String part, String action, Optional<String> itemId, Optional<String> title,
                       Optional<String> kind, Optional<Integer> index) {
  }

  /** What a {@link Change} made: the new map, the id of a stage or lane added, the id of one removed. */
  public record Changed(Journey journey, String addedId, String removedId) {
  }

  /** A new map, given how many the workshop has already; ids: each stage's, each lane's, then the map's. */
  public static Journey create(int existing, String title, String kind, List<String> stageTitles,
                               List<NewLane> newLanes, Supplier<String> newId) {
    if (existing >= Limits.MAX_JOURNEYS) {
      throw new PajaException(ErrorCode.BOARD_FULL,
          "A workshop holds at most " + Limits.MAX_JOURNEYS + " journey maps.");
    }
    List<Journey.Stage> stages = stageTitles.stream().map(t -> new Journey.Stage(newId.get(), t)).toList();
    List<Journey.Lane> lanes = newLanes.stream().map(l -> new Journey.Lane(newId.get(), l.title(), l.kind())).toList();
    return new Journey(newId.get(), title, kind, stages, lanes, Map.of(), Map.of());
  }

  public static Journey existing(Map<String, Journey> journeys, String id) {
    Journey j = journeys.get(id);
    if (j == null) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such journey map.");
    }
    return j;
  }

  /** Whether this map (null: none) still has this cell: a note restored into a removed one goes to the canvas. */
  public static boolean hasCell(Journey j, String stageId, String laneId) {
    return j != null && j.stage(stageId) != null && j.lane(laneId) != null;
  }

  /** The map, if this cell exists and its lane is one of {@code laneKinds}; refused otherwise. */
  public static Journey cell(Journey j, String stageId, String laneId, Set<String> laneKinds) {
    Journey.Lane lane = j.lane(laneId);
    if (j.stage(stageId) == null || lane == null) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such cell in this journey map.");
    }
    if (!laneKinds.contains(lane.kind())) {
      throw new PajaException(ErrorCode.WRONG_TYPE, "This lane holds " + lane.kind() + ", not that.");
    }
    return j;
  }

  public static Changed change(Journey j, Change change, Supplier<String> newId) {
    boolean stage = change.part().equals("stage");
    List<String> ids = stage ? j.stages().stream().map(Journey.Stage::id).toList()
        : j.lanes().stream().map(Journey.Lane::id).toList();
    int at = change.itemId().map(ids::indexOf).orElse(-1);
    if (change.itemId().isPresent() && at < 0) {
      throw new PajaException(ErrorCode.NOT_FOUND, "No such " + change.part() + " in this journey map.");
    }
    List<Journey.Stage> stages = new ArrayList<>(j.stages());
    List<Journey.Lane> lanes = new ArrayList<>(j.lanes());
    String added = null;
    String removed = null;
    switch (change.action()) {
      case "add" -> {
        if ((stage ? stages.size() : lanes.size()) >= (stage ? Limits.MAX_STAGES : Limits.MAX_LANES)) {
          throw new PajaException(ErrorCode.BOARD_FULL, "Too many " + change.part() + "s.");
        }
        added = newId.get();
        int index = Math.min(change.index().orElse(Integer.MAX_VALUE), stage ? stages.size() : lanes.size());
        if (stage) {
          stages.add(index, new Journey.Stage(added, change.title().orElseThrow()));
        } else {
          lanes.add(index, new Journey.Lane(added, change.title().orElseThrow(), change.kind().orElseThrow()));
        }
      }
      case "update" -> {
        if (stage) {
          stages.set(at, new Journey.Stage(stages.get(at).id(), change.title().orElseThrow()));
        } else {
          Journey.Lane l = lanes.get(at);
          lanes.set(at, new Journey.Lane(l.id(), change.title().orElseThrow(), l.kind()));
        }
      }
      case "move" -> {
        int index = change.index().orElseThrow();
        if (stage) {
          Journey.Stage s = stages.remove(at);
          stages.add(Math.min(index, stages.size()), s);
        } else {
          Journey.Lane l = lanes.remove(at);
          lanes.add(Math.min(index, lanes.size()), l);
        }
      }
      default -> {
        removed = ids.get(at);
        if (stage) {
          stages.remove(at);
        } else {
          lanes.remove(at);
        }
      }
    }
    return new Changed(stage ? j.withStages(stages) : j.withLanes(lanes), added, removed);
  }
}
