package org.mailwire.activesync.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.activesync.wbxml.Events.hex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.DecoderHarness;
import org.mailwire.transport.testkit.DecoderHarness.Feed;

/**
 * Fixture tests of {@link WbxmlReader}; each success case runs whole, one byte at a time and with
 * trailing bytes (which must stay unconsumed), through {@link DecoderHarness}.
 */
class WbxmlReaderTest {

  /** [MS-ASWBXML] section 4: a Sync response adding a contact (Don Funk). */
  static final String SPEC_EXAMPLE =
      "03 01 6A 00 45 5C 4F 50 03 43 6F 6E 74 61 63 74 73 00 01 4B 03 32 00 01 52 03 32 00 01"
          + " 4E 03 31 00 01 56 47 4D 03 32 3A 31 00 01 5D 00 11 4A 46 03 31 00 01 4C 03 30 00 01"
          + " 4D 03 31 00 01 01 00 01 5E 03 46 75 6E 6B 2C 20 44 6F 6E 00 01 5F 03 44 6F 6E 00 01"
          + " 69 03 46 75 6E 6B 00 01 00 11 56 03 31 00 01 01 01 01 01 01 01";

  /** The bytes [MS-ASWBXML] section 4 prints before the excerpt available to us was cut off. */
  static final String SPEC_EXAMPLE_PRINTED_PREFIX =
      "03 01 6A 00 45 5C 4F 50 03 43 6F 6E 74 61 63 74 73 00 01 4B 03 32 00 01 52 03 32 00 01 4E"
          + " 03 31 00 01 56 47 4D 03 32 3A 31 00 01 5D 00 11 4A 46 03 31 00 01 4C 03 30 00 01 4D 03"
          + " 31 00 01 01 00 01 5E 03 46 75 6E 6B";

  static final List<String> SPEC_EXAMPLE_EVENTS =
      List.of(
          "<AirSync:Sync>", "<AirSync:Collections>", "<AirSync:Collection>",
          "<AirSync:Class>", "text:Contacts", "</AirSync:Class>",
          "<AirSync:SyncKey>", "text:2", "</AirSync:SyncKey>",
          "<AirSync:CollectionId>", "text:2", "</AirSync:CollectionId>",
          "<AirSync:Status>", "text:1", "</AirSync:Status>",
          "<AirSync:Commands>", "<AirSync:Add>",
          "<AirSync:ServerId>", "text:2:1", "</AirSync:ServerId>",
          "<AirSync:ApplicationData>",
          "<AirSyncBase:Body>",
          "<AirSyncBase:Type>", "text:1", "</AirSyncBase:Type>",
          "<AirSyncBase:EstimatedDataSize>", "text:0", "</AirSyncBase:EstimatedDataSize>",
          "<AirSyncBase:Truncated>", "text:1", "</AirSyncBase:Truncated>",
          "</AirSyncBase:Body>",
          "<Contacts:FileAs>", "text:Funk, Don", "</Contacts:FileAs>",
          "<Contacts:FirstName>", "text:Don", "</Contacts:FirstName>",
          "<Contacts:LastName>", "text:Funk", "</Contacts:LastName>",
          "<AirSyncBase:NativeBodyType>", "text:1", "</AirSyncBase:NativeBodyType>",
          "</AirSync:ApplicationData>", "</AirSync:Add>", "</AirSync:Commands>",
          "</AirSync:Collection>", "</AirSync:Collections>", "</AirSync:Sync>", "eod");

  static void check(Supplier<WbxmlReader> readers, String hexInput, List<String> expected)
      throws ProtocolException {
    DecoderHarness.check(readers, hex(hexInput), Events::normalize, expected, new byte[0]);
    // after a complete document, declaring the end of input is fine in every feed
    for (Feed feed : Feed.values()) {
      WbxmlReader r = readers.get();
      DecoderHarness.run(r, hex(hexInput), feed);
      r.endOfInput();
      assertThat(r.isComplete()).isTrue();
    }
  }

  static void check(String hexInput, List<String> expected) throws ProtocolException {
    check(WbxmlReader::new, hexInput, expected);
  }

  /** Asserts every feed fails with {@code type}, at {@code offset}, and returns the exception. */
  static <X extends ProtocolException> X fails(
      Supplier<WbxmlReader> readers, String hexInput, Class<X> type, long offset) {
    X e = DecoderHarness.checkFails(readers, hex(hexInput), type);
    assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
    return e;
  }

