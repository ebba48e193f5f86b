// voxdesk demo (CONTRACTS.md section 3): one whole phone call in audio, on
// the embedded engines, with no network and no keys. An espeak-ng caller
// speaks over a G.711 mu-law line at 8 kHz; the agent hears it through
// pocketsphinx, decides with the conversation engine, books into SQLite and
// answers with espeak-ng. The call runs in virtual time (seconds of CPU for
// a minute of call), or paced by the wall clock with --realtime.
//
// With --providers FILE (cloud_stack.h) the agent's engines are the cloud
// chains the file names, each ending in the embedded engine, and the call
// is paced by the wall clock, as the services hear it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <thread>

#include "apps/cli/args.h"
#include "apps/cli/commands.h"
#include "apps/cli/context.h"
#include "dialog/phrasing.h"
#include "dialog/simulate.h"
#include "providers/cloud_stack.h"
#include "providers/espeak_tts.h"
#include "providers/flite_tts.h"
#include "providers/outbox_notifier.h"
#include "providers/pocketsphinx_stt.h"
#include "session/dialog_pool.h"
#include "session/session.h"
#include "session/simulated_caller.h"
#include "session/worker.h"

extern const char* const kDemoBusinessJson;

namespace voxdesk::cli {
namespace {

constexpr const char* kDefaultNow = "2026-03-05T09:00:00-05:00";  // a Thursday morning
constexpr const char* kCallerNumber = "+15550100177";

std::string Seconds(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.1fs", static_cast<double>(ms) / 1000);
  return buf;
}

// The coming `weekday` (1 = Monday .. 7 = Sunday) after the local date of `now`.
date::local_days Coming(const Zone& zone, Instant now, unsigned weekday) {
  auto d = date::floor<date::days>(InstantToLocal(zone, now)) + date::days{1};
  while (date::weekday{d}.iso_encoding() != weekday) d += date::days{1};
  return d;
}

// Makes the time the caller will ask for unavailable, so the agent has to
// offer alternatives: other patients already have it with every staff member
// who does the service.
void TakeRequestedTime(Scheduler& scheduler, const Service& service, Instant start) {
  int n = 0;
  for (const std::string& staff : service.staff) {
    BookingInput in;
    in.service = service.id;
    in.staff = staff;
    in.start = start;
    in.customer.name = "Another Patient";
    in.customer.phone = "+1555010990" + std::to_string(n++ % 10);
    in.idempotency_key = "demo-taken-" + staff;
    (void)scheduler.Book(in);
  }
}

// One line per event a person watching the call cares about.
void PrintEvent(const session::Event& e) {
  std::string line;
  switch (e.type) {
    case session::EventType::kAgentSpeech:
      line = "agent:  " + e.text;
      break;
    case session::EventType::kTranscript:
      line = "caller: " + e.text + "   (as recognised)";
      break;
    case session::EventType::kDtmf:
      line = "caller pressed: " + e.text;
      break;
    case session::EventType::kBargeIn:
      line = "(caller interrupted; heard: \"" + e.text + "\")";
      break;
    case session::EventType::kBooking:
      line = "** booking written: " + e.text;
      break;
    case session::EventType::kTransfer:
      line = "** transfer to " + e.text;
      break;
    case session::EventType::kHangup:
      line = "** call ended (" + e.text + ")";
      break;
    case session::EventType::kError:
      line = "!! " + e.text;
      break;
    default:
      return;
  }
  std::cout << "  [" << Seconds(e.t_ms) << "] " << line << "\n";
}

}  // namespace

int CmdDemo(const std::vector<std::string>& argv) {
  FlagSpec spec;
  spec.optional = {"--business", "--now",          "--out",  "--noise-db",
                   "--caller",   "--caller-voice", "--seed", "--providers"};
  spec.switches = {"--realtime"};
  auto args = Args::Parse(argv, spec);
  if (!args) return Fail(args.status());

  auto cfg = args->Find("--business") ? LoadBusinessFile(args->Get("--business"))
                                      : LoadBusinessJson(kDemoBusinessJson);
  if (!cfg) return Fail(ForFlag("--business", cfg.status()));
  const Business& biz = cfg->business;
  auto now = ParseRfc3339(args->Find("--now").value_or(kDefaultNow), "--now");
  if (!now) return Fail(ForFlag("--now", now.status()));
  // A clean line by default: the embedded en-us model is a 16 kHz model,
  // and under white noise at 20 dB or worse it hears hiss as words
  // (docs/session.md has the error rates), so a noisy demo shows the
  // recogniser's limit rather than the call.
  double noise_db = -1;
  if (auto n = args->Find("--noise-db")) {
    char* end = nullptr;
    noise_db = std::strtod(n->c_str(), &end);
    if (end == n->c_str() || *end || noise_db > 60)
      return Fail(Status(Code::kInvalidArgument,
                         "--noise-db: a signal-to-noise ratio in dB up to 60, or a negative "
                         "number for a clean line"));
  }
  // Cloud mode: the engines in the providers file first, the embedded ones
  // after them in each failover chain.
  std::optional<providers::CloudSpec> cloud;
  if (auto p = args->Find("--providers")) {
    std::ifstream in(*p);
    if (!in) return Fail(Status(Code::kInvalidArgument, "--providers: cannot read " + *p));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto spec = providers::ParseCloudSpec(text);
    if (!spec) return Fail(ForFlag("--providers", spec.status()));
    cloud = std::move(*spec);
  }
  uint32_t seed = 1;
  if (auto s = args->Find("--seed"))
    seed = static_cast<uint32_t>(std::strtoul(s->c_str(), nullptr, 10));

  namespace fs = std::filesystem;
  const fs::path out = args->Find("--out").value_or("voxdesk-demo");
  std::error_code ec;
  fs::remove_all(out / "outbox", ec);  // this call's messages only
  fs::create_directories(out / "outbox", ec);
  if (ec)
    return Fail(Status(Code::kInvalidArgument,
                       "--out: cannot create " + out.string() + ": " + ec.message()));
  const fs::path db = out / "demo.db";
  fs::remove(db, ec);  // every demo starts from an empty calendar

  VirtualClock clock(
      TimePoint{std::chrono::duration_cast<std::chrono::microseconds>(now->time_since_epoch())});
  auto store = OpenSqliteStore(db.string());
  if (!store) return Fail(store.status());
  IdGenerator ids(2026);
  Scheduler scheduler(biz, **store, clock, ids);
  if (Status st = scheduler.Open(); !st.ok()) return Fail(st);
  auto receptionist = dialog::Receptionist::Create(biz);
  if (!receptionist) return Fail(ForFlag("--business", receptionist.status()));

  // The caller wants the business's first service next Tuesday at ten, which
  // is taken, so the agent offers other times.
  const Service& service = biz.services.front();
  const Instant wanted =
      LocalToInstant(*biz.zone, LocalSeconds{Coming(*biz.zone, *now, 2)} + std::chrono::hours(10));
  TakeRequestedTime(scheduler, service, wanted);
  std::string service_words = service.name;
  for (char& c : service_words) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::vector<session::CallerLine> script = {
      {"hi, i'd like to book a " + service_words + " next tuesday at ten.", "", -1},
      {"the second one please.", "", -1},
      {"my name is maria lopez.", "", -1},
      {"march third, nineteen eighty five.", "", -1},
      {"yes please.", "", -1},
      {"no, that's all, thank you.", "", -1},
  };

  std::cout << "voxdesk demo: a phone call to " << biz.name
            << (cloud ? ", on cloud engines with embedded fallbacks\n"
                      : ", on embedded engines (no network)\n")
            << "  caller: "
            << (args->Find("--caller").value_or("espeak") == "espeak" ? "espeak-ng"
                                                                      : "Flite (slt voice)")
            << " over an 8 kHz G.711 mu-law line"
            << (noise_db >= 0 ? " with white noise at " +
                                    std::to_string(static_cast<int>(noise_db)) + " dB SNR"
                              : "")
            << (cloud ? "\n"
                      : std::string("\n  agent:  pocketsphinx (speech in") +
                            (args->Find("--caller").value_or("espeak") != "espeak" ||
                                     providers::SyntheticCallerModel().empty()
                                 ? ""
                                 : ", model adapted to synthetic callers") +
                            "), conversation engine, espeak-ng (speech out)\n")
            << "  " << SpeakDateTime(InstantToLocal(*biz.zone, wanted), dialog::Lang::kEn)
            << " is already taken by other patients.\n\n"
            << "Loading the speech engines..." << std::flush;
  const auto load_start = std::chrono::steady_clock::now();
  providers::EspeakOptions agent_voice;
  auto tts = providers::EspeakTts::Create(agent_voice);
  if (!tts) return Fail(tts.status());
  // The caller's voice: espeak-ng by default, heard through the model
  // adapted to synthetic callers; Flite's slt voice on request.
  const std::string caller_engine = args->Find("--caller").value_or("espeak");
  std::unique_ptr<providers::Tts> caller_tts;
  if (caller_engine == "flite") {
    auto f = providers::FliteTts::Create();
    if (!f) return Fail(ForFlag("--caller", f.status()));
    caller_tts = std::move(*f);
  } else if (caller_engine == "espeak") {
    providers::EspeakOptions caller_voice;
    caller_voice.voice_en = args->Find("--caller-voice").value_or("en-us+m3");
    caller_voice.rate_wpm = 150;
    auto e = providers::EspeakTts::Create(caller_voice);
    if (!e) return Fail(ForFlag("--caller-voice", e.status()));
    caller_tts = std::move(*e);
  } else {
    return Fail(Status(Code::kInvalidArgument,
                       "--caller: \"flite\" or \"espeak\" (got \"" + caller_engine + "\")"));
  }
  providers::PocketsphinxOptions stt_options;
  stt_options.telephone_noise_floor = 40;  // the caller is on an 8 kHz line
  // An espeak-ng caller is heard far better by the model adapted to
  // synthetic callers (when the build made it); Flite's voice, close to a
  // recorded person's, best by the stock en-us model.
  if (caller_engine == "espeak")
    stt_options.telephone_acoustic_model = providers::SyntheticCallerModel();
  auto stt = providers::PocketsphinxStt::Create(stt_options);
  if (!stt) return Fail(stt.status());
  std::cout << " done in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - load_start)
                   .count()
            << " ms.\n\n";

  // The stack's engines talk to services in real time, so its calls are
  // paced by the wall clock.
  std::unique_ptr<providers::CloudStack> stack;
  std::optional<session::DialogPool> pool;
  if (cloud) {
    auto st = providers::CloudStack::Create(*cloud, **stt, **tts);
    if (!st) return Fail(ForFlag("--providers", st.status()));
    stack = std::move(*st);
    if (stack->llm()) pool.emplace(2);
    if (stack->realtime())
      std::cout << "  agent:  openai realtime " << stack->realtime_config().model
                << " (speech to speech), falling back to:\n";
    std::cout << "  agent:  " << stack->stt_chain() << " (speech in), "
              << (stack->llm() ? stack->llm_chain() : std::string("conversation engine"))
              << " (dialog), " << stack->tts_chain() << " (speech out)\n\n";
  }

  session::SimulatedCallerOptions co;
  co.noise_snr_db = noise_db;
  co.seed = seed;
  auto caller = session::SimulatedCaller::Create(script, *caller_tts, co);
  if (!caller) return Fail(caller.status());

  auto outbox = providers::OutboxNotifier::Create((out / "outbox").string(), clock);
  if (!outbox) return Fail(outbox.status());
  session::EventQueue events;
  session::SessionDeps deps;
  deps.notifier = outbox->get();
  deps.receptionist = &*receptionist;
  deps.scheduler = &scheduler;
  deps.clock = &clock;
  deps.stt = stack ? &stack->stt() : stt->get();
  deps.tts = stack ? &stack->tts() : tts->get();
  deps.events = &events;
  if (stack) {
    deps.llm = stack->llm();
    deps.dialog_pool = pool ? &*pool : nullptr;
    deps.realtime = stack->realtime();
    deps.realtime_config = stack->realtime_config();
  }
  session::SessionConfig sc;
  sc.record = true;
  sc.recording_notice = "This call is recorded.";
  auto session = session::Session::Create(deps, sc, "demo-call", kCallerNumber);
  if (!session) return Fail(session.status());
  if (Status st = (*session)->Start(); !st.ok()) return Fail(st);

  // The call, on a worker like any other: one round per 20 ms frame, the
  // transcript printed as it happens.
  std::unique_ptr<session::Session> done;
  session::Worker worker([&](std::unique_ptr<session::Session> s, std::unique_ptr<session::Line>) {
    done = std::move(s);
  });
  worker.Add(std::move(*session), std::move(*caller));
  const bool realtime = args->Has("--realtime") || stack;
  const auto cpu_start = std::chrono::steady_clock::now();
  auto next = cpu_start;
  session::Event e;
  for (int round = 0; round < 50 * 600; ++round) {
    const size_t live = worker.TickAll();
    while (events.Poll(e)) PrintEvent(e);
    clock.Advance(std::chrono::milliseconds(media::kFrameMs));
    if (realtime) std::this_thread::sleep_until(next += std::chrono::milliseconds(media::kFrameMs));
    if (live == 0) break;
  }
  while (events.Poll(e)) PrintEvent(e);
  const double cpu_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - cpu_start).count();
  if (!done) return Fail(Status(Code::kInternal, "the call did not end within ten minutes"));
  const session::Session& s = *done;
  const dialog::CallRecord& rec = s.record();

