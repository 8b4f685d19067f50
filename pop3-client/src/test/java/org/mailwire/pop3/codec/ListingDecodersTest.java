package org.mailwire.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.pop3.codec.StatusLineDecoderTest.b;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.testkit.DecoderHarness;

class ListingDecodersTest {
  @Test
  void scanListing() throws Exception {
    DecoderHarness.check(
        () -> ListingDecoders.scanListing(Pop3Limits.defaults()),
        b("1 120\r\n2 200 extra info\r\n17 4294967296\r\n.\r\n"),
        List.of(ScanListing.of(new int[] {1, 2, 17}, new long[] {120, 200, 4294967296L})));
  }

  @Test
  void emptyListings() throws Exception {
    DecoderHarness.check(
        () -> ListingDecoders.scanListing(Pop3Limits.defaults()), b(".\r\n"),
        List.of(ScanListing.of(new int[0], new long[0])));
    DecoderHarness.check(
        () -> ListingDecoders.uidListing(Pop3Limits.defaults()), b(".\r\n"),
        List.of(UidListing.of(new int[0], new String[0])));
  }

  @Test
  void uidListing() throws Exception {
    DecoderHarness.check(
        () -> ListingDecoders.uidListing(Pop3Limits.defaults()),
        b("1 000000016b084ee1\r\n2 QhdPYR:00WBw1Ph7x7\r\n3 a\n.\r\n"),
        List.of(UidListing.of(new int[] {1, 2, 3}, new String[] {"000000016b084ee1", "QhdPYR:00WBw1Ph7x7", "a"})));
  }

  @Test
  void uidListingAccessors() throws Exception {
    UidListing u = DecoderHarness.decode(
        ListingDecoders.uidListing(Pop3Limits.defaults()), b("4 x\r\n9 yz\r\n.\r\n"), DecoderHarness.Feed.WHOLE).get(0);
    assertThat(u.size()).isEqualTo(2);
    assertThat(u.number(1)).isEqualTo(9);
    assertThat(u.uid(1)).isEqualTo("yz");
    assertThat(u.indexOf(4)).isZero();
    assertThat(u.indexOf(5)).isEqualTo(-1);
    assertThat(u.byUid()).containsExactly(Map.entry("x", 4), Map.entry("yz", 9));
    assertThatThrownBy(() -> u.uid(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1 120\r\n-ERR server died\r\n.\r\n",
      "0 120\r\n.\r\n",
      "x 120\r\n.\r\n",
      "1\r\n.\r\n",
      "1 \r\n.\r\n",
      "1 12a\r\n.\r\n",
      "1 -5\r\n.\r\n",
      "99999999999 1\r\n.\r\n"})
  void malformedScanLinesFail(String wire) {
    DecoderHarness.checkFails(() -> ListingDecoders.scanListing(Pop3Limits.defaults()), b(wire), ProtocolException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 ab\u0001c\r\n.\r\n", "-ERR oops\r\n.\r\n", "1 \u00e9\r\n.\r\n", "1\r\n.\r\n"})
  void malformedUidLinesFail(String wire) {
    DecoderHarness.checkFails(() -> ListingDecoders.uidListing(Pop3Limits.defaults()), b(wire), ProtocolException.class);
  }

  @Test
  void tooManyEntriesIsALimit() {
    Pop3Limits small = Pop3Limits.defaults().withMaxListingEntries(2);
    LimitExceededException e = DecoderHarness.checkFails(
        () -> ListingDecoders.scanListing(small), b("1 1\r\n2 2\r\n3 3\r\n.\r\n"), LimitExceededException.class);
    assertThat(e.limitName()).isEqualTo("maxListingEntries");
    assertThat(e.offset()).isEqualTo(10);
  }

  @Test
  void overlongListingLineIsALimit() {
    String uid = "u".repeat(200);
    LimitExceededException e = DecoderHarness.checkFails(
        () -> ListingDecoders.uidListing(Pop3Limits.defaults().withMaxLineLength(100)),
        b("1 " + uid + "\r\n.\r\n"), LimitExceededException.class);
    assertThat(e.limitName()).isEqualTo("maxLineLength");
  }

  @Test
  void singleLineReplies() throws Exception {
    assertThat(ListingDecoders.parseStat(StatusLine.ok("2 320"))).isEqualTo(new MailboxStat(2, 320));
    assertThat(ListingDecoders.parseStat(StatusLine.ok("0 0 messages"))).isEqualTo(new MailboxStat(0, 0));
    assertThat(ListingDecoders.parseListSize(StatusLine.ok("2 200"))).isEqualTo(200);
    assertThat(ListingDecoders.parseUid(StatusLine.ok("2 QhdPYR:00WBw1Ph7x7"))).isEqualTo("QhdPYR:00WBw1Ph7x7");
    for (String bad : List.of("", "2", "x 3", "2 x", "-1 3")) {
      assertThatThrownBy(() -> ListingDecoders.parseStat(StatusLine.ok(bad))).isInstanceOf(ProtocolException.class);
    }
    assertThatThrownBy(() -> ListingDecoders.parseUid(StatusLine.ok("2 "))).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> ListingDecoders.parseUid(StatusLine.ok("2 \u00e9"))).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> ListingDecoders.parseListSize(StatusLine.ok("0 5"))).isInstanceOf(ProtocolException.class);
  }
}
