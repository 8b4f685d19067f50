package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailwire.smtp.Transcripts.EHLO_CHUNKING;
import static org.mailwire.smtp.Transcripts.EHLO_PIPELINING;
import static org.mailwire.smtp.Transcripts.EHLO_PLAIN;
import static org.mailwire.smtp.Transcripts.GREETING;
import static org.mailwire.smtp.Transcripts.QUIT;
import static org.mailwire.smtp.Transcripts.message;
import static org.mailwire.smtp.Transcripts.open;
import static org.mailwire.smtp.Transcripts.to;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.codec.BodyType;
import org.mailwire.smtp.codec.DsnNotify;
import org.mailwire.smtp.codec.DsnReturn;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.smtp.codec.LineEndings;
import org.mailwire.smtp.codec.RcptTo;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.ConnectionClosedException;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.Security;
import org.mailwire.transport.TransportException;
import org.mailwire.transport.testkit.ScriptedTransport;

/** {@link SmtpClient} against scripted servers: S:/C: transcripts, hostile ones included. */
class SmtpClientTranscriptTest {

  static final String MSG = "Subject: hi\r\n\r\nhello\r\n.leading dot\r\n";
  static final String MSG_ON_WIRE = "C: Subject: hi\nC: \nC: hello\nC: ..leading dot\nC: .\n";

