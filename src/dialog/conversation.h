// One phone call's conversation: an explicit state machine with slot
// filling on top of the NLU, the scheduler and the knowledge base. It greets,
// books, reschedules and cancels (always through ConfirmationPolicy), answers
// questions, takes messages, and escalates to a person when it should.
//
// Usage: Start() for the greeting, then OnCallerTurn() with each thing the
// caller says (empty = silence) until a reply has end_call set; Finish() when
// the line drops. Everything is recorded in record().
//
// Thread safety: one Conversation belongs to one call, used by one thread at
// a time. The Business, Pack, Nlu and Retriever it refers to may be shared.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "dialog/agent.h"
#include "dialog/call_record.h"
#include "dialog/knowledge.h"
#include "dialog/nlu.h"
#include "dialog/pack.h"
#include "dialog/policy.h"
#include "schedule/scheduler.h"

namespace voxdesk::dialog {

// Per-business engine settings, from the config's "dialog" section.
struct DialogSettings {
  double low_confidence = 0.70;       // a turn understood below this is "low"
  int low_confidence_turns = 2;       // this many low turns in a row -> a person
  int no_input_turns = 3;             // this many silent turns in a row -> a person
  bool after_hours_transfer = false;  // after hours: take a message (default) or still transfer
  int hold_ttl_s = 300;               // how long an offered time is held
  int max_options = 3;                // alternatives offered at once
  int max_turns = 40;                 // a call that goes on longer goes to a person
  // Calls are recorded (both legs); the notice is said before the greeting,
  // as consent laws in many places require. Empty notice: the default one.
  bool record_calls = false;
  std::string recording_notice;
};

// Reads the engine part of the "dialog" section (JSON text; "" = defaults).
// Errors name the config path ("dialog.low_confidence: must be in [0, 1]").
Result<DialogSettings> ParseDialogSettings(std::string_view dialog_json);

// Everything a conversation needs that is shared by all calls of a business.
struct Receptionist {
  const Business* business = nullptr;
  std::shared_ptr<const Pack> pack;
  std::shared_ptr<const Nlu> nlu;
  std::shared_ptr<const Retriever> knowledge;  // may be null
  DialogSettings settings;

  // Loads the business's pack, applies its "dialog" overrides and builds the
  // embedded NLU and knowledge base. `business` must outlive the result.
  static Result<Receptionist> Create(const Business& business);
};

class Conversation final : public Agent {
 public:
  // `call_id` makes idempotency keys unique per call; `caller_id` is the
  // caller's number (E.164, may be empty when withheld).
  Conversation(const Receptionist& r, Scheduler& scheduler, const Clock& clock, std::string call_id,
               std::string caller_id);
  ~Conversation() override;

  AgentReply Start() override;
  // Instead of Start(): the call began with another agent (a language model
  // that stopped answering); its record so far is carried on, and the next
  // turn is taken as an opening request, without a new greeting.
  void Resume(const CallRecord& before);
  // `started` is when the caller began to speak (transcript time); default now.
  AgentReply OnCallerTurn(std::string_view utterance,
                          std::optional<TimePoint> started = std::nullopt) override;
  // Keys the caller pressed (DTMF), as one turn: "0" alone asks for a
  // person; at a yes/no question 1 is yes and 2 is no; while choosing among
  // offered times, N picks option N; anything else is taken as the digits
  // themselves (a phone number, a ZIP code).
  AgentReply OnKeypad(std::string_view digits) override;
  // The caller talked over the last reply and playout stopped: only `heard`
  // (the part of the reply's text that was played) reached the caller. The
  // transcript keeps what was heard, and a read-back that was cut off must be
  // heard in full before a yes counts.
  void OnInterrupted(std::string_view heard) override;
  // The call ended: releases holds, settles the outcome.
  void Finish() override;

  // What the next caller turn is expected to hold, so a recogniser can be
  // biased toward it.
  Expect expecting() const override { return expect_; }
  // The times on offer (as spoken) while the caller is choosing among them.
  std::vector<std::string> OfferedTimes() const override;

  const CallRecord& record() const override { return record_; }
  Lang lang() const override { return lang_; }
  void SetCallerLanguage(std::string_view tag) override;
  bool ended() const { return ended_; }

