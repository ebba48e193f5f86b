#include "session/hints.h"

namespace voxdesk::session {

using Kind = providers::RecognitionHint::Kind;

namespace {
std::vector<std::string> ServicePhrases(const Business& business) {
  std::vector<std::string> out;
  for (const Service& s : business.services) {
    out.push_back(s.name);
    out.insert(out.end(), s.synonyms.begin(), s.synonyms.end());
  }
  return out;
}

// What a caller opening the call may name: a service, or who they want to
// see ("Dr. Hannah Lee", "Dr. Lee", "Hannah Lee").
std::vector<std::string> RequestPhrases(const Business& business) {
  std::vector<std::string> out = ServicePhrases(business);
  for (const Staff& st : business.staff) {
    out.push_back(st.name);
    const std::string& n = st.name;
    const size_t last = n.find_last_of(' ');
    if (last == std::string::npos) continue;
    const size_t first = n.find(' ');
    const bool titled = n.compare(0, first, "Dr.") == 0 || n.compare(0, first, "Dr") == 0;
    if (titled) {
      out.push_back(n.substr(0, first) + n.substr(last));  // Dr. Lee
      out.push_back(n.substr(first + 1));                  // Hannah Lee
    }
  }
  return out;
}
}  // namespace

providers::RecognitionHint HintFor(const dialog::Agent& conversation, const Business& business) {
  providers::RecognitionHint h;
  switch (conversation.expecting()) {
    case dialog::Expect::kYesNo:
      h.kind = Kind::kYesNo;
      break;
    case dialog::Expect::kWhen:
      h.kind = Kind::kDate;
      break;
    case dialog::Expect::kDateOfBirth:
      h.kind = Kind::kBirthDate;
      break;
    case dialog::Expect::kChoice:
      // A date hint with phrases: a pick among these times.
      h.kind = Kind::kDate;
      h.phrases = conversation.OfferedTimes();
      break;
    case dialog::Expect::kPhone:
    case dialog::Expect::kZip:
      h.kind = Kind::kDigits;
      break;
    case dialog::Expect::kName:
      h.kind = Kind::kName;
      break;
    case dialog::Expect::kService:
      h.kind = Kind::kService;
      h.phrases = ServicePhrases(business);
      break;
    default:
      h.kind = Kind::kAny;
      h.phrases = RequestPhrases(business);
      break;
  }
  return h;
}

}  // namespace voxdesk::session
