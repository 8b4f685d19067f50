package org.mailwire.activesync.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.activesync.wbxml.Events.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.ProtocolException;

class WbxmlXmlTest {
  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<!DOCTYPE ActiveSync PUBLIC \"-//MICROSOFT//DTD ActiveSync//EN\" \"http://www.microsoft.com/\">\n";

  static final String SPEC_EXAMPLE_XML = PROLOG
      + "<Sync xmlns=\"AirSync:\">\n"
      + "  <Collections>\n"
      + "    <Collection>\n"
      + "      <Class>Contacts</Class>\n"
      + "      <SyncKey>2</SyncKey>\n"
      + "      <CollectionId>2</CollectionId>\n"
      + "      <Status>1</Status>\n"
      + "      <Commands>\n"
      + "        <Add>\n"
      + "          <ServerId>2:1</ServerId>\n"
      + "          <ApplicationData>\n"
      + "            <Body xmlns=\"AirSyncBase:\">\n"
      + "              <Type>1</Type>\n"
      + "              <EstimatedDataSize>0</EstimatedDataSize>\n"
      + "              <Truncated>1</Truncated>\n"
      + "            </Body>\n"
      + "            <FileAs xmlns=\"Contacts:\">Funk, Don</FileAs>\n"
      + "            <FirstName xmlns=\"Contacts:\">Don</FirstName>\n"
      + "            <LastName xmlns=\"Contacts:\">Funk</LastName>\n"
      + "            <NativeBodyType xmlns=\"AirSyncBase:\">1</NativeBodyType>\n"
      + "          </ApplicationData>\n"
      + "        </Add>\n"
      + "      </Commands>\n"
      + "    </Collection>\n"
      + "  </Collections>\n"
      + "</Sync>\n";

  @Test
  void specExampleToXmlAndBack() throws ProtocolException {
    byte[] wbxml = hex(WbxmlReaderTest.SPEC_EXAMPLE);
    assertThat(WbxmlXml.toXml(wbxml)).isEqualTo(SPEC_EXAMPLE_XML);
    assertThat(WbxmlXml.fromXml(SPEC_EXAMPLE_XML)).isEqualTo(wbxml);
  }

  @Test
  void acceptsTheSpecificationsPrefixedFormWithoutColons() {
    // the XML of [MS-ASWBXML] section 4, as the specification prints it
    String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?> <Sync xmlns=\"AirSync\""
        + " xmlns:airsyncbase=\"AirSyncBase\" xmlns:contacts=\"Contacts\"> <Collections>"
        + " <Collection> <Class>Contacts</Class> <SyncKey>2</SyncKey>"
        + " <CollectionId>2</CollectionId> <Status>1</Status> <Commands> <Add>"
        + " <ServerId>2:1</ServerId> <ApplicationData> <airsyncbase:Body>"
        + " <airsyncbase:Type>1</airsyncbase:Type>"
        + " <airsyncbase:EstimatedDataSize>0</airsyncbase:EstimatedDataSize>"
        + " <airsyncbase:Truncated>1</airsyncbase:Truncated> </airsyncbase:Body>"
        + " <contacts:FileAs>Funk, Don</contacts:FileAs> <contacts:FirstName>Don</contacts:FirstName>"
        + " <contacts:LastName>Funk</contacts:LastName>"
        + " <airsyncbase:NativeBodyType>1</airsyncbase:NativeBodyType> </ApplicationData> </Add>"
        + " </Commands> </Collection> </Collections> </Sync>";
    assertThat(WbxmlXml.fromXml(xml)).isEqualTo(hex(WbxmlReaderTest.SPEC_EXAMPLE));
  }

  @Test
  void acceptsWbxml2xmlOutputVerbatim() {
    // what `wbxml2xml -l ACTIVESYNC -m 0` prints for the FolderSync request
    String lib = "<?xml version=\"1.0\"?><!DOCTYPE ActiveSync PUBLIC \"-//MICROSOFT//DTD"
        + " ActiveSync//EN\" \"http://www.microsoft.com/\"><FolderSync xmlns=\"FolderHierarchy:\">"
        + "<SyncKey>0</SyncKey></FolderSync>";
    assertThat(WbxmlXml.fromXml(lib)).isEqualTo(hex("03 01 6a 00 00 07 56 52 03 30 00 01 01"));
  }

