package org.mailwire.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.pop3.codec.Pop3State;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.Rig;

/**
 * Against the rig's real Dovecot POP3 (and Postfix SMTP to deliver test mail). Read-only tests log
 * in as user 1 (alice); tests that deliver or delete mail use user 2 (bob), mark their messages
 * with a unique Subject, act only on those, and delete them at the end.
 */
class Pop3ClientIT {
  final Rig rig = Rig.get();
  final List<String> trace = new ArrayList<>();

  Pop3Options opts() {
    return Pop3Options.defaults().withTrace(WireTrace.to(trace::add));
  }

  Endpoint ep(String service, Security s) {
    return rig.endpoint(service, s).build();
  }

  Pop3Client bob() throws IOException {
    Pop3Client c = Pop3Client.connect(ep("pop3s", Security.IMPLICIT_TLS), opts());
    c.login(rig.user(2), rig.password(2).toCharArray());
    return c;
  }

  // --- connection security and authentication ---------------------------------------------

  @Test
  void stlsThenUserPass() throws Exception {
    try (Pop3Client c = Pop3Client.connect(ep("pop3", Security.STARTTLS), opts().withAuthMethod(AuthMethod.USER_PASS))) {
      assertThat(c.isSecure()).isTrue();
      assertThat(c.capabilities().stls()).isFalse(); // CAPA asked again after TLS
      assertThat(c.capabilities().user()).isTrue();
      c.login(rig.user(1), rig.password(1).toCharArray());
      assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
      assertThat(c.stat().messages()).isGreaterThanOrEqualTo(0);
      assertThat(c.quit()).isTrue();
    }
    assertThat(trace).contains("C: STLS", "C: PASS <redacted>");
    assertThat(String.join("\n", trace)).doesNotContain(rig.password(1));
  }

  @Test
  void implicitTlsWithAutomaticChoicePicksScram() throws Exception {
    try (Pop3Client c = Pop3Client.connect(ep("pop3s", Security.IMPLICIT_TLS), opts())) {
      assertThat(c.isSecure()).isTrue();
      assertThat(c.capabilities().saslMechanisms()).contains("SCRAM-SHA-256", "PLAIN");
      c.login(rig.user(1), rig.password(1).toCharArray());
      assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
      assertThat(c.quit()).isTrue();
    }
    assertThat(trace).contains("C: AUTH SCRAM-SHA-256 <redacted>");
  }

