package org.mailwire.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.ProtocolException;

class Pop3SessionTest {
  static Pop3Session loggedIn(boolean pipelining) throws Exception {
    Pop3Session s = new Pop3Session();
    s.onStatus(StatusLine.ok("hi"));
    s.onCapabilities(Capabilities.of(pipelining ? List.of("USER", "PIPELINING") : List.of("USER")));
    s.send(Pop3Command.user("a"));
    s.onStatus(StatusLine.ok(""));
    s.send(Pop3Command.pass("p".toCharArray()));
    s.onStatus(StatusLine.ok(""));
    return s;
  }

  @Test
  void authorizationThenTransactionThenUpdate() throws Exception {
    Pop3Session s = new Pop3Session();
    assertThat(s.state()).isEqualTo(Pop3State.GREETING);
    assertThat(s.onStatus(StatusLine.ok("ready")).command()).isNull();
    assertThat(s.state()).isEqualTo(Pop3State.AUTHORIZATION);
    assertThatThrownBy(() -> s.send(Pop3Command.pass("p".toCharArray()))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.send(Pop3Command.stat())).isInstanceOf(IllegalStateException.class);
    s.send(Pop3Command.user("a"));
    s.onStatus(StatusLine.err(null, "no"));
    assertThatThrownBy(() -> s.send(Pop3Command.pass("p".toCharArray()))).isInstanceOf(IllegalStateException.class);
    s.send(Pop3Command.user("a"));
    s.onStatus(StatusLine.ok(""));
    s.send(Pop3Command.pass("p".toCharArray()));
    s.onStatus(StatusLine.err(ResponseCode.AUTH, "bad"));
    assertThat(s.state()).isEqualTo(Pop3State.AUTHORIZATION);
    s.send(Pop3Command.apop("a", "<1@x>", "p".toCharArray()));
    s.onStatus(StatusLine.ok(""));
    assertThat(s.state()).isEqualTo(Pop3State.TRANSACTION);
    assertThatThrownBy(() -> s.send(Pop3Command.user("a"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.send(Pop3Command.stls())).isInstanceOf(IllegalStateException.class);
    s.send(Pop3Command.dele(1));
    s.onStatus(StatusLine.ok(""));
    s.send(Pop3Command.quit());
    assertThat(s.state()).isEqualTo(Pop3State.UPDATE);
    assertThat(s.deletionsCommitted()).isFalse();
    s.onStatus(StatusLine.ok("bye"));
    assertThat(s.state()).isEqualTo(Pop3State.CLOSED);
    assertThat(s.deletionsCommitted()).isTrue();
  }

  @Test
  void quitInAuthorizationCommitsNothing() throws Exception {
    Pop3Session s = new Pop3Session();
    s.onStatus(StatusLine.ok("ready"));
    s.send(Pop3Command.quit());
    s.onStatus(StatusLine.ok("bye"));
    assertThat(s.state()).isEqualTo(Pop3State.CLOSED);
    assertThat(s.deletionsCommitted()).isFalse();
  }

  @Test
  void connectionLostInUpdateIsAFailureNotACommit() throws Exception {
    Pop3Session s = loggedIn(false);
    s.send(Pop3Command.quit());
    s.onClosed();
    assertThat(s.state()).isEqualTo(Pop3State.FAILED);
    assertThat(s.deletionsCommitted()).isFalse();
  }

  @Test
  void errGreetingClosesTheSession() throws Exception {
    Pop3Session s = new Pop3Session();
    s.onStatus(StatusLine.err(ResponseCode.IN_USE, "busy"));
    assertThat(s.state()).isEqualTo(Pop3State.CLOSED);
  }

  @Test
  void saslExchange() throws Exception {
    Pop3Session s = new Pop3Session();
    s.onStatus(StatusLine.ok("ready"));
    s.send(Pop3Command.auth("LOGIN", null));
    assertThatThrownBy(() -> s.send(Pop3Command.stat())).isInstanceOf(IllegalStateException.class);
    assertThat(s.onStatus(StatusLine.continuation("VXNlcm5hbWU6")).status().isContinuation()).isTrue();
    s.send(Pop3Command.authResponse("YQ==".getBytes()));
    s.onStatus(StatusLine.continuation(""));
    s.send(Pop3Command.authResponse("cA==".getBytes()));
    s.onStatus(StatusLine.ok("Logged in."));
    assertThat(s.state()).isEqualTo(Pop3State.TRANSACTION);
  }

  @Test
  void continuationOutsideSaslIsAProtocolError() throws Exception {
    Pop3Session s = loggedIn(false);
    s.send(Pop3Command.stat());
    assertThatThrownBy(() -> s.onStatus(StatusLine.continuation(""))).isInstanceOf(ProtocolException.class);
    assertThat(s.state()).isEqualTo(Pop3State.FAILED);
  }

  @Test
  void unsolicitedReplyIsAProtocolError() throws Exception {
    Pop3Session s = loggedIn(false);
    assertThatThrownBy(() -> s.onStatus(StatusLine.ok("surprise"))).isInstanceOf(ProtocolException.class);
    assertThat(s.state()).isEqualTo(Pop3State.FAILED);
  }

  @Test
  void pipeliningOnlyWhenAnnounced() throws Exception {
    Pop3Session plain = loggedIn(false);
    plain.send(Pop3Command.retr(1));
    assertThatThrownBy(() -> plain.send(Pop3Command.dele(1))).isInstanceOf(IllegalStateException.class);

    Pop3Session p = loggedIn(true);
    p.send(Pop3Command.retr(1));
    p.send(Pop3Command.retr(2));
    p.send(Pop3Command.dele(1));
    assertThat(p.inFlight()).isEqualTo(3);
    Pop3Session.Reply r1 = p.onStatus(StatusLine.ok("message follows"));
    assertThat(r1.command().name()).isEqualTo(Pop3Command.Name.RETR);
    assertThat(r1.bodyFollows()).isTrue();
    assertThatThrownBy(() -> p.onStatus(StatusLine.ok("too early"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void repliesAreMatchedInOrder() throws Exception {
    Pop3Session p = loggedIn(true);
    p.send(Pop3Command.retr(1));
    p.send(Pop3Command.dele(1));
    p.send(Pop3Command.retr(2));
    Pop3Session.Reply r1 = p.onStatus(StatusLine.ok(""));
    p.onBodyEnd();
    Pop3Session.Reply r2 = p.onStatus(StatusLine.ok(""));
    Pop3Session.Reply r3 = p.onStatus(StatusLine.err(null, "no such message"));
    assertThat(List.of(r1.command().name(), r2.command().name(), r3.command().name()))
        .containsExactly(Pop3Command.Name.RETR, Pop3Command.Name.DELE, Pop3Command.Name.RETR);
    assertThat(r2.bodyFollows()).isFalse();
    assertThat(r3.bodyFollows()).isFalse();
    assertThat(p.inFlight()).isZero();
  }

  @Test
  void stlsOnlyBeforeTlsAndCapabilitiesForgottenAfter() throws Exception {
    Pop3Session s = new Pop3Session();
    s.onStatus(StatusLine.ok("ready"));
    s.onCapabilities(Capabilities.of(List.of("STLS")));
    s.send(Pop3Command.stls());
    s.onStatus(StatusLine.ok("Begin TLS"));
    s.onTlsStarted();
    assertThat(s.isSecure()).isTrue();
    assertThat(s.capabilities()).isEqualTo(Capabilities.NONE);
    assertThatThrownBy(() -> s.send(Pop3Command.stls())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void utf8AcceptedIsRecorded() throws Exception {
    Pop3Session s = new Pop3Session(true);
    s.onStatus(StatusLine.ok("ready"));
    s.send(Pop3Command.utf8());
    s.onStatus(StatusLine.ok(""));
    assertThat(s.isUtf8()).isTrue();
    assertThat(s.isSecure()).isTrue();
  }
}
