package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
 * Every SASL mechanism Dovecot offers, over IMAPS (implicit TLS), with a raw {@code AUTHENTICATE}
 * exchange: success with and without SASL-IR, failure with a wrong password, and SCRAM with a
 * tampered server signature.
 */
@Timeout(60)
class DovecotImapAuthIT {
  private final Rig rig = Rig.get();

  /** One IMAPS connection: greeting read, ready for a command. */
  private final class Session implements AutoCloseable {
    final SocketTransport transport;
    final RawExchange x;
    final String greeting;

    Session(WireTrace trace) throws Exception {
      transport = SocketTransport.connect(
          rig.endpoint("imaps", Security.IMPLICIT_TLS).readTimeout(Duration.ofSeconds(30)).build());
      x = new RawExchange(transport, trace);
      greeting = x.line();
      assertThat(greeting).startsWith("* OK");
    }

    /** The AUTH= mechanisms of the capability list (from the greeting, or CAPABILITY). */
    List<String> offered() throws Exception {
      String caps = greeting.contains("[CAPABILITY ") ? greeting : null;
      if (caps == null) {
        x.send("c0 CAPABILITY");
        for (String l = x.line(); !l.startsWith("c0 "); l = x.line()) {
          if (l.startsWith("* CAPABILITY ")) {
            caps = l;
          }
        }
      }
      List<String> out = new ArrayList<>();
      for (String word : caps.replace("]", " ").split(" ")) {
        if (word.regionMatches(true, 0, "AUTH=", 0, 5)) {
          out.add(word.substring(5));
        }
      }
      return out;
    }

    /** Logs out and checks that the server answers: the connection survived the exchange. */
    void logout() throws Exception {
      x.send("z9 LOGOUT");
      String l;
      do {
        l = x.line();
      } while (!l.startsWith("z9 "));
      assertThat(l).startsWith("z9 OK");
    }

    @Override
    public void close() {
      transport.close();
    }
  }

  private List<String> offered() throws Exception {
    try (Session s = new Session(WireTrace.OFF)) {
      return s.offered();
    }
  }



  private static boolean clientFirst(Mechanism m) {
    return m != Mechanism.LOGIN && m != Mechanism.CRAM_MD5;
  }

  @Test
  void dovecotOffersTheFivePasswordMechanisms() throws Exception {
    assertThat(offered()).containsExactlyInAnyOrder("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
  }

  @TestFactory
  Stream<DynamicTest> everyOfferedMechanismSucceeds() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : offered()) {
      Mechanism m = Mechanism.bySaslName(name).orElseThrow();
      for (boolean ir : clientFirst(m) ? new boolean[] {true, false} : new boolean[] {false}) {
        tests.add(DynamicTest.dynamicTest(name + (ir ? " with SASL-IR" : " without SASL-IR"), () -> {
          try (Session s = new Session(WireTrace.OFF)) {
            SaslClient sasl = Sasl.create(m, Credentials.password(rig.user(1), rig.password(1).toCharArray()),
                s.transport.isSecure(), SaslOptions.defaults());
            RawExchange.Outcome o = s.x.imapAuthenticate("a1", sasl, ir);
            assertThat(o.clientFailure()).isNull();
            assertThat(o.finalLine()).startsWith("a1 OK");
            assertThat(sasl.isComplete()).isTrue();
            s.logout();
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
          SaslClient sasl = Sasl.create(m, Credentials.password(rig.user(1), Secrets.PASSWORD.toCharArray()),
              true, SaslOptions.defaults());
          RawExchange.Outcome o = s.x.imapAuthenticate("a1", sasl, clientFirst(m));
          assertThat(o.clientFailure()).isNull();
          assertThat(o.finalLine()).startsWith("a1 NO");
          assertThat(sasl.isComplete()).isFalse();
          s.logout();
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
      RawExchange.Outcome o = s.x.imapAuthenticate("a1", sasl, true);
      assertThat(sasl.tampered).isTrue();
      assertThat(o.clientFailure()).isNotNull();
      assertThat(o.clientFailure().getMessage()).contains("server signature is wrong");
      Secrets.assertClean(o.clientFailure(), rig.password(1));
      // The client cancelled with "*": Dovecot ends the command with BAD/NO, not OK.
      assertThat(o.finalLine()).matches("a1 (BAD|NO) .*");
      assertThat(sasl.isComplete()).isFalse();
      s.logout();
    }
  }

  @Test
  void chooseOverTlsPicksScramSha256AndAuthenticatesBob() throws Exception {
    try (Session s = new Session(WireTrace.OFF)) {
      SaslClient sasl = Sasl.choose(s.offered(), Credentials.password(rig.user(2), rig.password(2)),
          s.transport.isSecure(), SaslOptions.defaults());
      assertThat(sasl.mechanism()).isEqualTo(Mechanism.SCRAM_SHA_256);
      RawExchange.Outcome o = s.x.imapAuthenticate("a1", sasl, true);
      assertThat(o.finalLine()).startsWith("a1 OK");
      assertThat(sasl.isComplete()).isTrue();
      s.logout();
    }
  }

  @Test
  void plainWithAuthorizationIdOfAnotherUserIsRefused() throws Exception {
    // Dovecot has no master users here: acting as bob while authenticating as alice must fail.
    try (Session s = new Session(WireTrace.OFF)) {
      SaslClient sasl = Sasl.create(Mechanism.PLAIN,
          Credentials.password(rig.user(2), rig.user(1), rig.password(1)), true, SaslOptions.defaults());
      RawExchange.Outcome o = s.x.imapAuthenticate("a1", sasl, true);
      assertThat(o.finalLine()).startsWith("a1 NO");
      s.logout();
    }
  }

  @Test
  void wireTraceOfPlainAndScramShowsNoSecret() throws Exception {
    List<String> trace = new ArrayList<>();
    for (Mechanism m : new Mechanism[] {Mechanism.PLAIN, Mechanism.LOGIN, Mechanism.SCRAM_SHA_256}) {
      try (Session s = new Session(WireTrace.to(trace::add))) {
        SaslClient sasl = Sasl.create(m, Credentials.password(rig.user(1), rig.password(1)), true,
            SaslOptions.defaults());
        assertThat(s.x.imapAuthenticate("a1", sasl, clientFirst(m)).finalLine()).startsWith("a1 OK");
        s.logout();
      }
    }
    String all = String.join("\n", trace);
    assertThat(all).contains("C: a1 AUTHENTICATE PLAIN <redacted>", "C: a1 AUTHENTICATE LOGIN",
        "C: a1 AUTHENTICATE SCRAM-SHA-256 <redacted>", "S: a1 OK");
    Secrets.assertNoSecret(all, rig.password(1), "\0" + rig.user(1) + "\0" + rig.password(1));
  }
}
