// What the loader fills in when a field is left out: staff inherit the
// business zone and hours, services default to every staff member, booking
// rules and optional fields take their documented defaults.
#include <doctest/doctest.h>

#include <string>

#include "schedule/config_loader.h"

using namespace voxdesk;
using namespace std::chrono_literals;

namespace {

constexpr const char* kMinimal = R"({
  "id": "shop", "name": "Shop", "timezone": "America/New_York",
  "hours": {"mon": [["13:00", "17:00"], ["09:00", "12:00"]], "fri": [["09:00", "15:00"]]},
  "services": [{"id": "cut", "name": "Cut", "duration_min": 30},
               {"id": "color", "name": "Color", "duration_min": 90, "staff": ["kim"],
                "slot_step_min": 30, "buffer_before_min": 5, "buffer_after_min": 10,
                "price": 89.5, "description": "Full colour"}],
  "staff": [{"id": "lee", "name": "Lee"},
            {"id": "kim", "name": "Kim", "timezone": "America/Chicago",
             "hours": {"tue": [["08:00", "16:00"]]},
             "overrides": [{"date": "2026-03-11", "hours": [["10:00", "14:00"]]},
                           {"date": "2026-03-10", "hours": []}],
             "busy": [{"start": "2026-03-09T15:00:00Z", "end": "2026-03-09T16:00:00Z"},
                      {"start": "2026-03-09T13:00:00Z", "end": "2026-03-09T14:00:00Z"}]}]
})";

LocalDate Ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y}, date::month{m}, date::day{d}};
}

Business LoadOk(const std::string& text) {
  auto r = LoadBusinessJson(text);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  CHECK(r->warnings.empty());
  return std::move(r).value().business;
}

}  // namespace

TEST_CASE("config: staff without timezone or hours inherit the business's") {
  const Business b = LoadOk(kMinimal);
  const Staff* lee = b.FindStaff("lee");
  REQUIRE(lee);
  CHECK(lee->timezone == "America/New_York");
  CHECK(lee->zone == b.zone);
  CHECK(lee->hours == b.hours);
  CHECK(lee->overrides.empty());
  CHECK(lee->busy.empty());
}

TEST_CASE("config: staff with their own timezone and hours keep them, and missing days are closed") {
  const Business b = LoadOk(kMinimal);
  const Staff* kim = b.FindStaff("kim");
  REQUIRE(kim);
  CHECK(kim->timezone == "America/Chicago");
  REQUIRE(kim->zone);
  CHECK(kim->zone->name() == "America/Chicago");
  CHECK(kim->hours[0].empty());  // Monday: not in Kim's hours, so closed
  REQUIRE(kim->hours[1].size() == 1);
  CHECK(kim->hours[1][0] == LocalInterval{8 * 60, 16 * 60});
}

TEST_CASE("config: overrides are keyed by local date and busy blocks come sorted by start") {
  const Business b = LoadOk(kMinimal);
  const Staff* kim = b.FindStaff("kim");
  REQUIRE(kim);
  REQUIRE(kim->overrides.size() == 2);
  CHECK(kim->overrides.at(Ymd(2026, 3, 10)).empty());
  CHECK(kim->overrides.at(Ymd(2026, 3, 11)) == DayHours{{10 * 60, 14 * 60}});
  REQUIRE(kim->busy.size() == 2);
  CHECK(FormatRfc3339Utc(kim->busy[0].start) == "2026-03-09T13:00:00Z");
  CHECK(FormatRfc3339Utc(kim->busy[1].end) == "2026-03-09T16:00:00Z");
}

TEST_CASE("config: business hours are sorted by opening time and missing days are closed") {
  const Business b = LoadOk(kMinimal);
  CHECK(b.hours[0] == DayHours{{9 * 60, 12 * 60}, {13 * 60, 17 * 60}});
  CHECK(b.hours[4] == DayHours{{9 * 60, 15 * 60}});
  for (int d : {1, 2, 3, 5, 6}) CHECK(b.hours[d].empty());
}

TEST_CASE("config: a service without a staff list can be performed by every staff member") {
  const Business b = LoadOk(kMinimal);
  const Service* cut = b.FindService("cut");
  REQUIRE(cut);
  CHECK(cut->staff == std::vector<std::string>{"lee", "kim"});
  CHECK(cut->buffer_before_min == 0);
  CHECK(cut->buffer_after_min == 0);
  CHECK_FALSE(cut->slot_step_min.has_value());
  CHECK_FALSE(cut->price.has_value());
  CHECK(cut->synonyms.empty());
  CHECK(b.StepFor(*cut) == 15);
}

TEST_CASE("config: service fields given explicitly are kept") {
  const Business b = LoadOk(kMinimal);
  const Service* color = b.FindService("color");
  REQUIRE(color);
  CHECK(color->staff == std::vector<std::string>{"kim"});
  CHECK(color->buffer_before_min == 5);
  CHECK(color->buffer_after_min == 10);
  CHECK(color->slot_step_min == 30);
  CHECK(b.StepFor(*color) == 30);
  CHECK(color->price == 89.5);
  CHECK(color->description == "Full colour");
}

