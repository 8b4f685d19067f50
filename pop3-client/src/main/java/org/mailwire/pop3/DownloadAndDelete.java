package org.mailwire.pop3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailwire.pop3.codec.Pop3State;
import org.mailwire.pop3.codec.ScanListing;
import org.mailwire.pop3.codec.UidListing;
import org.mailwire.transport.CommandException;

/**
 * Retrieves every message into the caller's {@link MessageSink} and deletes from the server only
 * the messages that arrived whole and that the sink confirmed it stored.
 *
 * <p>The safety contract:
 *
 * <ol>
 *   <li>A message is marked deleted only if its {@code RETR} body reached the POP3 terminator
 *       through the sink's own reads and the sink then returned {@code true}.
 *   <li>A sink that declines or throws keeps that message on the server; the run goes on.
 *   <li>Marks take effect only when the server answers {@code QUIT} with {@code +OK} ({@link
 *       DeletionOutcome#COMMITTED}). If anything fails before {@code QUIT} is sent (connection
 *       cut, timeout, malformed reply), the connection is closed without {@code QUIT} and the
 *       report says {@link DeletionOutcome#NOT_COMMITTED}: the server removes nothing (RFC 1939
 *       §6). If {@code QUIT} went out but its {@code +OK} never came, the report says {@link
 *       DeletionOutcome#UNKNOWN}.
 * </ol>
 *
 * <p>The sink may see a message again in a later run if the run did not commit: make it idempotent
 * (for example keyed by {@link MessageInfo#uid()}).
 *
 * <pre>{@code
 * try (Pop3Client pop = Pop3Client.connect(ep)) {
 *   pop.login(user, password);
 *   DownloadReport r = DownloadAndDelete.run(pop, (info, in) -> { store(info, in); return true; });
 *   if (r.outcome() != DeletionOutcome.COMMITTED) { log(r); }
 * }
 * }</pre>
 */
public final class DownloadAndDelete {
  private DownloadAndDelete() {}

  /**
   * Runs the download and the deletion, and ends the session ({@code QUIT}, or a close without it
   * on failure).
   *
   * @param client a logged-in client (TRANSACTION state); closed when this returns
   * @param sink the caller's store
   * @return what was stored, what was kept, and whether the deletions took effect; never throws
   *     for server or connection failures, which are reported
   * @throws IllegalStateException if the client is not in the TRANSACTION state
   */
  public static DownloadReport run(Pop3Client client, MessageSink sink) {
    if (client.state() != Pop3State.TRANSACTION) {
      throw new IllegalStateException("DownloadAndDelete needs a logged-in client, state is " + client.state());
    }
    List<MessageInfo> stored = new ArrayList<>();
    Map<Integer, String> notStored = new LinkedHashMap<>();
    boolean quitSent = false;
    try {
      Map<Integer, MessageInfo> infos = inventory(client);
      int[] numbers = infos.keySet().stream().mapToInt(Integer::intValue).toArray();
      Map<Integer, CommandException> refused = client.retrieveEach(numbers, (n, in) -> {
        MessageInfo info = infos.get(n);
        String why = SinkDelivery.deliver(client, sink, info, n, in);
        if (why == null) {
          stored.add(info);
        } else {
          notStored.put(n, why);
        }
      });
      refused.forEach((n, e) -> notStored.put(n, "RETR refused: " + e.getMessage()));
      int[] toDelete = stored.stream().mapToInt(MessageInfo::number).toArray();
      Map<Integer, CommandException> deleRefused = client.deleteAll(toDelete);
      if (!deleRefused.isEmpty()) {
        stored.removeIf(i -> deleRefused.containsKey(i.number()));
        deleRefused.forEach((n, e) -> notStored.put(n, "stored, but DELE refused: " + e.getMessage()));
      }
      quitSent = true;
      boolean committed = client.quit();
      return new DownloadReport(
          stored, notStored,
          committed || toDelete.length == 0 ? DeletionOutcome.COMMITTED : DeletionOutcome.UNKNOWN,
          Optional.empty());
    } catch (IOException | RuntimeException e) {
      client.close();
      return new DownloadReport(
          stored, notStored, quitSent ? DeletionOutcome.UNKNOWN : DeletionOutcome.NOT_COMMITTED, Optional.of(e));
    }
  }

  /** LIST, and UIDL when supported: number → info, in listing order. */
  static Map<Integer, MessageInfo> inventory(Pop3Client client) throws IOException {
    ScanListing list = client.list();
    UidListing uids = null;
    if (client.capabilities().uidl() || client.capabilities().names().isEmpty()) {
      try {
        uids = client.uidl();
      } catch (CommandException e) {
        uids = null;
      }
    }
    Map<Integer, String> uidOf = new java.util.HashMap<>();
    for (int i = 0; uids != null && i < uids.size(); i++) {
      uidOf.put(uids.number(i), uids.uid(i));
    }
    Map<Integer, MessageInfo> m = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      int n = list.number(i);
      m.put(n, new MessageInfo(n, list.octets(i), uidOf.get(n)));
    }
    return m;
  }
}
