package org.mailwire.imap.codec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A search criterion of SEARCH, SORT and THREAD (RFC 9051 §6.4.4, with CONDSTORE's MODSEQ, WITHIN's
 * OLDER/YOUNGER, OBJECTID's EMAILID/THREADID, SAVEDATE and Gmail's X-GM-RAW). Immutable; combine
 * with {@link #and}, {@link #or} and {@link #not}. Strings are encoded by {@link ImapCommandEncoder}
 * as quoted strings or literals, never as raw text.
 */
public final class SearchKey {
  /** One token of the criterion: a keyword, a string argument, or a nested key. */
  sealed interface Token permits Word, Str, Nested {}

  record Word(String word) implements Token {}

  record Str(String value) implements Token {}

  record Nested(List<SearchKey> keys, boolean parenthesized) implements Token {}

  final List<Token> tokens;

  private SearchKey(List<Token> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  private static SearchKey words(String... w) {
    List<Token> t = new ArrayList<>();
    for (String s : w) {
      t.add(new Word(s));
    }
    return new SearchKey(t);
  }

  private static SearchKey withString(String key, String value) {
    return new SearchKey(List.of(new Word(key), new Str(Objects.requireNonNull(value))));
  }

  private static String date(LocalDate d) {
    String[] m = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return d.getDayOfMonth() + "-" + m[d.getMonthValue() - 1] + "-" + d.getYear();
  }

  /** ALL. */
  public static SearchKey all() {
    return words("ALL");
  }

  /**
   * A key without arguments: ANSWERED, DELETED, DRAFT, FLAGGED, SEEN, UNANSWERED, UNDELETED,
   * UNDRAFT, UNFLAGGED, UNSEEN, NEW, OLD, RECENT.
   *
   * @throws IllegalArgumentException for any other word
   */
  public static SearchKey flag(String word) {
    String w = word.toUpperCase(java.util.Locale.ROOT);
    switch (w) {
      case "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "SEEN", "UNANSWERED", "UNDELETED", "UNDRAFT",
          "UNFLAGGED", "UNSEEN", "NEW", "OLD", "RECENT", "ALL" -> {
        return words(w);
      }
      default -> throw new IllegalArgumentException("not a search flag key: " + word);
    }
  }

  /** KEYWORD flag. @throws IllegalArgumentException if {@code keyword} is not an atom */
  public static SearchKey keyword(String keyword) {
    return words("KEYWORD", ImapCommandEncoder.requireAtom(keyword, "keyword"));
  }

  /** UNKEYWORD flag. @throws IllegalArgumentException if {@code keyword} is not an atom */
  public static SearchKey unkeyword(String keyword) {
    return words("UNKEYWORD", ImapCommandEncoder.requireAtom(keyword, "keyword"));
  }

  /** FROM string. */
  public static SearchKey from(String s) {
    return withString("FROM", s);
  }

  /** TO string. */
  public static SearchKey to(String s) {
    return withString("TO", s);
  }

  /** CC string. */
  public static SearchKey cc(String s) {
    return withString("CC", s);
  }

  /** BCC string. */
  public static SearchKey bcc(String s) {
    return withString("BCC", s);
  }

  /** SUBJECT string. */
  public static SearchKey subject(String s) {
    return withString("SUBJECT", s);
  }

  /** BODY string. */
  public static SearchKey body(String s) {
    return withString("BODY", s);
  }

  /** TEXT string. */
  public static SearchKey text(String s) {
    return withString("TEXT", s);
  }

  /** X-GM-RAW string (Gmail search syntax). */
  public static SearchKey gmailRaw(String s) {
    return withString("X-GM-RAW", s);
  }

  /** HEADER field-name string. */
  public static SearchKey header(String field, String value) {
    return new SearchKey(List.of(new Word("HEADER"), new Str(Objects.requireNonNull(field)), new Str(Objects.requireNonNull(value))));
  }

  /** BEFORE, ON, SINCE, SENTBEFORE, SENTON, SENTSINCE, SAVEDBEFORE, SAVEDON or SAVEDSINCE with a date. */
  public static SearchKey date(String key, LocalDate day) {
    String k = key.toUpperCase(java.util.Locale.ROOT);
    switch (k) {
      case "BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE", "SAVEDBEFORE", "SAVEDON", "SAVEDSINCE" -> {
        return words(k, date(day));
      }
      default -> throw new IllegalArgumentException("not a date search key: " + key);
    }
  }

  /** SINCE date. */
  public static SearchKey since(LocalDate day) {
    return date("SINCE", day);
  }

  /** LARGER n. */
  public static SearchKey larger(long n) {
    return words("LARGER", Long.toString(n));
  }

  /** SMALLER n. */
  public static SearchKey smaller(long n) {
    return words("SMALLER", Long.toString(n));
  }

  /** OLDER seconds (RFC 5032). */
  public static SearchKey older(long seconds) {
    return words("OLDER", Long.toString(seconds));
  }

  /** YOUNGER seconds (RFC 5032). */
  public static SearchKey younger(long seconds) {
    return words("YOUNGER", Long.toString(seconds));
  }

  /** UID set. */
  public static SearchKey uid(SequenceSet set) {
    return words("UID", set.toString());
  }

  /** A sequence set of message numbers. */
  public static SearchKey sequence(SequenceSet set) {
    return words(set.toString());
  }

  /** MODSEQ n (RFC 7162). */
  public static SearchKey modSeq(long modSeq) {
    return words("MODSEQ", Long.toString(modSeq));
  }

  /** EMAILID id (RFC 8474). @throws IllegalArgumentException if {@code id} is not an objectid */
  public static SearchKey emailId(String id) {
    return words("EMAILID", ImapCommandEncoder.requireObjectId(id));
  }

  /** THREADID id (RFC 8474). @throws IllegalArgumentException if {@code id} is not an objectid */
  public static SearchKey threadId(String id) {
    return words("THREADID", ImapCommandEncoder.requireObjectId(id));
  }

  /** NOT key. */
  public static SearchKey not(SearchKey k) {
    List<Token> t = new ArrayList<>();
    t.add(new Word("NOT"));
    t.add(new Nested(List.of(k), true));
    return new SearchKey(t);
  }

  /** OR a b. */
  public static SearchKey or(SearchKey a, SearchKey b) {
    List<Token> t = new ArrayList<>();
    t.add(new Word("OR"));
    t.add(new Nested(List.of(a), true));
    t.add(new Nested(List.of(b), true));
    return new SearchKey(t);
  }

  /** All of {@code keys} (implicit AND, parenthesized when nested). */
  public static SearchKey and(SearchKey... keys) {
    if (keys.length == 0) {
      throw new IllegalArgumentException("and() of nothing");
    }
    return new SearchKey(List.of(new Nested(List.of(keys), false)));
  }
}
