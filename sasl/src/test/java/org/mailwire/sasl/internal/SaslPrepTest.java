package org.mailwire.sasl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailwire.sasl.SaslException;

/** SASLprep: the examples of RFC 4013 section 3, and each rule of the profile. */
class SaslPrepTest {

  private static String stored(String s) throws SaslException {
    return SaslPrep.stored(s, "password", false);
  }

  private static String query(String s) throws SaslException {
    return SaslPrep.query(s, "user name", false);
  }

  // RFC 4013 section 3, "Examples".
  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
    "I\u00ADX|IX|SOFT HYPHEN mapped to nothing",
    "user|user|no transformation",
    "USER|USER|case preserved, will not match #2",
    "\u00AA|a|output is NFKC, input in ISO 8859-1",
    "\u2168|IX|output is NFKC, will match #1",
  })
  void rfc4013Examples(String input, String expected, String comment) throws Exception {
    assertThat(stored(input)).isEqualTo(expected);
    assertThat(query(input)).isEqualTo(expected);
  }

  @Test
  void rfc4013ProhibitedCharacter() {
    // Example 6: "<U+0007>" -> error, prohibited character.
    assertThatThrownBy(() -> stored("\u0007")).isInstanceOf(SaslException.class)
        .hasMessageContaining("prohibits").hasMessageContaining("U+0007");
    assertThatThrownBy(() -> query("\u0007")).isInstanceOf(SaslException.class);
  }

  @Test
  void rfc4013BidiCheck() {
    // Example 7: "<U+0627><U+0031>" -> error, bidirectional check.
    assertThatThrownBy(() -> stored("\u0627\u0031")).isInstanceOf(SaslException.class)
        .hasMessageContaining("right-to-left");
  }

  @Test
  void rightToLeftStringStartingAndEndingWithRandAlIsAccepted() throws Exception {
    assertThat(stored("\u0627\u0031\u0628")).isEqualTo("\u0627\u0031\u0628");
  }

  @Test
  void rightToLeftMixedWithLeftToRightIsRefused() {
    assertThatThrownBy(() -> stored("\u0627a\u0628")).isInstanceOf(SaslException.class)
        .hasMessageContaining("mixes");
  }

  @Test
  void nonAsciiSpacesBecomeSpace() throws Exception {
    assertThat(stored("a\u00A0b\u2003c\u3000d")).isEqualTo("a b c d");
  }

  @Test
  void zeroWidthSpaceIsMappedToNothing() throws Exception {
    // U+200B is in both B.1 and C.1.2; mapping to nothing applies.
    assertThat(stored("a\u200Bb")).isEqualTo("ab");
  }

  @Test
  void commonlyMappedToNothing() throws Exception {
    assertThat(stored("a\u034F\u180B\uFE0F\uFEFFb\u2060")).isEqualTo("ab");
  }

  @Test
  void nfkcComposesAndDecomposesCompatibility() throws Exception {
    assertThat(stored("e\u0301")).isEqualTo("\u00e9");
    assertThat(stored("\uFB01")).isEqualTo("fi");
    assertThat(stored("\uFF21")).isEqualTo("A");
  }

  @ParameterizedTest
  @CsvSource({
    "0000", "001F", "007F", "0085", "00A0", "06DD", "E000", "F8FF", "FDD0", "FFFE", "FFFD",
    "200E", "202E", "2FF0", "1D173", "E0001", "F0000", "10FFFD", "1FFFE"
  })
  void prohibitedCodePoints(String hex) {
    String s = "a" + new String(Character.toChars(Integer.parseInt(hex, 16))) + "b";
    if (hex.equals("00A0")) {
      // Non-ASCII space: mapped to SPACE before the prohibition applies.
      assertThat(catchSafely(s)).isEqualTo("a b");
      return;
    }
    assertThatThrownBy(() -> stored(s)).isInstanceOf(SaslException.class);
    assertThatThrownBy(() -> query(s)).isInstanceOf(SaslException.class);
  }

  private static String catchSafely(String s) {
    try {
      return stored(s);
    } catch (SaslException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void unpairedSurrogateIsProhibited() {
    assertThatThrownBy(() -> stored("a\uD800b")).isInstanceOf(SaslException.class);
    assertThatThrownBy(() -> query("a\uDC00")).isInstanceOf(SaslException.class);
  }

  @Test
  void supplementaryCharactersPass() throws Exception {
    String s = "x\uD835\uDC00"; // U+1D400 MATHEMATICAL BOLD CAPITAL A, NFKC "A"
    assertThat(stored(s)).isEqualTo("xA");
  }

  @Test
  void unassignedCodePointsAllowedInQueriesOnly() throws Exception {
    // U+0221 is unassigned in Unicode 3.2 (table A.1), assigned in later versions.
    assertThatThrownBy(() -> stored("a\u0221")).isInstanceOf(SaslException.class)
        .hasMessageContaining("unassigned");
    assertThat(query("a\u0221")).isEqualTo("a\u0221");
    // U+0378 is unassigned still.
    assertThat(query("\u0378")).isEqualTo("\u0378");
  }

  @Test
  void codePointsAddedAfterUnicode32AreNotNormalizedInQueries() throws Exception {
    // U+2C7C LATIN SUBSCRIPT SMALL LETTER J (Unicode 5.1) has the compatibility mapping "j" today,
    // but is unassigned in Unicode 3.2 (table A.1): SASLprep leaves it as it is, and normalizes the
    // text around it.
    assertThat(java.text.Normalizer.normalize("\u2C7C", java.text.Normalizer.Form.NFKC)).isEqualTo("j");
    assertThat(query("\u2C7C")).isEqualTo("\u2C7C");
    assertThat(query("e\u0301\u2C7C\u2168")).isEqualTo("\u00e9\u2C7CIX");
    assertThatThrownBy(() -> stored("\u2C7C")).isInstanceOf(SaslException.class);
  }

  @Test
  void corrigendum4IdeographsKeepTheirUnicode32Mapping() throws Exception {
    assertThat(stored(new String(Character.toChars(0x2F874)))).isEqualTo("\u5F33");
    assertThat(stored(new String(Character.toChars(0x2F868)))).isEqualTo(new String(Character.toChars(0x2136A)));
  }

  @Test
  void secretInputsAreNotQuotedInMessages() {
    assertThatThrownBy(() -> SaslPrep.stored("ab\u0007", "password", true))
        .isInstanceOf(SaslException.class)
        .hasMessageNotContaining("U+0007")
        .hasMessageContaining("password");
  }

  @Test
  void tablesAreSortedAndSearchable() {
    assertThat(StringprepTables.contains(StringprepTables.A1, 0x0221)).isTrue();
    assertThat(StringprepTables.contains(StringprepTables.A1, 0x0220)).isFalse();
    assertThat(StringprepTables.contains(StringprepTables.A1, 0xE0FFF)).isTrue();
    assertThat(StringprepTables.contains(StringprepTables.D1, 0x05D0)).isTrue();
    assertThat(StringprepTables.contains(StringprepTables.D2, 'a')).isTrue();
    assertThat(StringprepTables.contains(StringprepTables.D2, '1')).isFalse();
    assertThat(StringprepTables.contains(StringprepTables.PROHIBITED, 0x10FFFF)).isTrue();
    assertThatThrownBy(() -> StringprepTables.parse("20,10")).isInstanceOf(IllegalStateException.class);
  }
}
