#include "redact_rows.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("Phone numbers in common written forms are redacted") {
  CheckRows({
      {"call +15550100199 now", "call [redacted:phone] now"},
      {"+1 (555) 010-0199", "[redacted:phone]"},
      {"+1-555-010-0199.", "[redacted:phone]."},
      {"+44 20 7946 0958 (London)", "[redacted:phone] (London)"},
      {"(555) 010-0199", "[redacted:phone]"},
      {"(555)010-0199", "[redacted:phone]"},
      {"555-010-0199", "[redacted:phone]"},
      {"555.010.0199", "[redacted:phone]"},
      {"555 010 0199", "[redacted:phone]"},
      {"1-555-010-0199", "[redacted:phone]"},
      {"1 (555) 010-0199", "[redacted:phone]"},
      {"dial 555-0199.", "dial [redacted:phone]."},
      {"5550100199", "[redacted:phone]"},
      {"tel:+15550100199", "tel:[redacted:phone]"},
      {"tel:5550100199", "tel:[redacted:phone]"},
      {"(5550100199)", "([redacted:phone])"},
      {"From +15550100199 to +15550100911", "From [redacted:phone] to [redacted:phone]"},
      {"+15550142", "[redacted:phone]"},
  });
}

TEST_CASE("Spoken digit runs of seven or more digits are redacted") {
  CheckRows({
      {"it's five five five oh one oh oh one nine nine thanks", "it's [redacted:phone] thanks"},
      {"5 5 5 0 1 0 0 1 9 9", "[redacted:phone]"},
      {"5, 5, 5, 0, 1, 0, 0", "[redacted:phone]"},
      {"five-five-five-zero-one-nine-nine", "[redacted:phone]"},
      {"555 0100 199", "[redacted:phone]"},
      {"five five five 010 0199", "[redacted:phone]"},
      {"double five triple one two three", "[redacted:phone]"},
      {"Seven Seven Seven Two Two Two One", "[redacted:phone]"},
      {"oh one two three four five six", "[redacted:phone]"},
      {"Oh, 555 0100 199", "Oh, [redacted:phone]"},
  });
}

TEST_CASE("Short digit runs and counting words are left alone") {
  CheckRows({
      {"five five five one", "five five five one"},
      {"one or two people", "one or two people"},
      {"I need 2 appointments for 3 kids", "I need 2 appointments for 3 kids"},
      {"9 10 11 12", "9 10 11 12"},
      {"extension 123456", "extension 123456"},
      {"the double room", "the double room"},
  });
}

TEST_CASE("Email addresses are redacted") {
  CheckRows({
      {"ana.ruiz+tag@example.co.uk wrote", "[redacted:email] wrote"},
      {"<ana@example.com>", "<[redacted:email]>"},
      {"mailto:ana@example.com", "mailto:[redacted:email]"},
      {"5550100199@txt.example.net", "[redacted:email]"},
      {"mail ana_r-1@mail-server.example.org.", "mail [redacted:email]."},
      {"A@B.CO", "[redacted:email]"},
  });
}

TEST_CASE("Things that only look like email addresses are kept") {
  CheckRows({
      {"meet @ 10", "meet @ 10"},
      {"user@localhost", "user@localhost"},
      {"ana@example", "ana@example"},
      {"a@b.c", "a@b.c"},
      {"@handle", "@handle"},
  });
}

TEST_CASE("US Social Security numbers are redacted") {
  CheckRows({
      {"SSN 123-45-6789.", "SSN [redacted:ssn]."},
      {"ssn: 123 45 6789", "ssn: [redacted:ssn]"},
  });
}

TEST_CASE("Card-like numbers are redacted") {
  CheckRows({
      {"4111111111111111", "[redacted:card]"},
      {"card 4111 1111 1111 1111 exp 12/29", "card [redacted:card] exp 12/29"},
      {"4111-1111-1111-1111", "[redacted:card]"},
      {"amex 3782 822463 10005", "amex [redacted:card]"},
      {"6011000990139424123", "[redacted:card]"},
      {"4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "[redacted:card]"},
  });
}

TEST_CASE("Dates of birth next to a birth word are redacted") {
  CheckRows({
      {"born on April 12, 1990 in Ohio", "born on [redacted:dob] in Ohio"},
      {"DOB: 04/12/1990", "DOB: [redacted:dob]"},
      {"D.O.B. 1990-04-12", "D.O.B. [redacted:dob]"},
      {"dob=1990-04-12", "dob=[redacted:dob]"},
      {"date of birth 12th of April 1990", "date of birth [redacted:dob]"},
      {"birthday is Apr. 3rd", "birthday is [redacted:dob]"},
      {"my birthdate is 12.4.90", "my birthdate is [redacted:dob]"},
      {"born in 1988.", "born in [redacted:dob]."},
      {"she was born 19900412", "she was born [redacted:dob]"},
      {"Birthday: 3 March 1985, phone 555-010-0199",
       "Birthday: [redacted:dob], phone [redacted:phone]"},
  });
}

TEST_CASE("Dates without a birth word, or far from it, are kept") {
  CheckRows({
      {"appointment on April 12, 2026", "appointment on April 12, 2026"},
      {"closed 2026-12-25", "closed 2026-12-25"},
      {"see you 04/12/2026", "see you 04/12/2026"},
      {"born\nnext appointment 2026-03-09", "born\nnext appointment 2026-03-09"},
      {"born (the caller said so), and much later on we booked 2026-03-09",
       "born (the caller said so), and much later on we booked 2026-03-09"},
      {"may I book march 3", "may I book march 3"},
  });
}

TEST_CASE("ScrubTextTo appends and counts the replacements") {
  std::string out = "prefix: ";
  CHECK(ScrubTextTo("a@example.com and +15550100199", out) == 2);
  CHECK(out == "prefix: [redacted:email] and [redacted:phone]");
  std::string none;
  CHECK(ScrubTextTo("nothing to see", none) == 0);
  CHECK(none == "nothing to see");
  CHECK(ScrubText("") == "");
}
