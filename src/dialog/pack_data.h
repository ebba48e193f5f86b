// The industry packs compiled into the library (packs/<id>/pack.json, embedded
// by cmake/embed_packs.cmake), so the engine works without files at run time.
#pragma once

#include <cstddef>

namespace voxdesk::dialog {

struct EmbeddedPack {
  const char* id;
  const char* json;
};

extern const EmbeddedPack kEmbeddedPacks[];
extern const std::size_t kEmbeddedPackCount;

}  // namespace voxdesk::dialog
