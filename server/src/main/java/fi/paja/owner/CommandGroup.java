package fi.paja.owner;

import fi.paja.auth.Devices;
import fi.paja.board.Board;
import fi.paja.board.Command;
import fi.paja.board.Event;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.Work.CommandWork;
import fi.paja.owner.Work.Done;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group of commands applied to a board in memory: the events they made, the replies to send once those are
 * durable, and the removals that bar the person's devices first. Refused commands are answered at once.
 */
record CommandGroup(String workshopId, List<Event> events, List<Done> done, Map<String, Done> barring) {

  private static final Logger LOG = LoggerFactory.getLogger(CommandGroup.class);

  /**
   * Applies a group taken off the queue. A move that the same person repeats later in the group is not applied on
   * its own: it gets the answer of the last one ({@link MoveCoalescing}). Removals that bar the person's devices are
   * collected in {@code barring} (participant id → its reply).
   */
  static CommandGroup apply(List<CommandWork> group, Board board, Clock clock, PushClaims pushes, Refusals refusals) {
    CommandGroup applied = new CommandGroup(board.workshopId(), new ArrayList<>(), new ArrayList<>(),
        new LinkedHashMap<>());
    int[] later = MoveCoalescing.supersededBy(group.stream().map(CommandWork::command).toList(),
        group.stream().map(w -> String.valueOf(w.actorId())).toList());
    Object[] results = new Object[group.size()];
    for (int i = 0; i < group.size(); i++) {
      if (later[i] < 0) {
        results[i] = applied.handle(group.get(i), board, clock, pushes, refusals);
        if (results[i] instanceof Done d && group.get(i).command() instanceof Command.RemoveParticipant remove
            && remove.bar()) {
          applied.barring.put(remove.participantId(), d);
        }
      }
    }
    for (int i = 0; i < group.size(); i++) {
      if (later[i] < 0) {
        continue;
      }
      CommandWork work = group.get(i);
      Object result = results[MoveCoalescing.last(later, i)];
      if (result instanceof Done last) {
        applied.done.add(new Done(work.message(), last.reply().copy(), work.command().op(), work.receivedNanos()));
      } else {
        refusals.fail(work.message(), (PajaException) result);
      }
    }
    return applied;
  }

  /**
   * A removal with {@code bar}: the devices the person joined from are barred before the removal is written, so
   * that once it is acknowledged the bar holds too (written again by a retry, never half way). Each such reply
   * says how many devices were barred ({@code barredDevices}).
   */
  Future<Void> barDevices(Devices devices) {
    if (barring.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Integer>> bars = new ArrayList<>();
    barring.forEach((participantId, d) -> bars.add(devices.bar(workshopId, List.of(participantId))
        .onSuccess(n -> d.reply().put("barredDevices", n))));
    return Future.all(bars).mapEmpty();
  }

  /** Applies one command: its {@link Done} (also added to {@code done}), or the refusal it was failed with. */
  private Object handle(CommandWork work, Board board, Clock clock, PushClaims pushes, Refusals refusals) {
    PajaException refusal;
    try {
      Board.Outcome outcome = board.handle(work.command(), work.actorId(), clock.instant());
      events.addAll(outcome.events());
      if (work.command() instanceof Command.LinkOutcome link && outcome.events().isEmpty()
          && outcome.reply().getJsonObject("github") != null) {
        // The item had its link already: those waiting for this push get that one.
        pushes.pushEnded(link.id(), outcome.reply().getJsonObject("github"), null);
      }
      Done d = new Done(work.message(), outcome.reply().put("seq", board.seq()), work.command().op(),
          work.receivedNanos());
      done.add(d);
      return d;
    } catch (PajaException e) {
      refusal = e;
    } catch (RuntimeException e) {
      LOG.error("Workshop {}: {} failed", workshopId, work.command().op(), e);
      refusal = new PajaException(ErrorCode.INTERNAL_ERROR);
    }
    refusals.fail(work.message(), refusal);
    return refusal;
  }
}
