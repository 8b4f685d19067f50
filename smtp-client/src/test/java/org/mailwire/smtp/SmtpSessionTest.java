package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailwire.smtp.SmtpSession.Event;
import org.mailwire.smtp.SmtpSession.Phase;
import org.mailwire.smtp.SmtpSession.Verb;
import org.mailwire.smtp.codec.MailFrom;
import org.mailwire.smtp.codec.RcptTo;
import org.mailwire.smtp.codec.Reply;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.WireTrace;

class SmtpSessionTest {

  static Reply ehloReply(String... keywords) {
    List<String> lines = new ArrayList<>();
    lines.add("mx.example.com");
    lines.addAll(List.of(keywords));
    return new Reply(250, null, lines);
  }

  static SmtpSession ready(Dialect d, String... keywords) throws ProtocolException {
    SmtpSession s = new SmtpSession(d, WireTrace.OFF);
    s.receive(Reply.of(220, "hi"));
    if (d == Dialect.LMTP) {
      s.lhlo("client.example");
    } else {
      s.ehlo("client.example");
    }
    s.receive(ehloReply(keywords));
    s.output().clear();
    return s;
  }

  static String out(SmtpSession s) {
    String r = new String(s.output().toByteArray(), StandardCharsets.UTF_8);
    s.output().clear();
    return r;
  }