  static ProtocolException fails(String hexInput, long offset) {
    return fails(WbxmlReader::new, hexInput, ProtocolException.class, offset);
  }

  /** Feeds a truncated document three ways; every feed must end in endOfInput() failing. */
  static ProtocolException truncated(String hexInput) throws ProtocolException {
    ProtocolException first = null;
    for (Feed feed : Feed.values()) {
      if (feed == Feed.WITH_TRAILING) {
        continue; // trailing bytes would continue the document
      }
      WbxmlReader r = new WbxmlReader();
      DecoderHarness.run(r, hex(hexInput), feed);
      assertThat(r.isComplete()).isFalse();
      try {
        r.endOfInput();
        throw new AssertionError(feed + ": truncated input accepted");
      } catch (ProtocolException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    return first;
  }

  @Test
  void folderSyncRequestFromServersMd() throws ProtocolException {
    check(
        "03 01 6a 00 00 07 56 52 03 30 00 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>", "text:0",
            "</FolderHierarchy:SyncKey>", "</FolderHierarchy:FolderSync>", "eod"));
  }

  @Test
  void msAswbxmlSection4Example() throws ProtocolException {
    assertThat(SPEC_EXAMPLE.replace(" ", "")).startsWith(SPEC_EXAMPLE_PRINTED_PREFIX.replace(" ", ""));
    check(SPEC_EXAMPLE, SPEC_EXAMPLE_EVENTS);
  }

  @Test
  void headerFieldsAreReported() throws ProtocolException {
    WbxmlReader r = new WbxmlReader();
    DecoderHarness.run(r, hex("03 01 6a 00 00 07 56 52 03 30 00 01 01"), Feed.ONE_BYTE);
    assertThat(r.version()).isEqualTo(3);
    assertThat(r.publicId()).isEqualTo(1);
    assertThat(r.charset()).isEqualTo(106);
  }

  @Test
  void emptyElementWithoutContentBit() throws ProtocolException {
    // <FolderSync/> : token 0x16 without 0x40, no END
    check("03 01 6a 00 00 07 16",
        List.of("<FolderHierarchy:FolderSync/>", "</FolderHierarchy:FolderSync>", "eod"));
    // an empty child inside a root
    check("03 01 6a 00 00 15 45 08 01",
        List.of("<ComposeMail:SendMail>", "<ComposeMail:SaveInSentItems/>",
            "</ComposeMail:SaveInSentItems>", "</ComposeMail:SendMail>", "eod"));
  }

  @Test
  void contentBitFollowedStraightByEnd() throws ProtocolException {
    check("03 01 6a 00 00 07 56 52 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>",
            "</FolderHierarchy:SyncKey>", "</FolderHierarchy:FolderSync>", "eod"));
  }

  @Test
  void pageSwitchesAcrossEnd() throws ProtocolException {
    // Sync > ApplicationData > (page 17) Body > Type ; END Body ; (still page 17) NativeBodyType ;
    // END ApplicationData is reported on page 0 although page 17 is in force
    check("03 01 6a 00 45 5d 00 11 4a 46 03 31 00 01 01 56 03 31 00 01 01 00 00 01",
        List.of("<AirSync:Sync>", "<AirSync:ApplicationData>", "<AirSyncBase:Body>",
            "<AirSyncBase:Type>", "text:1", "</AirSyncBase:Type>", "</AirSyncBase:Body>",
            "<AirSyncBase:NativeBodyType>", "text:1", "</AirSyncBase:NativeBodyType>",
            "</AirSync:ApplicationData>", "</AirSync:Sync>", "eod"));
  }

  @Test
  void switchPageBeforeEndIsAllowed() throws ProtocolException {
    check("03 01 6a 00 45 00 11 01",
        List.of("<AirSync:Sync>", "</AirSync:Sync>", "eod"));
  }

