package org.mailwire.pop3;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link DownloadAndDelete} run did.
 *
 * @param stored the messages the sink stored completely (confirmed), in order
 * @param notStored the messages kept on the server, with why (the sink declined, failed, did not
 *     read to the end, or the server refused RETR/DELE)
 * @param outcome whether the deletions of {@code stored} messages took effect
 * @param failure the error that ended the run early, if any; {@link DeletionOutcome#NOT_COMMITTED}
 *     or {@link DeletionOutcome#UNKNOWN} then
 */
public record DownloadReport(
    List<MessageInfo> stored,
    Map<Integer, String> notStored,
    DeletionOutcome outcome,
    Optional<Exception> failure) {
  /** Copies the collections. */
  public DownloadReport {
    stored = List.copyOf(stored);
    notStored = Map.copyOf(notStored);
  }

  /** Returns the messages that are gone from the server: {@link #stored()} when committed, else none. */
  public List<MessageInfo> deleted() {
    return outcome == DeletionOutcome.COMMITTED ? stored : List.of();
  }
}
