package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.Rig;

/**
 * Every SASL mechanism Postfix's submission port offers (through Dovecot's auth service), after
 * STARTTLS, with a raw {@code AUTH} exchange: success with and without an initial response, 535
 * for a wrong password, and SCRAM with a tampered server signature.
 */
@Timeout(60)
class PostfixSubmissionAuthIT {
  private final Rig rig = Rig.get();

  /** One submission connection, after STARTTLS and the second EHLO. */
  private final class Session implements AutoCloseable {
    final SocketTransport transport;
    final RawExchange x;
    final List<String> offered = new ArrayList<>();
    final boolean offeredBeforeTls;

    Session(WireTrace trace) throws Exception {
      transport = SocketTransport.connect(
          rig.endpoint("submission", Security.STARTTLS).readTimeout(Duration.ofSeconds(30)).build());
      x = new RawExchange(transport, trace);
      assertThat(x.smtpReply()).startsWith("220");
      x.send("EHLO client.example");
      String ehlo = x.smtpReply();
      assertThat(ehlo).startsWith("250").contains("STARTTLS");
      offeredBeforeTls = ehlo.contains("AUTH");
      x.send("STARTTLS");
      assertThat(x.smtpReply()).startsWith("220");
      x.discard();
      transport.startTls();
      x.send("EHLO client.example");
      String secureEhlo = x.smtpReply();
      for (String line : secureEhlo.split("\n")) {
        String text = line.substring(4);
        if (text.regionMatches(true, 0, "AUTH ", 0, 5)) {
          offered.addAll(Arrays.asList(text.substring(5).trim().split(" +")));
        }
      }
    }

    void quit() throws Exception {
      x.send("QUIT");
      assertThat(x.smtpReply()).startsWith("221");
    }

    @Override
    public void close() {
      transport.close();
    }
  }

  private List<String> offered() throws Exception {
    try (Session s = new Session(WireTrace.OFF)) {
      return s.offered;
    }
  }



  private static boolean clientFirst(Mechanism m) {
    return m != Mechanism.LOGIN && m != Mechanism.CRAM_MD5;
  }

  @Test
  void submissionOffersAuthOnlyAfterStartTls() throws Exception {
    try (Session s = new Session(WireTrace.OFF)) {
      assertThat(s.offeredBeforeTls).isFalse();
      assertThat(s.offered).containsExactlyInAnyOrder("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
      s.quit();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyOfferedMechanismSucceeds() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : offered()) {
      Mechanism m = Mechanism.bySaslName(name).orElseThrow();
      for (boolean ir : clientFirst(m) ? new boolean[] {true, false} : new boolean[] {false}) {
        tests.add(DynamicTest.dynamicTest(name + (ir ? " with initial response" : " without initial response"),
            () -> {
              try (Session s = new Session(WireTrace.OFF)) {
                SaslClient sasl = Sasl.create(m, Credentials.password(rig.user(2), rig.password(2).toCharArray()),
                    s.transport.isSecure(), SaslOptions.defaults());
                RawExchange.Outcome o = s.x.smtpAuth(sasl, ir);
                assertThat(o.clientFailure()).isNull();
                assertThat(o.finalLine()).startsWith("235");
                assertThat(sasl.isComplete()).isTrue();
                s.quit();
              }
            }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyOfferedMechanismFailsWithAWrongPassword() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : offered()) {
      Mechanism m = Mechanism.bySaslName(name).orElseThrow();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        try (Session s = new Session(WireTrace.OFF)) {
          SaslClient sasl = Sasl.create(m, Credentials.password(rig.user(2), Secrets.PASSWORD.toCharArray()), true,
              SaslOptions.defaults());
          RawExchange.Outcome o = s.x.smtpAuth(sasl, clientFirst(m));
          assertThat(o.clientFailure()).isNull();
          assertThat(o.finalLine()).startsWith("535");
          assertThat(sasl.isComplete()).isFalse();
          s.quit();
        }
      }));
    }
    return tests.stream();
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"SCRAM_SHA_1", "SCRAM_SHA_256"})
  void scramWithATamperedServerSignatureIsRejected(Mechanism m) throws Exception {
    try (Session s = new Session(WireTrace.OFF)) {
      TamperingClient sasl = new TamperingClient(Sasl.create(m,
          Credentials.password(rig.user(1), rig.password(1).toCharArray()), true, SaslOptions.defaults()));
      RawExchange.Outcome o = s.x.smtpAuth(sasl, true);
      assertThat(sasl.tampered).isTrue();
      assertThat(o.clientFailure()).isNotNull();
      assertThat(o.clientFailure().getMessage()).contains("server signature is wrong");
      Secrets.assertClean(o.clientFailure(), rig.password(1));
      // "*" cancels: 501 5.7.0 Authentication aborted.
      assertThat(o.finalLine()).startsWith("501");
      assertThat(sasl.isComplete()).isFalse();
      s.quit();
    }
  }

  @Test
  void chooseAfterStartTlsPicksScramSha256() throws Exception {
    try (Session s = new Session(WireTrace.OFF)) {
      SaslClient sasl = Sasl.choose(s.offered, Credentials.password(rig.user(1), rig.password(1)),
          s.transport.isSecure(), SaslOptions.defaults());
      assertThat(sasl.mechanism()).isEqualTo(Mechanism.SCRAM_SHA_256);
      assertThat(s.x.smtpAuth(sasl, true).finalLine()).startsWith("235");
      assertThat(sasl.isComplete()).isTrue();
      s.quit();
    }
  }

  @Test
  void wireTraceOfPlainAndLoginShowsNoSecret() throws Exception {
    List<String> trace = new ArrayList<>();
    for (Mechanism m : new Mechanism[] {Mechanism.PLAIN, Mechanism.LOGIN, Mechanism.CRAM_MD5}) {
      try (Session s = new Session(WireTrace.to(trace::add))) {
        SaslClient sasl = Sasl.create(m, Credentials.password(rig.user(1), rig.password(1)), true,
            SaslOptions.defaults());
        assertThat(s.x.smtpAuth(sasl, clientFirst(m)).finalLine()).startsWith("235");
        s.quit();
      }
    }
    String all = String.join("\n", trace);
    assertThat(all).contains("C: AUTH PLAIN <redacted>", "C: AUTH LOGIN", "C: AUTH CRAM-MD5", "S: 235");
    Secrets.assertNoSecret(all, rig.password(1), "\0" + rig.user(1) + "\0" + rig.password(1));
  }
}
