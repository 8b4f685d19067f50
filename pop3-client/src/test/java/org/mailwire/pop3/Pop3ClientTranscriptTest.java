package org.mailwire.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailwire.pop3.codec.Capabilities;
import org.mailwire.pop3.codec.MailboxStat;
import org.mailwire.pop3.codec.Pop3State;
import org.mailwire.pop3.codec.ScanListing;
import org.mailwire.pop3.codec.UidListing;
import org.mailwire.sasl.Credentials;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.ConnectionClosedException;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.Security;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.ScriptedTransport;

class Pop3ClientTranscriptTest {
  static final String GREETING = "S: +OK Dovecot ready.\n";
  static final String CAPA_USER = "C: CAPA\nS: +OK\nS: TOP\nS: UIDL\nS: USER\nS: .\n";
  static final String CAPA_PIPE = "C: CAPA\nS: +OK\nS: TOP\nS: UIDL\nS: USER\nS: PIPELINING\nS: .\n";
  static final String LOGIN_PLAIN = "C: USER alice\nS: +OK\nC: PASS pw\nS: +OK Logged in.\n";

  final List<String> trace = new ArrayList<>();

  Pop3Options opts() {
    return Pop3Options.defaults().withTrace(WireTrace.to(trace::add)).withAllowPlaintextAuth(true);
  }

  Pop3Client client(ScriptedTransport t) throws IOException {
    return Pop3Client.over(t, Security.PLAIN, opts());
  }

