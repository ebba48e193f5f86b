// Spanish questions find Spanish passages: accents are folded on both sides
// and stopwords ("qué", "el", "de") do not count as words of the question.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "dialog/knowledge.h"

using voxdesk::dialog::BuildBm25Retriever;
using voxdesk::dialog::kDefaultKnowledgeThreshold;

namespace {

const voxdesk::dialog::Retriever& SpanishCorpus() {
  static const auto retriever = [] {
    auto r = BuildBm25Retriever({
        {"¿Aceptan seguro médico?", "Sí, aceptamos los seguros Aetna, Cigna y MetLife.", "faq"},
        {"Estacionamiento", "Hay estacionamiento gratuito detrás del edificio.", "knowledge"},
        {"Horario", "Abrimos de lunes a viernes, de ocho a cinco.", "knowledge"},
        {"Parking", "Free parking behind the building.", "knowledge"},
    });
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return std::move(r).value();
  }();
  return *retriever;
}

}  // namespace

TEST_CASE("a Spanish insurance question finds the Spanish FAQ") {
  for (std::string_view q : {"¿aceptan seguro?", "¿Qué seguros aceptan?", "aceptan seguro medico",
                             "¿tienen convenio con Aetna?"}) {
    INFO("query: " << q);
    auto hits = SpanishCorpus().Search(q, 3);
    REQUIRE(hits.ok());
    REQUIRE_FALSE(hits->empty());
    CHECK(hits->front().title == "¿Aceptan seguro médico?");
    CHECK(hits->front().passage.find("aceptamos") != std::string::npos);
  }
}

TEST_CASE("accents in the question or the passage do not matter") {
  auto hits = SpanishCorpus().Search("¿dónde hay estacionamiento?", 3);
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  CHECK(hits->front().title == "Estacionamiento");
  CHECK(hits->front().confidence >= kDefaultKnowledgeThreshold);
  auto accented = SpanishCorpus().Search("seguro médico", 3);
  auto plain = SpanishCorpus().Search("SEGURO MEDICO", 3);
  REQUIRE(accented.ok());
  REQUIRE(plain.ok());
  REQUIRE_FALSE(accented->empty());
  REQUIRE_FALSE(plain->empty());
  CHECK(accented->front().bm25 == doctest::Approx(plain->front().bm25));
}

TEST_CASE("an off-topic Spanish question stays below the threshold") {
  auto hits = SpanishCorpus().Search("¿cuál es la capital de Francia?", 3);
  REQUIRE(hits.ok());
  CHECK((hits->empty() || hits->front().confidence < kDefaultKnowledgeThreshold));
}
