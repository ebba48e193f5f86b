#include "dialog/phrases.h"

#include "dialog/text.h"

namespace voxdesk::dialog {

std::string Pad(std::string_view normalized) {
  std::string s;
  s.reserve(normalized.size() + 2);
  s += ' ';
  s += normalized;
  s += ' ';
  return s;
}

void PhraseSet::Add(Lang lang, std::string_view text) {
  double weight = kStrong;
  if (!text.empty() && text.front() == '~') {
    weight = kWeak;
    text.remove_prefix(1);
  }
  std::string norm = NormalizeText(text, lang);
  if (norm.empty()) return;
  lists_[Index(lang)].push_back({Pad(norm), weight});
}

double PhraseSet::Match(std::string_view padded_text, Lang lang, int* hits) const {
  double best = 0;
  int n = 0;
  for (const Phrase& p : lists_[Index(lang)]) {
    if (padded_text.find(p.padded) == std::string_view::npos) continue;
    ++n;
    if (p.weight > best) best = p.weight;
  }
  if (hits) *hits = n;
  return best;
}

std::string_view PhraseSet::Find(std::string_view padded_text, Lang lang) const {
  for (const Phrase& p : lists_[Index(lang)]) {
    if (padded_text.find(p.padded) != std::string_view::npos)
      return std::string_view(p.padded).substr(1, p.padded.size() - 2);
  }
  return {};
}

}  // namespace voxdesk::dialog