  static String str(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  // --- connect and authorization ----------------------------------------------------------

  @Test
  void userPassWithOptInThenCapaAgain() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + CAPA_USER + LOGIN_PLAIN + CAPA_PIPE);
    Pop3Client c = client(t);
    assertThat(c.state()).isEqualTo(Pop3State.AUTHORIZATION);
    assertThat(c.capabilities().pipelining()).isFalse();
    c.login("alice", "pw".toCharArray());
    assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
    assertThat(c.capabilities().pipelining()).isTrue();
    t.assertDone();
    assertThat(trace).contains("C: USER alice", "C: PASS <redacted>", "S: +OK Logged in.");
    assertThat(String.join("\n", trace)).doesNotContain("PASS pw");
  }

  @Test
  void plaintextPasswordRefusedWithoutOptIn() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + CAPA_USER);
    Pop3Client c = Pop3Client.over(t, Security.PLAIN, Pop3Options.defaults().withTrace(WireTrace.OFF));
    assertThatThrownBy(() -> c.login("alice", "pw".toCharArray()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("plaintext");
    t.assertDone();
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("CAPA\r\n");
  }

  @Test
  void saslPlainOfferedOnlyInClearIsRefusedWithoutOptIn() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: USER\nS: .\n");
    Pop3Client c = Pop3Client.over(t, Security.PLAIN, Pop3Options.defaults().withTrace(WireTrace.OFF));
    assertThatThrownBy(() -> c.login("alice", "pw".toCharArray())).isInstanceOf(IOException.class);
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("CAPA\r\n");
  }

  @Test
  void stlsDiscardsInjectedBytesAndAsksCapaAgain() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        GREETING
            + "C: CAPA\nS: +OK\nS: STLS\nS: USER\nS: .\n"
            + "C: STLS\nS: +OK Begin TLS\nS: -ERR injected before the handshake\n"
            + "-- starttls\n"
            + "C: CAPA\nS: +OK\nS: USER\nS: SASL PLAIN\nS: .\n"
            + "C: AUTH PLAIN AGFsaWNlAHB3\nS: +OK Logged in.\n"
            + "C: CAPA\nS: +OK\nS: USER\nS: .\n");
    Pop3Client c = Pop3Client.over(t, Security.STARTTLS, Pop3Options.defaults().withTrace(WireTrace.to(trace::add)));
    assertThat(c.isSecure()).isTrue();
    assertThat(c.capabilities().stls()).isFalse();
    assertThat(c.capabilities().saslMechanisms()).containsExactly("PLAIN");
    c.login("alice", "pw".toCharArray());
    assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
    t.assertDone();
    assertThat(trace).anyMatch(l -> l.contains("discarded") && l.contains("bytes"));
    assertThat(trace).contains("C: AUTH PLAIN <redacted>");
    assertThat(String.join("\n", trace)).doesNotContain("injected");
  }

  @Test
  void starttlsRequiredButNotOfferedIsRefused() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + CAPA_USER);
    assertThatThrownBy(() -> Pop3Client.over(t, Security.STARTTLS, opts()))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("STLS");
    assertThat(t.isClosed()).isTrue();
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("CAPA\r\n");
  }

  @Test
  void stlsRefusedByServerFails() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + "C: CAPA\nS: +OK\nS: STLS\nS: .\nC: STLS\nS: -ERR [SYS/TEMP] no TLS today\n");
    assertThatThrownBy(() -> Pop3Client.over(t, Security.STARTTLS, opts()))
        .isInstanceOfSatisfying(CommandException.class, e -> {
          assertThat(e.code()).isEqualTo("SYS/TEMP");
          assertThat(e.isTransient()).isTrue();
        });
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void saslLoginWithSpaceAndBareContinuations() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + "C: CAPA\nS: +OK\nS: SASL LOGIN\nS: .\n"
            + "C: AUTH LOGIN\nS: + VXNlcm5hbWU6\nC: YWxpY2U=\nS: +\nC: cHc=\nS: +OK Logged in.\n"
            + "C: CAPA\nS: +OK\nS: SASL LOGIN\nS: .\n");
    Pop3Client c = client(t);
    c.login("alice", "pw".toCharArray());
    assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
    t.assertDone();
    assertThat(trace).contains("C: AUTH LOGIN", "C: <redacted>");
    assertThat(String.join("\n", trace)).doesNotContain("cHc=").doesNotContain("YWxpY2U=");
  }

  @Test
  void cramMd5IsFineWithoutTlsSinceItHidesThePassword() throws Exception {
    // RFC 2195 §2 example.
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + "C: CAPA\nS: +OK\nS: SASL CRAM-MD5\nS: .\n"
            + "C: AUTH CRAM-MD5\nS: + PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\n"
            + "C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\nS: +OK\n"
            + "C: CAPA\nS: -ERR not now\n");
    Pop3Client c = Pop3Client.over(t, Security.PLAIN, Pop3Options.defaults().withTrace(WireTrace.OFF));
    c.login("tim", "tanstaaftanstaaf".toCharArray());
    assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
    t.assertDone();
  }

  @Test
  void saslRefusalCarriesTheResponseCode() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + "C: CAPA\nS: +OK\nS: SASL PLAIN\nS: .\n"
            + "C: AUTH PLAIN AGFsaWNlAHB3\nS: -ERR [AUTH] Authentication failed.\n");
    Pop3Client c = client(t);
    assertThatThrownBy(() -> c.login("alice", "pw".toCharArray()))
        .isInstanceOfSatisfying(CommandException.class, e -> {
          assertThat(e.status()).isEqualTo("-ERR");
          assertThat(e.code()).isEqualTo("AUTH");
          assertThat(e.isTransient()).isFalse();
          assertThat(e.serverText()).isEqualTo("Authentication failed.");
          assertThat(e.getMessage()).doesNotContain("AGFsaWNlAHB3");
        });
    assertThat(c.state()).isEqualTo(Pop3State.AUTHORIZATION);
    t.assertDone();
  }

  @Test
  void oauthCredentialsUseXoauth2() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + "C: CAPA\nS: +OK\nS: SASL XOAUTH2\nS: .\n"
            + "C: AUTH XOAUTH2 dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\nS: +OK\n"
            + "C: CAPA\nS: +OK\nS: .\n");
    Pop3Client c = client(t);
    c.login(Credentials.oauth("alice", () -> "tok"));
    assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
    t.assertDone();
  }

  @Test
  void apopFromTheGreetingTimestampWhenNoCapa() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        "S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\n"
            + "C: CAPA\nS: -ERR unknown command\n"
            + "C: APOP mrose c4c9334bac560ecc979e58001b3e22fb\nS: +OK maildrop has 1 message (369 octets)\n");
    Pop3Client c = Pop3Client.over(t, Security.PLAIN, Pop3Options.defaults().withTrace(WireTrace.to(trace::add)));
    assertThat(c.capabilities()).isEqualTo(Capabilities.NONE);
    assertThat(c.apopTimestamp()).contains("<1896.697170952@dbc.mtview.ca.us>");
    c.login("mrose", "tanstaaf".toCharArray());
    assertThat(c.state()).isEqualTo(Pop3State.TRANSACTION);
    t.assertDone();
    assertThat(trace).contains("C: APOP mrose <redacted>");
  }

  @Test
  void apopAskedForWithoutTimestampIsRefusedBeforeSending() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + CAPA_USER);
    Pop3Client c = Pop3Client.over(t, Security.PLAIN, opts().withAuthMethod(AuthMethod.APOP));
    assertThatThrownBy(() -> c.login("alice", "pw".toCharArray()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("timestamp");
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).isEqualTo("CAPA\r\n");
    assertThat(c.state()).isEqualTo(Pop3State.AUTHORIZATION);
  }

  @Test
  void errGreetingIsATransientRefusal() {
    ScriptedTransport t = ScriptedTransport.of("S: -ERR [IN-USE] maildrop locked\n");
    assertThatThrownBy(() -> client(t))
        .isInstanceOfSatisfying(CommandException.class, e -> {
          assertThat(e.code()).isEqualTo("IN-USE");
          assertThat(e.isTransient()).isTrue();
        });
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void gibberishGreetingIsAProtocolError() {
    ScriptedTransport t = ScriptedTransport.of("S: * OK IMAP4rev1 ready\n");
    assertThatThrownBy(() -> client(t)).isInstanceOf(ProtocolException.class);
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void tenMebibyteGreetingFailsWithinTheLineLimit() {
    String huge = "+OK " + "x".repeat(10 * 1024 * 1024);
    ScriptedTransport t = ScriptedTransport.of("S: " + huge + "\n").chunked(64 * 1024);
    assertThatThrownBy(() -> client(t))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limitName()).isEqualTo("maxLineLength"));
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void closeBeforeGreetingIsConnectionClosed() {
    ScriptedTransport t = ScriptedTransport.of("S~ +OK half a gree\n-- close\n");
    assertThatThrownBy(() -> client(t)).isInstanceOf(ConnectionClosedException.class);
  }

  // --- transaction ------------------------------------------------------------------------

  static final String LOGGED_IN = GREETING + CAPA_USER + LOGIN_PLAIN + CAPA_USER;

  Pop3Client loggedIn(ScriptedTransport t) throws IOException {
    Pop3Client c = client(t);
    c.login("alice", "pw".toCharArray());
    return c;
  }

  @Test
  void everyTransactionCommand() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN
            + "C: STAT\nS: +OK 2 320\n"
            + "C: LIST\nS: +OK 2 messages\nS: 1 120\nS: 2 200\nS: .\n"
            + "C: LIST 2\nS: +OK 2 200\n"
            + "C: UIDL\nS: +OK\nS: 1 whqtswO00WBw418f9t5JxYwZ\nS: 2 QhdPYR:00WBw1Ph7x7\nS: .\n"
            + "C: UIDL 2\nS: +OK 2 QhdPYR:00WBw1Ph7x7\n"
            + "C: TOP 1 0\nS: +OK\nS: Subject: hi\nS: \nS: .\n"
            + "C: RETR 1\nS: +OK 120 octets\nS: Subject: hi\nS: \nS: ..dot\nS: ..\nS: .\n"
            + "C: DELE 1\nS: +OK message 1 deleted\n"
            + "C: DELE 1\nS: -ERR message 1 already deleted\n"
            + "C: RSET\nS: +OK\n"
            + "C: NOOP\nS: +OK\n"
            + "C: DELE 2\nS: +OK\n"
            + "C: QUIT\nS: +OK dewey POP3 server signing off (maildrop empty)\n");
    Pop3Client c = loggedIn(t);
    assertThat(c.stat()).isEqualTo(new MailboxStat(2, 320));
    assertThat(c.list()).isEqualTo(ScanListing.of(new int[] {1, 2}, new long[] {120, 200}));
    assertThat(c.list(2)).isEqualTo(200);
    UidListing u = c.uidl();
    assertThat(u.uid(0)).isEqualTo("whqtswO00WBw418f9t5JxYwZ");
    assertThat(c.uidl(2)).isEqualTo("QhdPYR:00WBw1Ph7x7");
    try (InputStream top = c.top(1, 0)) {
      assertThat(str(top)).isEqualTo("Subject: hi\r\n\r\n");
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(c.retrieve(1, sink)).isEqualTo(24);
    assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Subject: hi\r\n\r\n.dot\r\n.\r\n");
    c.delete(1);
    assertThatThrownBy(() -> c.delete(1)).isInstanceOf(CommandException.class);
    c.reset();
    c.noop();
    c.delete(2);
    assertThat(c.quit()).isTrue();
    assertThat(c.deletionsCommitted()).isTrue();
    assertThat(c.state()).isEqualTo(Pop3State.CLOSED);
    assertThat(t.isClosed()).isTrue();
    t.assertDone();
    assertThat(trace).contains("S: <body 24 bytes>", "S: <body 15 bytes>");
    assertThat(trace).noneMatch(l -> l.contains("..dot"));
  }

  @Test
  void retrieveByteByByteStreamsThroughTheSocket() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + "C: RETR 1\nS: +OK\nS: a\nS: ..\nS: ..\nS: b\nS: .\nC: NOOP\nS: +OK\n").chunked(1);
    Pop3Client c = loggedIn(t);
    InputStream in = c.retrieve(1);
    assertThatThrownBy(c::noop).isInstanceOf(IllegalStateException.class);
    assertThat(in.read()).isEqualTo('a');
    assertThat(str(in)).isEqualTo("\r\n.\r\n.\r\nb\r\n");
    assertThat(in.read()).isEqualTo(-1);
    c.noop();
    t.assertDone();
  }

  @Test
  void closingAStreamEarlySkipsTheRest() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + "C: RETR 1\nS: +OK\nS: line 1\nS: line 2\nS: .\nC: STAT\nS: +OK 1 20\n");
    Pop3Client c = loggedIn(t);
    try (InputStream in = c.retrieve(1)) {
      assertThat(in.read()).isEqualTo('l');
    }
    assertThat(c.stat().messages()).isEqualTo(1);
    t.assertDone();
  }

  @Test
  void errMidMultiLineThenCloseIsNeverAWholeMessage() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + "C: RETR 1\nS: +OK\nS: Subject: partial\nS: -ERR internal error\n-- close\n");
    Pop3Client c = loggedIn(t);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThatThrownBy(() -> c.retrieve(1, sink)).isInstanceOf(ConnectionClosedException.class);
    assertThat(c.state()).isEqualTo(Pop3State.FAILED);
    assertThat(t.isClosed()).isTrue();
    assertThat(c.deletionsCommitted()).isFalse();
  }

  @Test
  void missingTerminatorBeforeCloseThrowsFromTheStream() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(LOGGED_IN + "C: RETR 1\nS: +OK\nS: a\nS~ .\r\n-- close\n");
    Pop3Client c = loggedIn(t);
    InputStream in = c.retrieve(1);
    byte[] buf = new byte[100];
    assertThat(in.read(buf)).isEqualTo(3);
    assertThatThrownBy(() -> in.read(buf)).isInstanceOf(ConnectionClosedException.class);
  }

  @Test
  void errMidListingIsAProtocolError() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(LOGGED_IN + "C: LIST\nS: +OK\nS: 1 100\nS: -ERR oops\nS: .\n");
    Pop3Client c = loggedIn(t);
    assertThatThrownBy(c::list).isInstanceOf(ProtocolException.class);
    assertThat(c.state()).isEqualTo(Pop3State.FAILED);
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void pipelinedRetrAndDeleGoOutInOneWrite() throws Exception {
    // Both commands in one C step: a client that waited for the first reply would fail the script.
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + CAPA_PIPE + LOGIN_PLAIN + CAPA_PIPE
            + "C: RETR 1\nC: RETR 2\nC: RETR 3\n"
            + "S: +OK\nS: one\nS: .\nS: -ERR [SYS/TEMP] no such message\nS: +OK\nS: ..three\nS: .\n"
            + "C: DELE 1\nC: DELE 3\nS: +OK\nS: +OK\n"
            + "C: QUIT\nS: +OK\n");
    Pop3Client c = client(t);
    c.login("alice", "pw".toCharArray());
    Map<Integer, String> got = new java.util.LinkedHashMap<>();
    Map<Integer, CommandException> refused = c.retrieveEach(new int[] {1, 2, 3}, (n, in) -> got.put(n, str(in)));
    assertThat(got).containsExactly(Map.entry(1, "one\r\n"), Map.entry(3, ".three\r\n"));
    assertThat(refused).containsOnlyKeys(2);
    assertThat(refused.get(2).isTransient()).isTrue();
    assertThat(c.deleteAll(1, 3)).isEmpty();
    assertThat(c.quit()).isTrue();
    t.assertDone();
  }

  @Test
  void withoutPipeliningCommandsGoOneByOne() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        LOGGED_IN + "C: RETR 1\nS: +OK\nS: one\nS: .\nC: RETR 2\nS: +OK\nS: two\nS: .\n"
            + "C: DELE 1\nS: +OK\nC: DELE 2\nS: +OK\n");
    Pop3Client c = loggedIn(t);
    List<String> got = new ArrayList<>();
    c.retrieveEach(new int[] {1, 2}, (n, in) -> got.add(str(in)));
    assertThat(got).containsExactly("one\r\n", "two\r\n");
    assertThat(c.deleteAll(1, 2)).isEmpty();
    t.assertDone();
  }

  @Test
  void handlerFailureDrainsRepliesInFlightThenThrows() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(
        GREETING + CAPA_PIPE + LOGIN_PLAIN + CAPA_PIPE
            + "C: RETR 1\nC: RETR 2\nS: +OK\nS: one\nS: .\nS: +OK\nS: two\nS: .\nC: NOOP\nS: +OK\n");
    Pop3Client c = client(t);
    c.login("alice", "pw".toCharArray());
    assertThatThrownBy(() -> c.retrieveEach(new int[] {1, 2}, (n, in) -> {
      throw new IOException("disk full");
    })).hasMessage("disk full");
    c.noop();
    t.assertDone();
  }

  @Test
  void closeWithoutQuitCommitsNothing() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(LOGGED_IN + "C: DELE 1\nS: +OK\n");
    Pop3Client c = loggedIn(t);
    c.delete(1);
    c.close();
    assertThat(c.deletionsCommitted()).isFalse();
    assertThat(t.isClosed()).isTrue();
    t.assertDone();
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).doesNotContain("QUIT");
    assertThatThrownBy(c::stat).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void quitErrIsACommandExceptionAndNotCommitted() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(LOGGED_IN + "C: DELE 1\nS: +OK\nC: QUIT\nS: -ERR some deleted messages not removed\n");
    Pop3Client c = loggedIn(t);
    c.delete(1);
    assertThatThrownBy(c::quit).isInstanceOf(CommandException.class);
    assertThat(c.deletionsCommitted()).isFalse();
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void quitBeforeLoginCommitsNothing() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + CAPA_USER + "C: QUIT\nS: +OK bye\n");
    Pop3Client c = client(t);
    assertThat(c.quit()).isFalse();
    t.assertDone();
  }

  @Test
  void transactionCommandsBeforeLoginAreMisuse() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(GREETING + CAPA_USER);
    Pop3Client c = client(t);
    assertThatThrownBy(c::stat).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> c.retrieve(1)).isInstanceOf(IllegalStateException.class);
    t.assertDone();
  }
}
