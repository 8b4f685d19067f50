package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Properties over generated values: what the encoder writes for a value parses back to the same
 * value (mailbox names through modified UTF-7 or UTF-8, strings through atom/quoted/literal
 * choice, ID fields, sequence sets), and user data never breaks out of its argument (the command
 * stays one command line plus its literals).
 */
class RoundTripFuzzTest {

  private static byte[] bytes(EncodedCommand c) {
    return c.toBytes();
  }

  /** The command's arguments after "TAG NAME ", re-used as the tail of a server response. */
  private static byte[] tail(EncodedCommand c, String prefix) {
    byte[] all = bytes(c);
    int skip = prefix.length();
    return java.util.Arrays.copyOfRange(all, skip, all.length);
  }

  private static Response parseOne(byte[] wire) throws ProtocolException {
    ImapResponseDecoder d = ImapResponseDecoder.builder().expectGreeting(false).strict(true).build();
    InputBuffer in = new InputBuffer(16, wire.length + 64);
    in.write(wire);
    ImapEvent e = d.decode(in);
    assertThat(e).isInstanceOf(Response.class);
    assertThat(in.readable()).isZero();
    return (Response) e;
  }

  private static byte[] concat(String head, byte[] tail) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    o.writeBytes(tail);
    return o.toByteArray();
  }

  private static String text(FuzzedDataProvider data, int max) {
    String s = data.consumeString(max);
    return s.replace("\0", "");
  }

  @FuzzTest(maxDuration = "2m")
  void mailboxNamesRoundTrip(FuzzedDataProvider data) throws ProtocolException {
    boolean utf8 = data.consumeBoolean();
    boolean literalPlus = data.consumeBoolean();
    String name = text(data, 80);
    ImapCommandEncoder enc = new ImapCommandEncoder();
    enc.utf8Accept(utf8);
    enc.literalPlus(literalPlus);
    EncodedCommand c = enc.delete(name);
    // exactly one command: a literal is announced, so CR/LF inside cannot start a new command
    assertThat(c.parts().size()).isLessThanOrEqualTo(2);
    byte[] wire = concat("* LIST () \"/\" ", tail(c, "A1 DELETE "));
    ImapResponseDecoder d = ImapResponseDecoder.builder().expectGreeting(false).build();
    d.utf8Accepted(utf8);
    InputBuffer in = new InputBuffer(16, wire.length + 64);
    in.write(wire);
    ImapEvent e = d.decode(in);
    assertThat(e).isInstanceOf(UntaggedData.MailboxList.class);
    String want = name.equalsIgnoreCase("INBOX") ? "INBOX" : name;
    assertThat(((UntaggedData.MailboxList) e).mailbox()).isEqualTo(want);
  }

  @FuzzTest(maxDuration = "2m")
  void idFieldsRoundTrip(FuzzedDataProvider data) throws ProtocolException {
    Map<String, String> fields = new LinkedHashMap<>();
    int n = data.consumeInt(1, 4);
    for (int i = 0; i < n; i++) {
      fields.put("k" + i + text(data, 20), data.consumeBoolean() ? null : text(data, 40));
    }
    ImapCommandEncoder enc = new ImapCommandEncoder();
    enc.utf8Accept(data.consumeBoolean());
    Response r = parseOne(concat("* ID ", tail(enc.id(fields), "A1 ID ")));
    assertThat(((UntaggedData.Id) r).fields()).isEqualTo(fields);
  }

  @FuzzTest(maxDuration = "2m")
  void sequenceSetsRoundTrip(FuzzedDataProvider data) throws ProtocolException {
    int n = data.consumeInt(1, 20);
    long[] nums = new long[n];
    for (int i = 0; i < n; i++) {
      nums[i] = data.consumeLong(1, SequenceSet.MAX_NUMBER);
    }
    SequenceSet set = SequenceSet.of(nums);
    assertThat(SequenceSet.parse(set.toString())).isEqualTo(set);
    for (long v : nums) {
      assertThat(set.contains(v)).isTrue();
    }
    Response r = parseOne(("* VANISHED " + set + "\r\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(((UntaggedData.Vanished) r).uids()).isEqualTo(set);
    ImapCommandEncoder enc = new ImapCommandEncoder();
    byte[] cmd = bytes(enc.uidExpunge(set));
    assertThat(new String(cmd, StandardCharsets.US_ASCII)).isEqualTo("A1 UID EXPUNGE " + set + "\r\n");
  }

  @FuzzTest(maxDuration = "2m")
  void searchStringsStayInsideTheirArgument(FuzzedDataProvider data) {
    String s = text(data, 100);
    ImapCommandEncoder enc = new ImapCommandEncoder();
    EncodedCommand c = enc.search(true, List.of("COUNT"), "UTF-8", SearchKey.subject(s));
    byte[] all = bytes(c);
    // outside literal data there is exactly one CRLF: the end of the command
    String w = new String(all, StandardCharsets.ISO_8859_1);
    int lit = w.indexOf('{');
    String outside = lit < 0 ? w : w.substring(0, lit) + w.substring(w.indexOf("\r\n", lit) + 2 + s.getBytes(StandardCharsets.UTF_8).length);
    assertThat(outside.indexOf("\r\n")).isEqualTo(outside.length() - 2);
    assertThat(outside).doesNotContain("\n\r").startsWith("A1 UID SEARCH RETURN (COUNT) CHARSET UTF-8 SUBJECT ");
  }
}
