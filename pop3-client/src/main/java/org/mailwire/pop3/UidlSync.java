package org.mailwire.pop3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailwire.pop3.codec.Pop3State;
import org.mailwire.transport.CommandException;

/**
 * Leave-on-server fetching: retrieves only the messages whose {@code UIDL} unique id is not in the
 * caller's {@link UidStore}, deletes nothing, and reports ids that vanished from the server.
 *
 * <p>An id is added to the store only once the message reached the POP3 terminator through the
 * sink's own reads and the sink returned {@code true} (see {@link MessageSink}).
 *
 * <pre>{@code
 * Set<String> seen = loadSeen();
 * SyncReport r = UidlSync.fetchNew(pop, UidStore.of(seen), (info, in) -> { save(info.uid(), in); return true; });
 * saveSeen(seen);
 * pop.quit();
 * }</pre>
 */
public final class UidlSync {
  private UidlSync() {}

  /**
   * Fetches the new messages; the session stays open (call {@link Pop3Client#quit()} after).
   *
   * @param client a logged-in client
   * @param seen the ids fetched before; stored messages' ids are added
   * @param sink the caller's store
   * @return fetched, failed, already-seen count, and vanished ids
   * @throws CommandException if the server does not support UIDL
   * @throws IOException on I/O or protocol failure (ids of messages stored before it stay added),
   *     or from the store
   * @throws IllegalStateException if the client is not in the TRANSACTION state
   */
  public static SyncReport fetchNew(Pop3Client client, UidStore seen, MessageSink sink)
      throws IOException {
    if (client.state() != Pop3State.TRANSACTION) {
      throw new IllegalStateException("UidlSync needs a logged-in client, state is " + client.state());
    }
    Map<Integer, MessageInfo> infos = DownloadAndDelete.inventory(client);
    Set<String> onServer = new HashSet<>();
    Map<Integer, MessageInfo> fresh = new LinkedHashMap<>();
    int already = 0;
    for (MessageInfo i : infos.values()) {
      if (i.uid() == null) {
        throw new CommandException("UIDL", "-ERR", null, "server does not list unique ids", false);
      }
      onServer.add(i.uid());
      if (seen.contains(i.uid())) {
        already++;
      } else {
        fresh.put(i.number(), i);
      }
    }
    Set<String> vanished = new LinkedHashSet<>();
    for (String uid : seen.all()) {
      if (!onServer.contains(uid)) {
        vanished.add(uid);
      }
    }
    List<MessageInfo> fetched = new ArrayList<>();
    Map<String, String> notFetched = new LinkedHashMap<>();
    int[] numbers = fresh.keySet().stream().mapToInt(Integer::intValue).toArray();
    Map<Integer, CommandException> refused = client.retrieveEach(numbers, (n, in) -> {
      MessageInfo info = fresh.get(n);
      String why = SinkDelivery.deliver(client, sink, info, n, in);
      if (why == null) {
        seen.add(info.uid());
        fetched.add(info);
      } else {
        notFetched.put(info.uid(), why);
      }
    });
    refused.forEach((n, e) -> notFetched.put(fresh.get(n).uid(), "RETR refused: " + e.getMessage()));
    return new SyncReport(fetched, notFetched, already, vanished);
  }
}
