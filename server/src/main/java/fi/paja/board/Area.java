package fi.paja.board;

/**
 * One area of a board's rules (notes and groups, votes, facilitation, erasure, journey maps, outcomes): it
 * registers a handler for each command type it owns and an effect for each change type it owns. Every permitted
 * {@link Command} and {@link Event.Change} type belongs to exactly one area ({@code BoardRegistryTest}).
 */
interface Area {

  void register(Handlers.Registry handlers, Effects.Registry effects);
}
