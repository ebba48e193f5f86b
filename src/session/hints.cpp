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
}  // namespace

providers::RecognitionHint HintFor(const dialog::Conversation& conversation,
                                   const Business& business) {
  providers::RecognitionHint h;
  switch (conversation.expecting()) {
    case dialog::Expect::kYesNo:
      h.kind = Kind::kYesNo;
      break;
    case dialog::Expect::kWhen:
    case dialog::Expect::kDateOfBirth:
      h.kind = Kind::kDate;
      break;
    case dialog::Expect::kChoice:
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
      h.phrases = ServicePhrases(business);
      break;
  }
  return h;
}

}  // namespace voxdesk::session
