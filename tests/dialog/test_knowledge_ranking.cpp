// Ranking on the example medical practice: each caller question finds the
// FAQ entry or knowledge passage a receptionist would answer from.
#include <doctest/doctest.h>

#include <string>

#include "dialog/knowledge.h"
#include "schedule/config_loader.h"

namespace {

// Built once: the example business's FAQ and knowledge entries.
const voxdesk::dialog::Retriever& PracticeRetriever() {
  static const auto retriever = [] {
    auto cfg = voxdesk::LoadBusinessFile(std::string(VOXDESK_SOURCE_DIR) +
                                         "/examples/business/medical-practice.json");
    REQUIRE_MESSAGE(cfg.ok(), cfg.status().message());
    auto r = voxdesk::dialog::BuildBm25Retriever(
        voxdesk::dialog::KnowledgeDocsFromBusiness(cfg->business));
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return std::move(r).value();
  }();
  return *retriever;
}

std::string TopTitle(std::string_view query) {
  auto hits = PracticeRetriever().Search(query, 3);
  REQUIRE_MESSAGE(hits.ok(), hits.status().message());
  if (hits->empty()) return "(no hits)";
  return hits->front().title;
}

}  // namespace

TEST_CASE("an insurance question finds the insurance FAQ first") {
  CHECK(TopTitle("Do you take Aetna?") == "Which insurance do you accept?");
  CHECK(TopTitle("what insurance do you guys accept") == "Which insurance do you accept?");
  CHECK(TopTitle("is my Cigna plan ok there") == "Which insurance do you accept?");
}

TEST_CASE("a hit on an FAQ entry carries the answer as its passage") {
  auto hits = PracticeRetriever().Search("do you take aetna", 1);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 1);
  CHECK(hits->front().passage.find("Aetna, Cigna") == 0);
  CHECK(hits->front().source == "faq");
}

TEST_CASE("parking questions find the Parking passage") {
  CHECK(TopTitle("where can I park") == "Parking");
  CHECK(TopTitle("Where do I park?") == "Parking");
  CHECK(TopTitle("is there parking") == "Parking");
}

TEST_CASE("lift and wheelchair questions find Accessibility") {
  CHECK(TopTitle("is there a lift") == "Accessibility");
  CHECK(TopTitle("is there a lift / wheelchair access") == "Accessibility");
  CHECK(TopTitle("can I come in a wheelchair") == "Accessibility");
}

TEST_CASE("other FAQ entries are reachable by their own words") {
  CHECK(TopTitle("do you see kids? my children are four and six") == "Do you see children?");
  CHECK(TopTitle("how early should I arrive") == "How early should I arrive?");
  CHECK(TopTitle("what if I need to cancel") == "What is your cancellation policy?");
  CHECK(TopTitle("I have a knocked out tooth and it's Sunday") == "After-hours emergencies");
}

TEST_CASE("hits come best first and k bounds their number") {
  auto hits = PracticeRetriever().Search("parking entrance Elm lift", 10);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() >= 2);
  for (size_t i = 1; i < hits->size(); ++i) CHECK(hits->at(i - 1).bm25 >= hits->at(i).bm25);
  auto one = PracticeRetriever().Search("parking entrance Elm lift", 1);
  REQUIRE(one.ok());
  CHECK(one->size() == 1);
  auto none = PracticeRetriever().Search("parking", 0);
  REQUIRE(none.ok());
  CHECK(none->empty());
}