TEST_CASE("config: optional business fields take their documented defaults") {
  const Business b = LoadOk(kMinimal);
  CHECK(b.industry == "generic");
  CHECK(b.locale == "en-US");
  CHECK(b.booking.min_notice_min == 0);
  CHECK(b.booking.horizon_days == 60);
  CHECK(b.booking.slot_step_min == 15);
  CHECK(b.closures.empty());
  CHECK(b.bookings.empty());
  CHECK(b.transfer_number.empty());
  CHECK(b.on_call_number.empty());
  CHECK(b.faq.empty());
  CHECK(b.service_area.empty());
}

TEST_CASE("config: a partial booking object keeps the defaults of the fields it leaves out") {
  std::string text = kMinimal;
  text.insert(text.find("\"services\""), R"("booking": {"horizon_days": 30}, )");
  const Business b = LoadOk(text);
  CHECK(b.booking.horizon_days == 30);
  CHECK(b.booking.min_notice_min == 0);
  CHECK(b.booking.slot_step_min == 15);
}

TEST_CASE("config: optional fields written as null count as absent") {
  std::string text = kMinimal;
  text.insert(text.find("\"services\""),
              R"("industry": null, "locale": null, "closures": null, "booking": null, )");
  const Business b = LoadOk(text);
  CHECK(b.industry == "generic");
  CHECK(b.locale == "en-US");
  CHECK(b.booking.horizon_days == 60);
}

TEST_CASE("config: closures come back sorted") {
  std::string text = kMinimal;
  text.insert(text.find("\"services\""), R"("closures": ["2026-12-25", "2026-07-04"], )");
  const Business b = LoadOk(text);
  CHECK(b.closures == std::vector<LocalDate>{Ymd(2026, 7, 4), Ymd(2026, 12, 25)});
  CHECK(b.IsClosed(Ymd(2026, 7, 4)));
  CHECK_FALSE(b.IsClosed(Ymd(2026, 7, 5)));
}

TEST_CASE("config: locales are accepted in any letter case and normalised") {
  const std::pair<const char*, const char*> cases[] = {
      {"en-US", "en-US"},          {"en", "en"},       {"es", "es"},
      {"es-us", "es-US"},          {"ES-mx", "es-MX"}, {"es-419", "es-419"},
      {"zh-hant-tw", "zh-Hant-TW"}};
  // Not a structured binding: clang 14 cannot capture those in INFO's lambda.
  for (const auto& c : cases) {
    std::string text = kMinimal;
    text.insert(text.find("\"services\""), std::string(R"("locale": ")") + c.first + "\", ");
    INFO("locale: ", std::string(c.first));
    CHECK(LoadOk(text).locale == c.second);
  }
}

TEST_CASE("config: bookings in the configuration keep their customer and instant") {
  std::string text = kMinimal;
  text.insert(text.find("\"services\""), R"("bookings": [
    {"id": "b1", "service": "color", "staff": "kim", "start": "2026-03-10T10:00:00-05:00",
     "customer": {"name": "Ana Ruiz", "phone": "+15550142", "email": "ana@example.com"}}], )");
  const Business b = LoadOk(text);
  REQUIRE(b.bookings.size() == 1);
  const ConfigBooking& bk = b.bookings[0];
  CHECK(bk.id == "b1");
  CHECK(bk.service == "color");
  CHECK(bk.staff == "kim");
  CHECK(FormatRfc3339Utc(bk.start) == "2026-03-10T15:00:00Z");
  CHECK(bk.customer.name == "Ana Ruiz");
  CHECK(bk.customer.phone == "+15550142");
  CHECK(bk.customer.email == "ana@example.com");
}

TEST_CASE("config: bookings of one staff member that only touch are not a double booking") {
  std::string text = kMinimal;
  text.insert(text.find("\"services\""), R"("bookings": [
    {"id": "b1", "service": "cut", "staff": "lee", "start": "2026-03-09T09:00:00-04:00"},
    {"id": "b2", "service": "cut", "staff": "lee", "start": "2026-03-09T09:30:00-04:00"},
    {"id": "b3", "service": "cut", "staff": "kim", "start": "2026-03-09T09:00:00-04:00"}], )");
  CHECK(LoadOk(text).bookings.size() == 3);
}

TEST_CASE("config: buffers count when checking configured bookings against each other") {
  std::string text = kMinimal;
  // color has a 10-minute after-buffer: 10:00-11:30 plus buffer ends 11:40,
  // and its 5-minute before-buffer reaches back to 09:55.
  text.insert(text.find("\"services\""), R"("bookings": [
    {"id": "b1", "service": "color", "staff": "kim", "start": "2026-03-10T10:00:00-05:00"},
    {"id": "b2", "service": "color", "staff": "kim", "start": "2026-03-10T11:35:00-05:00"}], )");
  auto r = LoadBusinessJson(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().starts_with(
      "bookings[1].start: overlaps bookings[0] for staff \"kim\" (buffers included)"));
}