  @Test
  void pipelinedSendOneWriteOneQueueId() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\n"
                + "C: RCPT TO:<b@y.example>\n"
                + "C: DATA\n"
                + "S: 250 2.1.0 Ok\n"
                + "S: 250 2.1.5 Ok\n"
                + "S: 354 End data with <CR><LF>.<CR><LF>\n"
                + MSG_ON_WIRE
                + "S: 250 2.0.0 Ok: queued as 4XyZ7s02\n"
                + QUIT);
    SmtpClient c = open(t);
    assertThat(c.greeting().text()).isEqualTo("mx.example.com ESMTP");
    assertThat(c.capabilities().has(Extension.PIPELINING)).isTrue();
    SendResult r = c.send(to("b@y.example"), message(MSG));
    assertThat(r.queueId()).contains("4XyZ7s02");
    assertThat(r.finalReply().code()).isEqualTo(250);
    assertThat(r.finalReply().enhancedStatusText()).isEqualTo("2.0.0");
    assertThat(r.recipients()).singleElement().satisfies(s -> {
      assertThat(s.address()).isEqualTo("b@y.example");
      assertThat(s.accepted()).isTrue();
      assertThat(s.rcptReply().enhancedStatusText()).isEqualTo("2.1.5");
    });
    assertThat(r.contentBytes()).isEqualTo(MSG.length());
    assertThat(r.label()).isEqualTo("message from <a@x.example> to <b@y.example>");
    c.close();
    assertThat(t.isClosed()).isTrue();
    t.assertDone();
  }

  @Test
  void lockstepWithoutPipeliningAndManyMessagesPerConnection() throws Exception {
    String oneMessage =
        "C: MAIL FROM:<a@x.example>\nS: 250 ok\n"
            + "C: RCPT TO:<b@y.example>\nS: 250 ok\n"
            + "C: RCPT TO:<c@y.example>\nS: 251 will forward\n"
            + "C: DATA\nS: 354 go\n"
            + MSG_ON_WIRE;
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PLAIN
                + oneMessage + "S: 250 OK id=1rXyz-000123-AB\n"
                + oneMessage + "S: 250 2.0.0 x1ABC Message accepted for delivery\n"
                + "C: RSET\nS: 250 ok\n"
                + "C: NOOP\nS: 250 ok\n"
                + QUIT);
    try (SmtpClient c = open(t)) {
      assertThat(c.send(to("b@y.example", "c@y.example"), message(MSG)).queueId()).contains("1rXyz-000123-AB");
      SendResult second = c.send(to("b@y.example", "c@y.example"), message(MSG));
      assertThat(second.queueId()).contains("x1ABC");
      assertThat(second.allAccepted()).isTrue();
      c.reset();
      c.noop();
    }
    t.assertDone();
  }

  @Test
  void heloFallbackWhenEhloIsRefused() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            "S: 220 old.example SMTP\n"
                + "C: EHLO client.example\nS: 502 5.5.2 Error: command not recognized\n"
                + "C: HELO client.example\nS: 250 old.example\n"
                + "C: MAIL FROM:<a@x.example>\nS: 250 ok\n"
                + "C: RCPT TO:<b@y.example>\nS: 250 ok\n"
                + "C: DATA\nS: 354 go\n"
                + MSG_ON_WIRE
                + "S: 250 queued\n"
                + QUIT);
    try (SmtpClient c = open(t)) {
      assertThat(c.capabilities().extensions()).isEmpty();
      assertThat(c.send(to("b@y.example"), message(MSG)).queueId()).isEmpty();
    }
    t.assertDone();
  }

  @Test
  void startTlsThenEhloAgainWithNewCapabilities() throws Exception {
    Transcripts.Trace trace = new Transcripts.Trace();
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250-STARTTLS\nS: 250 PIPELINING\n"
                + "C: STARTTLS\nS: 220 2.0.0 Ready to start TLS\n"
                + "-- starttls\n"
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250-AUTH PLAIN LOGIN\nS: 250 PIPELINING\n"
                + QUIT);
    try (SmtpClient c = SmtpClient.open(t, Security.STARTTLS, trace.options())) {
      assertThat(c.isSecure()).isTrue();
      assertThat(c.capabilities().has(Extension.STARTTLS)).isFalse();
      assertThat(c.capabilities().authMechanisms()).containsExactly("PLAIN", "LOGIN");
    }
    t.assertDone();
    assertThat(trace.lines).contains("-- TLS established: TLSv1.3");
  }

  @Test
  void startTlsResponseInjectionIsDiscarded() throws Exception {
    // The attacker appends a fake EHLO reply to the 220 in the same packet. Read before the
    // handshake, it must never be taken for the (TLS-protected) reply to the second EHLO.
    Transcripts.Trace trace = new Transcripts.Trace();
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250-STARTTLS\nS: 250 PIPELINING\n"
                + "C: STARTTLS\n"
                + "S: 220 go\n"
                + "S: 250-injected.example\n"
                + "S: 250 AUTH PLAIN\n"
                + "-- starttls\n"
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250-PIPELINING\nS: 250 SIZE 1000\n"
                + QUIT);
    try (SmtpClient c = SmtpClient.open(t, Security.STARTTLS, trace.options())) {
      assertThat(c.isSecure()).isTrue();
      assertThat(c.capabilities().has(Extension.AUTH)).isFalse();
      assertThat(c.capabilities().sizeLimit()).isEqualTo(1000);
    }
    t.assertDone();
    assertThat(trace.lines).contains("-- discarded 38 bytes received in plaintext after the STARTTLS reply");
    assertThat(trace.lines).doesNotContain("S: 250 AUTH PLAIN");
  }

  @Test
  void startTlsInjectionArrivingInALaterReadFailsTheHandshake() {
    // Here the 220 arrives alone and the injected bytes are still "in the socket" at handshake
    // time: the transport refuses to start TLS over them, and the client gives up.
    ScriptedTransport t =
        ScriptedTransport.of(
                GREETING
                    + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250 STARTTLS\n"
                    + "C: STARTTLS\n"
                    + "S: 220 go\n"
                    + "S: 250 injected\n")
            .chunked(8);
    assertThatThrownBy(() -> SmtpClient.open(t, Security.STARTTLS, Transcripts.options()))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("plaintext bytes before the TLS handshake");
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void startTlsRequiredButNotOffered() {
    ScriptedTransport t = ScriptedTransport.of(EHLO_PLAIN);
    assertThatThrownBy(() -> SmtpClient.open(t, Security.STARTTLS, Transcripts.options()))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("does not offer STARTTLS");
    assertThat(t.isClosed()).isTrue();
    t.assertDone();
  }

  @Test
  void startTlsRefused() {
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250 STARTTLS\n"
                + "C: STARTTLS\nS: 454 4.7.0 TLS not available due to local problem\n");
    CommandException e =
        catchThrowableOfType(CommandException.class, () -> SmtpClient.open(t, Security.STARTTLS, Transcripts.options()));
    assertThat(e.status()).isEqualTo("454");
    assertThat(e.isTransient()).isTrue();
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void partialPolicySendsToTheAcceptedRecipients() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\n"
                + "C: RCPT TO:<b@y.example>\n"
                + "C: RCPT TO:<nobody@y.example>\n"
                + "C: RCPT TO:<full@y.example>\n"
                + "C: DATA\n"
                + "S: 250 2.1.0 Ok\n"
                + "S: 250 2.1.5 Ok\n"
                + "S: 550 5.1.1 <nobody@y.example>: Recipient address rejected\n"
                + "S: 452 4.2.2 <full@y.example>: mailbox full\n"
                + "S: 354 go\n"
                + MSG_ON_WIRE
                + "S: 250 2.0.0 Ok: queued as Q1\n");
    SmtpClient c = open(t);
    Envelope env =
        Envelope.builder("a@x.example")
            .to("b@y.example", "nobody@y.example", "full@y.example")
            .recipientPolicy(RecipientPolicy.PARTIAL)
            .build();
    SendResult r = c.send(env, message(MSG));
    assertThat(r.accepted()).extracting(RecipientStatus::address).containsExactly("b@y.example");
    assertThat(r.refused()).extracting(RecipientStatus::address).containsExactly("nobody@y.example", "full@y.example");
    assertThat(r.recipients().get(1).isPermanentFailure()).isTrue();
    assertThat(r.recipients().get(1).reply().enhancedStatusText()).isEqualTo("5.1.1");
    assertThat(r.recipients().get(2).isTransientFailure()).isTrue();
    assertThat(r.allAccepted()).isFalse();
    t.assertDone();
  }

  @Test
  void allOrNothingWaitsForRcptRepliesAndResetsBeforeTheNextMessage() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\n"
                + "C: RCPT TO:<b@y.example>\n"
                + "C: RCPT TO:<c@y.example>\n"
                + "S: 250 2.1.0 Ok\n"
                + "S: 250 2.1.5 Ok\n"
                + "S: 450 4.2.0 <c@y.example>: greylisted\n"
                // next message: RSET goes in the same write as MAIL
                + "C: RSET\n"
                + "C: MAIL FROM:<a@x.example>\n"
                + "C: RCPT TO:<b@y.example>\n"
                + "C: RCPT TO:<c@y.example>\n"
                + "S: 250 2.0.0 Ok\n"
                + "S: 250 2.1.0 Ok\n"
                + "S: 250 2.1.5 Ok\n"
                + "S: 250 2.1.5 Ok\n"
                + "C: DATA\n"
                + "S: 354 go\n"
                + MSG_ON_WIRE
                + "S: 250 2.0.0 Ok: queued as Q2\n");
    SmtpClient c = open(t);
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example", "c@y.example"), message(MSG)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.RCPT);
    assertThat(e.isTransient()).isTrue();
    assertThat(e.status()).isEqualTo("450");
    assertThat(e.code()).isEqualTo("4.2.0");
    assertThat(e.recipients()).extracting(RecipientStatus::accepted).containsExactly(true, false);
    assertThat(e.getMessage()).contains("message from <a@x.example> to <b@y.example> and 1 more");
    assertThat(c.isUsable()).isTrue();
    assertThat(c.send(to("b@y.example", "c@y.example"), message(MSG)).queueId()).contains("Q2");
    t.assertDone();
  }

  @Test
  void everyRecipientRefused() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<nobody@y.example>\nC: DATA\n"
                + "S: 250 2.1.0 Ok\n"
                + "S: 550 5.1.1 <nobody@y.example>: Recipient address rejected\n"
                + "S: 554 5.5.1 Error: no valid recipients\n");
    SmtpClient c = open(t);
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("nobody@y.example"), message(MSG)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.RCPT);
    assertThat(e.isTransient()).isFalse();
    assertThat(e.code()).isEqualTo("5.1.1");
    assertThat(e.recipients().get(0).isPermanentFailure()).isTrue();
    t.assertDone();
  }

  @Test
  void senderRefused() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PLAIN + "C: MAIL FROM:<a@x.example>\nS: 553 5.7.1 <a@x.example>: Sender address rejected\n");
    SmtpClient c = open(t);
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.MAIL);
    assertThat(e.recipients().get(0).reply()).isNull();
    assertThat(e.recipients().get(0).toString()).isEqualTo("b@y.example: not attempted");
    assertThat(c.isUsable()).isTrue();
    t.assertDone();
  }

  @Test
  void contentRefusedAfterTheFinalDot() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n"
                + MSG_ON_WIRE
                + "S: 554 5.7.1 Spam message rejected\n"
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n"
                + MSG_ON_WIRE
                + "S: 451 4.3.0 Error: queue file write error\n");
    SmtpClient c = open(t);
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.CONTENT);
    assertThat(e.isTransient()).isFalse();
    // no RSET needed after the end of the content: the next MAIL follows directly
    MessageRejectedException e2 =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e2.isTransient()).isTrue();
    assertThat(e2.code()).isEqualTo("4.3.0");
    t.assertDone();
  }

  @Test
  void dataRefused() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PLAIN
                + "C: MAIL FROM:<a@x.example>\nS: 250 ok\nC: RCPT TO:<b@y.example>\nS: 250 ok\n"
                + "C: DATA\nS: 451 4.3.0 try later\n"
                + "C: RSET\nS: 250 ok\n");
    SmtpClient c = open(t);
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.DATA);
    assertThat(e.isTransient()).isTrue();
    assertThat(c.phase()).isEqualTo(SmtpSession.Phase.TRANSACTION);
    c.reset();
    assertThat(c.phase()).isEqualTo(SmtpSession.Phase.READY);
    t.assertDone();
  }

  @Test
  void bdatAfterTheEnvelopeReplies() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_CHUNKING
                + "C: MAIL FROM:<a@x.example>\n"
                + "C: RCPT TO:<b@y.example>\n"
                + "S: 250 2.1.0 Ok\nS: 250 2.1.5 Ok\n"
                + "C: BDAT 36 LAST\n"
                + "C~ Subject: hi\\r\\n\\r\\nhello\\r\\n.leading dot\\r\\n\n"
                + "S: 250 2.0.0 Ok: queued as B1\n"
                + QUIT);
    try (SmtpClient c = open(t, Transcripts.options().withChunking(true))) {
      assertThat(c.send(to("b@y.example"), message(MSG)).queueId()).contains("B1");
    }
    t.assertDone();
  }

  @Test
  void chunkingOffByDefaultMeansData() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_CHUNKING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n"
                + MSG_ON_WIRE
                + "S: 250 Ok\n");
    assertThat(Transcripts.options().chunking()).isFalse();
    open(t).send(to("b@y.example"), message(MSG));
    t.assertDone();
  }

  @Test
  void bdatChunksOneAtATime() throws Exception {
    String body = "x".repeat(510) + "\r\n" + "y".repeat(510) + "\r\n" + "z".repeat(174) + "\r\n";
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_CHUNKING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\n"
                + "S: 250 Ok\nS: 250 Ok\n"
                + "C: BDAT 512\nC~ " + "x".repeat(510) + "\\r\\n\n"
                + "S: 250 Ok\n"
                + "C: BDAT 512\nC~ " + "y".repeat(510) + "\\r\\n\n"
                + "S: 250 Ok\n"
                + "C: BDAT 176 LAST\nC~ " + "z".repeat(174) + "\\r\\n\n"
                + "S: 250 Ok: queued as B3\n");
    SmtpClient c = open(t, Transcripts.options().withChunkSize(512).withChunking(true));
    SendResult r = c.send(to("b@y.example"), message(body));
    assertThat(r.queueId()).contains("B3");
    assertThat(r.contentBytes()).isEqualTo(1200);
    t.assertDone();
  }

  @Test
  void bdatLockstepStopsAtARefusedChunk() throws Exception {
    String body = "x".repeat(1200);
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250 CHUNKING\n"
                + "C: MAIL FROM:<a@x.example>\nS: 250 Ok\n"
                + "C: RCPT TO:<b@y.example>\nS: 250 Ok\n"
                + "C: BDAT 512\nC~ " + "x".repeat(512) + "\nS: 250 Ok\n"
                + "C: BDAT 512\nC~ " + "x".repeat(512) + "\nS: 552 5.3.4 Message size exceeds fixed limit\n"
                + "C: RSET\nS: 250 Ok\n");
    SmtpClient c = open(t, Transcripts.options().withChunkSize(512).withChunking(true));
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(body)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.CONTENT);
    assertThat(e.code()).isEqualTo("5.3.4");
    c.reset();
    t.assertDone();
  }

  @Test
  void binaryMimeGoesAsIsOverBdat() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_CHUNKING
                + "C: MAIL FROM:<a@x.example> BODY=BINARYMIME\nC: RCPT TO:<b@y.example>\n"
                + "S: 250 Ok\nS: 250 Ok\n"
                + "C: BDAT 8 LAST\nC~ a\\nb\\rc\\x00.\\r\n"
                + "S: 250 Ok\n");
    SmtpClient c = open(t, Transcripts.options().withChunking(false));
    Envelope env = Envelope.builder("a@x.example").to("b@y.example").body(BodyType.BINARY_MIME).build();
    c.send(env, new ByteArrayInputStream(new byte[] {'a', '\n', 'b', '\r', 'c', 0, '.', '\r'}));
    // 8 bytes in; the encoder passes them through (BDAT size counts exactly what is sent)
    t.assertDone();
  }

  @Test
  void dsnSizeAndSmtputf8Parameters() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example> SIZE=41 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=id+2B1\n"
                + "C: RCPT TO:<jörg@y.example> NOTIFY=SUCCESS,FAILURE ORCPT=utf-8;j\\\\x{F6}rg@y.example\n"
                + "C: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n"
                + "C: Subject: grüße\nC: \nC: hello\nC: ..leading dot\nC: .\n"
                + "S: 250 Ok\n");
    SmtpClient c = open(t);
    String msg = "Subject: grüße\r\n\r\nhello\r\n.leading dot\r\n";
    Envelope env =
        Envelope.builder("a@x.example")
            .to(new RcptTo("jörg@y.example", EnumSet.of(DsnNotify.FAILURE, DsnNotify.SUCCESS), "jörg@y.example"))
            .size(msg.getBytes(StandardCharsets.UTF_8).length)
            .body(BodyType.EIGHT_BIT_MIME)
            .dsn(DsnReturn.HDRS, "id+1")
            .build();
    assertThat(env.mailFrom().smtputf8()).isTrue();
    c.send(env, message(msg));
    t.assertDone();
  }

  @Test
  void missingExtensionsAreRefusedBeforeAnythingIsSent() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(EHLO_PLAIN);
    SmtpClient c = open(t);
    assertThatThrownBy(() -> c.send(to("jörg@y.example"), message(MSG)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMTPUTF8");
    assertThatThrownBy(() -> c.send(Envelope.builder("a@x.example").to("b@y.example", Set.of(DsnNotify.NEVER)).build(), message(MSG)))
        .hasMessageContaining("DSN");
    assertThatThrownBy(() -> c.send(Envelope.builder("a@x.example").to("b@y.example").body(BodyType.BINARY_MIME).build(), message(MSG)))
        .hasMessageContaining("BINARYMIME");
    assertThatThrownBy(() -> c.send(Envelope.builder("a@x.example").to("b@y.example").requireTls().build(), message(MSG)))
        .hasMessageContaining("REQUIRETLS");
    assertThat(c.isUsable()).isTrue();
    t.assertDone();
  }

  @Test
  void bareLineEndsAreConvertedByDefaultAndRejectedOnRequest() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PLAIN
                + "C: MAIL FROM:<a@x.example>\nS: 250 ok\nC: RCPT TO:<b@y.example>\nS: 250 ok\n"
                + "C: DATA\nS: 354 go\n"
                + "C: a\nC: ..\nC: b\nC: .\n"
                + "S: 250 ok\n");
    SmtpClient c = open(t);
    c.send(to("b@y.example"), message("a\n.\rb"));
    t.assertDone();

    ScriptedTransport strict =
        ScriptedTransport.of(
            EHLO_PLAIN
                + "C: MAIL FROM:<a@x.example>\nS: 250 ok\nC: RCPT TO:<b@y.example>\nS: 250 ok\n"
                + "C: DATA\nS: 354 go\n");
    SmtpClient s = open(strict, Transcripts.options().withLineEndings(LineEndings.REJECT));
    assertThatThrownBy(() -> s.send(to("b@y.example"), message("a\nb\r\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare LF at offset 1")
        .hasMessageContaining("not sent");
    assertThat(strict.isClosed()).isTrue();
    assertThat(new String(strict.sentBytes(), StandardCharsets.US_ASCII)).doesNotContain("\r\n.\r\n");
  }

  @Test
  void lmtpOneReplyPerAcceptedRecipient() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            "S: 220 lmtp.example Dovecot ready.\n"
                + "C: LHLO client.example\n"
                + "S: 250-lmtp.example\nS: 250-8BITMIME\nS: 250-ENHANCEDSTATUSCODES\nS: 250 PIPELINING\n"
                + "C: MAIL FROM:<a@x.example>\n"
                + "C: RCPT TO:<alice@y.example>\n"
                + "C: RCPT TO:<nobody@y.example>\n"
                + "C: RCPT TO:<bob@y.example>\n"
                + "C: DATA\n"
                + "S: 250 2.1.0 OK\n"
                + "S: 250 2.1.5 OK\n"
                + "S: 550 5.1.1 <nobody@y.example> User doesn't exist: nobody@y.example\n"
                + "S: 250 2.1.5 OK\n"
                + "S: 354 OK\n"
                + MSG_ON_WIRE
                + "S: 250 2.0.0 <alice@y.example> Gf8nKbZ1bmZ7CQAAm5vhGQ Saved\n"
                + "S: 452 4.2.2 <bob@y.example> Quota exceeded\n"
                + "C: QUIT\nS: 221 2.0.0 OK\n");
    Envelope env =
        Envelope.builder("a@x.example")
            .to("alice@y.example", "nobody@y.example", "bob@y.example")
            .recipientPolicy(RecipientPolicy.PARTIAL)
            .build();
    try (SmtpClient c = SmtpClient.open(t, Security.PLAIN, Transcripts.options().withDialect(Dialect.LMTP))) {
      SendResult r = c.send(env, message(MSG));
      assertThat(r.queueId()).contains("Gf8nKbZ1bmZ7CQAAm5vhGQ");
      assertThat(r.recipients()).extracting(RecipientStatus::accepted).containsExactly(true, false, false);
      assertThat(r.recipients().get(0).deliveryReply().text()).endsWith("Saved");
      assertThat(r.recipients().get(1).deliveryReply()).isNull();
      assertThat(r.recipients().get(1).isPermanentFailure()).isTrue();
      assertThat(r.recipients().get(2).rcptReply().code()).isEqualTo(250);
      assertThat(r.recipients().get(2).isTransientFailure()).isTrue();
    }
    t.assertDone();
  }

  @Test
  void lmtpEveryDeliveryFailing() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            "S: 220 lmtp\nC: LHLO client.example\nS: 250-lmtp\nS: 250 CHUNKING\n"
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\n"
                + "S: 250 OK\nS: 250 OK\n"
                + "C: BDAT 36 LAST\n"
                + "C~ Subject: hi\\r\\n\\r\\nhello\\r\\n.leading dot\\r\\n\n"
                + "S: 452 4.2.2 <b@y.example> Quota exceeded\n");
    SmtpClient c =
        SmtpClient.open(t, Security.PLAIN, Transcripts.options().withDialect(Dialect.LMTP).withChunking(true));
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.CONTENT);
    assertThat(e.isTransient()).isTrue();
    assertThat(e.recipients().get(0).deliveryReply().code()).isEqualTo(452);
    t.assertDone();
  }

  @Test
  void authPlainWithInitialResponseIsRedacted() throws Exception {
    Transcripts.Trace trace = new Transcripts.Trace();
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250 AUTH PLAIN\n"
                + "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: 235 2.7.0 Authentication successful\n");
    SmtpClient c =
        SmtpClient.open(
            t,
            Security.PLAIN,
            trace.options().withSasl(org.mailwire.sasl.SaslOptions.defaults().allowPlaintextOnInsecureChannel(true)));
    c.login(org.mailwire.sasl.Credentials.password("alice", "secret".toCharArray()));
    assertThat(c.isAuthenticated()).isTrue();
    assertThat(trace.lines).contains("C: AUTH PLAIN " + org.mailwire.transport.WireTrace.REDACTED);
    assertThat(String.join("\n", trace.lines)).doesNotContain("AGFsaWNl");
    assertThatThrownBy(() -> c.login(org.mailwire.sasl.Credentials.password("alice", "x".toCharArray())))
        .hasMessageContaining("already");
    t.assertDone();
  }

  @Test
  void authRefusedKeepsTheConnection() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING
                + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250 AUTH PLAIN\n"
                + "C: AUTH PLAIN AGFsaWNlAHdyb25n\nS: 535 5.7.8 Error: authentication failed\n"
                + "C: NOOP\nS: 250 ok\n");
    SmtpClient c =
        SmtpClient.open(
            t,
            Security.PLAIN,
            Transcripts.options().withSasl(org.mailwire.sasl.SaslOptions.defaults().allowPlaintextOnInsecureChannel(true)));
    CommandException e =
        catchThrowableOfType(CommandException.class, () -> c.login(org.mailwire.sasl.Credentials.password("alice", "wrong".toCharArray())));
    assertThat(e.status()).isEqualTo("535");
    assertThat(e.code()).isEqualTo("5.7.8");
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain("AGFsaWNl");
    assertThat(c.isAuthenticated()).isFalse();
    c.noop();
    t.assertDone();
  }

  @Test
  void plaintextMechanismsAreNotUsedWithoutTlsUnlessAllowed() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(GREETING + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250 AUTH PLAIN LOGIN\n");
    SmtpClient c = open(t);
    assertThatThrownBy(() -> c.login(org.mailwire.sasl.Credentials.password("alice", "secret".toCharArray())))
        .isInstanceOf(org.mailwire.sasl.SaslException.class);
    assertThat(c.isUsable()).isTrue();
    t.assertDone();
  }

  @Test
  void traceSummarisesTheBody() throws Exception {
    Transcripts.Trace trace = new Transcripts.Trace();
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n"
                + MSG_ON_WIRE
                + "S: 250 Ok: queued as T\n");
    SmtpClient c = open(t, trace.options());
    c.send(to("b@y.example"), message(MSG));
    assertThat(trace.lines).contains("C: MAIL FROM:<a@x.example>", "C: DATA", "S: 354 go", "C: <body 40 bytes>", "S: 250 Ok: queued as T");
    assertThat(String.join("\n", trace.lines)).doesNotContain("hello");
  }

  // ---- hostile servers -------------------------------------------------------------------------

  @Test
  void garbageGreeting() {
    ScriptedTransport t = ScriptedTransport.of("S: HTTP/1.1 400 Bad Request\n");
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> open(t));
    assertThat(e.offset()).isZero();
    assertThat(e.excerpt()).startsWith("HTTP/1.1 400");
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void refusedGreetingIsAnsweredWithQuit() {
    ScriptedTransport t =
        ScriptedTransport.of("S: 554 5.7.1 No SMTP service here\n" + QUIT);
    CommandException e = catchThrowableOfType(CommandException.class, () -> open(t));
    assertThat(e.status()).isEqualTo("554");
    assertThat(e.isTransient()).isFalse();
    assertThat(t.isClosed()).isTrue();
    t.assertDone();
  }

  @Test
  void tenMebibyteReplyLineIsCutOffWithBoundedMemory() {
    ScriptedTransport t = ScriptedTransport.of("S: 220 " + "a".repeat(10 * 1024 * 1024) + "\n");
    LimitExceededException e = catchThrowableOfType(LimitExceededException.class, () -> open(t));
    assertThat(e.limitName()).isEqualTo("maxLineLength");
    assertThat(e.limit()).isEqualTo(4096);
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void replyCodeChangingMidMultiLineReply() {
    ScriptedTransport t =
        ScriptedTransport.of(
            GREETING + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250-PIPELINING\nS: 550 CHUNKING\n");
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> open(t));
    assertThat(e.getMessage()).contains("reply code changed from 250 to 550");
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void serverClosingAfterTheFinalDotIsNeverASuccess() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n"
                + MSG_ON_WIRE
                + "-- close\n");
    SmtpClient c = open(t);
    Envelope env = Envelope.builder("a@x.example").to("b@y.example").label("<m1@x.example>").build();
    TransferFailedException e = catchThrowableOfType(TransferFailedException.class, () -> c.send(env, message(MSG)));
    assertThat(e.label()).isEqualTo("<m1@x.example>");
    assertThat(e.getMessage()).startsWith("<m1@x.example> was not sent");
    assertThat(e.mayHaveBeenDelivered()).isTrue();
    assertThat(e.contentStarted()).isTrue();
    assertThat(e.getCause()).isInstanceOf(ConnectionClosedException.class);
    assertThat(c.isUsable()).isFalse();
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void connectionLostMidDataIsAnExceptionNamingTheMessage() throws Exception {
    ScriptedTransport inner =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n");
    Transcripts.BreakingTransport t = new Transcripts.BreakingTransport(inner, 80 + 64 * 1024);
    SmtpClient c = SmtpClient.open(t, Security.PLAIN, Transcripts.options().withChunkSize(16 * 1024));
    Envelope env = Envelope.builder("a@x.example").to("b@y.example").label("<big@x.example>").build();
    byte[] big = ("line of text\r\n".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
    TransferFailedException e =
        catchThrowableOfType(TransferFailedException.class, () -> c.send(env, new ByteArrayInputStream(big)));
    assertThat(e.label()).isEqualTo("<big@x.example>");
    assertThat(e.stage()).isEqualTo("sending the content");
    assertThat(e.contentStarted()).isTrue();
    assertThat(e.mayHaveBeenDelivered()).isFalse();
    assertThat(e.contentBytes()).isBetween(1L, (long) big.length - 1);
    assertThat(e.getCause()).hasMessageContaining("Connection reset");
    assertThat(t.closed).isTrue();
    assertThatThrownBy(() -> c.send(env, new ByteArrayInputStream(big))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void callerStreamFailingMidDataClosesTheConnectionWithoutTheDot() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: 250 Ok\nS: 354 go\n");
    SmtpClient c = open(t, Transcripts.options().withChunkSize(512));
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream("x".repeat(600).getBytes(StandardCharsets.US_ASCII)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("disk on fire");
              }
            });
    TransferFailedException e = catchThrowableOfType(TransferFailedException.class, () -> c.send(to("b@y.example"), failing));
    assertThat(e.getCause()).hasMessage("disk on fire");
    assertThat(e.mayHaveBeenDelivered()).isFalse();
    assertThat(t.isClosed()).isTrue();
    assertThat(new String(t.sentBytes(), StandardCharsets.US_ASCII)).doesNotContain("\r\n.\r\n");
  }

  @Test
  void serviceClosing421() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 421 4.4.2 mx.example.com Error: timeout exceeded\n"
                + "-- close\n");
    SmtpClient c = open(t);
    MessageRejectedException e =
        catchThrowableOfType(MessageRejectedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e.status()).isEqualTo("421");
    assertThat(e.isTransient()).isTrue();
    assertThat(c.isUsable()).isFalse();
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void unsolicitedBytesBeforeACommandAreAProtocolError() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(EHLO_PLAIN + "C: NOOP\nS: 250 ok\nS: 250 surprise\n");
    SmtpClient c = open(t);
    c.noop();
    ProtocolException e = catchThrowableOfType(ProtocolException.class, c::noop);
    assertThat(e.getMessage()).contains("nobody asked for");
    assertThat(t.isClosed()).isTrue();
  }

  @Test
  void malformedReplyMidTransactionFailsTheSend() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            EHLO_PIPELINING
                + "C: MAIL FROM:<a@x.example>\nC: RCPT TO:<b@y.example>\nC: DATA\n"
                + "S: 250 Ok\nS: OK 250\n");
    SmtpClient c = open(t);
    TransferFailedException e = catchThrowableOfType(TransferFailedException.class, () -> c.send(to("b@y.example"), message(MSG)));
    assertThat(e.getCause()).isInstanceOf(ProtocolException.class);
    assertThat(e.contentStarted()).isFalse();
    assertThat(t.isClosed()).isTrue();
  }
}
