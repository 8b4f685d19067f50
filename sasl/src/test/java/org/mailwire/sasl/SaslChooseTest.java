package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.sasl.Secrets.failsCleanly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Sasl#choose} and {@link Sasl#create}: preference order, plaintext policy, forcing. */
class SaslChooseTest {
  private static final Credentials PW = Credentials.password("alice", Secrets.PASSWORD.toCharArray());
  private static final Credentials TOKEN = Credentials.oauth("alice@example.com", () -> Secrets.TOKEN);
  private static final List<String> ALL_PASSWORD = List.of("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
  private static final SaslOptions DEFAULTS = SaslOptions.defaults();
  private static final SaslOptions OPT_IN = DEFAULTS.allowPlaintextOnInsecureChannel(true);

  private static Mechanism choose(String offered, Credentials c, boolean secure, SaslOptions o) throws SaslException {
    return Sasl.choose(Arrays.asList(offered.split(" ")), c, secure, o).mechanism();
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource({
    "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256, SCRAM_SHA_256",
    "PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1, SCRAM_SHA_1",
    "PLAIN LOGIN CRAM-MD5, CRAM_MD5",
    "LOGIN PLAIN, PLAIN",
    "LOGIN, LOGIN",
    "XOAUTH2 OAUTHBEARER LOGIN, LOGIN",
    "scram-sha-256 plain, SCRAM_SHA_256",
    "Scram-Sha-1 X-UNKNOWN GSSAPI, SCRAM_SHA_1",
    "SCRAM-SHA-256-PLUS SCRAM-SHA-1, SCRAM_SHA_1",
  })
  void passwordPreferenceOnSecureChannel(String offered, Mechanism expected) throws Exception {
    assertThat(choose(offered, PW, true, DEFAULTS)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource({
    "XOAUTH2 OAUTHBEARER PLAIN, OAUTHBEARER",
    "xoauth2 PLAIN SCRAM-SHA-256, XOAUTH2",
  })
  void tokenPreference(String offered, Mechanism expected) throws Exception {
    assertThat(choose(offered, TOKEN, true, DEFAULTS)).isEqualTo(expected);
  }

  @Test
  void insecureChannelSkipsPlaintextMechanisms() throws Exception {
    assertThat(choose("PLAIN LOGIN CRAM-MD5", PW, false, DEFAULTS)).isEqualTo(Mechanism.CRAM_MD5);
    assertThat(choose("PLAIN SCRAM-SHA-1", PW, false, DEFAULTS)).isEqualTo(Mechanism.SCRAM_SHA_1);
  }

  @Test
  void insecureChannelWithOnlyPlaintextMechanismsFails() {
    SaslException e = failsCleanly(() -> choose("PLAIN LOGIN X-FOO", PW, false, DEFAULTS));
    assertThat(e.getMessage())
        .contains("offered: [PLAIN, LOGIN, X-FOO]")
        .contains("PLAIN: would send the password in clear over an unencrypted connection")
        .contains("LOGIN: would send the password")
        .contains("allowPlaintextOnInsecureChannel(true)")
        .contains("not supported");
  }

  @Test
  void insecureChannelRefusesTokens() {
    SaslException e = failsCleanly(() -> choose("XOAUTH2 OAUTHBEARER", TOKEN, false, DEFAULTS));
    assertThat(e.getMessage()).contains("OAUTHBEARER: would send the access token in clear")
        .contains("XOAUTH2: would send the access token in clear");
  }

  @Test
  void optInAllowsPlaintextOnInsecureChannel() throws Exception {
    assertThat(choose("PLAIN LOGIN", PW, false, OPT_IN)).isEqualTo(Mechanism.PLAIN);
    assertThat(choose("XOAUTH2", TOKEN, false, OPT_IN)).isEqualTo(Mechanism.XOAUTH2);
    // Opting in does not change the preference.
    assertThat(choose("PLAIN SCRAM-SHA-1", PW, false, OPT_IN)).isEqualTo(Mechanism.SCRAM_SHA_1);
  }

  @Test
  void noMechanismFitsTheCredentials() {
    SaslException e = failsCleanly(() -> choose("XOAUTH2 OAUTHBEARER", PW, true, DEFAULTS));
    assertThat(e.getMessage()).contains("password credentials")
        .contains("XOAUTH2: needs OAuth credentials").contains("OAUTHBEARER: needs OAuth credentials");
    SaslException f = failsCleanly(() -> choose("PLAIN SCRAM-SHA-256", TOKEN, true, DEFAULTS));
    assertThat(f.getMessage()).contains("OAuth credentials").contains("SCRAM-SHA-256: needs a password");
  }

  @Test
  void nothingOffered() {
    assertThat(failsCleanly(() -> Sasl.choose(List.of(), PW, true, DEFAULTS)).getMessage())
        .contains("the server offered none");
    List<String> nulls = new ArrayList<>();
    nulls.add(null);
    assertThat(failsCleanly(() -> Sasl.choose(nulls, PW, true, DEFAULTS)).getMessage()).contains("offered none");
  }

  @Test
  void onlyUnknownOffered() {
    assertThat(failsCleanly(() -> choose("GSSAPI NTLM", PW, true, DEFAULTS)).getMessage())
        .contains("[GSSAPI, NTLM]").contains("not supported");
  }

  @Test
  void hostileMechanismListIsBoundedAndSanitisedInTheMessage() {
    List<String> offered = new ArrayList<>();
    offered.add("X-\u0007" + "A".repeat(500));
    for (int i = 0; i < 100; i++) {
      offered.add("X-" + i);
    }
    String msg = failsCleanly(() -> Sasl.choose(offered, PW, true, DEFAULTS)).getMessage();
    assertThat(msg).doesNotContain("\u0007").contains("X-?AAA").contains("more)").hasSizeLessThan(1000);
  }

  @Test
  void authorizationIdSkipsLoginAndCramMd5() throws Exception {
    Credentials c = Credentials.password("admin", "alice", Secrets.PASSWORD.toCharArray());
    assertThat(choose("LOGIN CRAM-MD5 PLAIN", c, true, DEFAULTS)).isEqualTo(Mechanism.PLAIN);
    SaslException e = failsCleanly(() -> choose("LOGIN CRAM-MD5", c, true, DEFAULTS));
    assertThat(e.getMessage()).contains("cannot carry an authorization identity");
  }

  @Test
  void forcedMechanism() throws Exception {
    assertThat(choose("PLAIN SCRAM-SHA-256", PW, true, DEFAULTS.forceMechanism(Mechanism.PLAIN)))
        .isEqualTo(Mechanism.PLAIN);
    assertThat(choose("PLAIN SCRAM-SHA-256", PW, true, DEFAULTS.forceMechanism(null)))
        .isEqualTo(Mechanism.SCRAM_SHA_256);
  }

  @Test
  void forcedMechanismNotOffered() {
    SaslException e = failsCleanly(() -> choose("PLAIN", PW, true, DEFAULTS.forceMechanism(Mechanism.CRAM_MD5)));
    assertThat(e.getMessage()).contains("forced SASL mechanism CRAM-MD5 is not offered").contains("[PLAIN]");
  }

  @Test
  void forcedPlaintextOnInsecureChannel() throws Exception {
    SaslException e = failsCleanly(() -> choose("PLAIN", PW, false, DEFAULTS.forceMechanism(Mechanism.PLAIN)));
    assertThat(e.getMessage()).contains("PLAIN would send the password in clear");
    assertThat(choose("PLAIN", PW, false, OPT_IN.forceMechanism(Mechanism.PLAIN))).isEqualTo(Mechanism.PLAIN);
  }

  @Test
  void forcedMechanismThatDoesNotFitTheCredentials() {
    assertThatThrownBy(() -> choose("XOAUTH2", PW, true, DEFAULTS.forceMechanism(Mechanism.XOAUTH2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs OAuth credentials");
  }

  @Test
  void createAppliesThePlaintextRule() throws Exception {
    failsCleanly(() -> Sasl.create(Mechanism.LOGIN, PW, false, DEFAULTS));
    assertThat(Sasl.create(Mechanism.LOGIN, PW, false, OPT_IN).mechanism()).isEqualTo(Mechanism.LOGIN);
    assertThat(Sasl.create(Mechanism.CRAM_MD5, PW, false, DEFAULTS).mechanism()).isEqualTo(Mechanism.CRAM_MD5);
    assertThatThrownBy(() -> Sasl.create(Mechanism.PLAIN, TOKEN, true, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sasl.create(Mechanism.LOGIN, Credentials.password("a", "b", "c"), true, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authorization identity");
  }

  @Test
  void createEveryMechanism() throws Exception {
    for (Mechanism m : Mechanism.values()) {
      SaslClient c = Sasl.create(m, m.usesToken() ? TOKEN : PW, true, DEFAULTS);
      assertThat(c.mechanism()).isEqualTo(m);
      assertThat(c.isComplete()).isFalse();
      boolean serverFirst = m == Mechanism.LOGIN || m == Mechanism.CRAM_MD5;
      assertThat(c.initialResponse() == null).isEqualTo(serverFirst);
    }
  }

  @Test
  void tokenSupplierIsCalledOncePerExchange() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Credentials c = Credentials.oauth("u", () -> "tok" + calls.incrementAndGet());
    SaslClient first = Sasl.choose(List.of("XOAUTH2"), c, true, DEFAULTS);
    SaslClient second = Sasl.choose(List.of("XOAUTH2"), c, true, DEFAULTS);
    assertThat(new String(first.initialResponse(), java.nio.charset.StandardCharsets.UTF_8)).contains("tok1");
    assertThat(new String(first.initialResponse(), java.nio.charset.StandardCharsets.UTF_8)).contains("tok1");
    assertThat(new String(second.initialResponse(), java.nio.charset.StandardCharsets.UTF_8)).contains("tok2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void tokenSupplierFailures() {
    Credentials nothing = Credentials.oauth("u", () -> null);
    assertThat(failsCleanly(() -> Sasl.create(Mechanism.XOAUTH2, nothing, true, DEFAULTS)).getMessage())
        .contains("returned no token");
    Credentials empty = Credentials.oauth("u", () -> "");
    failsCleanly(() -> Sasl.create(Mechanism.OAUTHBEARER, empty, true, DEFAULTS));
    Credentials throwing = Credentials.oauth("u", () -> {
      throw new IllegalStateException("refresh failed");
    });
    SaslException e = failsCleanly(() -> Sasl.create(Mechanism.OAUTHBEARER, throwing, true, DEFAULTS));
    assertThat(e.getMessage()).contains("supplier failed");
    assertThat(e.getCause()).hasMessage("refresh failed");
  }

  @Test
  void oauthBearerHostAndPortFromOptions() throws Exception {
    SaslClient c = Sasl.create(Mechanism.OAUTHBEARER, TOKEN, true,
        DEFAULTS.oauthBearerHost("imap.example.com").oauthBearerPort(993));
    assertThat(new String(c.initialResponse(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("n,a=alice@example.com,\u0001host=imap.example.com\u0001port=993\u0001auth=Bearer "
            + Secrets.TOKEN + "\u0001\u0001");
  }

  @Test
  void scramIterationLimitFromOptions() throws Exception {
    SaslClient c = Sasl.create(Mechanism.SCRAM_SHA_256, PW, true, DEFAULTS.maxScramIterations(10));
    String first = new String(c.initialResponse(), java.nio.charset.StandardCharsets.US_ASCII);
    String nonce = first.substring(first.indexOf("r=") + 2);
    byte[] serverFirst = ("r=" + nonce + "xyz,s=QSXCR+Q6sek8bf92,i=11").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(failsCleanly(() -> c.respond(serverFirst)).getMessage()).contains("limit of 10");
  }

  @Test
  void nullArguments() {
    assertThatThrownBy(() -> Sasl.choose(null, PW, true, DEFAULTS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Sasl.choose(List.of(), null, true, DEFAULTS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Sasl.create(null, PW, true, DEFAULTS)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Sasl.create(Mechanism.PLAIN, PW, true, null)).isInstanceOf(NullPointerException.class);
  }
}
