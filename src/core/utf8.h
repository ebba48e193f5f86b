// UTF-8 well-formedness (RFC 3629): what text arriving from outside (webhook
// fields, provider messages) must be before it is stored or echoed into XML
// or JSON.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace voxdesk {

// Length of the well-formed UTF-8 sequence starting at s[i] (1-4), or 0 when
// there is none: overlong forms, surrogates, values past U+10FFFF and
// truncated sequences are all 0. Requires i < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t i);

bool IsValidUtf8(std::string_view s);

}  // namespace voxdesk
