package org.mailwire.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailwire.transport.Redactor;
import org.mailwire.transport.WireTrace;

class SaslRedactionTest {

  private static String traced(String line, Redactor r) {
    List<String> out = new ArrayList<>();
    byte[] b = (line + "\r\n").getBytes(US_ASCII);
    WireTrace.to(out::add).client(b, 0, b.length, r);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "AUTH PLAIN AGFsaWNlAHB3|C: AUTH PLAIN <redacted>",
    "auth plain AGFsaWNlAHB3|C: auth plain <redacted>",
    "AUTH LOGIN|C: AUTH LOGIN",
    "AUTH SCRAM-SHA-256 biws|C: AUTH SCRAM-SHA-256 <redacted>",
    "a1 AUTHENTICATE PLAIN AGFsaWNlAHB3|C: a1 AUTHENTICATE PLAIN <redacted>",
    "A0001 authenticate XOAUTH2 dXNlcj1h|C: A0001 authenticate XOAUTH2 <redacted>",
    "a1 AUTHENTICATE CRAM-MD5|C: a1 AUTHENTICATE CRAM-MD5",
    "a1 LOGIN alice secret|C: <redacted>",
    "PASS secret|C: <redacted>",
    "AUTHX PLAIN AGFsaWNl|C: <redacted>",
  })
  void authCommand(String line, String expected) {
    assertThat(traced(line, SaslRedaction.authCommand())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "AGFsaWNlAHB3|C: <redacted>",
    "*|C: *",
    "**|C: <redacted>",
  })
  void responses(String line, String expected) {
    assertThat(traced(line, SaslRedaction.responses())).isEqualTo(expected);
  }

  @Test
  void emptyResponseLine() {
    assertThat(traced("", SaslRedaction.responses())).isEqualTo("C: ");
  }

  @Test
  void hideAfterWords() {
    assertThat(traced("AUTH PLAIN abc", SaslRedaction.hideAfterWords(2))).isEqualTo("C: AUTH PLAIN <redacted>");
    assertThat(traced("AUTH PLAIN", SaslRedaction.hideAfterWords(2))).isEqualTo("C: AUTH PLAIN");
    assertThat(traced("AUTH PLAIN abc", SaslRedaction.hideAfterWords(0))).isEqualTo("C: <redacted>");
    assertThatThrownBy(() -> SaslRedaction.hideAfterWords(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hideAfterPrefix() {
    assertThat(traced("PASS secret", SaslRedaction.hideAfterPrefix(5))).isEqualTo("C: PASS <redacted>");
    assertThat(traced("PASS", SaslRedaction.hideAfterPrefix(5))).isEqualTo("C: PASS");
    assertThatThrownBy(() -> SaslRedaction.hideAfterPrefix(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
