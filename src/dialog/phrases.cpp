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

void PhraseIndex::Add(std::string_view normalized, uint32_t payload) {
  if (normalized.empty()) return;
  const uint32_t k = static_cast<uint32_t>(phrases_.size());
  phrases_.push_back({Pad(normalized), payload});
  const std::string_view body = phrases_.back().text();
  by_first_word_[body.substr(0, body.find(' '))].push_back(k);
}

void PhraseIndex::Rebuild() {
  by_first_word_.clear();
  for (uint32_t k = 0; k < phrases_.size(); ++k) {
    const std::string_view body = phrases_[k].text();
    by_first_word_[body.substr(0, body.find(' '))].push_back(k);
  }
}

void PhraseSet::Add(Lang lang, std::string_view text) {
  bool weak = false;
  if (!text.empty() && text.front() == '~') {
    weak = true;
    text.remove_prefix(1);
  }
  index_[Index(lang)].Add(NormalizeText(text, lang), weak ? 1 : 0);
}

double PhraseSet::Match(std::string_view padded_text, Lang lang, int* hits) const {
  double best = 0;
  int n = 0;
  index_[Index(lang)].ForEachMatch(padded_text, [&](uint32_t weak, std::string_view) {
    ++n;
    best = std::max(best, weak ? kWeak : kStrong);
    return true;
  });
  if (hits) *hits = n;
  return best;
}

std::string_view PhraseSet::Find(std::string_view padded_text, Lang lang) const {
  std::string_view found;
  index_[Index(lang)].ForEachMatch(padded_text, [&](uint32_t, std::string_view phrase) {
    found = phrase;
    return false;
  });
  return found;
}

}  // namespace voxdesk::dialog