  @Test
  void multiByteLengths() throws ProtocolException {
    byte[] data = new byte[200];
    Arrays.fill(data, (byte) 0x5A);
    String opaque200 = "C3 81 48 " + "5A ".repeat(200);
    check("03 01 6a 00 00 11 4b " + opaque200 + "01",
        List.of("<AirSyncBase:Data>", "opaque:" + "5a".repeat(200), "</AirSyncBase:Data>",
            "eod"));
    // 16384 = 0x81 0x80 0x00
    check("03 01 6a 00 00 11 4b C3 81 80 00 " + "00 ".repeat(16384) + "01",
        List.of("<AirSyncBase:Data>", "opaque:" + "00".repeat(16384), "</AirSyncBase:Data>",
            "eod"));
    // a zero-length OPAQUE
    check("03 01 6a 00 00 11 4b C3 00 01",
        List.of("<AirSyncBase:Data>", "opaque:", "</AirSyncBase:Data>", "eod"));
    // a two-byte public id (0x81 0x01 = 129) and a five-byte one of the maximum value
    check("03 81 01 6a 00 00 07 16",
        List.of("<FolderHierarchy:FolderSync/>", "</FolderHierarchy:FolderSync>", "eod"));
    check("03 8f ff ff ff 7f 6a 00 00 07 16",
        List.of("<FolderHierarchy:FolderSync/>", "</FolderHierarchy:FolderSync>", "eod"));
    WbxmlReader r = new WbxmlReader();
    DecoderHarness.run(r, hex("03 8f ff ff ff 7f 6a 00 00 07 16"), Feed.ONE_BYTE);
    assertThat(r.publicId()).isEqualTo(0xFFFFFFFFL);
  }

  @Test
  void fiveByteLengthIsCheckedAgainstTheLimitBeforeAnythingIsAllocated() {
    LimitExceededException e = fails(WbxmlReader::new, "03 01 6a 00 00 11 4b c3 8f ff ff ff 7f",
        LimitExceededException.class, 7);
    assertThat(e.limitName()).isEqualTo("maxOpaqueLength");
  }

  @Test
  void overlongMbUInt32IsAnError() {
    ProtocolException e = fails("03 01 6a 00 00 11 4b c3 80 80 80 80 80 01", 8);
    assertThat(e.getMessage()).contains("longer than 5 bytes");
  }

  @Test
  void mbUInt32Over32BitsIsAnError() {
    ProtocolException e = fails("03 01 6a 00 00 11 4b c3 90 80 80 80 00", 8);
    assertThat(e.getMessage()).contains("over 32 bits");
  }

  @Test
  void truncatedOpaqueFailsAtEndOfInput() throws ProtocolException {
    ProtocolException e = truncated("03 01 6a 00 00 11 4b c3 05 41 42");
    assertThat(e.getMessage()).contains("OPAQUE").contains("3 bytes missing");
    assertThat(e.offset()).isEqualTo(11);
  }

  @Test
  void truncatedDocumentsFailAtEndOfInput() throws ProtocolException {
    assertThat(truncated("").getMessage()).contains("header");
    assertThat(truncated("03 01 6a").getMessage()).contains("header");
    assertThat(truncated("03 01 6a 05 61 62").getMessage()).contains("string table");
    assertThat(truncated("03 01 6a 00").getMessage()).contains("before the root element");
    assertThat(truncated("03 01 6a 00 00 07 56 52 03 30").getMessage()).contains("depth 2");
    assertThat(truncated("03 01 6a 00 00 07 56 52 03 30 00 01").getMessage()).contains("depth 1");
  }

  @Test
  void attributeByteIsAnError() {
    ProtocolException e = fails("03 01 6a 00 c5 01", 4);
    assertThat(e.getMessage()).contains("attributes");
    assertThat(fails("03 01 6a 00 45 85 01", 5).getMessage()).contains("attributes");
  }

  @Test
  void unknownCodePageIsAnError() {
    ProtocolException e = fails("03 01 6a 00 00 1a 45 01", 5);
    assertThat(e.getMessage()).contains("unknown code page 26");
    assertThat(fails("03 01 6a 00 45 00 ff 01", 6).getMessage()).contains("code page 255");
  }

  @Test
  void wbxmlTokensActiveSyncDoesNotUseAreErrors() {
    assertThat(fails("03 01 6a 00 45 02 81 20 01", 5).getMessage()).contains("ENTITY");
    assertThat(fails("03 01 6a 00 45 43 01", 5).getMessage()).contains("processing instruction");
    assertThat(fails("03 01 6a 00 45 83 00 01", 5).getMessage()).contains("STR_T");
    for (String literal : List.of("04", "44", "84", "c4")) {
      assertThat(fails("03 01 6a 00 45 " + literal + " 00 01", 5).getMessage()).contains("LITERAL");
    }
    for (String ext : List.of("40", "41", "42", "80", "81", "82", "c0", "c1", "c2")) {
      assertThat(fails("03 01 6a 00 45 " + ext + " 00 01", 5).getMessage()).contains("EXT");
    }
  }

