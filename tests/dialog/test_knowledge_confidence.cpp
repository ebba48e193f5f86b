// The confidence threshold separates questions the example practice can
// answer from questions it cannot, whatever the corpus's raw bm25 scale.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dialog/knowledge.h"
#include "schedule/config_loader.h"

using voxdesk::dialog::kDefaultKnowledgeThreshold;

namespace {

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

// The best hit's confidence, 0 when there is no hit at all.
double TopConfidence(std::string_view query) {
  auto hits = PracticeRetriever().Search(query, 5);
  REQUIRE_MESSAGE(hits.ok(), hits.status().message());
  return hits->empty() ? 0.0 : hits->front().confidence;
}

}  // namespace

TEST_CASE("on-topic questions score above the default threshold") {
  for (std::string_view q :
       {"do you take Aetna?", "Which insurance do you accept?", "where can I park",
        "is there a lift", "is it wheelchair accessible", "do you see children",
        "how early should I arrive", "what's your cancellation policy", "I knocked out a tooth"}) {
    INFO("query: " << q);
    CHECK(TopConfidence(q) >= kDefaultKnowledgeThreshold);
  }
}

TEST_CASE("off-topic questions score below the default threshold") {
  for (std::string_view q :
       {"what's the capital of France", "can you fix my car", "do you sell pizza",
        "who won the game last night", "what is the weather tomorrow",
        "can my dog come to the park with my car"}) {
    INFO("query: " << q);
    CHECK(TopConfidence(q) < kDefaultKnowledgeThreshold);
  }
}

TEST_CASE("confidence stays in 0..1 and the top hit's is the share of words it matched") {
  // "parking" is in the Parking passage, "pizza" is nowhere: half the words.
  auto hits = PracticeRetriever().Search("parking pizza", 5);
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  CHECK(hits->front().title == "Parking");
  CHECK(hits->front().confidence == doctest::Approx(0.5));
  auto all = PracticeRetriever().Search("free parking entrance lift wheelchair", 5);
  REQUIRE(all.ok());
  for (const auto& h : *all) {
    CHECK(h.confidence >= 0.0);
    CHECK(h.confidence <= 1.0);
    CHECK(h.bm25 > 0.0);
  }
}

TEST_CASE("a lower-ranked hit never claims more confidence than its words allow") {
  auto hits = PracticeRetriever().Search("parking lift", 5);
  REQUIRE(hits.ok());
  REQUIRE(hits->size() == 2);
  // Each passage matches one of the two words; the second is also behind the first.
  CHECK(hits->at(0).confidence == doctest::Approx(0.5));
  CHECK(hits->at(1).confidence <= hits->at(0).confidence);
  CHECK(hits->at(1).confidence >= 0.25);
}
