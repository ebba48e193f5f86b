// Whatever a caller says, it is searched as words: FTS5 operators, quotes
// and punctuation in the transcript never cause an error, and a question
// made only of stopwords (or nothing) simply finds nothing.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "dialog/knowledge.h"

using voxdesk::dialog::BuildBm25Retriever;
using voxdesk::dialog::KnowledgeDoc;
using voxdesk::dialog::Retriever;

namespace {

const Retriever& SmallCorpus() {
  static const auto retriever = [] {
    auto r = BuildBm25Retriever({
        {"Parking", "Free parking behind the building.", "knowledge"},
        {"Hours", "Open Monday to Friday, 8 AND 5, not weekends.", "knowledge"},
        {"NEAR the station", "Two minutes from the NEAR OR station exit.", "knowledge"},
    });
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return std::move(r).value();
  }();
  return *retriever;
}

}  // namespace

TEST_CASE("FTS5 syntax characters in the query are searched as text, never parsed") {
  const std::vector<std::string> queries = {"parking AND",
                                            "AND",
                                            "OR OR OR",
                                            "NOT parking",
                                            "parking*",
                                            "*",
                                            "\"parking",
                                            "\"\"\"",
                                            "NEAR(parking lot)",
                                            "NEAR/2",
                                            "(parking",
                                            "parking)",
                                            "-parking",
                                            "title:parking",
                                            "^parking",
                                            "parking + lot",
                                            "{title text}: x",
                                            "a:b:c",
                                            "'; DROP TABLE kb;--",
                                            "\\\"",
                                            "parking' OR '1'='1",
                                            "pár-king",
                                            "¿dónde?",
                                            std::string("park\0ing", 8),
                                            "\xff\xfe parking \xc3",
                                            "\xe2\x80\x94",
                                            "..."};
  for (const std::string& q : queries) {
    INFO("query bytes: " << q);
    auto hits = SmallCorpus().Search(q, 5);
    CHECK_MESSAGE(hits.ok(), hits.status().message());
  }
}

TEST_CASE("an operator word is an ordinary word when it is in the text") {
  auto hits = SmallCorpus().Search("what is NEAR the station", 5);
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  CHECK(hits->front().title == "NEAR the station");
  auto parking = SmallCorpus().Search("parking AND", 5);
  REQUIRE(parking.ok());
  REQUIRE_FALSE(parking->empty());
  CHECK(parking->front().title == "Parking");
}

TEST_CASE("a query of stopwords, punctuation or nothing finds nothing without error") {
  for (std::string_view q :
       {"", "   ", "?!.,", "do you", "what is the", "¿qué es el?", "um uh", "de la que"}) {
    INFO("query: " << q);
    auto hits = SmallCorpus().Search(q, 5);
    REQUIRE(hits.ok());
    CHECK(hits->empty());
  }
}

TEST_CASE("an empty corpus builds and returns no hits") {
  auto r = BuildBm25Retriever({});
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  auto hits = (*r)->Search("where can I park", 5);
  REQUIRE(hits.ok());
  CHECK(hits->empty());
}

TEST_CASE("a very long query is searched without error") {
  std::string q;
  for (int i = 0; i < 20000; ++i) q += "parking lot NEAR \"x\" ";
  auto hits = SmallCorpus().Search(q, 3);
  REQUIRE_MESSAGE(hits.ok(), hits.status().message());
  CHECK_FALSE(hits->empty());
}
