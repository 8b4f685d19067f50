package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailwire.smtp.RigMessages.assertDeliveredIntact;
import static org.mailwire.smtp.RigMessages.message;
import static org.mailwire.smtp.RigMessages.newId;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.sasl.Credentials;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.smtp.codec.BodyType;
import org.mailwire.smtp.codec.DsnNotify;
import org.mailwire.smtp.codec.DsnReturn;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.smtp.codec.RcptTo;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.Rig;

/**
 * Against the rig's real Postfix (delivering through Dovecot's LDA): submission with STARTTLS and
 * every offered SASL mechanism, implicit TLS, PIPELINING, BDAT, SMTPUTF8, DSN. Each message has a
 * unique Message-ID and is read back over IMAP byte for byte.
 */
class SmtpRigIT {
  static final int WAIT = 30;

  final List<String> trace = new ArrayList<>();

  SmtpOptions options() {
    return SmtpOptions.defaults()
        .withClientDomain("client.mailwire.test")
        .withTrace(WireTrace.to(trace::add))
        .withTimeouts(SmtpTimeouts.uniform(Duration.ofSeconds(30)));
  }

  static Endpoint endpoint(String service, Security security) {
    return Rig.get().endpoint(service, security).build();
  }

  static Credentials alice() {
    return Credentials.password(Rig.get().user(1), Rig.get().password(1).toCharArray());
  }

  static String aliceAddress() {
    return Rig.get().address(1);
  }

  static String bobAddress() {
    return Rig.get().address(2);
  }

