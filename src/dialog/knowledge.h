// The knowledge base: a business's FAQ and documents, searched with the
// caller's spoken question ("do you take Aetna?", "where do I park",
// "¿aceptan seguro?") so the agent can answer from a retrieved passage, or
// say it does not know and offer to take a message when nothing scores above
// a threshold.
//
// The default Retriever is BM25 over SQLite FTS5 in a private in-memory
// database (tokenizer "porter unicode61 remove_diacritics 2"): a well-tested
// embedded ranking instead of a home-made one. A vector store implements the
// same Retriever interface later.
//
// Queries are spoken text, never FTS5 syntax: stopwords (English and Spanish)
// are dropped and every remaining word is quoted as its own phrase, so no
// input ("AND", "*", quotes, NEAR, parentheses, '-', ':') can cause a syntax
// error or change the query's meaning.
//
// Confidence. bm25 depends on the corpus, so a threshold cannot use it
// across businesses. KnowledgeHit::confidence is
//
//     confidence = coverage * (0.5 + 0.5 * bm25 / best_bm25)
//
// where coverage = (content words of the query found in the hit) / (content
// words of the query), a word being "found" when FTS5 matched it (after
// porter stemming and diacritic folding) in the hit's title or text, and
// best_bm25 is the score of the top hit of the same search. The top hit's
// confidence is therefore its coverage; lower hits lose up to half of theirs
// as they fall behind it. Coverage uses FTS5's own match positions, so query
// and index agree on stemming by construction.
//
// Porter stemming is English. Spanish words match when their English-stemmed
// forms agree (plural "seguros" ~ "seguro", accents folded), not across verb
// inflections ("aceptan" vs "aceptamos").
//
// Thread safety: a Retriever built here may be shared between threads;
// Search serialises its callers on an internal mutex (one SQLite connection).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "schedule/business.h"

namespace voxdesk::dialog {

// Hits whose confidence is below this are not good enough to answer from;
// the agent offers to take a message instead. See the formula above.
constexpr double kDefaultKnowledgeThreshold = 0.5;

struct KnowledgeDoc {
  std::string title;
  std::string text;
  std::string source;  // "faq", "knowledge", or the file a passage came from
};

struct KnowledgeHit {
  std::string title;
  std::string passage;  // the text to answer from (an FAQ entry's answer)
  std::string source;
  double bm25 = 0;        // relevance, higher is better (FTS5's bm25() negated)
  double confidence = 0;  // in [0, 1]; see the formula above
};

// The retrieval interface the dialog layer depends on.
class Retriever {
 public:
  virtual ~Retriever() = default;
  // At most k hits, best first. A query without content words (only
  // stopwords or punctuation) and k <= 0 give no hits, not an error.
  virtual Result<std::vector<KnowledgeHit>> Search(std::string_view query, int k) const = 0;
};

// Indexes `docs` (title and text; both are searched, title weighted double).
// An empty corpus is valid and never returns hits.
Result<std::unique_ptr<Retriever>> BuildBm25Retriever(std::vector<KnowledgeDoc> docs);

// FAQ entries become {title = question, text = answer, source = "faq"}, so
// both the question and the answer are searched and a hit's passage is the
// answer; knowledge entries become {title, text, source = "knowledge"}.
std::vector<KnowledgeDoc> KnowledgeDocsFromBusiness(const Business& b);

// Reads every *.md, *.markdown and *.txt file under `dir` (recursively, in path order)
// and splits it into passages: a Markdown ATX heading ("# Parking") starts a
// section and becomes the title of the paragraphs under it; paragraphs are
// separated by blank lines, and their lines are joined with single spaces.
// Paragraphs before any heading take the file name without extension as
// their title. source is the file's path. Files larger than 4 MiB are an
// error (kInvalidArgument), as are a missing directory (kNotFound) and an
// unreadable file (kStorage).
Result<std::vector<KnowledgeDoc>> LoadKnowledgeDir(const std::string& dir);

}  // namespace voxdesk::dialog
