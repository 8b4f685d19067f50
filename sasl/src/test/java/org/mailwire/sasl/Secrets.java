package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The secrets the unit tests use, and the check that a text (an exception message, a trace) shows
 * none of them in any encoding a mechanism puts on the wire.
 */
public final class Secrets {
  /** A password used by failure tests; distinctive so that any leak is found. */
  public static final String PASSWORD = "Sw0rdf1sh-pw-9f3a";
  /** An access token used by failure tests. */
  public static final String TOKEN = "ya29.Tok3n-5ecret-7c1e";

  private Secrets() {}

  /** The forms in which {@code secret} could leak: itself, base64 and hex of its UTF-8. */
  public static List<String> forms(String secret) {
    byte[] b = secret.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    out.add(secret);
    out.add(Base64.getEncoder().encodeToString(b));
    out.add(Base64.getEncoder().withoutPadding().encodeToString(b));
    out.add(HexFormat.of().formatHex(b));
    return out;
  }

  /** Asserts that {@code text} contains none of {@code secrets} in any of their {@link #forms}. */
  public static void assertNoSecret(String text, String... secrets) {
    for (String s : secrets) {
      for (String form : forms(s)) {
        assertThat(text).as("must not contain a form of a secret").doesNotContain(form);
      }
    }
  }

  /**
   * Asserts that neither the message nor the {@code toString} of {@code t} or of any of its causes
   * contains {@link #PASSWORD}, {@link #TOKEN} or the {@code extra} secrets, in any form.
   */
  public static void assertClean(Throwable t, String... extra) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String text = c.toString() + " " + c.getMessage();
      assertNoSecret(text, PASSWORD, TOKEN);
      assertNoSecret(text, extra);
    }
  }

  /** Code expected to throw. */
  @FunctionalInterface
  public interface Call {
    /** Runs the code. */
    void run() throws Exception;
  }

  /**
   * Runs {@code call}, asserts it throws a {@link SaslException} without secrets, and returns it.
   */
  public static SaslException failsCleanly(Call call, String... extraSecrets) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).isInstanceOf(SaslException.class);
    assertClean(t, extraSecrets);
    return (SaslException) t;
  }
}
