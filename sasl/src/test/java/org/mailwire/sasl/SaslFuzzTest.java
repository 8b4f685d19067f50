package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mailwire.sasl.internal.SaslPrep;

/**
 * Jazzer fuzz tests. In {@code mvn test} they run in regression mode over the seeds in {@code
 * SaslFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} they fuzz.
 *
 * <p>Properties: whatever a server sends, every mechanism answers or throws {@link SaslException}
 * (never another exception, never a hang), and no message carries the password or the token;
 * SASLprep throws nothing but {@link SaslException} and is idempotent.
 */
class SaslFuzzTest {
  private static final Credentials PW = Credentials.password("alice", Secrets.PASSWORD);
  private static final Credentials TOKEN = Credentials.oauth("alice", () -> Secrets.TOKEN);

  @FuzzTest(maxDuration = "30s")
  void anyServerChallengeEndsInAnswerOrSaslException(FuzzedDataProvider data) throws Exception {
    Mechanism m = data.pickValue(Mechanism.values());
    boolean base64 = data.consumeBoolean();
    boolean useIr = data.consumeBoolean();
    SaslClient c = Sasl.create(m, m.usesToken() ? TOKEN : PW, true, SaslOptions.defaults().maxScramIterations(64));
    try {
      if (useIr) {
        c.initialResponse();
      }
      int rounds = data.consumeInt(0, 4);
      for (int i = 0; i < rounds; i++) {
        byte[] challenge = data.consumeBytes(data.consumeInt(0, 300));
        if (base64) {
          c.respondBase64(challenge, 0, challenge.length);
        } else {
          c.respond(challenge);
        }
      }
      byte[] success = data.consumeRemainingAsBytes();
      c.complete(success.length == 0 ? null : success);
      // Success is only believed for mechanisms that cannot check the server.
      assertThat(m == Mechanism.SCRAM_SHA_1 || m == Mechanism.SCRAM_SHA_256).isFalse();
    } catch (SaslException e) {
      Secrets.assertClean(e);
      assertThat(c.isComplete()).isFalse();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void saslPrepThrowsOnlySaslExceptionAndIsIdempotent(FuzzedDataProvider data) {
    boolean stored = data.consumeBoolean();
    String s = data.consumeRemainingAsString();
    try {
      String once = stored ? SaslPrep.stored(s, "password", true) : SaslPrep.query(s, "user name", false);
      String twice = stored ? SaslPrep.stored(once, "password", true) : SaslPrep.query(once, "user name", false);
      assertThat(twice).isEqualTo(once);
    } catch (SaslException e) {
      assertThat(e.getMessage()).contains("SASLprep");
    }
  }
}
