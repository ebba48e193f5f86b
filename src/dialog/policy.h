// The safety policy every mode of the agent (embedded rules or an LLM with
// tools) goes through before it writes: a booking, reschedule or cancel is
// carried out only if the agent read exactly that action back to the caller
// and the caller's very next turn was an explicit yes. Anything else the
// caller says drops the proposal.
#pragma once

#include <string>

#include "core/status.h"
#include "core/time.h"

namespace voxdesk::dialog {

struct WriteAction {
  enum class Kind { kBook, kReschedule, kCancel } kind = Kind::kBook;
  std::string service;     // book
  std::string staff;       // book, reschedule
  Instant start{};         // book, reschedule
  std::string booking_id;  // reschedule, cancel

  bool operator==(const WriteAction&) const = default;
};

class ConfirmationPolicy {
 public:
  // The agent has just read `action` back and asked for a yes.
  void Propose(const WriteAction& action) {
    proposed_ = action;
    has_proposal_ = true;
    confirmed_ = false;
  }
  // The caller's next turn: an explicit yes confirms the proposal; any other
  // turn withdraws it (a yes must answer the read-back directly).
  void OnCallerTurn(bool explicit_yes) {
    if (!has_proposal_) return;
    if (explicit_yes && !confirmed_)
      confirmed_ = true;
    else
      Withdraw();
  }
  // OK only for the action the caller confirmed; it can be used once.
  Status Authorize(const WriteAction& action) {
    if (!has_proposal_ || !confirmed_)
      return Status(Code::kInvalidArgument,
                    "not confirmed: read the action back and get an explicit yes first");
    if (!(proposed_ == action))
      return Status(Code::kInvalidArgument,
                    "not confirmed: the caller confirmed a different action");
    Withdraw();
    return Status::Ok();
  }
  // The action waiting for (or holding) the caller's yes; null when none.
  const WriteAction* proposed() const { return has_proposal_ ? &proposed_ : nullptr; }
  bool confirmed() const { return confirmed_; }

 private:
  void Withdraw() {
    has_proposal_ = false;
    confirmed_ = false;
  }
  // A plain member and a flag rather than std::optional: GCC 12 misreports
  // optional<struct of strings> as maybe-uninitialized under -O2 + ASan.
  WriteAction proposed_;
  bool has_proposal_ = false;
  bool confirmed_ = false;
};

}  // namespace voxdesk::dialog