  @Test
  void plainConnectionUserPassOnlyWithOptIn() throws Exception {
    try (Pop3Client c = Pop3Client.connect(ep("pop3", Security.PLAIN), opts().withAuthMethod(AuthMethod.USER_PASS))) {
      assertThat(c.isSecure()).isFalse();
      assertThatThrownBy(() -> c.login(rig.user(1), rig.password(1).toCharArray()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(c.state()).isEqualTo(Pop3State.AUTHORIZATION);
    }
    try (Pop3Client c = Pop3Client.connect(
        ep("pop3", Security.PLAIN), opts().withAuthMethod(AuthMethod.USER_PASS).withAllowPlaintextAuth(true))) {
      c.login(rig.user(1), rig.password(1).toCharArray());
      assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
      c.quit();
    }
  }

  @Test
  void plainConnectionWithoutOptInStillLogsInWithAMechanismThatHidesThePassword() throws Exception {
    try (Pop3Client c = Pop3Client.connect(ep("pop3", Security.PLAIN), opts())) {
      c.login(rig.user(1), rig.password(1).toCharArray());
      assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
      c.quit();
    }
    assertThat(trace).anyMatch(l -> l.startsWith("C: AUTH SCRAM-SHA-"));
    assertThat(trace).noneMatch(l -> l.startsWith("C: AUTH PLAIN") || l.startsWith("C: PASS"));
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"PLAIN", "LOGIN", "CRAM_MD5", "SCRAM_SHA_1", "SCRAM_SHA_256"})
  void everyOfferedSaslMechanism(Mechanism m) throws Exception {
    Pop3Options o = opts().withAuthMethod(AuthMethod.SASL).withSaslOptions(SaslOptions.defaults().forceMechanism(m));
    try (Pop3Client c = Pop3Client.connect(ep("pop3s", Security.IMPLICIT_TLS), o)) {
      assertThat(c.capabilities().saslMechanisms()).contains(m.saslName());
      c.login(rig.user(1), rig.password(1).toCharArray());
      assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
      c.quit();
    }
    assertThat(trace).anyMatch(l -> l.startsWith("C: AUTH " + m.saslName()));
    assertThat(String.join("\n", trace)).doesNotContain(rig.password(1));
  }

  @Test
  void wrongPasswordIsAnAuthRefusalAndTheSessionStaysUsable() throws Exception {
    try (Pop3Client c = Pop3Client.connect(ep("pop3s", Security.IMPLICIT_TLS), opts())) {
      assertThatThrownBy(() -> c.login(rig.user(1), "wrong-password".toCharArray()))
          .isInstanceOfSatisfying(CommandException.class, e -> {
            assertThat(e.status()).isEqualTo("-ERR");
            assertThat(e.code()).isEqualTo("AUTH");
            assertThat(e.isTransient()).isFalse();
          });
      assertThat(c.state()).isEqualTo(Pop3State.AUTHORIZATION);
      c.login(rig.user(1), rig.password(1).toCharArray());
      assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
      c.quit();
    }
  }

  @Test
  void apopIsRefusedCleanlySinceDovecotsGreetingHasNoTimestamp() throws Exception {
    try (Pop3Client c = Pop3Client.connect(ep("pop3s", Security.IMPLICIT_TLS), opts().withAuthMethod(AuthMethod.APOP))) {
      assertThat(c.apopTimestamp()).isEmpty();
      assertThatThrownBy(() -> c.login(rig.user(1), rig.password(1).toCharArray()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("timestamp");
      assertThat(c.state()).isEqualTo(Pop3State.AUTHORIZATION);
      assertThat(c.quit()).isFalse(); // the connection is still in order
    }
    assertThat(trace).noneMatch(l -> l.startsWith("C: APOP"));
  }

  @Test
  void tlsSessionFactsAreAvailable() throws Exception {
    try (Transport t = SocketTransport.connect(ep("pop3s", Security.IMPLICIT_TLS));
        Pop3Client c = Pop3Client.over(t, Security.IMPLICIT_TLS, opts())) {
      Optional<TlsInfo> info = t.tlsInfo();
      assertThat(info).isPresent();
      assertThat(info.get().protocol()).startsWith("TLS");
      assertThat(c.greeting().isOk()).isTrue();
    }
  }

  // --- mail: delivered through Postfix, read back through POP3 -----------------------------

  static byte[] message(String subject, int bodyBytes) {
    StringBuilder sb = new StringBuilder();
    sb.append("From: <alice@localhost>\r\n")
        .append("To: <bob@localhost>\r\n")
        .append("Subject: ").append(subject).append("\r\n")
        .append("Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n")
        .append("Message-ID: <").append(subject).append("@mailwire.test>\r\n")
        .append("MIME-Version: 1.0\r\n")
        .append("Content-Type: text/plain; charset=us-ascii\r\n")
        .append("\r\n");
    int line = 0;
    while (sb.length() < bodyBytes) {
      switch (line % 7) {
        case 0 -> sb.append(".\r\n");
        case 1 -> sb.append("..\r\n");
        case 2 -> sb.append(".leading dot ").append(line).append("\r\n");
        default -> sb.append("line ").append(line).append(" the quick brown fox jumps over the lazy dog 0123456789\r\n");
      }
      line++;
    }
    sb.append("end\r\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  void deliver(String subject, byte[] msg) throws IOException {
    rig.deliver(rig.address(1), rig.address(2), msg);
  }

  /** Waits until {@code count} messages with {@code marker} in their header are in bob's maildrop. */
  Map<Integer, String> await(String marker, int count) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      Map<Integer, String> found = new LinkedHashMap<>();
      try (Pop3Client c = bob()) {
        int[] numbers = c.list().numbers();
        for (int n : numbers) {
          String head;
          try (InputStream in = c.top(n, 0)) {
            head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
          }
          if (head.contains(marker)) {
            found.put(n, c.uidl(n));
          }
        }
        c.quit();
      }
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + found.size() + " of " + count + " messages '" + marker + "' arrived");
      }
      Thread.sleep(250);
    }
  }

