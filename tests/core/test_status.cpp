#include <doctest/doctest.h>

#include <string>

#include "core/status.h"

using namespace voxdesk;

TEST_CASE("CodeName gives the stable JSON name of every code") {
  CHECK(std::string(CodeName(Code::kOk)) == "ok");
  CHECK(std::string(CodeName(Code::kInvalidArgument)) == "invalid_argument");
  CHECK(std::string(CodeName(Code::kConfig)) == "config_error");
  CHECK(std::string(CodeName(Code::kNotFound)) == "not_found");
  CHECK(std::string(CodeName(Code::kSlotUnavailable)) == "slot_unavailable");
  CHECK(std::string(CodeName(Code::kConflict)) == "conflict");
  CHECK(std::string(CodeName(Code::kStorage)) == "storage_error");
  CHECK(std::string(CodeName(Code::kNoMemory)) == "out_of_memory");
  CHECK(std::string(CodeName(Code::kInternal)) == "internal_error");
}

TEST_CASE("Result holds either a value or a failed status") {
  Result<int> good = 7;
  REQUIRE(good.ok());
  CHECK(*good == 7);
  CHECK(good.status().ok());
  Result<int> bad = NotFound("no booking \"b9\"");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Code::kNotFound);
  CHECK(bad.status().message() == "no booking \"b9\"");
  Result<std::string> s = std::string("abc");
  CHECK(s->size() == 3);
  CHECK(std::move(s).value() == "abc");
}

namespace {
Status Check(int v) {
  return v > 0 ? Status::Ok() : InvalidArgument("v: must be > 0");
}
Status Twice(int a, int b) {
  VOXDESK_RETURN_IF_ERROR(Check(a));
  VOXDESK_RETURN_IF_ERROR(Check(b));
  return Status::Ok();
}
}  // namespace

TEST_CASE("VOXDESK_RETURN_IF_ERROR returns the first failure") {
  CHECK(Twice(1, 2).ok());
  const Status s = Twice(1, -1);
  CHECK(s.code() == Code::kInvalidArgument);
  CHECK(s.message() == "v: must be > 0");
}
