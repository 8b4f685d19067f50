package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandEncoderTest {
  private final ImapCommandEncoder enc = new ImapCommandEncoder();

  private static String s(EncodedCommand c) {
    return new String(c.toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void simpleCommandsAndTags() {
    assertThat(s(enc.capability())).isEqualTo("A1 CAPABILITY\r\n");
    assertThat(s(enc.noop())).isEqualTo("A2 NOOP\r\n");
    assertThat(s(enc.idle())).isEqualTo("A3 IDLE\r\n");
    assertThat(s(enc.done())).isEqualTo("DONE\r\n");
    assertThat(enc.done().tag()).isNull();
    assertThat(s(enc.startTls())).isEqualTo("A4 STARTTLS\r\n");
    assertThat(s(enc.namespace())).isEqualTo("A5 NAMESPACE\r\n");
    assertThat(s(enc.unselect())).isEqualTo("A6 UNSELECT\r\n");
    assertThat(s(enc.compress())).isEqualTo("A7 COMPRESS DEFLATE\r\n");
    assertThat(s(enc.logout())).isEqualTo("A8 LOGOUT\r\n");
  }

  @Test
  void loginQuotesAndLiterals() {
    EncodedCommand c = enc.login("alice", "pa ss\"w\\d");
    assertThat(s(c)).isEqualTo("A1 LOGIN alice \"pa ss\\\"w\\\\d\"\r\n");
    assertThat(c.sensitive()).isTrue();
    // CR/LF force a synchronizing literal: the line is split where the server's + must be awaited
    EncodedCommand inj = enc.login("bob", "x\r\nA9 DELETE INBOX");
    assertThat(inj.parts()).hasSize(2);
    EncodedCommand.Bytes first = (EncodedCommand.Bytes) inj.parts().get(0);
    assertThat(first.awaitContinuation()).isTrue();
    assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("A2 LOGIN bob {18}\r\n");
    assertThat(new String(((EncodedCommand.Bytes) inj.parts().get(1)).data(), StandardCharsets.UTF_8))
        .isEqualTo("x\r\nA9 DELETE INBOX\r\n");
    assertThatThrownBy(() -> enc.login("a\0b", "p")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void literalPlusAndMinus() {
    enc.literalPlus(true);
    EncodedCommand c = enc.login("u", "a\nb");
    assertThat(c.needsContinuation()).isFalse();
    assertThat(s(c)).isEqualTo("A1 LOGIN u {3+}\r\na\nb\r\n");
    enc.literalPlus(false);
    enc.literalMinus(true);
    assertThat(enc.login("u", "a\nb").needsContinuation()).isFalse();
    assertThat(enc.login("u", "\n".repeat(5000)).needsContinuation()).isTrue();
  }

  @Test
  void mailboxNamesUtf7AndUtf8() {
    assertThat(s(enc.select("日本語", ImapCommandEncoder.SelectParams.NONE))).isEqualTo("A1 SELECT &ZeVnLIqe-\r\n");
    assertThat(s(enc.select("Sent Items", ImapCommandEncoder.SelectParams.CONDSTORE)))
        .isEqualTo("A2 SELECT \"Sent Items\" (CONDSTORE)\r\n");
    assertThat(s(enc.examine("inbox", ImapCommandEncoder.SelectParams.qresync(67890007, 90060115194045000L, SequenceSet.parse("41,43:211")))))
        .isEqualTo("A3 EXAMINE INBOX (QRESYNC (67890007 90060115194045000 41,43:211))\r\n");
    enc.utf8Accept(true);
    assertThat(s(enc.create("Café", List.of("\\Sent")))).isEqualTo("A4 CREATE \"Café\" (USE (\\Sent))\r\n");
    assertThat(s(enc.rename("A&B", "C"))).isEqualTo("A5 RENAME A&B C\r\n");
    enc.utf8Accept(false);
    assertThat(s(enc.rename("A&B", "C"))).isEqualTo("A6 RENAME A&-B C\r\n");
  }

  @Test
  void listExtended() {
    assertThat(s(enc.list(List.of("SUBSCRIBED"), "", List.of("*", "Foo/%"), List.of("CHILDREN", "SPECIAL-USE"), List.of("MESSAGES", "UNSEEN"))))
        .isEqualTo("A1 LIST (SUBSCRIBED) \"\" (* Foo/%) RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN))\r\n");
    assertThat(s(enc.list(List.of(), "", List.of("*"), List.of(), List.of()))).isEqualTo("A2 LIST \"\" *\r\n");
    assertThat(s(enc.lsub("#news.", "comp.mail.*"))).isEqualTo("A3 LSUB #news. comp.mail.*\r\n");
  }

  @Test
  void fetchStoreSearchSortThread() {
    assertThat(s(enc.fetch(true, SequenceSet.of(5, 1, 2, 3, 9, 10), List.of("UID", "FLAGS", "BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]<0.512>"), 12345, true)))
        .isEqualTo("A1 UID FETCH 1:3,5,9:10 (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]<0.512>) (CHANGEDSINCE 12345 VANISHED)\r\n");
    assertThat(s(enc.fetch(false, SequenceSet.ALL, List.of("fast"), -1, false))).isEqualTo("A2 FETCH 1:* FAST\r\n");
    assertThatThrownBy(() -> enc.fetch(false, SequenceSet.ALL, List.of("UID\r\nA1 LOGOUT"), -1, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> enc.fetch(false, SequenceSet.ALL, List.of("UID FLAGS"), -1, false)).isInstanceOf(IllegalArgumentException.class);
    assertThat(s(enc.store(true, SequenceSet.of(7), ImapCommandEncoder.StoreMode.ADD, true, List.of("\\Seen", "$Forwarded"), 320162338)))
        .isEqualTo("A3 UID STORE 7 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\\Seen $Forwarded)\r\n");
    assertThatThrownBy(() -> enc.store(false, SequenceSet.of(1), ImapCommandEncoder.StoreMode.REPLACE, false, List.of("a b"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    SearchKey k = SearchKey.and(SearchKey.flag("unseen"), SearchKey.or(SearchKey.from("smith"), SearchKey.subject("a \"b\"")),
        SearchKey.not(SearchKey.since(LocalDate.of(2024, 2, 1))), SearchKey.modSeq(5));
    assertThat(s(enc.search(true, List.of("MIN", "COUNT"), null, k)))
        .isEqualTo("A4 UID SEARCH RETURN (MIN COUNT) UNSEEN OR (FROM \"smith\") (SUBJECT \"a \\\"b\\\"\") NOT (SINCE 1-Feb-2024) MODSEQ 5\r\n");
    EncodedCommand utf = enc.search(false, null, "UTF-8", SearchKey.body("Grüße"));
    assertThat(utf.needsContinuation()).isTrue();
    assertThat(s(utf)).isEqualTo("A5 SEARCH CHARSET UTF-8 BODY {7}\r\nGrüße\r\n");
    assertThat(s(enc.sort(true, List.of("REVERSE", "DATE"), "UTF-8", SearchKey.all()))).isEqualTo("A6 UID SORT (REVERSE DATE) UTF-8 ALL\r\n");
    assertThat(s(enc.thread(false, "REFERENCES", "US-ASCII", SearchKey.header("X-Id", "1")))).isEqualTo("A7 THREAD REFERENCES US-ASCII HEADER \"X-Id\" \"1\"\r\n");
    assertThat(s(enc.move(true, SequenceSet.range(1, SequenceSet.STAR), "Trash"))).isEqualTo("A8 UID MOVE 1:* Trash\r\n");
    assertThat(s(enc.uidExpunge(SequenceSet.of(3000, 3001, 3002, 3010)))).isEqualTo("A9 UID EXPUNGE 3000:3002,3010\r\n");
    assertThat(s(enc.copy(false, SequenceSet.of(2, 4), "Archive"))).isEqualTo("A10 COPY 2,4 Archive\r\n");
  }

  @Test
  void appendWithBodies() {
    OffsetDateTime d = OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8));
    EncodedCommand c = enc.append("saved-messages", List.of(
        new ImapCommandEncoder.AppendMessage(List.of("\\Seen"), d, 310, false),
        new ImapCommandEncoder.AppendMessage(List.of(), null, 42, true)));
    assertThat(c.parts()).hasSize(5);
    assertThat(new String(((EncodedCommand.Bytes) c.parts().get(0)).data(), StandardCharsets.UTF_8))
        .isEqualTo("A1 APPEND saved-messages (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {310}\r\n");
    assertThat(((EncodedCommand.Bytes) c.parts().get(0)).awaitContinuation()).isTrue();
    assertThat(c.parts().get(1)).isEqualTo(new EncodedCommand.MessageBody(0, 310));
    assertThat(new String(((EncodedCommand.Bytes) c.parts().get(2)).data(), StandardCharsets.UTF_8)).isEqualTo(" ~{42}\r\n");
    assertThat(c.parts().get(3)).isEqualTo(new EncodedCommand.MessageBody(1, 42));
    assertThat(new String(((EncodedCommand.Bytes) c.parts().get(4)).data(), StandardCharsets.UTF_8)).isEqualTo("\r\n");
    assertThatThrownBy(c::toBytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void authenticateIdMetadataQuotaNotify() {
    assertThat(s(enc.authenticate("plain", "\0alice\0pw".getBytes(StandardCharsets.UTF_8)))).isEqualTo("A1 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n");
    assertThat(s(enc.authenticate("EXTERNAL", new byte[0]))).isEqualTo("A2 AUTHENTICATE EXTERNAL =\r\n");
    assertThat(s(enc.authenticateResponse(new byte[] {1, 2}))).isEqualTo("AQI=\r\n");
    assertThat(s(enc.authenticateCancel())).isEqualTo("*\r\n");
    Map<String, String> id = new LinkedHashMap<>();
    id.put("name", "mailwire");
    id.put("version", null);
    assertThat(s(enc.id(id))).isEqualTo("A3 ID (\"name\" \"mailwire\" \"version\" NIL)\r\n");
    assertThat(s(enc.id(null))).isEqualTo("A4 ID NIL\r\n");
    assertThat(s(enc.enable("CONDSTORE", "QRESYNC"))).isEqualTo("A5 ENABLE CONDSTORE QRESYNC\r\n");
    assertThat(s(enc.getMetadata("INBOX", 1024, "infinity", List.of("/private/comment", "/shared/comment"))))
        .isEqualTo("A6 GETMETADATA (MAXSIZE 1024 DEPTH infinity) INBOX (/private/comment /shared/comment)\r\n");
    Map<String, String> md = new LinkedHashMap<>();
    md.put("/private/comment", "My new comment");
    md.put("/shared/comment", null);
    assertThat(s(enc.setMetadata("INBOX", md))).isEqualTo("A7 SETMETADATA INBOX (/private/comment \"My new comment\" /shared/comment NIL)\r\n");
    assertThat(s(enc.getQuotaRoot("INBOX"))).isEqualTo("A8 GETQUOTAROOT INBOX\r\n");
    assertThat(s(enc.getQuota(""))).isEqualTo("A9 GETQUOTA \"\"\r\n");
    assertThat(s(enc.setQuota("", Map.of("STORAGE", 512L)))).isEqualTo("A10 SETQUOTA \"\" (STORAGE 512)\r\n");
    assertThat(s(enc.notifySet(true, List.of(
        new ImapCommandEncoder.NotifyGroup("selected", List.of(), List.of("MessageNew (UID BODY.PEEK[HEADER])", "MessageExpunge")),
        new ImapCommandEncoder.NotifyGroup("mailboxes", List.of("Lists"), List.of())))))
        .isEqualTo("A11 NOTIFY SET STATUS (SELECTED (MessageNew (UID BODY.PEEK[HEADER]) MessageExpunge)) (MAILBOXES (Lists) NONE)\r\n");
    assertThat(s(enc.notifyNone())).isEqualTo("A12 NOTIFY NONE\r\n");
    assertThat(s(enc.status("INBOX", List.of("MESSAGES", "UIDNEXT", "SIZE")))).isEqualTo("A13 STATUS INBOX (MESSAGES UIDNEXT SIZE)\r\n");
  }

  @Test
  void sequenceSets() {
    assertThat(SequenceSet.of(1, 2, 3, 5, 7, 8).toString()).isEqualTo("1:3,5,7:8");
    assertThat(SequenceSet.parse("1:3,5,7:*").contains(100)).isTrue();
    assertThat(SequenceSet.parse("4:2")).hasToString("4:2");
    assertThat(SequenceSet.parse("4:2").compact()).hasToString("2:4");
    assertThat(SequenceSet.parse("0")).isNull();
    assertThat(SequenceSet.parse("1,,2")).isNull();
    assertThat(SequenceSet.parse("$").isSaved()).isTrue();
    assertThat(SequenceSet.of(3, 1, 2).toArray(10)).containsExactly(1, 2, 3);
  }

  @Test
  void modifiedUtf7() {
    assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    assertThat(ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-")).isEqualTo("~peter/mail/台北/日本語");
    assertThat(ModifiedUtf7.decode("&Jjo-!")).isEqualTo("☺!");
    assertThat(ModifiedUtf7.decode("A&-B")).isEqualTo("A&B");
    assertThat(ModifiedUtf7.decode("&AGE-")).isNull(); // encodes printable ASCII
    assertThat(ModifiedUtf7.decode("&U,BTFw")).isNull(); // unterminated
  }
}