  @Test
  void unknownTokenOnKnownPageIsReportedOrFatalWhenStrict() throws ProtocolException {
    // AirSync has no token 0x11; AirNotify (page 3) defines none at all
    check("03 01 6a 00 45 11 00 03 47 01 01",
        List.of("<AirSync:Sync>", "<p0:0x11/>", "</p0:0x11>", "<p3:0x07>", "</p3:0x07>",
            "</AirSync:Sync>", "eod"));
    ProtocolException e =
        fails(() -> new WbxmlReader(WbxmlReader.Options.DEFAULTS.withStrict(true)),
            "03 01 6a 00 45 11 01", ProtocolException.class, 5);
    assertThat(e.getMessage()).contains("unknown token 0x11 on code page 0");
  }

  @Test
  void unknownTokenEventSaysSo() throws ProtocolException {
    WbxmlReader r = new WbxmlReader();
    List<WbxmlEvent> events = DecoderHarness.decode(r, hex("03 01 6a 00 45 11 01"), Feed.WHOLE);
    WbxmlEvent.StartTag unknown = (WbxmlEvent.StartTag) events.get(1);
    assertThat(unknown.known()).isFalse();
    assertThat(unknown.tag()).isNull();
    assertThat(unknown.token()).isEqualTo(0x11);
    assertThat(((WbxmlEvent.StartTag) events.get(0)).is(CodePages.require("AirSync", "Sync")))
        .isTrue();
  }

