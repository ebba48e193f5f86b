// What a call tells its host application while it runs: transcripts, what
// the agent said, intents, interruptions, bookings, transfers, hang-up and
// per-turn latency. Hosts either take events on a callback (EventSink, called
// on the worker thread that owns the call, so it must return quickly) or poll
// them from an EventQueue from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>

namespace voxdesk::session {

enum class EventType {
  kCallStarted,  // text: the caller's number (may be empty)
  kPartial,      // text: a partial transcript of the caller (may still change)
  kTranscript,   // text: what the caller said in a finished turn
  kIntent,       // text: the intent name; json: {"confidence"}
  kAgentSpeech,  // text: what the agent is about to say
  kBargeIn,      // text: the part of the agent's reply the caller heard
  kDtmf,         // text: the keys pressed in one entry
  kBooking,      // json: the booking (created, changed or cancelled)
  kTransfer,     // text: the number the call is handed to; json: {"reason"}
  kHangup,       // text: who ended the call: "agent", "caller", "timeout", "transfer"
  kMetrics,      // json: one turn's latency figures
  kError,        // text: what went wrong (the call carries on when it can)
  kLanguage,     // text: the BCP-47 tag of the language the call switched to
};

std::string_view EventTypeName(EventType type);

struct Event {
  EventType type = EventType::kError;
  std::string call_id;
  int64_t t_ms = 0;  // call time, from the answer
  std::string text;
  std::string json;  // "" or a JSON object with details
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Called on the thread of the worker that owns the call.
  virtual void OnEvent(const Event& event) = 0;
};

// A bounded queue for hosts that poll. When full, the oldest event is dropped
// (a slow host loses history, never stalls a call) and counted.
// Thread safety: any number of producers and consumers.
class EventQueue final : public EventSink {
 public:
  explicit EventQueue(size_t capacity = 4096) : capacity_(capacity ? capacity : 1) {}
  void OnEvent(const Event& event) override;
  // Takes the oldest event; false when there is none.
  bool Poll(Event& out);
  // Like Poll, waiting up to `timeout` for an event to arrive.
  bool Wait(Event& out, std::chrono::milliseconds timeout);
  size_t size() const;
  uint64_t dropped() const;

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Event> events_;
  uint64_t dropped_ = 0;
};

}  // namespace voxdesk::session
