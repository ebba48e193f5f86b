// Text with iCalendar's special characters survives the round trip, and the
// output follows the line rules: CRLF endings, lines of at most 75 octets,
// folds that never split a UTF-8 character.
#include <doctest/doctest.h>

#include "test_ical_fixture.h"
#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

// Length of the UTF-8 sequence that starts with `lead`, 0 if it is not a lead byte.
int Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const int n = Utf8Length(static_cast<unsigned char>(s[i]));
    if (n == 0 || i + n > s.size()) return false;
    for (int k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// libical writes RFC 6868 escapes in parameter values but hands them back
// undecoded when parsing.
std::string DecodeRfc6868(const std::string& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '^' && i + 1 < v.size()) {
      const char next = v[i + 1];
      if (next == '\'' || next == 'n' || next == '^') {
        out += next == '\'' ? '"' : next == 'n' ? '\n' : '^';
        ++i;
        continue;
      }
    }
    out += v[i];
  }
  return out;
}

}  // namespace

TEST_CASE("commas, semicolons, backslashes and newlines are escaped and read back intact") {
  Business biz = SampleBusiness();
  biz.name = "Smith, Jones; Partners \\ Co";
  biz.address = "Suite 4, Floor 2; 210 Maple Avenue\nSpringfield";
  BookingRecord b = SampleBooking(At("2026-03-09T14:00:00Z"));
  b.customer.name = "Ruiz, Ana; \"Annie\"";

  const std::string ics = BookingToIcs(biz, b, At("2026-03-01T12:00:00Z"), IcsMethod::kRequest);
  CHECK(ics.find("Suite 4\\, Floor 2\\; 210 Maple Avenue\\nSpringfield") != std::string::npos);

  auto cal = ParseIcs(ics);
  icalcomponent* ev = OnlyEvent(cal.get());
  CHECK(std::string(icalcomponent_get_location(ev)) == biz.address);
  CHECK(std::string(icalcomponent_get_summary(ev)) ==
        "Teeth cleaning at Smith, Jones; Partners \\ Co with Dr. Lee");
  // Parameter values cannot hold a double quote; RFC 6868 writes it as ^'.
  CHECK(ics.find("CN=\"Ruiz, Ana; ^'Annie^'\"") != std::string::npos);
  CHECK(DecodeRfc6868(Param(Prop(ev, ICAL_ATTENDEE_PROPERTY), "CN")) == b.customer.name);
  CHECK(DecodeRfc6868(Param(Prop(ev, ICAL_ORGANIZER_PROPERTY), "CN")) == biz.name);
}

TEST_CASE(
    "every line ends in CRLF and long lines are folded at 75 octets on character boundaries") {
  Business biz = SampleBusiness();
  // Multi-byte characters make a fold inside a character likely if the folder
  // counted characters or cut blindly.
  biz.name =
      "Clínica Dental Sonrisa Brillante – Ñuñoa, Región Metropolitana – Atención Integral "
      "für Familien und Kinder 😀😀😀😀";
  biz.address = std::string(200, 'a') + " Straße " + std::string(50, 'z');
  const BookingRecord b = SampleBooking(At("2026-03-09T14:00:00Z"));
  const std::string ics = BookingToIcs(biz, b, At("2026-03-01T12:00:00Z"), IcsMethod::kRequest);

  REQUIRE(ics.size() > 2);
  CHECK(ics.substr(ics.size() - 2) == "\r\n");
  size_t folded = 0;
  for (size_t pos = 0; pos < ics.size();) {
    const size_t crlf = ics.find("\r\n", pos);
    REQUIRE_MESSAGE(crlf != std::string::npos, "text after the last CRLF");
    const std::string_view line(ics.data() + pos, crlf - pos);
    CHECK_MESSAGE(line.find('\n') == std::string_view::npos, "bare LF in: " << line);
    CHECK_MESSAGE(line.size() <= 75, "line of " << line.size() << " octets: " << line);
    CHECK_MESSAGE(IsValidUtf8(line), "a fold split a UTF-8 character: " << line);
    if (!line.empty() && line.front() == ' ') ++folded;
    pos = crlf + 2;
  }
  CHECK(folded >= 3);

  auto cal = ParseIcs(ics);
  icalcomponent* ev = OnlyEvent(cal.get());
  CHECK(std::string(icalcomponent_get_location(ev)) == biz.address);
  CHECK(std::string(icalcomponent_get_summary(ev)) ==
        "Teeth cleaning at " + biz.name + " with Dr. Lee");
}
