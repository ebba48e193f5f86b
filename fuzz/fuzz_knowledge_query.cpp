// Search on arbitrary bytes over a small fixed corpus: no query may cause an
// error (an FTS5 syntax error would be one), hits must be ordered and their
// confidence in [0, 1] (abort otherwise).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "dialog/knowledge.h"

namespace {

const voxdesk::dialog::Retriever& Corpus() {
  static const std::unique_ptr<voxdesk::dialog::Retriever> r = [] {
    auto built = voxdesk::dialog::BuildBm25Retriever({
        {"Which insurance do you accept?", "Aetna, Cigna, Delta Dental and MetLife.", "faq"},
        {"Parking", "Free parking behind the building; the entrance is on Elm Street.",
         "knowledge"},
        {"Accessibility", "Step-free entrance and a lift to Suite 3.", "knowledge"},
        {"NEAR AND OR NOT", "Operators \"quoted\" * ^ : ( ) - + as text.", "knowledge"},
        {"¿Aceptan seguro médico?", "Sí, aceptamos los seguros Aetna y Cigna.", "faq"},
    });
    if (!built.ok()) {
      std::fprintf(stderr, "fuzz_knowledge_query: build failed: %s\n",
                   built.status().message().c_str());
      std::abort();
    }
    return std::move(built).value();
  }();
  return *r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  auto hits = Corpus().Search(query, 5);
  if (!hits.ok()) {
    std::fprintf(stderr, "fuzz_knowledge_query: error \"%s\" for query \"%.*s\"\n",
                 hits.status().message().c_str(), static_cast<int>(size), query.data());
    std::abort();
  }
  if (hits->size() > 5) std::abort();
  for (size_t i = 0; i < hits->size(); ++i) {
    const auto& h = hits->at(i);
    if (!(h.confidence >= 0.0 && h.confidence <= 1.0)) std::abort();
    if (i > 0 && hits->at(i - 1).bm25 < h.bm25) std::abort();
  }
  return 0;
}
