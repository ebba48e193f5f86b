// Turns a business configuration (JSON, CONTRACTS.md section 1, docs/config.md)
// into a validated, fully resolved Business: staff inherit the business zone
// and hours, services without a staff list get every staff member, hours are
// sorted and merged, dates and instants are parsed. Anything the engine would
// otherwise have to second-guess is rejected here with a ConfigError whose
// message starts with the JSON path of the offending value
// ("services[0].duration_min: must be a positive integer, got 0"). Unknown
// keys never fail a load; they come back as warnings naming their path.
//
// Thread safety: both functions are pure apart from reading the file and the
// process-wide time zone database; call them from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "schedule/business.h"

namespace voxdesk {

struct LoadedConfig {
  Business business;
  // Human-readable, one per problem that did not stop the load, e.g.
  // "staff[0].colour: unknown key (ignored)". Empty for a clean config.
  std::vector<std::string> warnings;
};

// Parses and validates one configuration document. Errors are Code::kConfig;
// JSON syntax errors give the line and column ("not JSON at line 3 column 7:
// ..."). Every message is valid UTF-8 whatever the input bytes were.
Result<LoadedConfig> LoadBusinessJson(std::string_view json_text);

// Reads `path` and loads it. I/O and syntax errors name the file
// ("shop.json: cannot open: No such file or directory"); validation errors
// start with the JSON path, as for LoadBusinessJson.
Result<LoadedConfig> LoadBusinessFile(const std::string& path);

}  // namespace voxdesk
