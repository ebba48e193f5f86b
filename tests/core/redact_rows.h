// Table-driven redaction checks: each row is an input and the exact text
// ScrubText must turn it into.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "core/redact.h"

namespace voxdesk::testing {

struct Row {
  const char* in;
  const char* out;
};

inline void CheckRows(std::initializer_list<Row> rows) {
  for (const Row& r : rows) {
    const std::string in = r.in;
    CAPTURE(in);
    CHECK(ScrubText(in) == std::string(r.out));
  }
}

}  // namespace voxdesk::testing
