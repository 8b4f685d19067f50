package org.mailwire.pop3;

import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The caller's record of the unique ids ({@code UIDL}) of messages already fetched, for leaving
 * mail on the server ({@link UidlSync}). Persist it between sessions; {@link #add} is called as
 * soon as a message was stored, so a run cut short keeps its progress.
 */
public interface UidStore {
  /** Returns whether the message with unique id {@code uid} was fetched before. */
  boolean contains(String uid) throws IOException;

  /** Records that the message with unique id {@code uid} is now stored. */
  void add(String uid) throws IOException;

  /** Returns every recorded unique id (to find those that vanished from the server). */
  Collection<String> all() throws IOException;

  /**
   * Returns a store backed by {@code set} (not copied: it sees every {@link #add}).
   *
   * @throws NullPointerException if {@code set} is null
   */
  static UidStore of(Set<String> set) {
    Objects.requireNonNull(set, "set");
    return new UidStore() {
      @Override
      public boolean contains(String uid) {
        return set.contains(uid);
      }

      @Override
      public void add(String uid) {
        set.add(uid);
      }

      @Override
      public Collection<String> all() {
        return set;
      }
    };
  }
}
