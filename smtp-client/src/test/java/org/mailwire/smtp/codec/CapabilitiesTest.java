package org.mailwire.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.bytes.InputBuffer;

class CapabilitiesTest {

  static final String POSTFIX =
      "250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
          + "250-STARTTLS\r\n250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n"
          + "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n";

  static Capabilities parse(String wire) throws Exception {
    InputBuffer in = new InputBuffer(64, 64 * 1024);
    in.write(wire.getBytes(StandardCharsets.UTF_8));
    ReplyView v = new ReplyView();
    assertThat(new ReplyDecoder().decode(in, v)).isTrue();
    Capabilities fromView = Capabilities.parse(v);
    Capabilities fromReply = Capabilities.parse(v.toReply());
    assertThat(fromView.toString()).isEqualTo(fromReply.toString());
    return fromView;
  }

  @Test
  void postfixEhlo() throws Exception {
    Capabilities c = parse(POSTFIX);
    assertThat(c.extensions())
        .isEqualTo(
            EnumSet.of(
                Extension.PIPELINING, Extension.SIZE, Extension.VRFY, Extension.ETRN,
                Extension.STARTTLS, Extension.AUTH, Extension.ENHANCEDSTATUSCODES,
                Extension.EIGHTBITMIME, Extension.DSN, Extension.SMTPUTF8, Extension.CHUNKING));
    assertThat(c.sizeLimit()).isEqualTo(10_240_000);
    assertThat(c.authMechanisms())
        .containsExactly("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
    assertThat(c.supportsAuth("scram-sha-256")).isTrue();
    assertThat(c.supportsAuth("XOAUTH2")).isFalse();
    assertThat(c.has(Extension.BINARYMIME)).isFalse();
    assertThat(c.has(Extension.REQUIRETLS)).isFalse();
    assertThat(c.otherKeywords()).isEmpty();
    assertThat(c.parameters(Extension.SIZE)).contains("10240000");
    assertThat(c.parameters(Extension.AUTH)).contains("PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256");
    assertThat(c.parameters(Extension.PIPELINING)).isEmpty();
    assertThat(c.has("chunking")).isTrue();
  }

  @Test
  void dovecotLhlo() throws Exception {
    Capabilities c =
        parse("250-mw.localdomain\r\n250-8BITMIME\r\n250-CHUNKING\r\n250-ENHANCEDSTATUSCODES\r\n"
            + "250-PIPELINING\r\n250 STARTTLS\r\n");
    assertThat(c.extensions())
        .containsExactlyInAnyOrder(
            Extension.EIGHTBITMIME, Extension.CHUNKING, Extension.ENHANCEDSTATUSCODES,
            Extension.PIPELINING, Extension.STARTTLS);
    assertThat(c.sizeLimit()).isEqualTo(-1);
    assertThat(c.authMechanisms()).isEmpty();
  }

  @Test
  void everyKnownExtensionAndItsParameters() throws Exception {
    Capabilities c =
        parse("250-x\r\n250-binarymime\r\n250-RequireTLS\r\n250-DELIVERBY 240\r\n250-MT-PRIORITY MIXER\r\n"
            + "250-FUTURERELEASE 604800 2012-10-30T00:00:00Z\r\n250-NO-SOLICITING\r\n250-BURL imap\r\n"
            + "250-LIMITS RCPTMAX=100 MAILMAX=1000\r\n250-EXPN\r\n250-HELP\r\n250 ATRN\r\n");
    assertThat(c.has(Extension.BINARYMIME)).isTrue();
    assertThat(c.has(Extension.REQUIRETLS)).isTrue();
    assertThat(c.parameters(Extension.DELIVERBY)).contains("240");
    assertThat(c.parameters(Extension.MT_PRIORITY)).contains("MIXER");
    assertThat(c.parameters(Extension.LIMITS)).contains("RCPTMAX=100 MAILMAX=1000");
    assertThat(c.parameters(Extension.FUTURERELEASE)).contains("604800 2012-10-30T00:00:00Z");
    assertThat(c.has(Extension.NO_SOLICITING)).isTrue();
    assertThat(c.has(Extension.ATRN)).isTrue();
  }

  @Test
  void unknownKeywordsAreKeptWithTheirParameters() throws Exception {
    Capabilities c =
        parse("250-mx.google.com at your service\r\n250-X-EXPS GSSAPI NTLM\r\n250-XCLIENT NAME ADDR\r\n"
            + "250-x-weird\r\n250-bad keyword!\r\n250-th!s is odd\r\n250 SIZE 35882577\r\n");
    assertThat(c.otherKeywords())
        .containsExactly(
            Map.entry("X-EXPS", "GSSAPI NTLM"),
            Map.entry("XCLIENT", "NAME ADDR"),
            Map.entry("X-WEIRD", ""),
            Map.entry("BAD", "keyword!"),
            Map.entry("TH!S IS ODD", ""));
    assertThat(c.has("xclient")).isTrue();
    assertThat(c.has("X-NOPE")).isFalse();
    assertThat(c.sizeLimit()).isEqualTo(35882577);
  }

  @Test
  void sizeWithoutLimitAndInvalidSize() throws Exception {
    assertThat(parse("250-x\r\n250 SIZE\r\n").sizeLimit()).isZero();
    assertThat(parse("250-x\r\n250 SIZE 0\r\n").sizeLimit()).isZero();
    Capabilities odd = parse("250-x\r\n250 SIZE lots\r\n");
    assertThat(odd.sizeLimit()).isZero();
    assertThat(odd.parameters(Extension.SIZE)).contains("lots");
  }

  @Test
  void legacyAuthEqualsIsMergedWithoutDuplicates() throws Exception {
    Capabilities c =
        parse("250-x\r\n250-AUTH LOGIN PLAIN XOAUTH2 X-CUSTOM\r\n250-AUTH=LOGIN PLAIN X-CUSTOM ntlm\r\n250 OK\r\n");
    assertThat(c.authMechanisms()).containsExactly("LOGIN", "PLAIN", "XOAUTH2", "NTLM", "X-CUSTOM");
    assertThat(c.supportsAuth("x-custom")).isTrue();
    assertThat(c.otherKeywords()).containsOnlyKeys("OK");
  }

  @Test
  void singleLineReplyOffersNothing() throws Exception {
    Capabilities c = parse("250 mx.example.com\r\n");
    assertThat(c.extensions()).isEmpty();
    assertThat(c.sizeLimit()).isEqualTo(-1);
    assertThat(Capabilities.NONE.extensions()).isEmpty();
    assertThat(Capabilities.NONE.toString()).isEmpty();
  }

  @Test
  void toStringListsKeywords() throws Exception {
    assertThat(parse("250-x\r\n250-SIZE 100\r\n250-AUTH PLAIN\r\n250 X-FOO bar\r\n").toString())
        .isEqualTo("SIZE 100, AUTH PLAIN, X-FOO bar");
  }

  @Test
  void refusesNegativeReplies() {
    assertThatThrownBy(() -> Capabilities.parse(Reply.of(502, "no")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Capabilities.parse(new Reply(250, null, List.of("x", "PIPELINING"))).has(Extension.PIPELINING)).isTrue();
  }

  @Test
  void extensionLookupByKeyword() {
    assertThat(Extension.byKeyword("8bitmime")).contains(Extension.EIGHTBITMIME);
    assertThat(Extension.byKeyword("mt-priority")).contains(Extension.MT_PRIORITY);
    assertThat(Extension.byKeyword("X-NONE")).isEmpty();
    assertThat(Extension.EIGHTBITMIME.keyword()).isEqualTo("8BITMIME");
  }
}