  /** The transition table: phase, command, reply code, resulting phase. */
  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of(Phase.GREETING, Verb.GREETING, 220, Phase.GREETED),
        Arguments.of(Phase.GREETING, Verb.GREETING, 554, Phase.CLOSED),
        Arguments.of(Phase.GREETING, Verb.GREETING, 421, Phase.CLOSED),
        Arguments.of(Phase.GREETED, Verb.EHLO, 250, Phase.READY),
        Arguments.of(Phase.GREETED, Verb.EHLO, 502, Phase.GREETED),
        Arguments.of(Phase.GREETED, Verb.HELO, 250, Phase.READY),
        Arguments.of(Phase.GREETED, Verb.LHLO, 250, Phase.READY),
        Arguments.of(Phase.READY, Verb.STARTTLS, 220, Phase.TLS_HANDSHAKE),
        Arguments.of(Phase.READY, Verb.STARTTLS, 454, Phase.READY),
        Arguments.of(Phase.READY, Verb.AUTH, 334, Phase.AUTH),
        Arguments.of(Phase.READY, Verb.AUTH, 235, Phase.READY),
        Arguments.of(Phase.READY, Verb.AUTH, 535, Phase.READY),
        Arguments.of(Phase.AUTH, Verb.AUTH_RESPONSE, 334, Phase.AUTH),
        Arguments.of(Phase.AUTH, Verb.AUTH_RESPONSE, 235, Phase.READY),
        Arguments.of(Phase.AUTH, Verb.AUTH_RESPONSE, 501, Phase.READY),
        Arguments.of(Phase.READY, Verb.MAIL, 250, Phase.TRANSACTION),
        Arguments.of(Phase.READY, Verb.MAIL, 550, Phase.READY),
        Arguments.of(Phase.TRANSACTION, Verb.RCPT, 250, Phase.TRANSACTION),
        Arguments.of(Phase.TRANSACTION, Verb.RCPT, 550, Phase.TRANSACTION),
        Arguments.of(Phase.TRANSACTION, Verb.DATA, 354, Phase.DATA_CONTENT),
        Arguments.of(Phase.TRANSACTION, Verb.DATA, 554, Phase.TRANSACTION),
        Arguments.of(Phase.DATA_CONTENT, Verb.DATA_END, 250, Phase.READY),
        Arguments.of(Phase.DATA_CONTENT, Verb.DATA_END, 552, Phase.READY),
        Arguments.of(Phase.TRANSACTION, Verb.BDAT, 250, Phase.TRANSACTION),
        Arguments.of(Phase.TRANSACTION, Verb.BDAT, 552, Phase.TRANSACTION),
        Arguments.of(Phase.TRANSACTION, Verb.BDAT_LAST, 250, Phase.READY),
        Arguments.of(Phase.TRANSACTION, Verb.BDAT_LAST, 451, Phase.READY),
        Arguments.of(Phase.TRANSACTION, Verb.RSET, 250, Phase.READY),
        Arguments.of(Phase.GREETED, Verb.RSET, 250, Phase.GREETED),
        Arguments.of(Phase.TRANSACTION, Verb.NOOP, 250, Phase.TRANSACTION),
        Arguments.of(Phase.TRANSACTION, Verb.RCPT, 421, Phase.CLOSED),
        Arguments.of(Phase.READY, Verb.NOOP, 421, Phase.CLOSED),
        Arguments.of(Phase.READY, Verb.QUIT, 221, Phase.CLOSED));
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}: {3}")
  @MethodSource("transitions")
  void transitionTable(Phase from, Verb verb, int code, Phase to) {
    assertThat(SmtpSession.next(from, verb, Reply.of(code, "x"), Dialect.SMTP)).isEqualTo(to);
  }

  @Test
  void greetingThenEhloParsesCapabilities() throws Exception {
    SmtpSession s = new SmtpSession(Dialect.SMTP, WireTrace.OFF);
    assertThat(s.phase()).isEqualTo(Phase.GREETING);
    assertThat(s.nextReplyFor()).isEqualTo(Verb.GREETING);
    assertThatThrownBy(() -> s.ehlo("x.example")).isInstanceOf(IllegalStateException.class);
    Event g = s.receive(Reply.of(220, "mx ESMTP"));
    assertThat(g.verb()).isEqualTo(Verb.GREETING);
    assertThat(s.phase()).isEqualTo(Phase.GREETED);
    s.ehlo("x.example");
    assertThat(out(s)).isEqualTo("EHLO x.example\r\n");
    assertThatThrownBy(() -> s.mail(MailFrom.of("a@b.example"))).isInstanceOf(IllegalStateException.class);
    s.receive(ehloReply("PIPELINING", "SIZE 100"));
    assertThat(s.phase()).isEqualTo(Phase.READY);
    assertThat(s.capabilities().sizeLimit()).isEqualTo(100);
    assertThat(s.awaitingReply()).isFalse();
  }

  @Test
  void heloFallbackAfterRefusedEhlo() throws Exception {
    SmtpSession s = new SmtpSession(Dialect.SMTP, WireTrace.OFF);
    s.receive(Reply.of(220, "old"));
    s.ehlo("x.example");
    s.receive(Reply.of(502, "command not implemented"));
    assertThat(s.ehloRefused()).isTrue();
    assertThat(s.phase()).isEqualTo(Phase.GREETED);
    s.helo("x.example");
    s.receive(Reply.of(250, "old"));
    assertThat(s.phase()).isEqualTo(Phase.READY);
    assertThat(s.capabilities().extensions()).isEmpty();
    assertThatThrownBy(s::startTls).hasMessageContaining("STARTTLS");
  }

  @Test
  void pipeliningOnlyWhenOfferedAndNeverAfterAGroupEnder() throws Exception {
    SmtpSession plain = ready(Dialect.SMTP, "SIZE 100");
    plain.mail(MailFrom.of("a@x.example"));
    assertThatThrownBy(() -> plain.rcpt(RcptTo.of("b@y.example"))).hasMessageContaining("PIPELINING");
    plain.receive(Reply.of(250, "ok"));
    plain.rcpt(RcptTo.of("b@y.example"));

    SmtpSession s = ready(Dialect.SMTP, "PIPELINING", "CHUNKING");
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    s.rcpt(RcptTo.of("c@y.example"));
    s.data();
    assertThat(out(s)).isEqualTo("MAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nRCPT TO:<c@y.example>\r\nDATA\r\n");
    assertThat(s.pendingReplies()).isEqualTo(4);
    assertThatThrownBy(s::rset).hasMessageContaining("DATA_CONTENT");
    assertThat(s.receive(Reply.of(250, "ok")).verb()).isEqualTo(Verb.MAIL);
    Event r0 = s.receive(Reply.of(250, "ok"));
    Event r1 = s.receive(Reply.of(550, "no such user"));
    assertThat(r0.verb()).isEqualTo(Verb.RCPT);
    assertThat(r0.recipient()).isZero();
    assertThat(r1.recipient()).isEqualTo(1);
    assertThat(s.acceptedRecipients()).isEqualTo(1);
    assertThat(s.phase()).isEqualTo(Phase.TRANSACTION);
    s.receive(Reply.of(354, "go ahead"));
    assertThat(s.phase()).isEqualTo(Phase.DATA_CONTENT);
    assertThatThrownBy(s::noop).isInstanceOf(IllegalStateException.class);
    s.dataEnd();
    assertThat(out(s)).isEmpty();
    s.receive(Reply.of(250, "queued"));
    assertThat(s.phase()).isEqualTo(Phase.READY);
    s.noop();
    assertThatThrownBy(s::noop).hasMessageContaining("cannot follow NOOP").hasMessageContaining("RFC 2920");
    s.receive(Reply.of(250, "ok"));
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    assertThat(out(s)).isEqualTo("NOOP\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\n");
  }

  @Test
  void failedMailMakesTheRestOfThePipelineFailToo() throws Exception {
    SmtpSession s = ready(Dialect.SMTP, "PIPELINING");
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    s.data();
    s.receive(Reply.of(550, "sender refused"));
    assertThat(s.phase()).isEqualTo(Phase.READY);
    s.receive(Reply.of(503, "need MAIL"));
    s.receive(Reply.of(503, "need RCPT"));
    assertThat(s.phase()).isEqualTo(Phase.READY);
    s.mail(MailFrom.of("a@x.example"));
  }

  @Test
  void commandsOutOfOrderAreRefused() throws Exception {
    SmtpSession s = ready(Dialect.SMTP, "PIPELINING", "DSN");
    assertThatThrownBy(() -> s.rcpt(RcptTo.of("b@y.example"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::data).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(s::dataEnd).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.bdat(1, true)).hasMessageContaining("READY");
    assertThatThrownBy(s::tlsEstablished).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.authResponse(new byte[0])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.auth("PLAIN", null)).hasMessageContaining("AUTH");
    assertThatThrownBy(() -> s.lhlo("x.example")).hasMessageContaining("LMTP");
    s.mail(MailFrom.of("a@x.example"));
    assertThatThrownBy(s::data).hasMessageContaining("no recipient");
    assertThatThrownBy(() -> s.mail(MailFrom.of("a@x.example"))).isInstanceOf(IllegalStateException.class);
    assertThat(out(s)).isEqualTo("MAIL FROM:<a@x.example>\r\n");
  }

  @Test
  void extensionsMustBeOffered() throws Exception {
    SmtpSession s = ready(Dialect.SMTP, "PIPELINING");
    assertThatThrownBy(() -> s.mail(new MailFrom("a@x.example", -1, org.mailwire.smtp.codec.BodyType.EIGHT_BIT_MIME, false, null, null, false)))
        .hasMessageContaining("8BITMIME");
    assertThatThrownBy(() -> s.mail(new MailFrom("a@x.example", -1, org.mailwire.smtp.codec.BodyType.SEVEN_BIT, true, null, null, false)))
        .hasMessageContaining("SMTPUTF8");
    assertThatThrownBy(() -> s.mail(new MailFrom("a@x.example", -1, org.mailwire.smtp.codec.BodyType.SEVEN_BIT, false, org.mailwire.smtp.codec.DsnReturn.FULL, null, false)))
        .hasMessageContaining("DSN");
    SmtpSession tls = ready(Dialect.SMTP, "REQUIRETLS");
    assertThatThrownBy(() -> tls.mail(new MailFrom("a@x.example", -1, org.mailwire.smtp.codec.BodyType.SEVEN_BIT, false, null, null, true)))
        .hasMessageContaining("TLS connection");
    // SIZE is dropped, not refused, when the server does not offer it.
    s.mail(new MailFrom("a@x.example", 1234, org.mailwire.smtp.codec.BodyType.SEVEN_BIT, false, null, null, false));
    assertThat(out(s)).isEqualTo("MAIL FROM:<a@x.example>\r\n");
    assertThat(s.output().length()).isZero();
  }

  @Test
  void startTlsForgetsCapabilities() throws Exception {
    SmtpSession s = ready(Dialect.SMTP, "STARTTLS", "PIPELINING");
    s.startTls();
    assertThatThrownBy(() -> s.noop()).hasMessageContaining("TLS_HANDSHAKE");
    s.receive(Reply.of(220, "go"));
    assertThat(s.phase()).isEqualTo(Phase.TLS_HANDSHAKE);
    s.tlsEstablished();
    assertThat(s.isSecure()).isTrue();
    assertThat(s.capabilities()).isNull();
    assertThat(s.phase()).isEqualTo(Phase.GREETED);
    s.ehlo("x.example");
    s.receive(ehloReply("AUTH PLAIN"));
    assertThatThrownBy(s::startTls).hasMessageContaining("already secure");
  }

  @Test
  void authIsRedactedInTheTrace() throws Exception {
    List<String> lines = new ArrayList<>();
    SmtpSession s = new SmtpSession(Dialect.SMTP, WireTrace.to(lines::add));
    s.receive(Reply.of(220, "hi"));
    s.ehlo("x.example");
    s.receive(ehloReply("AUTH PLAIN LOGIN"));
    s.auth("LOGIN", "YWxpY2U=".getBytes(StandardCharsets.US_ASCII));
    s.receive(Reply.of(334, "UGFzc3dvcmQ6"));
    assertThat(s.phase()).isEqualTo(Phase.AUTH);
    s.authResponse("c2VjcmV0".getBytes(StandardCharsets.US_ASCII));
    s.receive(Reply.of(235, "ok"));
    assertThat(s.isAuthenticated()).isTrue();
    assertThat(lines).containsExactly(
        "C: EHLO x.example", "C: AUTH LOGIN " + WireTrace.REDACTED, "C: " + WireTrace.REDACTED);
    assertThat(String.join("\n", lines)).doesNotContain("YWxpY2U").doesNotContain("c2VjcmV0");
    assertThatThrownBy(() -> s.auth("PLAIN", null)).hasMessageContaining("already");
  }

  @Test
  void lmtpOwesOneDeliveryReplyPerAcceptedRecipient() throws Exception {
    SmtpSession s = ready(Dialect.LMTP, "PIPELINING", "CHUNKING");
    assertThatThrownBy(() -> s.ehlo("x.example")).hasMessageContaining("LMTP");
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    s.rcpt(RcptTo.of("nobody@y.example"));
    s.rcpt(RcptTo.of("c@y.example"));
    s.data();
    s.receive(Reply.of(250, "ok"));
    s.receive(Reply.of(250, "ok"));
    s.receive(Reply.of(550, "unknown"));
    s.receive(Reply.of(250, "ok"));
    s.receive(Reply.of(354, "go"));
    s.dataEnd();
    Event first = s.receive(Reply.of(250, "<b@y.example> saved"));
    assertThat(first.verb()).isEqualTo(Verb.DATA_END);
    assertThat(first.recipient()).isZero();
    assertThat(s.phase()).isEqualTo(Phase.DATA_CONTENT);
    assertThat(s.awaitingReply()).isTrue();
    Event second = s.receive(Reply.of(452, "<c@y.example> over quota"));
    assertThat(second.recipient()).isEqualTo(2);
    assertThat(s.awaitingReply()).isFalse();
    assertThat(s.phase()).isEqualTo(Phase.READY);
  }

  @Test
  void lmtpBdatLastPipelinedWithTheEnvelope() throws Exception {
    SmtpSession s = ready(Dialect.LMTP, "PIPELINING", "CHUNKING");
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    s.rcpt(RcptTo.of("c@y.example"));
    s.bdat(10, true);
    assertThatThrownBy(() -> s.mail(MailFrom.of("a@x.example"))).hasMessageContaining("LMTP");
    assertThat(out(s)).endsWith("BDAT 10 LAST\r\n");
    s.receive(Reply.of(250, "ok"));
    s.receive(Reply.of(250, "ok"));
    s.receive(Reply.of(250, "ok"));
    assertThat(s.receive(Reply.of(250, "b saved")).recipient()).isZero();
    assertThat(s.receive(Reply.of(250, "c saved")).recipient()).isEqualTo(1);
    assertThat(s.phase()).isEqualTo(Phase.READY);
  }

  @Test
  void unsolicitedReplyIsAProtocolError() throws Exception {
    SmtpSession s = ready(Dialect.SMTP);
    assertThatThrownBy(() -> s.receive(Reply.of(250, "surprise"))).isInstanceOf(ProtocolException.class);
    assertThat(s.phase()).isEqualTo(Phase.FAILED);
    assertThatThrownBy(s::noop).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void serverClosing421EndsEverything() throws Exception {
    SmtpSession s = ready(Dialect.SMTP, "PIPELINING");
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    s.receive(Reply.of(421, "shutting down"));
    assertThat(s.phase()).isEqualTo(Phase.CLOSED);
    assertThat(s.awaitingReply()).isFalse();
    assertThatThrownBy(() -> s.mail(MailFrom.of("a@x.example"))).isInstanceOf(IllegalStateException.class);
    s.quit();
  }

  @Test
  void bdatChunksAndDataDoNotMix() throws Exception {
    SmtpSession s = ready(Dialect.SMTP, "PIPELINING", "CHUNKING");
    s.mail(MailFrom.of("a@x.example"));
    s.rcpt(RcptTo.of("b@y.example"));
    s.bdat(100, false);
    s.bdat(50, false);
    assertThatThrownBy(s::data).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> s.rcpt(RcptTo.of("c@y.example"))).hasMessageContaining("content");
    s.bdat(0, true);
    assertThat(out(s)).isEqualTo("MAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nBDAT 100\r\nBDAT 50\r\nBDAT 0 LAST\r\n");
    for (int i = 0; i < 4; i++) {
      s.receive(Reply.of(250, "ok"));
    }
    assertThat(s.phase()).isEqualTo(Phase.TRANSACTION);
    assertThat(s.receive(Reply.of(250, "queued")).verb()).isEqualTo(Verb.BDAT_LAST);
    assertThat(s.phase()).isEqualTo(Phase.READY);
  }
}
