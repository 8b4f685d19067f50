package org.mailwire.pop3;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link UidlSync} run did.
 *
 * @param fetched the new messages the sink stored (and whose ids were added to the store)
 * @param notFetched new messages not stored, unique id → why
 * @param alreadySeen how many messages on the server were in the store already
 * @param vanished ids in the store that the server no longer lists (deleted elsewhere, or
 *     expired); the store is not changed for them
 */
public record SyncReport(
    List<MessageInfo> fetched, Map<String, String> notFetched, int alreadySeen, Set<String> vanished) {
  /** Copies the collections. */
  public SyncReport {
    fetched = List.copyOf(fetched);
    notFetched = Map.copyOf(notFetched);
    vanished = Set.copyOf(vanished);
  }
}
