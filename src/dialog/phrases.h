// Phrase lists matched against normalised caller text (dialog/text.h): the
// vocabulary of intents, emergencies and requests that packs declare, and
// the service names the NLU looks for. Matching is on whole words, so "no"
// does not match "know" and "cancel" does not match "cancellation" unless a
// list has both. Phrases are indexed by their first word, so a lookup costs
// a hash probe per word of the utterance, not a scan of every phrase.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dialog/lang.h"

namespace voxdesk::dialog {

// Whole-word phrases, each with a payload; immutable once built.
class PhraseIndex {
 public:
  PhraseIndex() = default;
  // Copies re-index: the index's keys are views into this object's phrases.
  PhraseIndex(const PhraseIndex& o) : phrases_(o.phrases_) { Rebuild(); }
  PhraseIndex& operator=(const PhraseIndex& o) {
    if (this != &o) {
      phrases_ = o.phrases_;
      Rebuild();
    }
    return *this;
  }
  PhraseIndex(PhraseIndex&& o) : PhraseIndex(static_cast<const PhraseIndex&>(o)) {}
  PhraseIndex& operator=(PhraseIndex&& o) { return *this = static_cast<const PhraseIndex&>(o); }

  // `normalized` must already be normalised text (no padding).
  void Add(std::string_view normalized, uint32_t payload);
  bool empty() const { return phrases_.empty(); }
  std::size_t size() const { return phrases_.size(); }

  // Calls fn(payload, phrase) for every phrase found in `padded` (normalised
  // text with a space on each side); fn returns false to stop.
  template <typename Fn>
  void ForEachMatch(std::string_view padded, Fn&& fn) const {
    if (phrases_.empty()) return;
    std::size_t i = 0;
    while (i < padded.size()) {
      while (i < padded.size() && padded[i] == ' ') ++i;
      if (i >= padded.size()) break;
      std::size_t j = padded.find(' ', i);
      if (j == std::string_view::npos) j = padded.size();
      if (auto it = by_first_word_.find(padded.substr(i, j - i)); it != by_first_word_.end()) {
        // Each candidate is " phrase " compared at the space before word i.
        for (uint32_t k : it->second) {
          const Entry& e = phrases_[k];
          if (padded.compare(i - 1, e.padded.size(), e.padded) == 0 && !fn(e.payload, e.text()))
            return;
        }
      }
      i = j;
    }
  }

 private:
  void Rebuild();
  struct Entry {
    std::string padded;  // " book it "
    uint32_t payload;
    std::string_view text() const { return std::string_view(padded).substr(1, padded.size() - 2); }
  };
  std::deque<Entry> phrases_;  // a deque, so the index's keys stay valid as it grows
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_first_word_;
};

// Weighted phrases per language. A pack writes weak cues with a leading '~'
// ("~available"): they count, but with less confidence than strong ones.
class PhraseSet {
 public:
  static constexpr double kStrong = 0.92;
  static constexpr double kWeak = 0.72;

  void Add(Lang lang, std::string_view text);  // normalises; '~' prefix = weak
  bool Empty(Lang lang) const { return index_[Index(lang)].empty(); }

  // `padded_text` is normalised text with a space on each side. Returns the
  // best weight of the phrases found (0 when none), and counts them in *hits.
  double Match(std::string_view padded_text, Lang lang, int* hits = nullptr) const;
  // The first phrase found, without padding; empty when none.
  std::string_view Find(std::string_view padded_text, Lang lang) const;

 private:
  static int Index(Lang lang) { return lang == Lang::kEs ? 1 : 0; }
  PhraseIndex index_[2];  // payload 1 = weak, 0 = strong
};

// " text " for whole-word search.
std::string Pad(std::string_view normalized);

}  // namespace voxdesk::dialog