  @Test
  void submissionOffersEveryMechanismOnlyAfterStartTls() throws Exception {
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), options())) {
      assertThat(c.isSecure()).isTrue();
      assertThat(c.tlsInfo()).isPresent();
      assertThat(c.capabilities().has(Extension.STARTTLS)).isFalse();
      assertThat(c.capabilities().authMechanisms())
          .contains("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
      assertThat(c.capabilities().extensions())
          .contains(Extension.PIPELINING, Extension.SIZE, Extension.ENHANCEDSTATUSCODES, Extension.EIGHTBITMIME,
              Extension.DSN, Extension.SMTPUTF8, Extension.CHUNKING);
    }
    assertThat(trace).contains("C: STARTTLS").anyMatch(l -> l.startsWith("-- TLS established"));
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"PLAIN", "LOGIN", "CRAM_MD5", "SCRAM_SHA_1", "SCRAM_SHA_256"})
  void startTlsAuthAndSendWithEveryMechanism(Mechanism mechanism) throws Exception {
    String id = newId("auth-" + mechanism.saslName());
    byte[] msg = message(aliceAddress(), bobAddress(), id, "via " + mechanism.saslName(), "Hello Bob.\r\n");
    SmtpOptions o = options().withSasl(SaslOptions.defaults().forceMechanism(mechanism));
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), o)) {
      c.login(alice());
      assertThat(c.isAuthenticated()).isTrue();
      SendResult r = c.send(Envelope.builder(aliceAddress()).to(bobAddress()).label(id).build(), new ByteArrayInputStream(msg));
      assertThat(r.queueId()).isPresent();
      assertThat(r.finalReply().enhancedStatusText()).isEqualTo("2.0.0");
    }
    assertThat(trace).anyMatch(l -> l.startsWith("C: AUTH " + mechanism.saslName()));
    String all = String.join("\n", trace);
    assertThat(all).doesNotContain(Rig.get().password(1));
    assertDeliveredIntact(RigImap.awaitMessage(2, id, WAIT), msg);
  }

  @Test
  void autoChosenMechanismIsTheStrongest() throws Exception {
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), options())) {
      c.login(alice());
      assertThat(c.isAuthenticated()).isTrue();
    }
    assertThat(trace).anyMatch(l -> l.startsWith("C: AUTH SCRAM-SHA-256"));
  }

  @Test
  void wrongPasswordIsRefusedWith535() throws Exception {
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), options())) {
      org.mailwire.transport.CommandException e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              org.mailwire.transport.CommandException.class,
              () -> c.login(Credentials.password(Rig.get().user(1), "wrong".toCharArray())));
      assertThat(e.status()).isEqualTo("535");
      assertThat(e.code()).isEqualTo("5.7.8");
      assertThat(e.isTransient()).isFalse();
      assertThat(c.isUsable()).isTrue();
    }
  }

  @Test
  void unauthenticatedSubmissionIsRefusedPerRecipient() throws Exception {
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), options())) {
      MessageRejectedException e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              MessageRejectedException.class,
              () -> c.send(Envelope.builder(aliceAddress()).to(bobAddress()).build(),
                  new ByteArrayInputStream(message(aliceAddress(), bobAddress(), newId("noauth"), "x", "x\r\n"))));
      assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.RCPT);
      assertThat(e.isTransient()).isFalse();
      assertThat(e.recipients().get(0).reply().code()).isEqualTo(554);
      assertThat(e.recipients().get(0).reply().enhancedStatusText()).isEqualTo("5.7.1");
      assertThat(c.isUsable()).isTrue();
    }
  }

  @Test
  void implicitTls() throws Exception {
    String id = newId("smtps");
    byte[] msg = message(aliceAddress(), bobAddress(), id, "implicit TLS", "Over smtps.\r\n");
    try (SmtpClient c = SmtpClient.connect(endpoint("smtps", Security.IMPLICIT_TLS), options())) {
      assertThat(c.isSecure()).isTrue();
      assertThat(trace).doesNotContain("C: STARTTLS");
      c.login(alice());
      c.send(Envelope.builder(aliceAddress()).to(bobAddress()).build(), new ByteArrayInputStream(msg));
    }
    assertDeliveredIntact(RigImap.awaitMessage(2, id, WAIT), msg);
  }

  @Test
  void pipeliningSendsTheEnvelopeAndDataInOneWrite() throws Exception {
    String id = newId("pipelining");
    byte[] msg = message(aliceAddress(), bobAddress(), id, "pipelined", "Two recipients, one write.\r\n.dot\r\n");
    Endpoint ep = endpoint("smtp", Security.PLAIN);
    RigMessages.FlushRecorder rec = new RigMessages.FlushRecorder(SocketTransport.connect(ep));
    try (SmtpClient c = SmtpClient.open(rec, Security.PLAIN, options().withChunking(false))) {
      assertThat(c.capabilities().has(Extension.PIPELINING)).isTrue();
      Envelope env =
          Envelope.builder(aliceAddress()).to(aliceAddress(), bobAddress()).recipientPolicy(RecipientPolicy.PARTIAL).build();
      SendResult r = c.send(env, new ByteArrayInputStream(msg));
      assertThat(r.allAccepted()).isTrue();
    }
    assertThat(rec.flushes)
        .contains("MAIL FROM:<" + aliceAddress() + ">\r\nRCPT TO:<" + aliceAddress() + ">\r\nRCPT TO:<" + bobAddress() + ">\r\nDATA\r\n");
    assertDeliveredIntact(RigImap.awaitMessage(1, id, WAIT), msg);
    assertDeliveredIntact(RigImap.awaitMessage(2, id, WAIT), msg);
  }

  @Test
  void bdatAfterTheEnvelopeAndBigMessagesInChunks() throws Exception {
    String small = newId("bdat-small");
    byte[] smallMsg = message(aliceAddress(), bobAddress(), small, "bdat small", "Fits one chunk.\r\n");
    String big = newId("bdat-big");
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 300_000; i++) {
      body.append(i % 7 == 0 ? "." : "").append("line ").append(i).append(" of a large message, ümlaut\r\n");
    }
    byte[] bigMsg = message(aliceAddress(), bobAddress(), big, "bdat big", body.toString());
    Endpoint ep = endpoint("smtp", Security.PLAIN);
    RigMessages.FlushRecorder rec = new RigMessages.FlushRecorder(SocketTransport.connect(ep));
    try (SmtpClient c = SmtpClient.open(rec, Security.PLAIN, options().withChunkSize(64 * 1024).withChunking(true))) {
      assertThat(c.capabilities().has(Extension.CHUNKING)).isTrue();
      c.send(Envelope.builder(aliceAddress()).to(bobAddress()).body(BodyType.EIGHT_BIT_MIME).build(), new ByteArrayInputStream(smallMsg));
      SendResult r = c.send(Envelope.builder(aliceAddress()).to(bobAddress()).body(BodyType.EIGHT_BIT_MIME).build(), new ByteArrayInputStream(bigMsg));
      assertThat(r.contentBytes()).isEqualTo(bigMsg.length);
    }
    assertThat(rec.flushes).contains("MAIL FROM:<" + aliceAddress() + "> BODY=8BITMIME\r\nRCPT TO:<" + bobAddress() + ">\r\n");
    assertThat(rec.flushes).anyMatch(f -> f.startsWith("BDAT " + smallMsg.length + " LAST\r\n"));
    assertThat(trace).filteredOn(l -> l.startsWith("C: BDAT ")).hasSizeGreaterThanOrEqualTo(1 + 5);
    assertDeliveredIntact(RigImap.awaitMessage(2, small, WAIT), smallMsg);
    assertDeliveredIntact(RigImap.awaitMessage(2, big, WAIT), bigMsg);
  }

  @Test
  void dataWithDotStuffingArrivesIntact() throws Exception {
    String id = newId("data");
    byte[] msg = message(aliceAddress(), bobAddress(), id, "dots", ".\r\n..\r\n.x\r\nlast line without dot\r\n.");
    try (SmtpClient c = SmtpClient.connect(endpoint("smtp", Security.PLAIN), options().withChunking(false))) {
      c.send(Envelope.builder(aliceAddress()).to(bobAddress()).build(), new ByteArrayInputStream(msg));
    }
    // the message did not end with CRLF; the client adds one before the terminator
    byte[] expected = (new String(msg, StandardCharsets.UTF_8) + "\r\n").getBytes(StandardCharsets.UTF_8);
    assertDeliveredIntact(RigImap.awaitMessage(2, id, WAIT), expected);
  }

  @Test
  void smtputf8WithARawUtf8Header() throws Exception {
    String id = newId("utf8");
    byte[] msg =
        message(aliceAddress(), bobAddress(), id, "Grüße aus Köln ✉ 你好", "Ünïcødé body, raw UTF-8 headers.\r\n");
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), options())) {
      c.login(alice());
      assertThat(c.capabilities().has(Extension.SMTPUTF8)).isTrue();
      Envelope env =
          Envelope.builder(aliceAddress()).to(bobAddress()).smtputf8(true).body(BodyType.EIGHT_BIT_MIME).build();
      c.send(env, new ByteArrayInputStream(msg));
    }
    assertThat(trace).anyMatch(l -> l.contains("BODY=8BITMIME SMTPUTF8"));
    assertDeliveredIntact(RigImap.awaitMessage(2, id, WAIT), msg);
  }

  @Test
  void dsnSuccessNoticeComesBack() throws Exception {
    String id = newId("dsn");
    String envid = "mw-" + java.util.UUID.randomUUID();
    byte[] msg = message(aliceAddress(), bobAddress(), id, "DSN please", "Tell Alice when this arrives.\r\n");
    try (SmtpClient c = SmtpClient.connect(endpoint("submission", Security.STARTTLS), options())) {
      c.login(alice());
      Envelope env =
          Envelope.builder(aliceAddress())
              .to(new RcptTo(bobAddress(), EnumSet.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), bobAddress()))
              .dsn(DsnReturn.HDRS, envid)
              .build();
      c.send(env, new ByteArrayInputStream(msg));
    }
    assertThat(trace).anyMatch(l -> l.equals("C: MAIL FROM:<" + aliceAddress() + "> RET=HDRS ENVID=" + envid));
    assertThat(trace).anyMatch(l -> l.equals("C: RCPT TO:<" + bobAddress() + "> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;" + bobAddress()));
    assertDeliveredIntact(RigImap.awaitMessage(2, id, WAIT), msg);
    long deadline = System.nanoTime() + WAIT * 1_000_000_000L;
    while (true) {
      try (RigImap imap = RigImap.login(1)) {
        List<Long> uids = imap.searchText(envid);
        if (!uids.isEmpty()) {
          String dsn = new String(imap.fetch(uids.get(0)), StandardCharsets.UTF_8);
          assertThat(dsn).contains("multipart/report").contains("delivery-status");
          assertThat(dsn).containsIgnoringCase("Original-Envelope-Id: " + envid);
          // Postfix reports delivery through its pipe transport as "relayed"; the status is success
          assertThat(dsn).containsPattern("Action: (delivered|relayed)");
          assertThat(dsn).contains("Status: 2.0.0");
          assertThat(dsn).contains("Final-Recipient: rfc822; " + bobAddress());
          // RET=HDRS: the headers come back, the body does not
          assertThat(dsn).contains("text/rfc822-headers").contains("Message-ID: " + id).doesNotContain("Tell Alice");
          break;
        }
      }
      assertThat(System.nanoTime()).as("DSN success notice within %d s", WAIT).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @Test
  void manyMessagesOnOneConnection() throws Exception {
    List<String> ids = new ArrayList<>();
    List<byte[]> msgs = new ArrayList<>();
    try (SmtpClient c = SmtpClient.connect(endpoint("smtp", Security.PLAIN), options())) {
      for (int i = 0; i < 5; i++) {
        String id = newId("many" + i);
        byte[] msg = message(aliceAddress(), bobAddress(), id, "message " + i, "number " + i + "\r\n");
        ids.add(id);
        msgs.add(msg);
        assertThat(c.send(Envelope.builder(aliceAddress()).to(bobAddress()).build(), new ByteArrayInputStream(msg)).queueId()).isPresent();
      }
      c.noop();
      c.reset();
    }
    for (int i = 0; i < ids.size(); i++) {
      assertDeliveredIntact(RigImap.awaitMessage(2, ids.get(i), WAIT), msgs.get(i));
    }
  }

  @Test
  void poolSpreadsMessagesOverConnections() throws Exception {
    String token = "pool." + java.util.UUID.randomUUID();
    List<SmtpPool.Message> messages = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String id = "<" + i + "." + token + "@mailwire.test>";
      byte[] msg = message(aliceAddress(), bobAddress(), id, "pooled " + i, "pooled message " + i + "\r\n");
      messages.add(new SmtpPool.Message(Envelope.builder(aliceAddress()).to(bobAddress()).label(id).build(), () -> new ByteArrayInputStream(msg)));
    }
    try (SmtpPool pool = SmtpPool.create(endpoint("submission", Security.STARTTLS), options(), alice(), 4)) {
      List<SmtpPool.Outcome> out = pool.sendAll(messages);
      assertThat(out).allMatch(SmtpPool.Outcome::sent);
      assertThat(pool.connectionsOpened()).isBetween(1L, 4L);
    }
    long deadline = System.nanoTime() + WAIT * 1_000_000_000L;
    int n;
    while ((n = RigImap.count(2, token)) < 24 && System.nanoTime() < deadline) {
      Thread.sleep(300);
    }
    assertThat(n).isEqualTo(24);
  }
}
