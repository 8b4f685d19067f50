package org.mailwire.activesync.wbxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CodePagesTest {
  private static final Set<ProtocolVersion> ALL = EnumSet.allOf(ProtocolVersion.class);
  private static final Set<ProtocolVersion> FROM_14_1 =
      EnumSet.of(ProtocolVersion.V14_1, ProtocolVersion.V16_0, ProtocolVersion.V16_1);
  private static final Set<ProtocolVersion> FROM_14_0 = EnumSet.of(ProtocolVersion.V14_0,
      ProtocolVersion.V14_1, ProtocolVersion.V16_0, ProtocolVersion.V16_1);

  @Test
  void pagesAndNamespacesAsActiveSyncNamesThem() {
    assertThat(CodePages.pages().stream().map(CodePage::namespace).collect(Collectors.toList()))
        .containsExactly("AirSync", "Contacts", "Email", "AirNotify", "Calendar", "Move",
            "GetItemEstimate", "FolderHierarchy", "MeetingResponse", "Tasks",
            "ResolveRecipients", "ValidateCert", "Contacts2", "Ping", "Provision", "Search",
            "GAL", "AirSyncBase", "Settings", "DocumentLibrary", "ItemOperations", "ComposeMail",
            "Email2", "Notes", "RightsManagement", "Find");
    for (CodePage p : CodePages.pages()) {
      assertThat(CodePages.page(p.number())).isSameAs(p);
      assertThat(CodePages.page(p.namespace())).isSameAs(p);
      assertThat(CodePages.page(p.namespace() + ":")).isSameAs(p);
    }
    assertThat(CodePages.page("Gal:")).isSameAs(CodePages.page(16));
    assertThat(CodePages.page("ItemEstimate")).isSameAs(CodePages.page(6));
    assertThat(CodePages.page(26)).isNull();
    assertThat(CodePages.page(-1)).isNull();
    assertThat(CodePages.page("Nope")).isNull();
    assertThat(CodePages.page((String) null)).isNull();
  }

  @Test
  void everyTagIsConsistent() {
    int count = 0;
    for (CodePage p : CodePages.pages()) {
      Set<String> names = new HashSet<>();
      for (Tag tag : p.tags()) {
        count++;
        assertThat(tag.page()).isEqualTo(p.number());
        assertThat(tag.token()).isBetween(0x05, 0x3F);
        assertThat(tag.namespace()).isEqualTo(p.namespace());
        assertThat(tag.versions()).isNotEmpty();
        assertThat(names.add(tag.name())).as(tag.toString()).isTrue();
        assertThat(p.tag(tag.name())).isSameAs(tag);
        assertThat(CodePages.tag(p.namespace(), tag.name())).isSameAs(tag);
        Tag byToken = CodePages.tag(p.number(), tag.token());
        assertThat(byToken.token()).isEqualTo(tag.token());
        assertThat(p.tag(tag.token() | 0x40)).isSameAs(byToken);
        for (String alias : tag.aliases()) {
          assertThat(p.tag(alias)).isSameAs(tag);
        }
      }
    }
    assertThat(CodePages.page(3).tags()).as("AirNotify is no longer in use").isEmpty();
    assertThat(count).as("rows of the code page table").isEqualTo(612);
  }

  @Test
  void folderHierarchyPageFacts() {
    Tag folderSync = CodePages.tag(7, 0x16);
    assertThat(folderSync.name()).isEqualTo("FolderSync");
    assertThat(CodePages.tag(7, 0x12).name()).isEqualTo("SyncKey");
    assertThat(folderSync.toString()).isEqualTo("FolderHierarchy:FolderSync");
    assertThat(CodePages.tag("FolderHierarchy", "Folders").versions()).containsExactly(
        ProtocolVersion.V2_5, ProtocolVersion.V12_0, ProtocolVersion.V12_1);
    assertThat(CodePages.tag(7, 0x0B)).as("0x0B is not defined").isNull();
  }

  /** [MS-ASWBXML] 2.1.2.1.26: the Find page, every tag 16.1 only. */
  @Test
  void findPageAsTheSpecificationListsIt() {
    List<String> expected = List.of("05 Find", "06 SearchId", "07 ExecuteSearch",
        "08 MailBoxSearchCriterion", "09 Query", "0A Status", "0B FreeText", "0C Options",
        "0D Range", "0E DeepTraversal", "11 Response", "12 Result", "13 Properties", "14 Preview",
        "15 HasAttachments", "16 Total", "17 DisplayCc", "18 DisplayBcc", "19 GalSearchCriterion",
        "20 MaxPictures", "21 MaxSize", "22 Picture");
    assertThat(describe(CodePages.page(25))).containsExactlyElementsOf(expected);
    for (Tag t : CodePages.page(25).tags()) {
      assertThat(t.versions()).containsExactly(ProtocolVersion.V16_1);
    }
  }

  /** [MS-ASWBXML] 2.1.2.1.11: the ResolveRecipients page with its protocol versions. */
  @Test
  void resolveRecipientsPageAsTheSpecificationListsIt() {
    assertThat(describe(CodePages.page(10))).containsExactly("05 ResolveRecipients",
        "06 Response", "07 Status", "08 Type", "09 Recipient", "0A DisplayName",
        "0B EmailAddress", "0C Certificates", "0D Certificate", "0E MiniCertificate",
        "0F Options", "10 To", "11 CertificateRetrieval", "12 RecipientCount",
        "13 MaxCertificates", "14 MaxAmbiguousRecipients", "15 CertificateCount",
        "16 Availability", "17 StartTime", "18 EndTime", "19 MergedFreeBusy", "1A Picture",
        "1B MaxSize", "1C Data", "1D MaxPictures");
    CodePage p = CodePages.page(10);
    for (Tag t : p.tags()) {
      Set<ProtocolVersion> want =
          t.token() <= 0x15 ? ALL : t.token() <= 0x19 ? FROM_14_0 : FROM_14_1;
      assertThat(t.versions()).as(t.toString()).isEqualTo(want);
    }
  }

  /** [MS-ASWBXML] 2.1.2.1.13: Contacts2, every tag in every version. */
  @Test
  void contacts2PageAsTheSpecificationListsIt() {
    assertThat(describe(CodePages.page(12))).containsExactly("05 CustomerId", "06 GovernmentId",
        "07 IMAddress", "08 IMAddress2", "09 IMAddress3", "0A ManagerName",
        "0B CompanyMainPhone", "0C AccountName", "0D NickName", "0E MMS");
    for (Tag t : CodePages.page(12).tags()) {
      assertThat(t.versions()).isEqualTo(ALL);
    }
  }

  @Test
  void versionFactsTheWriterReliesOn() {
    assertThat(tag("AirSync", "ConversationMode").versions()).isEqualTo(FROM_14_0);
    assertThat(tag("AirSync", "Wait").supportedIn(ProtocolVersion.V12_0)).isFalse();
    assertThat(tag("AirSync", "Wait").supportedIn(ProtocolVersion.V12_1)).isTrue();
    assertThat(tag("AirSync", "Truncation").versions()).containsExactly(ProtocolVersion.V2_5);
    assertThat(tag("Email", "Location").supportedIn(ProtocolVersion.V16_0)).isFalse();
    assertThat(tag("Email", "Location").supportedIn(ProtocolVersion.V14_1)).isTrue();
    assertThat(tag("Provision", "AccountOnlyRemoteWipe").versions())
        .containsExactly(ProtocolVersion.V16_1);
    assertThat(tag("ComposeMail", "SendMail").supportedIn(ProtocolVersion.V12_1)).isFalse();
    assertThat(tag("AirSyncBase", "Body").supportedIn(ProtocolVersion.V2_5)).isFalse();
    assertThat(tag("MeetingResponse", "ProposedStartTime").versions())
        .containsExactly(ProtocolVersion.V16_1);
  }

  @Test
  void oneTokenWithTwoNames() {
    Tag first = CodePages.tag(14, 0x10);
    assertThat(first.name()).isEqualTo("RequireStorageCardEncryption");
    Tag second = CodePages.tag("Provision", "DeviceEncryptionEnabled");
    assertThat(second.token()).isEqualTo(0x10);
    assertThat(second.versions()).containsExactly(ProtocolVersion.V12_0);
  }

  @Test
  void libwbxmlNamesAreAliases() {
    assertThat(tag("Calendar", "Attendee_Email")).isSameAs(tag("Calendar", "Email"));
    assertThat(tag("Calendar", "TimeZone").name()).isEqualTo("Timezone");
    assertThat(tag("Email", "Reply-To").name()).isEqualTo("ReplyTo");
    assertThat(tag("Email", "FlagStatus").name()).isEqualTo("Status");
    assertThat(tag("ComposeMail", "MIME").name()).isEqualTo("Mime");
    assertThat(tag("Tasks", "Recurrence_Start").name()).isEqualTo("Start");
    assertThat(tag("Contacts", "BusinessCity").name()).isEqualTo("BusinessAddressCity");
    assertThat(tag("Email", "AttOId").name()).isEqualTo("Att0Id");
    assertThat(tag("Email", "AttOId").aliases()).containsExactly("AttOId");
  }

  @Test
  void requireRejectsUnknownNames() {
    assertThatThrownBy(() -> CodePages.require("AirSync", "Nope"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CodePages.tag("Nope", "Sync")).isNull();
    assertThat(CodePages.tag(0, 0x11)).isNull();
    assertThat(CodePages.tag(0, 0x85)).isNull();
    assertThat(CodePages.tag(99, 0x05)).isNull();
  }

  @Test
  void protocolVersionHeaderValues() {
    assertThat(ProtocolVersion.of("16.1")).isEqualTo(ProtocolVersion.V16_1);
    assertThat(ProtocolVersion.V2_5.headerValue()).isEqualTo("2.5");
    assertThatThrownBy(() -> ProtocolVersion.of("13.0")).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Lookups on the hot path allocate nothing, measured with the JVM's per-thread allocation
   * counter (read reflectively: the test runs patched into a module that does not read
   * java.management).
   */
  @Test
  void lookupsDoNotAllocate() throws Exception {
    Object mx = Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getThreadMXBean").invoke(null);
    Class<?> hotspot;
    try {
      hotspot = Class.forName("com.sun.management.ThreadMXBean");
    } catch (ClassNotFoundException e) {
      hotspot = null;
    }
    Assumptions.assumeTrue(hotspot != null && hotspot.isInstance(mx)
        && (Boolean) hotspot.getMethod("isThreadAllocatedMemorySupported").invoke(mx),
        "allocation counting not available on this JVM");
    hotspot.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(mx, true);
    Method allocated = hotspot.getMethod("getThreadAllocatedBytes", long.class);
    long id = Thread.currentThread().getId();
    int sink = 0;
    long bytes = 0;
    for (int round = 0; round < 3; round++) {
      long before = (Long) allocated.invoke(mx, id);
      for (int i = 0; i < 200_000; i++) {
        Tag a = CodePages.tag(i % 26, 5 + i % 40);
        Tag b = CodePages.tag("AirSyncBase:", "NativeBodyType");
        sink += (a == null ? 0 : a.token()) + b.token();
      }
      bytes = (Long) allocated.invoke(mx, id) - before;
    }
    assertThat(bytes).as("bytes allocated by 400k lookups").isLessThan(4096);
    assertThat(sink).isPositive();
  }

  private static Tag tag(String ns, String name) {
    return CodePages.tag(ns, name);
  }

  private static List<String> describe(CodePage p) {
    List<String> out = new ArrayList<>();
    for (Tag t : p.tags()) {
      out.add(String.format("%02X %s", t.token(), t.name()));
    }
    return out;
  }
}
