package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailwire.smtp.RigMessages.assertDeliveredIntact;
import static org.mailwire.smtp.RigMessages.message;
import static org.mailwire.smtp.RigMessages.newId;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.Rig;

/**
 * Against the rig's real Dovecot LMTP: LHLO, one delivery reply per accepted recipient, an unknown
 * recipient refused at RCPT (550 5.1.1) next to accepted ones. LMTP delivers before it replies,
 * so each message can be read back at once.
 */
class LmtpRigIT {
  final List<String> trace = new ArrayList<>();

  SmtpOptions options() {
    return SmtpOptions.lmtp()
        .withClientDomain("client.mailwire.test")
        .withTrace(WireTrace.to(trace::add))
        .withTimeouts(SmtpTimeouts.uniform(Duration.ofSeconds(30)));
  }

  static Endpoint lmtp(Security security) {
    return Rig.get().endpoint("lmtp", security).build();
  }

  static String alice() {
    return Rig.get().address(1);
  }

  static String bob() {
    return Rig.get().address(2);
  }

  @Test
  void lhloCapabilities() throws Exception {
    try (SmtpClient c = SmtpClient.connect(lmtp(Security.PLAIN), options())) {
      assertThat(c.capabilities().extensions())
          .contains(Extension.PIPELINING, Extension.CHUNKING, Extension.EIGHTBITMIME, Extension.ENHANCEDSTATUSCODES);
    }
    assertThat(trace).contains("C: LHLO client.mailwire.test");
  }

  @ParameterizedTest(name = "chunking {0}")
  @ValueSource(booleans = {false, true})
  void unknownRecipientRefusedNextToAcceptedOnes(boolean chunking) throws Exception {
    String id = newId("lmtp-partial-" + chunking);
    String nobody = "nobody-" + System.nanoTime() + "@localhost";
    byte[] msg = message(alice(), alice(), id, "LMTP partial", "To Alice and Bob, not to nobody.\r\n.dot line\r\n");
    Envelope env =
        Envelope.builder(alice()).to(alice(), nobody, bob()).recipientPolicy(RecipientPolicy.PARTIAL).label(id).build();
    SendResult r;
    try (SmtpClient c = SmtpClient.connect(lmtp(Security.PLAIN), options().withChunking(chunking))) {
      r = c.send(env, new ByteArrayInputStream(msg));
    }
    assertThat(r.recipients()).extracting(RecipientStatus::accepted).containsExactly(true, false, true);
    RecipientStatus refused = r.recipients().get(1);
    assertThat(refused.rcptReply().code()).isEqualTo(550);
    assertThat(refused.rcptReply().enhancedStatusText()).isEqualTo("5.1.1");
    assertThat(refused.isPermanentFailure()).isTrue();
    assertThat(refused.deliveryReply()).isNull();
    assertThat(r.recipients().get(0).deliveryReply().code()).isEqualTo(250);
    assertThat(r.recipients().get(2).deliveryReply().code()).isEqualTo(250);
    assertThat(r.queueId()).isPresent();
    assertThat(trace).anyMatch(l -> l.startsWith(chunking ? "C: BDAT " : "C: DATA"));
    // LMTP stored the message before replying: it is there now, byte for byte
    assertDeliveredIntact(RigImap.awaitMessage(1, id, 1), msg);
    assertDeliveredIntact(RigImap.awaitMessage(2, id, 1), msg);
  }

  @Test
  void allOrNothingDeliversNothingWhenOneRecipientIsUnknown() throws Exception {
    String id = newId("lmtp-none");
    byte[] msg = message(alice(), alice(), id, "LMTP none", "Nobody gets this.\r\n");
    Envelope env = Envelope.builder(alice()).to(alice(), "nobody@localhost").label(id).build();
    try (SmtpClient c = SmtpClient.connect(lmtp(Security.PLAIN), options())) {
      MessageRejectedException e =
          catchThrowableOfType(MessageRejectedException.class, () -> c.send(env, new ByteArrayInputStream(msg)));
      assertThat(e.stage()).isEqualTo(MessageRejectedException.Stage.RCPT);
      assertThat(e.code()).isEqualTo("5.1.1");
      assertThat(e.label()).isEqualTo(id);
      // the connection goes on: RSET, then the next message
      String id2 = newId("lmtp-after");
      byte[] msg2 = message(alice(), alice(), id2, "after", "after a refusal\r\n");
      c.send(Envelope.builder(alice()).to(alice()).build(), new ByteArrayInputStream(msg2));
      assertDeliveredIntact(RigImap.awaitMessage(1, id2, 1), msg2);
    }
    assertThat(trace).contains("C: RSET");
    assertThat(RigImap.count(1, id)).isZero();
  }

  @Test
  void lmtpOverStartTls() throws Exception {
    String id = newId("lmtp-tls");
    byte[] msg = message(alice(), bob(), id, "LMTP TLS", "secure delivery\r\n");
    try (SmtpClient c = SmtpClient.connect(lmtp(Security.STARTTLS), options())) {
      assertThat(c.isSecure()).isTrue();
      c.send(Envelope.builder(alice()).to(bob()).build(), new ByteArrayInputStream(msg));
    }
    assertDeliveredIntact(RigImap.awaitMessage(2, id, 1), msg);
  }
}
