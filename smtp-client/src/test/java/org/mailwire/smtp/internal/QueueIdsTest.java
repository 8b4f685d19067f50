package org.mailwire.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueIdsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ok: queued as 4Xy7s02Yx5z | 4Xy7s02Yx5z",
        "Ok: queued as 4Xy7s02Yx5z. | 4Xy7s02Yx5z",
        "OK id=1rXyz-000123-AB | 1rXyz-000123-AB",
        "x1ABCd012345 Message accepted for delivery | x1ABCd012345",
        "<alice@example.com> sJm3H2lZbmZ7CQAAm5vhGQ Saved | sJm3H2lZbmZ7CQAAm5vhGQ",
        "OK  1700000000 a1-20020a.123 - gsmtp | a1-20020a.123",
        "Ok | ",
        "queued | ",
        "<alice@example.com> Saved | ",
        "grid=5 | "
      })
  void findsTheCommonForms(String text, String id) {
    if (id == null) {
      assertThat(QueueIds.find(text.strip())).isEmpty();
    } else {
      assertThat(QueueIds.find(text.strip())).contains(id);
    }
  }
}