  @Test
  void acceptsLibwbxmlNamesAndNamespaceSpellings() {
    String xml = "<Search xmlns=\"Search:\" xmlns:gal=\"Gal:\"><Response><Store><Result>"
        + "<Properties><gal:DisplayName>x</gal:DisplayName></Properties></Result></Store>"
        + "</Response></Search>";
    assertThat(WbxmlXml.fromXml(xml))
        .isEqualTo(hex("03 01 6a 00 00 0f 45 4d 47 4e 4f 00 10 45 03 78 00 01 01 01 01 01 01"));
    String cal = "<Sync xmlns=\"AirSync:\" xmlns:c=\"Calendar:\"><ApplicationData>"
        + "<c:Attendee_Email>a@b</c:Attendee_Email><c:TimeZone>x</c:TimeZone></ApplicationData>"
        + "</Sync>";
    assertThat(WbxmlXml.fromXml(cal))
        .isEqualTo(hex("03 01 6a 00 45 5d 00 04 49 03 61 40 62 00 01 45 03 78 00 01 01 01"));
  }

  @Test
  void elementsWithoutNamespaceBelongToTheirParentsPage() {
    assertThat(WbxmlXml.fromXml("<Sync><SyncKey>0</SyncKey></Sync>"))
        .isEqualTo(hex("03 01 6a 00 45 4b 03 30 00 01 01"));
  }

  @Test
  void opaqueIsBase64InCdataOrInBinaryElements() throws ProtocolException {
    // AirSyncBase:Data is not binary for libwbxml: OPAQUE goes into a CDATA section
    byte[] doc = hex("03 01 6a 00 00 14 45 4c 00 11 4b c3 03 00 ff 41 01 01 01");
    String xml = WbxmlXml.toXml(doc);
    assertThat(xml).contains("<Data xmlns=\"AirSyncBase:\"><![CDATA[AP9B]]></Data>");
    assertThat(WbxmlXml.fromXml(xml)).isEqualTo(doc);
    // ComposeMail:Mime is binary: plain base64 text, as libwbxml writes it
    byte[] mime = hex("03 01 6a 00 00 15 45 50 c3 05 48 65 6c 6c 6f 01 01");
    String mimeXml = WbxmlXml.toXml(mime);
    assertThat(mimeXml).contains("<Mime>SGVsbG8=</Mime>");
    assertThat(WbxmlXml.fromXml(mimeXml)).isEqualTo(mime);
    assertThat(WbxmlXml.fromXml(
        "<SendMail xmlns=\"ComposeMail:\"><MIME>\n  SGVs\n  bG8=\n</MIME></SendMail>"))
        .isEqualTo(mime);
  }

  /**
   * Regression for a fuzzing finding (input crash-empty-opaque-in-binary-element of
   * WbxmlRoundTripFuzzTest): a zero-length OPAQUE in a binary element was written as empty text
   * and read back as an element without content.
   */
  @Test
  void fuzzFindingEmptyOpaqueSurvivesTheXmlForm() throws ProtocolException {
    byte[] binary = hex("03 01 6a 00 00 16 4a c3 00 01");
    String xml = WbxmlXml.toXml(binary);
    assertThat(xml).contains("<ConversationIndex xmlns=\"Email2:\"><![CDATA[]]></ConversationIndex>");
    assertThat(WbxmlXml.fromXml(xml)).isEqualTo(binary);
    byte[] plain = hex("03 01 6a 00 00 11 4b c3 00 01");
    assertThat(WbxmlXml.fromXml(WbxmlXml.toXml(plain))).isEqualTo(plain);
    // and an element with no content at all stays that way
    byte[] empty = hex("03 01 6a 00 00 16 0a");
    assertThat(WbxmlXml.fromXml(WbxmlXml.toXml(empty))).isEqualTo(empty);
  }

