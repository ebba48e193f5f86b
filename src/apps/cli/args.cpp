#include "apps/cli/args.h"

namespace voxdesk::cli {

Result<Args> Args::Parse(const std::vector<std::string>& argv, const FlagSpec& spec) {
  Args a;
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string flag = argv[i];
    std::optional<std::string> inline_value;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    if (flag.rfind("--", 0) != 0) return InvalidArgument("unexpected argument \"" + flag + "\"");
    if (a.values_.count(flag)) return InvalidArgument(flag + ": given more than once");
    if (spec.switches.count(flag)) {
      if (inline_value) return InvalidArgument(flag + ": takes no value");
      a.values_[flag] = "";
      continue;
    }
    if (!spec.required.count(flag) && !spec.optional.count(flag))
      return InvalidArgument(flag + ": unknown flag");
    if (inline_value) {
      a.values_[flag] = *inline_value;
    } else {
      if (i + 1 >= argv.size()) return InvalidArgument(flag + ": missing value");
      a.values_[flag] = argv[++i];
    }
  }
  for (const auto& r : spec.required)
    if (!a.values_.count(r)) return InvalidArgument(r + ": required");
  return a;
}

std::optional<std::string> Args::Find(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

}  // namespace voxdesk::cli
