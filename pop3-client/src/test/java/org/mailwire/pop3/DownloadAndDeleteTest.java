package org.mailwire.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.ConnectionClosedException;
import org.mailwire.transport.Security;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.ScriptedTransport;

class DownloadAndDeleteTest {
  static final String LOGGED_IN =
      "S: +OK ready\nC: CAPA\nS: +OK\nS: UIDL\nS: USER\nS: .\n"
          + "C: USER bob\nS: +OK\nC: PASS pw\nS: +OK\nC: CAPA\nS: +OK\nS: UIDL\nS: USER\nS: .\n";
  static final String INVENTORY =
      "C: LIST\nS: +OK\nS: 1 5\nS: 2 5\nS: 3 5\nS: .\n"
          + "C: UIDL\nS: +OK\nS: 1 u1\nS: 2 u2\nS: 3 u3\nS: .\n";
  static final String RETR_ALL =
      "C: RETR 1\nS: +OK\nS: one\nS: .\nC: RETR 2\nS: +OK\nS: two\nS: .\nC: RETR 3\nS: +OK\nS: three\nS: .\n";

  static Pop3Client client(ScriptedTransport t) throws IOException {
    Pop3Client c = Pop3Client.over(t, Security.PLAIN,
        Pop3Options.defaults().withAllowPlaintextAuth(true).withTrace(WireTrace.OFF));
    c.login("bob", "pw".toCharArray());
    return c;
  }

  static String str(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void deletesOnlyWhatTheSinkStoredWhole() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + INVENTORY + RETR_ALL + "C: DELE 1\nS: +OK\nC: QUIT\nS: +OK bye\n");
    Map<String, String> store = new LinkedHashMap<>();
    DownloadReport r = DownloadAndDelete.run(client(t), (info, in) -> switch (info.number()) {
      case 1 -> {
        store.put(info.uid(), str(in));
        yield true;
      }
      case 2 -> {
        str(in);
        yield false; // declined
      }
      default -> {
        in.read(); // says "stored" without reading the whole message
        yield true;
      }
    });
    t.assertDone();
    assertThat(store).containsExactly(Map.entry("u1", "one\r\n"));
    assertThat(r.outcome()).isEqualTo(DeletionOutcome.COMMITTED);
    assertThat(r.stored()).containsExactly(new MessageInfo(1, 5, "u1"));
    assertThat(r.deleted()).containsExactly(new MessageInfo(1, 5, "u1"));
    assertThat(r.notStored()).containsOnlyKeys(2, 3);
    assertThat(r.notStored().get(3)).contains("without reading");
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void sinkExceptionKeepsThatMessageAndGoesOn() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + INVENTORY + RETR_ALL + "C: DELE 1\nS: +OK\nC: DELE 3\nS: +OK\nC: QUIT\nS: +OK\n");
    DownloadReport r = DownloadAndDelete.run(client(t), (info, in) -> {
      str(in);
      if (info.number() == 2) {
        throw new IOException("disk full");
      }
      return true;
    });
    t.assertDone();
    assertThat(r.outcome()).isEqualTo(DeletionOutcome.COMMITTED);
    assertThat(r.stored()).extracting(MessageInfo::number).containsExactly(1, 3);
    assertThat(r.notStored().get(2)).contains("disk full");
  }

  @Test
  void connectionCutBeforeQuitCommitsNothing() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + INVENTORY + "C: RETR 1\nS: +OK\nS: one\nS: .\nC: RETR 2\nS: +OK\nS: tw\n-- close\n");
    DownloadReport r = DownloadAndDelete.run(client(t), (info, in) -> {
      str(in);
      return true;
    });
    assertThat(r.outcome()).isEqualTo(DeletionOutcome.NOT_COMMITTED);
    assertThat(r.deleted()).isEmpty();
    assertThat(r.failure()).get().isInstanceOf(ConnectionClosedException.class);
    assertThat(r.stored()).extracting(MessageInfo::number).containsExactly(1);
    assertThat(t.isClosed()).isTrue();
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).doesNotContain("DELE").doesNotContain("QUIT");
  }

  @Test
  void quitReplyLostIsUnknown() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + INVENTORY + RETR_ALL
            + "C: DELE 1\nS: +OK\nC: DELE 2\nS: +OK\nC: DELE 3\nS: +OK\nC: QUIT\n-- close\n");
    DownloadReport r = DownloadAndDelete.run(client(t), (info, in) -> {
      str(in);
      return true;
    });
    assertThat(r.outcome()).isEqualTo(DeletionOutcome.UNKNOWN);
    assertThat(r.deleted()).isEmpty();
    assertThat(r.failure()).isPresent();
  }

  @Test
  void needsALoggedInClient() throws Exception {
    ScriptedTransport t = ScriptedTransport.of("S: +OK ready\nC: CAPA\nS: -ERR\n");
    Pop3Client c = Pop3Client.over(t, Security.PLAIN, Pop3Options.defaults().withTrace(WireTrace.OFF));
    assertThatThrownBy(() -> DownloadAndDelete.run(c, (i, in) -> true)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void uidlSyncFetchesOnlyNewAndReportsVanished() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + INVENTORY + "C: RETR 2\nS: +OK\nS: two\nS: .\nC: RETR 3\nS: +OK\nS: three\nS: .\n");
    Set<String> seen = new HashSet<>(Set.of("u1", "gone"));
    Pop3Client c = client(t);
    SyncReport r = UidlSync.fetchNew(c, UidStore.of(seen), (info, in) -> {
      String body = str(in);
      return info.uid().equals("u2") && body.equals("two\r\n");
    });
    t.assertDone();
    assertThat(r.fetched()).containsExactly(new MessageInfo(2, 5, "u2"));
    assertThat(r.notFetched()).containsOnlyKeys("u3");
    assertThat(r.alreadySeen()).isEqualTo(1);
    assertThat(r.vanished()).containsExactly("gone");
    assertThat(seen).containsExactlyInAnyOrder("u1", "u2", "gone");
  }

  @Test
  void uidlSyncNeedsUidl() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        "S: +OK ready\nC: CAPA\nS: +OK\nS: USER\nS: .\nC: USER bob\nS: +OK\nC: PASS pw\nS: +OK\n"
            + "C: CAPA\nS: +OK\nS: USER\nS: .\nC: LIST\nS: +OK\nS: 1 5\nS: .\n");
    Pop3Client c = client(t);
    assertThatThrownBy(() -> UidlSync.fetchNew(c, UidStore.of(new HashSet<>()), (i, in) -> true))
        .isInstanceOf(CommandException.class);
    assertThat(List.of(c.state())).isNotEmpty();
  }
}
