// Subcommands of the voxdesk CLI. Each takes the arguments after its name
// and returns the process exit code (CONTRACTS.md section 3).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "schedule/business.h"

namespace voxdesk::cli {

int CmdSlots(const std::vector<std::string>& argv);
int CmdNext(const std::vector<std::string>& argv);
int CmdBook(const std::vector<std::string>& argv);
int CmdCancel(const std::vector<std::string>& argv);
int CmdReschedule(const std::vector<std::string>& argv);
int CmdIcs(const std::vector<std::string>& argv);
int CmdSimulate(const std::vector<std::string>& argv);
int CmdDemo(const std::vector<std::string>& argv);

}  // namespace voxdesk::cli