  std::cout << "\nOutcome: " << dialog::OutcomeName(rec.outcome) << "\n";
  if (!rec.booking)
    std::cout << "No booking was made: the transcript above shows what the embedded recogniser\n"
                 "heard, and the agent acted on exactly that (it never books what it did not\n"
                 "hear confirmed).\n";
  if (rec.booking) {
    const BookingRecord& b = *rec.booking;
    std::string staff = b.staff;
    for (const Staff& st : biz.staff)
      if (st.id == b.staff) staff = st.name;
    std::cout << "Booking:  " << b.id << ", " << b.service << " with " << staff << ", "
              << FormatRfc3339(b.start, *biz.zone) << ", for " << b.customer.name
              << ", confirmation code " << b.confirmation_code << "\n";
  }

  std::cout << "\nLatency per turn (call time in ms; processing in microseconds of CPU):\n"
            << "  turn  endpoint  dialog_us  tts_first_us  sdk_us  response_ms\n";
  for (const session::TurnMetrics& m : s.turns()) {
    std::cout << "  " << std::setw(4) << m.turn << "  " << std::setw(8)
              << (m.final_ms - m.speech_end_ms) << "  " << std::setw(9) << m.dialog_us << "  "
              << std::setw(12) << m.tts_first_audio_us << "  " << std::setw(6) << m.sdk_us << "  "
              << std::setw(11) << m.response_ms() << (m.interrupted ? "  (interrupted)" : "")
              << "\n";
  }
  std::cout << "  endpoint: caller stopped -> final transcript; response: caller stopped -> first "
               "agent audio\n";

  const fs::path wav = out / "call.wav";
  if (s.recorder()) {
    if (Status st = s.recorder()->WriteStacked(wav.string()); !st.ok()) return Fail(st);
  }
  {
    std::ofstream j(out / "call.json");
    j << dialog::CallRecordJson(biz, s.call_id(), rec) << "\n";
  }
  const int64_t call_ms = s.now_ms();
  std::cout << "\nThe call lasted " << Seconds(call_ms) << " of call time and took " << std::fixed
            << std::setprecision(1) << cpu_s << " s to run"
            << (realtime ? " (paced in real time)" : "") << ".\nWritten: " << wav.string()
            << " (stereo: caller left, agent right), " << (out / "call.json").string() << ", "
            << db.string() << ", " << (out / "outbox").string() << "/\n";
  std::vector<std::string> sent;
  for (const auto& f : fs::directory_iterator(out / "outbox"))
    sent.push_back(f.path().filename().string());
  std::sort(sent.begin(), sent.end());
  std::cout << "Outbox:";
  for (const auto& f : sent) std::cout << " " << f;
  std::cout << (sent.empty() ? " (nothing sent)\n" : "\n");
  return kExitOk;  // the call ran to its end; the outcome is reported above
}

}  // namespace voxdesk::cli