  @Test
  void emptyElementsTextAndEscapes() throws ProtocolException {
    byte[] doc = hex("03 01 6a 00 00 15 45 08 51 03 20 00 01 51 03 61 26 3c 3e 0d 0a 62 00 01 01");
    String xml = WbxmlXml.toXml(doc);
    assertThat(xml).contains("<SaveInSentItems/>")
        .contains("<ClientId> </ClientId>")
        .contains("<ClientId>a&amp;&lt;&gt;&#13;\nb</ClientId>");
    assertThat(WbxmlXml.fromXml(xml)).isEqualTo(doc);
  }

  @Test
  void unknownTokensRoundTrip() throws ProtocolException {
    byte[] doc = hex("03 01 6a 00 45 51 03 78 00 01 00 03 07 01");
    String xml = WbxmlXml.toXml(doc);
    assertThat(xml).contains("<Unknown_0x11>x</Unknown_0x11>")
        .contains("<Unknown_0x07 xmlns=\"AirNotify:\"/>");
    assertThat(WbxmlXml.fromXml(xml)).isEqualTo(doc);
  }

  @Test
  void longStringsAreJoined() throws ProtocolException {
    String text = "x".repeat(40_000);
    byte[] doc = WbxmlXml.fromXml("<Sync xmlns=\"AirSync:\"><SyncKey>" + text + "</SyncKey></Sync>");
    assertThat(WbxmlXml.toXml(doc)).contains("<SyncKey>" + text + "</SyncKey>");
  }

  @Test
  void toXmlRejectsBrokenDocuments() {
    assertThatThrownBy(() -> WbxmlXml.toXml(hex("03 01 6a 00 45")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> WbxmlXml.toXml(hex("03 01 6a 00 05 05")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("after the end");
    assertThatThrownBy(() -> WbxmlXml.toXml(hex("03 01 6a 00 85")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("attributes");
    assertThatThrownBy(() -> WbxmlXml.toXml(new byte[0]))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void fromXmlRejectsWhatWbxmlCannotCarry() {
    assertThatThrownBy(() -> WbxmlXml.fromXml("<Sync xmlns=\"Nope:\"/>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nope:");
    assertThatThrownBy(() -> WbxmlXml.fromXml("<Sync xmlns=\"AirSync:\"><Bogus/></Sync>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bogus");
    assertThatThrownBy(() -> WbxmlXml.fromXml("<Sync xmlns=\"AirSync:\" a=\"1\"/>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attribute");
    assertThatThrownBy(() -> WbxmlXml.fromXml(
        "<Sync xmlns=\"AirSync:\"><SyncKey><![CDATA[not base64!]]></SyncKey></Sync>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
    assertThatThrownBy(() -> WbxmlXml.fromXml("<Sync xmlns=\"AirSync:\"><SyncKey>"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed XML");
    assertThatThrownBy(() -> WbxmlXml.fromXml("<Sync xmlns=\"AirSync:\">&bogus;</Sync>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void externalEntitiesAreNeverResolved() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Sync [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<Sync xmlns=\"AirSync:\"><SyncKey>&x;</SyncKey></Sync>";
    assertThatThrownBy(() -> WbxmlXml.fromXml(xxe)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodeForCliTakesHexOrBinary() throws ProtocolException {
    byte[] binary = hex("03 01 6a 00 00 07 56 52 03 30 00 01 01");
    String expected = PROLOG + "<FolderSync xmlns=\"FolderHierarchy:\">\n"
        + "  <SyncKey>0</SyncKey>\n</FolderSync>\n";
    assertThat(WbxmlXml.decodeForCli(binary)).isEqualTo(expected);
    for (String text : new String[] {
        "03 01 6a 00 00 07 56 52 03 30 00 01 01\n",
        "03016A000007565203300001 01",
        "0x03, 0x01, 0x6a, 0x00, 0x00, 0x07, 0x56, 0x52, 0x03, 0x30, 0x00, 0x01, 0x01",
        "03:01:6a:00\r\n00:07:56:52\r\n03:30:00:01:01\r\n"}) {
      assertThat(WbxmlXml.decodeForCli(text.getBytes(StandardCharsets.US_ASCII)))
          .as(text).isEqualTo(expected);
    }
    assertThatThrownBy(() -> WbxmlXml.decodeForCli("hello".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> WbxmlXml.decodeForCli("03 01 6".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ProtocolException.class);
  }
}
