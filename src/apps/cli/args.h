// Flag parsing for the voxdesk CLI: "--name value" pairs and bare switches,
// every flag declared up front so a typo is an error naming the flag.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace voxdesk::cli {

struct FlagSpec {
  std::set<std::string> required;  // "--business", ...
  std::set<std::string> optional;  // flags that take a value
  std::set<std::string> switches;  // flags without a value
};

class Args {
 public:
  static Result<Args> Parse(const std::vector<std::string>& argv, const FlagSpec& spec);

  const std::string& Get(const std::string& flag) const { return values_.at(flag); }
  std::optional<std::string> Find(const std::string& flag) const;
  bool Has(const std::string& flag) const { return values_.count(flag) > 0; }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace voxdesk::cli