  @Test
  void stringTableIsSkipped() throws ProtocolException {
    check("03 01 6a 05 61 62 00 63 00 00 07 56 52 03 30 00 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>", "text:0",
            "</FolderHierarchy:SyncKey>", "</FolderHierarchy:FolderSync>", "eod"));
    LimitExceededException e =
        fails(() -> new WbxmlReader(WbxmlReader.Options.DEFAULTS.withMaxStringTableLength(4)),
            "03 01 6a 05 61 62 00 63 00 45 01", LimitExceededException.class, 3);
    assertThat(e.limitName()).isEqualTo("maxStringTableLength");
  }

  @Test
  void publicIdAsStringTableIndexIsAccepted() throws ProtocolException {
    check("03 00 00 6a 00 00 07 16",
        List.of("<FolderHierarchy:FolderSync/>", "</FolderHierarchy:FolderSync>", "eod"));
  }

  @Test
  void headerErrors() {
    assertThat(fails("00 01 6a 00 45 01", 0).getMessage()).contains("version");
    assertThat(fails("04 01 6a 00 45 01", 0).getMessage()).contains("version");
    assertThat(fails("03 01 04 00 45 01", 2).getMessage()).contains("charset 4");
  }

  @Test
  void structureErrors() {
    assertThat(fails("03 01 6a 00 01", 4).getMessage()).contains("END without");
    assertThat(fails("03 01 6a 00 03 61 00", 4).getMessage()).contains("outside the root");
    assertThat(fails("03 01 6a 00 c3 00", 4).getMessage()).contains("outside the root");
  }

  @Test
  void malformedUtf8IsAnErrorOrReplacedByOption() throws ProtocolException {
    // "a" 0xC3 0x28 "b": 0xC3 must be followed by a continuation byte
    ProtocolException e = fails("03 01 6a 00 00 07 56 52 03 61 c3 28 62 00 01 01", 10);
    assertThat(e.getMessage()).contains("malformed UTF-8");
    // overlong "/" (C0 AF) and an encoded surrogate (ED A0 80) are malformed too
    fails("03 01 6a 00 00 07 56 52 03 c0 af 00 01 01", 9);
    fails("03 01 6a 00 00 07 56 52 03 ed a0 80 00 01 01", 9);
    check(() -> new WbxmlReader(WbxmlReader.Options.DEFAULTS.withReplaceMalformedUtf8(true)),
        "03 01 6a 00 00 07 56 52 03 61 c3 28 62 00 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>", "text:a\uFFFD(b",
            "</FolderHierarchy:SyncKey>", "</FolderHierarchy:FolderSync>", "eod"));
  }

  @Test
  void wellFormedMultiByteUtf8() throws ProtocolException {
    // é (C3 A9), € (E2 82 AC), 😀 (F0 9F 98 80)
    check("03 01 6a 00 00 07 56 52 03 c3 a9 e2 82 ac f0 9f 98 80 00 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>",
            "text:\u00e9\u20ac\uD83D\uDE00", "</FolderHierarchy:SyncKey>",
            "</FolderHierarchy:FolderSync>", "eod"));
  }

  @Test
  void longTextIsStreamedInChunksOnCharacterBoundaries() throws ProtocolException {
    Supplier<WbxmlReader> small = () -> new WbxmlReader(
        WbxmlReader.Options.DEFAULTS.withMaxInlineTextLength(8).withChunkSize(5));
    String text = "\u20ac\u20acabc\u00e9\u00e9\uD83D\uDE00xyz\u20ac";
    String hexText = java.util.HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    check(small, "03 01 6a 00 00 07 56 52 03 " + hexText + " 00 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>", "longtext:" + text,
            "</FolderHierarchy:SyncKey>", "</FolderHierarchy:FolderSync>", "eod"));
    // each chunk is whole characters: every chunk decodes on its own
    WbxmlReader r = small.get();
    for (WbxmlEvent e : DecoderHarness.decode(r,
        hex("03 01 6a 00 00 07 56 52 03 " + hexText + " 00 01 01"), Feed.ONE_BYTE)) {
      if (e instanceof WbxmlEvent.TextChunk c) {
        assertThat(c.utf8().length).isBetween(1, 5);
        assertThat(c.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(c.utf8());
      }
    }
    // exactly maxInlineTextLength bytes still arrive whole
    check(small, "03 01 6a 00 00 07 56 52 03 61 62 63 64 65 66 67 68 00 01 01",
        List.of("<FolderHierarchy:FolderSync>", "<FolderHierarchy:SyncKey>", "text:abcdefgh",
            "</FolderHierarchy:SyncKey>", "</FolderHierarchy:FolderSync>", "eod"));
  }

  @Test
  void streamedTextLimitAndMalformedUtf8() {
    Supplier<WbxmlReader> small = () -> new WbxmlReader(WbxmlReader.Options.DEFAULTS
        .withMaxInlineTextLength(2).withChunkSize(4).withMaxTextLength(6));
    // the offset is where the text crosses the limit, however the input is split
    LimitExceededException e = fails(small,
        "03 01 6a 00 00 07 56 52 03 61 62 63 64 65 66 67 00 01 01",
        LimitExceededException.class, 15);
    assertThat(e.limitName()).isEqualTo("maxTextLength");
    Supplier<WbxmlReader> smallText = () -> new WbxmlReader(
        WbxmlReader.Options.DEFAULTS.withMaxInlineTextLength(2).withChunkSize(4));
    fails(smallText, "03 01 6a 00 00 07 56 52 03 61 62 63 ff 65 00 01 01",
        ProtocolException.class, 12);
    // a character cut off by the NUL
    fails(smallText, "03 01 6a 00 00 07 56 52 03 61 62 63 e2 82 00 01 01",
        ProtocolException.class, 12);
  }

  @Test
  void nestingDepthLimit() throws ProtocolException {
    Supplier<WbxmlReader> shallow = () -> new WbxmlReader(WbxmlReader.Options.DEFAULTS.withMaxDepth(3));
    check(shallow, "03 01 6a 00 45 5c 0f 01 01",
        List.of("<AirSync:Sync>", "<AirSync:Collections>", "<AirSync:Collection/>",
            "</AirSync:Collection>", "</AirSync:Collections>", "</AirSync:Sync>", "eod"));
    // an empty element nests too
    LimitExceededException e = fails(shallow, "03 01 6a 00 45 5c 4f 0b 01 01 01",
        LimitExceededException.class, 7);
    assertThat(e.limitName()).isEqualTo("maxDepth");
    // the default limit is 64
    String deep = "03 01 6a 00 " + "45 ".repeat(65);
    assertThat(fails(WbxmlReader::new, deep, LimitExceededException.class, 68).limit())
        .isEqualTo(64);
  }

  @Test
  void trailingBytesAfterRootStayInTheBuffer() throws ProtocolException {
    byte[] doc = hex("03 01 6a 00 00 07 16 03 01 6a 00 45 01");
    DecoderHarness.Result<WbxmlEvent> r = DecoderHarness.run(new WbxmlReader(), doc, Feed.WHOLE);
    assertThat(Events.normalize(r.events()))
        .containsExactly("<FolderHierarchy:FolderSync/>", "</FolderHierarchy:FolderSync>", "eod");
    assertThat(r.remaining()).isEqualTo(hex("03 01 6a 00 45 01"));
  }

  @Test
  void failedReaderRefusesFurtherUse() {
    WbxmlReader r = new WbxmlReader();
    InputBuffer in = new InputBuffer(16, 64);
    assertThatThrownBy(() -> {
      in.write(hex("03 01 6a 00 01"));
      r.decode(in);
    }).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> r.decode(in)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> WbxmlReader.Options.DEFAULTS.withChunkSize(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WbxmlReader.Options.DEFAULTS.withMaxDepth(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WbxmlReader.Options.DEFAULTS.maxDepth()).isEqualTo(64);
    assertThat(WbxmlReader.Options.DEFAULTS.maxOpaqueLength()).isEqualTo(64L << 20);
  }

  /**
   * A 25 MB OPAQUE body passes through a buffer that can never hold more than 64 KiB: the reader
   * hands out chunks as they arrive and never asks for the whole body.
   */
  @ParameterizedTest
  @EnumSource(names = {"WHOLE_CHUNKS", "ODD_CHUNKS"})
  void twentyFiveMegabyteOpaqueStreamsThroughSmallBuffer(Split split) throws ProtocolException {
    int size = 25 * 1024 * 1024;
    int maxCapacity = 64 * 1024;
    InputBuffer in = new InputBuffer(4096, maxCapacity);
    WbxmlReader reader = new WbxmlReader();
    // header, <ComposeMail:SendMail><Mime> OPAQUE(size) </Mime></SendMail>
    byte[] head = hex("03 01 6a 00 00 15 45 50 c3 8c c0 80 00");
    assertThat((0x0CL << 21) | (0x40L << 14)).isEqualTo(size);
    byte[] tail = hex("01 01");
    List<String> structure = new ArrayList<>();
    long received = 0;
    long checksum = 0;
    long expectedChecksum = 0;
    int maxChunk = 0;
    int chunk = split == Split.WHOLE_CHUNKS ? 8192 : 7919;
    byte[] feed = new byte[chunk];
    long fed = 0;
    long total = head.length + (long) size + tail.length;
    while (true) {
      WbxmlEvent e = reader.decode(in);
      if (e == null) {
        if (fed == total) {
          break;
        }
        int n = (int) Math.min(chunk, total - fed);
        for (int i = 0; i < n; i++) {
          long pos = fed + i;
          byte b;
          if (pos < head.length) {
            b = head[(int) pos];
          } else if (pos < head.length + (long) size) {
            b = (byte) ((pos - head.length) * 31 + 7);
            expectedChecksum = expectedChecksum * 131 + (b & 0xFF);
          } else {
            b = tail[(int) (pos - head.length - size)];
          }
          feed[i] = b;
        }
        in.write(feed, 0, n); // throws LimitExceededException if the buffer had to grow past 64 KiB
        fed += n;
        continue;
      }
      if (e instanceof WbxmlEvent.OpaqueChunk c) {
        received += c.data().length;
        maxChunk = Math.max(maxChunk, c.data().length);
        for (byte b : c.data()) {
          checksum = checksum * 131 + (b & 0xFF);
        }
      } else if (e instanceof WbxmlEvent.OpaqueBegin b) {
        structure.add("begin " + b.length());
      } else if (e instanceof WbxmlEvent.OpaqueEnd) {
        structure.add("end");
      } else {
        structure.addAll(Events.normalize(List.of(e)));
      }
    }
    reader.endOfInput();
    assertThat(received).isEqualTo(size);
    assertThat(checksum).isEqualTo(expectedChecksum);
    assertThat(maxChunk).isLessThanOrEqualTo(WbxmlReader.Options.DEFAULTS.chunkSize());
    assertThat(in.array().length).isLessThanOrEqualTo(maxCapacity);
    assertThat(structure).containsExactly("<ComposeMail:SendMail>", "<ComposeMail:Mime>",
        "begin " + size, "end", "</ComposeMail:Mime>", "</ComposeMail:SendMail>", "eod");
  }

  enum Split {
    WHOLE_CHUNKS,
    ODD_CHUNKS
  }
}
