package org.mailwire.activesync.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.activesync.wbxml.Events.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WbxmlWriterTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final WbxmlWriter w = new WbxmlWriter(out);

  private static Tag t(String ns, String name) {
    return CodePages.require(ns, name);
  }

  @Test
  void folderSyncRequestWithSyncKeyZero() throws IOException {
    w.start(t("FolderHierarchy", "FolderSync"));
    w.start(t("FolderHierarchy", "SyncKey")).text("0").end();
    w.end();
    w.finish();
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 00 07 56 52 03 30 00 01 01"));
  }

  @Test
  void msAswbxmlSection4Example() throws IOException {
    w.start("AirSync", "Sync").start("AirSync", "Collections").start("AirSync", "Collection");
    w.start("AirSync", "Class").text("Contacts").end();
    w.start("AirSync", "SyncKey").text("2").end();
    w.start("AirSync", "CollectionId").text("2").end();
    w.start("AirSync", "Status").text("1").end();
    w.start("AirSync", "Commands").start("AirSync", "Add");
    w.start("AirSync", "ServerId").text("2:1").end();
    w.start("AirSync", "ApplicationData");
    w.start("AirSyncBase", "Body");
    w.start("AirSyncBase", "Type").text("1").end();
    w.start("AirSyncBase", "EstimatedDataSize").text("0").end();
    w.start("AirSyncBase", "Truncated").text("1").end();
    w.end();
    w.start("Contacts", "FileAs").text("Funk, Don").end();
    w.start("Contacts", "FirstName").text("Don").end();
    w.start("Contacts", "LastName").text("Funk").end();
    w.start("AirSyncBase", "NativeBodyType").text("1").end();
    w.end().end().end().end().end().end();
    w.finish();
    assertThat(out.toByteArray()).isEqualTo(hex(WbxmlReaderTest.SPEC_EXAMPLE));
  }

  @Test
  void elementWithoutContentHasNoContentBitAndNoEnd() throws IOException {
    w.start("ComposeMail", "SendMail");
    w.start("ComposeMail", "SaveInSentItems").end();
    w.start("ComposeMail", "ClientId").text("").end(); // empty text is no content
    w.end().finish();
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 00 15 45 08 11 01"));
  }

  @Test
  void rootWithoutContent() throws IOException {
    w.start("Ping", "Ping").end().finish();
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 00 0d 05"));
  }

  @Test
  void switchPageOnlyWhenThePageChanges() throws IOException {
    w.start("AirSync", "Sync").start("AirSync", "ApplicationData");
    w.start("AirSyncBase", "Body").start("AirSyncBase", "Type").text("1").end().end();
    // still on page 17: no switch for NativeBodyType
    w.start("AirSyncBase", "NativeBodyType").text("1").end();
    w.end();
    // back to page 0 for a sibling of ApplicationData
    w.start("AirSync", "Status").text("1").end();
    w.end().finish();
    assertThat(out.toByteArray()).isEqualTo(hex(
        "03 01 6a 00 45 5d 00 11 4a 46 03 31 00 01 01 56 03 31 00 01 01 00 00 4e 03 31 00 01 01"));
  }

  @Test
  void opaqueFromBytesAndFromStreamWithMultiByteLengths() throws IOException {
    byte[] data = new byte[200];
    Arrays.fill(data, (byte) 0xA5);
    w.start("ComposeMail", "SendMail");
    w.start("ComposeMail", "Mime").opaque(data).end();
    w.start("ComposeMail", "Mime").opaque(new ByteArrayInputStream(data), 200).end();
    w.start("ComposeMail", "Mime").opaque(data, 10, 3).end();
    w.start("ComposeMail", "Mime").opaque(new byte[0]).end();
    w.end().finish();
    String d200 = "a5 ".repeat(200);
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 00 15 45 50 c3 81 48 " + d200
        + "01 50 c3 81 48 " + d200 + "01 50 c3 03 a5 a5 a5 01 50 c3 00 01 01"));
  }

  @Test
  void largeOpaqueStreamsThroughWithoutBeingHeld() throws IOException {
    long size = 5L * 1024 * 1024;
    CountingSink sink = new CountingSink();
    WbxmlWriter big = new WbxmlWriter(sink);
    InputStream source = new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 0x42 : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, (byte) 0x42);
        left -= n;
        return n;
      }
    };
    big.start("ComposeMail", "SendMail").start("ComposeMail", "Mime").opaque(source, size);
    big.end().end().finish();
    // header 4 + switch 2 + 2 tags + C3 + 4-byte length + data + 2 ENDs
    assertThat(sink.count).isEqualTo(4 + 2 + 2 + 1 + 4 + size + 2);
    assertThat(sink.largestWrite).isLessThanOrEqualTo(8192);
  }

  @Test
  void shortStreamIsAnErrorAndTheWriterRefusesToContinue() throws IOException {
    w.start("ComposeMail", "SendMail").start("ComposeMail", "Mime");
    assertThatThrownBy(() -> w.opaque(new ByteArrayInputStream(new byte[3]), 5))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(w::end).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void utf8IncludingSupplementaryCharacters() throws IOException {
    w.start("FolderHierarchy", "FolderSync").start("FolderHierarchy", "SyncKey");
    w.text("\u00e9\u20ac\uD83D\uDE00").end().end().finish();
    assertThat(out.toByteArray()).isEqualTo(
        hex("03 01 6a 00 00 07 56 52 03 c3 a9 e2 82 ac f0 9f 98 80 00 01 01"));
  }

  @Test
  void refusesTagsTheNegotiatedVersionLacks() throws IOException {
    WbxmlWriter v121 = new WbxmlWriter(out, ProtocolVersion.V12_1);
    v121.start("AirSync", "Sync");
    assertThatThrownBy(() -> v121.start("AirSync", "ConversationMode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AirSync:ConversationMode")
        .hasMessageContaining("12.1");
    assertThatThrownBy(() -> v121.start("ComposeMail", "SendMail"))
        .isInstanceOf(IllegalArgumentException.class);
    // the refused call wrote nothing: the document goes on normally
    v121.start("AirSync", "Wait").text("5").end().end().finish();
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 45 64 03 35 00 01 01"));

    ByteArrayOutputStream out2 = new ByteArrayOutputStream();
    WbxmlWriter v25 = new WbxmlWriter(out2, ProtocolVersion.V2_5);
    assertThatThrownBy(() -> v25.start("AirSyncBase", "Body"))
        .isInstanceOf(IllegalArgumentException.class);
    v25.start("Email", "Body").end().finish(); // email:Body is a 2.5 tag
    assertThat(out2.toByteArray()).isEqualTo(hex("03 01 6a 00 00 02 0c"));
    assertThat(v25.protocolVersion()).isEqualTo(ProtocolVersion.V2_5);
  }

  @Test
  void rawTokensForUnknownTags() throws IOException {
    w.start(0, 0x05).start(0, 0x11).end().end().finish();
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 45 11 01"));
    assertThatThrownBy(() -> new WbxmlWriter(out).start(26, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WbxmlWriter(out).start(0, 0x04))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WbxmlWriter(out).start(0, 0x40))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void misuseIsRefused() throws IOException {
    assertThatThrownBy(w::end).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> w.text("x")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> w.opaque(new byte[1])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
    w.start("Ping", "Ping");
    assertThatThrownBy(() -> w.text("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.text("a\uD800b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.text("a\uDC00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.start("Ping", "NoSuchTag"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.opaque(new ByteArrayInputStream(new byte[0]), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.finish()).isInstanceOf(IllegalStateException.class);
    w.end();
    assertThat(w.isComplete()).isTrue();
    assertThatThrownBy(() -> w.start("Ping", "Ping")).isInstanceOf(IllegalStateException.class);
    w.finish();
    assertThat(out.toByteArray()).isEqualTo(hex("03 01 6a 00 00 0d 05"));
  }

  @Test
  void writesNothingBeforeFlushForSmallDocuments() throws IOException {
    w.start("Ping", "Ping");
    assertThat(out.size()).isZero();
    w.end();
    w.flush();
    assertThat(out.size()).isEqualTo(7);
  }

  private static final class CountingSink extends OutputStream {
    long count;
    int largestWrite;

    @Override
    public void write(int b) {
      count++;
      largestWrite = Math.max(largestWrite, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
      largestWrite = Math.max(largestWrite, len);
    }
  }
}