 private:
  struct Offer {
    Slot slot;
    std::string hold_id;
  };
  enum class Task { kNone, kBook, kReschedule, kCancel, kMessage };
  enum class Step {
    kOpen,          // waiting for what the caller wants
    kCollect,       // filling facts for the current task (expect_ says which)
    kChoose,        // options offered, waiting for a pick
    kConfirm,       // read-back done, waiting for yes/no
    kPickBooking,   // several bookings found, which one?
    kAnythingElse,  // a task finished
    kKnowledgeGap,  // "shall I take a message?"
    kMessage,       // taking the message text
  };

  AgentReply Say(std::string text, bool end = false, std::string transfer_to = {});
  int64_t ElapsedMs(TimePoint t) const;
  std::string P(std::string_view key,
                std::vector<std::pair<std::string_view, std::string>> vars = {}) const;
  NluContext Context() const;
  bool OpenNow() const;

  AgentReply Dispatch(const Understanding& u);
  AgentReply HandleOpen(const Understanding& u);
  AgentReply Escalate(std::string reason, std::string_view prompt);
  AgentReply Emergency(const Understanding& u, bool urgent);
  AgentReply AskForPerson();
  AgentReply AnythingElse(std::string prefix);
  AgentReply Goodbye();

  // Booking, rescheduling, cancelling.
  void StartTask(Task t);
  void Absorb(const Understanding& u);
  AgentReply Advance(std::string prefix = {});
  AgentReply Search(std::string prefix);
  AgentReply Choose(const Understanding& u);
  AgentReply ReadBack(std::string prefix);
  AgentReply Confirmed();
  AgentReply OnConfirmTurn(const Understanding& u);
  AgentReply FindCallerBooking(std::string prefix);
  AgentReply PickBooking(const Understanding& u);
  std::optional<AgentReply> RunChecks();
  std::optional<Field> MissingField(IntakeField::Stage stage) const;
  AgentReply AskField(Field f, std::string prefix);
  void ReleaseHolds(const std::string& keep = {});
  std::vector<Slot> Candidates(const When& w, std::string* range_text, bool* exact_requested);
  std::string SpeakSlot(const Slot& s) const;
  std::string SpeakOptions(const std::vector<Offer>& offers) const;
  std::string StaffName(std::size_t staff_index) const;
  std::string ServiceName() const;
  std::string WithArticle(const std::string& noun) const;

  // Messages and knowledge.
  AgentReply StartMessage(const Understanding& u, std::string reason, std::string prefix = {});
  AgentReply TakeMessage(std::string_view text);
  AgentReply Answer(const Understanding& u);
  std::string HoursText() const;

  const Receptionist& r_;
  const Business& biz_;
  Scheduler& scheduler_;
  const Clock& clock_;
  std::string call_id_;
  std::string caller_id_;
  TimePoint call_start_;
  Lang lang_;
  bool lang_from_recogniser_ = false;  // SetCallerLanguage: no guessing from words
  CallRecord record_;
  ConfirmationPolicy policy_;

  Task task_ = Task::kNone;
  Step step_ = Step::kOpen;
  Expect expect_ = Expect::kNothing;
  std::string last_question_;
  int silent_turns_ = 0;
  int low_turns_ = 0;
  int turns_ = 0;
  int writes_ = 0;
  bool ended_ = false;
  bool finished_ = false;
  bool readback_unheard_ = false;  // the last read-back was interrupted

  // The request being worked on.
  const Service* service_ = nullptr;
  const Staff* staff_ = nullptr;
  std::optional<When> when_;
  bool asap_ = false;
  std::optional<std::string> name_, phone_, email_, insurance_, address_, zip_, matter_, opposing_;
  std::optional<LocalDate> dob_;
  std::vector<Offer> offers_;
  std::optional<Offer> chosen_;
  std::optional<BookingRecord> target_;  // booking being rescheduled or cancelled
  std::vector<BookingRecord> matches_;   // bookings the caller may mean
  bool searched_by_name_ = false;
  std::string last_fact_;  // the fact the last turn set, undone by a correction
  std::string reason_;     // the request in the caller's words
  std::string message_recipient_;
  std::string message_reason_;
};

}  // namespace voxdesk::dialog
