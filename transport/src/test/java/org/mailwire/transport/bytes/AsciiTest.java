package org.mailwire.transport.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void indexOfCrlfSkipsBareLfAndNeedsTheLf() {
    byte[] a = b("ab\ncd\r\nef\r");
    assertThat(Ascii.indexOfCrlf(a, 0, a.length)).isEqualTo(5);
    assertThat(Ascii.indexOfCrlf(a, 6, a.length)).isEqualTo(-1); // trailing CR without LF
    assertThat(Ascii.indexOfCrlf(a, 0, 6)).isEqualTo(-1); // CR at the range end
    assertThat(Ascii.indexOfCrlf(b("\r\n"), 0, 2)).isZero();
  }

  @Test
  void keywordsMatchIgnoringAsciiCaseOnly() {
    byte[] ok = Ascii.bytes("OK");
    assertThat(Ascii.equalsIgnoreCase(b("* ok x"), 2, 2, ok)).isTrue();
    assertThat(Ascii.equalsIgnoreCase(b("* oK x"), 2, 2, ok)).isTrue();
    assertThat(Ascii.equalsIgnoreCase(b("* OKAY"), 2, 4, ok)).isFalse();
    assertThat(Ascii.startsWithIgnoreCase(b("okay"), 0, 4, ok)).isTrue();
    assertThat(Ascii.startsWithIgnoreCase(b("o"), 0, 1, ok)).isFalse();
    // 0xCB upper-cased must not become 'K'
    assertThat(Ascii.equalsIgnoreCase(new byte[] {'O', (byte) 0xCB}, 0, 2, ok)).isFalse();
  }

  @Test
  void numbersParseWithoutExceptions() {
    assertThat(Ascii.parseUnsignedLong(b("12345"), 0, 5)).isEqualTo(12345L);
    assertThat(Ascii.parseUnsignedLong(b("9223372036854775807"), 0, 19)).isEqualTo(Long.MAX_VALUE);
    assertThat(Ascii.parseUnsignedLong(b("9999999999999999999"), 0, 19)).isEqualTo(-1); // overflow
    assertThat(Ascii.parseUnsignedLong(b("12a"), 0, 3)).isEqualTo(-1);
    assertThat(Ascii.parseUnsignedLong(b(""), 0, 0)).isEqualTo(-1);
    assertThat(Ascii.parseUnsignedLong(b("-1"), 0, 2)).isEqualTo(-1);
    assertThat(Ascii.parseUnsignedInt(b("2147483647"), 0, 10)).isEqualTo(Integer.MAX_VALUE);
    assertThat(Ascii.parseUnsignedInt(b("2147483648"), 0, 10)).isEqualTo(-1);
    assertThat(Ascii.parseUnsignedInt(b("x250 "), 1, 3)).isEqualTo(250);
  }

  @Test
  void lineBreaksInUserStringsAreRefusedWithoutEchoingTheValue() {
    assertThat(Ascii.requireNoLineBreak("INBOX", "mailbox")).isEqualTo("INBOX");
    assertThatThrownBy(() -> Ascii.requireNoLineBreak("secret\r\nDELE 1", "password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> Ascii.requireNoLineBreak("a\u0000b", "user"))
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> Ascii.requireNoLineBreak("a\nb", "user"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