  /** Deletes bob's messages carrying {@code marker}; returns how many it deleted. */
  int cleanUp(String marker) throws Exception {
    try (Pop3Client c = bob()) {
      List<Integer> mine = new ArrayList<>();
      for (int n : c.list().numbers()) {
        try (InputStream in = c.top(n, 0)) {
          if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(marker)) {
            mine.add(n);
          }
        }
      }
      assertThat(c.deleteAll(mine.stream().mapToInt(Integer::intValue).toArray())).isEmpty();
      assertThat(c.quit()).isTrue();
      return mine.size();
    }
  }

  static String marker() {
    return "mw-pop3-it-" + UUID.randomUUID();
  }

  static boolean endsWith(byte[] all, byte[] tail) {
    if (all.length < tail.length) {
      return false;
    }
    for (int i = 0; i < tail.length; i++) {
      if (all[all.length - tail.length + i] != tail[i]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void multiMegabyteMessageByteForByteWithTopUidlAndPipelining() throws Exception {
    String marker = marker();
    byte[] sent = message(marker, 3 * 1024 * 1024);
    deliver(marker, sent);
    Map<Integer, String> found = await(marker, 1);
    int n = found.keySet().iterator().next();
    long[] receivedLength = new long[1];
    trace.clear();
    try (Pop3Client c = bob()) {
      assertThat(c.capabilities().pipelining()).isTrue();
      assertThat(c.capabilities().top()).isTrue();
      assertThat(c.uidl(n)).isEqualTo(found.get(n)).matches("[0-9a-f]{16}");
      int i = c.uidl().indexOf(n);
      assertThat(c.uidl().uid(i)).isEqualTo(found.get(n));
      long size = c.list(n);
      assertThat(size).isGreaterThanOrEqualTo(sent.length);

      ByteArrayOutputStream got = new ByteArrayOutputStream();
      long copied = c.retrieve(n, got);
      byte[] received = got.toByteArray();
      assertThat(copied).isEqualTo(received.length);
      assertThat(received.length).isEqualTo(size);
      receivedLength[0] = received.length;
      assertThat(endsWith(received, sent)).as("received message ends with the sent bytes").isTrue();
      String added = new String(received, 0, received.length - sent.length, StandardCharsets.ISO_8859_1);
      assertThat(added).startsWith("Return-Path: <alice@localhost>\r\n").contains("Received: ").endsWith("\r\n");

      try (InputStream top = c.top(n, 3)) {
        String t = new String(top.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(t).contains("Subject: " + marker + "\r\n").endsWith("\r\n\r\n.\r\n..\r\n.leading dot 2\r\n");
      }

      // PIPELINING: the same message twice, RETRs in one write, replies in order.
      List<Integer> lengths = new ArrayList<>();
      c.retrieveEach(new int[] {n, n}, (num, in) -> lengths.add(in.readAllBytes().length));
      assertThat(lengths).containsExactly(received.length, received.length);
      c.quit();
    }
    assertThat(trace).contains("S: <body " + receivedLength[0] + " bytes>");
    assertThat(trace).anyMatch(l -> l.startsWith("C: RETR " + n));
    assertThat(String.join("\n", trace)).doesNotContain("quick brown fox");
    assertThat(cleanUp(marker)).isEqualTo(1);
  }

  /** A transport that cuts the connection when the client is about to send a given command. */
  static final class CutBefore implements Transport {
    private final Transport t;
    private final String command;
    boolean cut;

    CutBefore(Transport t, String command) {
      this.t = t;
      this.command = command;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws TransportException {
      return t.read(dst, off, len);
    }

    @Override
    public void write(byte[] src, int off, int len) throws TransportException {
      if (new String(src, off, len, StandardCharsets.ISO_8859_1).startsWith(command)) {
        cut = true;
        t.close();
        throw new TransportException("connection cut by the test before " + command);
      }
      t.write(src, off, len);
    }

    @Override
    public void flush() throws TransportException {
      t.flush();
    }

    @Override
    public void startTls() throws TransportException {
      t.startTls();
    }

    @Override
    public boolean isSecure() {
      return t.isSecure();
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
      return t.tlsInfo();
    }

    @Override
    public void close() {
      t.close();
    }
  }

  DownloadReport downloadWithCut(String marker, String cutBefore, Map<String, byte[]> stored) throws IOException {
    CutBefore t = new CutBefore(SocketTransport.connect(ep("pop3s", Security.IMPLICIT_TLS)), cutBefore);
    Pop3Client c = Pop3Client.over(t, Security.IMPLICIT_TLS, opts());
    c.login(rig.user(2), rig.password(2).toCharArray());
    DownloadReport r = DownloadAndDelete.run(c, (info, in) -> {
      byte[] m = in.readAllBytes();
      if (!new String(m, StandardCharsets.ISO_8859_1).contains(marker)) {
        return false; // not ours: keep it
      }
      stored.put(info.uid(), m);
      return true;
    });
    assertThat(t.cut).isTrue();
    return r;
  }

  @Test
  void downloadAndDeleteCutBeforeDeleKeepsEveryMessage() throws Exception {
    String marker = marker();
    deliver(marker, message(marker + "-a", 2000));
    deliver(marker, message(marker + "-b", 200_000));
    Map<Integer, String> before = await(marker, 2);
    Map<String, byte[]> stored = new LinkedHashMap<>();
    DownloadReport r = downloadWithCut(marker, "DELE", stored);
    assertThat(r.outcome()).isEqualTo(DeletionOutcome.NOT_COMMITTED);
    assertThat(r.deleted()).isEmpty();
    assertThat(r.failure()).isPresent();
    assertThat(stored).hasSize(2);
    assertThat(new HashSet<>(await(marker, 2).values())).isEqualTo(new HashSet<>(before.values()));
    assertThat(cleanUp(marker)).isEqualTo(2);
  }

  @Test
  void downloadAndDeleteCutBeforeQuitKeepsEveryMessage() throws Exception {
    String marker = marker();
    deliver(marker, message(marker + "-a", 1000));
    deliver(marker, message(marker + "-b", 1000));
    Map<Integer, String> before = await(marker, 2);
    DownloadReport r = downloadWithCut(marker, "QUIT", new LinkedHashMap<>());
    assertThat(r.outcome()).isNotEqualTo(DeletionOutcome.COMMITTED);
    assertThat(r.deleted()).isEmpty();
    assertThat(r.stored()).hasSize(2);
    assertThat(new HashSet<>(await(marker, 2).values())).isEqualTo(new HashSet<>(before.values()));
    assertThat(cleanUp(marker)).isEqualTo(2);
  }

  @Test
  void downloadAndDeleteCommitsWhenQuitSucceeds() throws Exception {
    String marker = marker();
    deliver(marker, message(marker + "-a", 1000));
    deliver(marker, message(marker + "-b", 1000));
    await(marker, 2);
    DownloadReport r;
    try (Pop3Client c = bob()) {
      r = DownloadAndDelete.run(c, (info, in) ->
          new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(marker));
    }
    assertThat(r.outcome()).isEqualTo(DeletionOutcome.COMMITTED);
    assertThat(r.deleted()).hasSize(2);
    assertThat(cleanUp(marker)).isZero();
  }

  @Test
  void uidlSyncFetchesOnlyNewMessagesAndReportsVanishedOnes() throws Exception {
    String marker = marker();
    deliver(marker, message(marker + "-a", 500));
    deliver(marker, message(marker + "-b", 500));
    Map<Integer, String> onServer = await(marker, 2);
    String firstUid = onServer.values().iterator().next();
    Set<String> seen = new HashSet<>(Set.of(firstUid, "vanished-" + marker));
    SyncReport r;
    try (Pop3Client c = bob()) {
      r = UidlSync.fetchNew(c, UidStore.of(seen), (info, in) ->
          new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(marker));
      c.quit();
    }
    assertThat(r.fetched()).hasSize(1);
    assertThat(r.fetched().get(0).uid()).isNotEqualTo(firstUid);
    assertThat(seen).containsAll(onServer.values());
    assertThat(r.vanished()).contains("vanished-" + marker);
    assertThat(await(marker, 2)).hasSize(2); // nothing deleted
    assertThat(cleanUp(marker)).isEqualTo(2);
  }
}
