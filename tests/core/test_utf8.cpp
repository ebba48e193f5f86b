#include <doctest/doctest.h>

#include <string>

#include "core/utf8.h"

using voxdesk::IsValidUtf8;
using voxdesk::Utf8SequenceLength;

TEST_CASE("utf8: well-formed text of every sequence length is valid") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("plain ascii"));
  CHECK(IsValidUtf8("miércoles, mañana"));      // 2-byte
  CHECK(IsValidUtf8("\xE2\x82\xAC 5"));         // U+20AC, 3-byte
  CHECK(IsValidUtf8("\xF0\x9F\x93\x9E call"));  // U+1F4DE, 4-byte
  CHECK(IsValidUtf8("\xF4\x8F\xBF\xBF"));       // U+10FFFF, the last code point
  CHECK(Utf8SequenceLength("\xF0\x9F\x93\x9E", 0) == 4);
  CHECK(Utf8SequenceLength("a", 0) == 1);
}

TEST_CASE("utf8: overlong forms, surrogates, out-of-range and truncated sequences are refused") {
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong 3-byte
  CHECK_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800, a surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000
  CHECK_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(IsValidUtf8("caf\xC3"));  // truncated at the end
  CHECK_FALSE(IsValidUtf8("\xE2\x82"));
  CHECK_FALSE(IsValidUtf8("\x80"));     // a lone continuation byte
  CHECK_FALSE(IsValidUtf8("a\xC3(b"));  // bad continuation
  CHECK_FALSE(IsValidUtf8("\xFF"));
  CHECK(Utf8SequenceLength("\xE2\x82", 0) == 0);
}
