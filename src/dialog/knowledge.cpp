// BM25 retrieval over SQLite FTS5 (see knowledge.h for the confidence
// formula). The caller's words are split by FTS5's own tokenizer, so the
// query phrases, the stopword check and the index agree on what a word is.
#include "dialog/knowledge.h"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <utility>

namespace voxdesk::dialog {

namespace {

constexpr const char* kTokenizer = "porter unicode61 remove_diacritics 2";
// A word is one bit of the matched-phrase mask the auxiliary function returns.
constexpr size_t kMaxTerms = 32;
// Far more than a conversation turn can use; keeps LIMIT bounded.
constexpr int kMaxHits = 100;
// Title (an FAQ question or a heading) counts double against body text.
constexpr const char* kSearchSql =
    "SELECT title, text, source, bm25(kb, 2.0, 1.0) AS score, vox_matched(kb) "
    "FROM kb WHERE kb MATCH ?1 ORDER BY score, rowid LIMIT ?2";

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

Status SqlError(sqlite3* db, std::string_view what) {
  std::string m = "knowledge base: ";
  m += what;
  m += ": ";
  m += db ? sqlite3_errmsg(db) : "out of memory";
  return StorageError(std::move(m));
}

// Words that carry no topic in a spoken question, English and Spanish,
// already lower-cased and without accents (the form FoldWord produces).
// FTS5 splits at apostrophes, so contractions arrive in pieces ("what", "s").
constexpr std::string_view kStopwords[] = {
    // English
    "a", "about", "actually", "all", "also", "am", "an", "and", "any", "anyone", "anything", "are",
    "as", "ask", "at", "be", "been", "but", "by", "can", "could", "d", "did", "do", "does", "doing",
    "don", "else", "for", "from", "get", "give", "go", "going", "got", "guys", "had", "has", "have",
    "he", "hello", "her", "here", "hey", "hi", "him", "his", "how", "i", "if", "in", "is", "it",
    "its", "just", "know", "let", "like", "ll", "m", "may", "me", "might", "mm", "much", "must",
    "my", "need", "no", "not", "of", "offer", "oh", "ok", "okay", "on", "or", "our", "please",
    "provide", "question", "re", "really", "s", "say", "shall", "she", "should", "so", "some", "t",
    "take", "tell", "thank", "thanks", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "uh", "um", "us", "ve", "wanna", "want", "wanted", "was", "we",
    "well", "were", "what", "when", "where", "which", "who", "why", "will", "with", "wonder",
    "wondering", "would", "yeah", "yes", "you", "your", "yours",
    // Spanish
    "al", "algo", "alguien", "como", "con", "cual", "cuales", "cuando", "cuanto", "de", "del",
    "donde", "el", "ella", "ellos", "en", "es", "esa", "ese", "eso", "esta", "estan", "este",
    "esto", "favor", "gracias", "hay", "hola", "la", "las", "le", "les", "lo", "los", "mas", "me",
    "mi", "mis", "muy", "necesito", "nos", "o", "para", "pero", "por", "pregunta", "puede",
    "pueden", "puedo", "pues", "que", "quiero", "quisiera", "saber", "se", "si", "sin", "son", "su",
    "sus", "te", "tiene", "tienen", "tu", "tus", "un", "una", "unas", "uno", "unos", "usted",
    "ustedes", "y", "ya", "yo", "bueno", "ah", "eh", "este", "oiga", "disculpe", "tengo", "tener",
    "hacer", "hace", "hacen", "ser", "estar", "estoy", "era", "fue", "ha", "han", "he", "aqui",
    "alli", "ahi", "tambien", "cuantos", "cuanta", "cuantas", "quien", "quienes", "sobre", "entre",
    "hasta", "desde", "les", "nuestro", "nuestra", "vuestro", "a", "e", "u", "ok", "vale",
    "gustaria"};

// Lower-cases ASCII and folds Latin-1 letters (UTF-8 C3 xx) to their base
// letter, so "Qué" and "que" meet the same stopword. Other bytes pass through.
std::string FoldWord(std::string_view w) {
  // Base letters for U+00C0..U+00FF; '*' keeps the character (x, division).
  static constexpr std::string_view kLatin1 =
      "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
  std::string out;
  out.reserve(w.size());
  for (size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    } else if (c == 0xC3 && i + 1 < w.size()) {
      const auto d = static_cast<unsigned char>(w[i + 1]);
      if (d >= 0x80 && d <= 0xBF && kLatin1[d - 0x80] != '*') {
        out += kLatin1[d - 0x80];
        ++i;
      } else {
        out += static_cast<char>(c);
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool IsStopword(std::string_view folded) {
  // The list is small; a linear scan over string_views costs well under a
  // microsecond per word and needs no static initialisation.
  return std::find(std::begin(kStopwords), std::end(kStopwords), folded) != std::end(kStopwords);
}

// FTS5 auxiliary function vox_matched(kb): a bit mask of the query phrases
// that occur in the current row. Phrase i is content word i of the query.
void MatchedPhrases(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int,
                    sqlite3_value**) {
  int n = 0;
  int rc = api->xInstCount(fts, &n);
  uint64_t mask = 0;
  for (int i = 0; rc == SQLITE_OK && i < n; ++i) {
    int phrase = 0, col = 0, off = 0;
    rc = api->xInst(fts, i, &phrase, &col, &off);
    if (rc == SQLITE_OK && phrase >= 0 && phrase < 64) mask |= uint64_t{1} << phrase;
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(mask));
}

fts5_api* GetFts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) return nullptr;
  Stmt st(raw);
  sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(raw);
  return api;
}

// The query's content words: the exact text spans FTS5's tokenizer found,
// minus stopwords and repeats (by stemmed token).
struct QueryTerms {
  std::vector<std::string> spans;
  std::vector<std::string> stems;
  std::string_view text;
};

int CollectToken(void* ctx, int, const char* token, int n_token, int start, int end) {
  auto* q = static_cast<QueryTerms*>(ctx);
  if (q->spans.size() >= kMaxTerms) return SQLITE_OK;
  if (start < 0 || end <= start || static_cast<size_t>(end) > q->text.size()) return SQLITE_OK;
  const std::string_view span = q->text.substr(start, end - start);
  if (IsStopword(FoldWord(span))) return SQLITE_OK;
  std::string stem(token, static_cast<size_t>(std::max(n_token, 0)));
  if (std::find(q->stems.begin(), q->stems.end(), stem) != q->stems.end()) return SQLITE_OK;
  q->stems.push_back(std::move(stem));
  q->spans.emplace_back(span);
  return SQLITE_OK;
}

class Bm25Retriever final : public Retriever {
 public:
  Bm25Retriever(Db db, Stmt search, fts5_tokenizer tok, Fts5Tokenizer* tokenizer)
      : db_(std::move(db)), search_(std::move(search)), tok_(tok), tokenizer_(tokenizer) {}
  ~Bm25Retriever() override {
    if (tokenizer_) tok_.xDelete(tokenizer_);
  }
  Bm25Retriever(const Bm25Retriever&) = delete;
  Bm25Retriever& operator=(const Bm25Retriever&) = delete;

  Result<std::vector<KnowledgeHit>> Search(std::string_view query, int k) const override {
    try {
      return SearchLocked(query, k);
    } catch (const std::bad_alloc&) {
      return Status(Code::kNoMemory, "knowledge base: out of memory");
    }
  }

 private:
  Result<std::vector<KnowledgeHit>> SearchLocked(std::string_view query, int k) const {
    std::vector<KnowledgeHit> hits;
    if (k <= 0 || query.empty()) return hits;
    // The tokenizer takes an int length; longer text is not a spoken question.
    constexpr size_t kMaxQueryBytes = 1 << 16;
    if (query.size() > kMaxQueryBytes) query = query.substr(0, kMaxQueryBytes);

    std::lock_guard<std::mutex> lock(mu_);
    QueryTerms terms;
    terms.text = query;
    const int rc = tok_.xTokenize(tokenizer_, &terms, FTS5_TOKENIZE_QUERY, query.data(),
                                  static_cast<int>(query.size()), CollectToken);
    if (rc != SQLITE_OK) return SqlError(db_.get(), "tokenizing the query");
    if (terms.spans.empty()) return hits;

    // Each word is a quoted phrase ('"' doubled), joined with OR: nothing
    // the caller says is read as FTS5 syntax.
    std::string match;
    for (const std::string& w : terms.spans) {
      if (!match.empty()) match += " OR ";
      match += '"';
      for (char c : w) {
        if (c == '"') match += '"';
        match += c;
      }
      match += '"';
    }

    sqlite3_stmt* st = search_.get();
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{st};
    sqlite3_bind_text64(st, 1, match.data(), match.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    sqlite3_bind_int(st, 2, std::min(k, kMaxHits));
    const double n_terms = static_cast<double>(terms.spans.size());
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
      KnowledgeHit h;
      h.title = Text(st, 0);
      h.passage = Text(st, 1);
      h.source = Text(st, 2);
      h.bm25 = -sqlite3_column_double(st, 3);
      const auto mask = static_cast<uint64_t>(sqlite3_column_int64(st, 4));
      h.confidence = static_cast<double>(std::popcount(mask)) / n_terms;
      hits.push_back(std::move(h));
    }
    if (step != SQLITE_DONE) return SqlError(db_.get(), "searching");

    // Scale by the distance from the top hit (see knowledge.h). FTS5 floors
    // a term's IDF at 1e-6, so bm25 is positive for every matching row.
    const double best = hits.empty() ? 0 : hits.front().bm25;
    for (KnowledgeHit& h : hits) {
      const double rel = best > 0 ? std::clamp(h.bm25 / best, 0.0, 1.0) : 1.0;
      h.confidence = std::clamp(h.confidence * (0.5 + 0.5 * rel), 0.0, 1.0);
    }
    return hits;
  }

  static std::string Text(sqlite3_stmt* st, int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st, col))) : std::string();
  }

  mutable std::mutex mu_;
  Db db_;
  Stmt search_;
  fts5_tokenizer tok_;
  Fts5Tokenizer* tokenizer_;
};

Result<std::unique_ptr<Retriever>> Build(std::vector<KnowledgeDoc>& docs) {
  sqlite3* raw = nullptr;
  const int open_rc =
      sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw);
  if (open_rc != SQLITE_OK) return SqlError(raw, "opening the in-memory index");

  const std::string create = std::string("CREATE VIRTUAL TABLE kb USING fts5(title, text, ") +
                             "source UNINDEXED, tokenize='" + kTokenizer + "')";
  if (sqlite3_exec(raw, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(raw, "creating the FTS5 table");

  fts5_api* api = GetFts5Api(raw);
  if (!api || api->iVersion < 2) return SqlError(raw, "FTS5 API unavailable");
  if (api->xCreateFunction(api, "vox_matched", nullptr, MatchedPhrases, nullptr) != SQLITE_OK)
    return SqlError(raw, "registering vox_matched");

  fts5_tokenizer tok{};
  void* tok_ctx = nullptr;
  if (api->xFindTokenizer(api, "porter", &tok_ctx, &tok) != SQLITE_OK)
    return SqlError(raw, "finding the porter tokenizer");
  const char* args[] = {"unicode61", "remove_diacritics", "2"};
  Fts5Tokenizer* tokenizer = nullptr;
  if (tok.xCreate(tok_ctx, args, 3, &tokenizer) != SQLITE_OK)
    return SqlError(raw, "creating the query tokenizer");
  // Owned from here on, so an early return below frees it.
  struct TokGuard {
    fts5_tokenizer& t;
    Fts5Tokenizer* p;
    ~TokGuard() {
      if (p) t.xDelete(p);
    }
  } guard{tok, tokenizer};

  sqlite3_stmt* ins_raw = nullptr;
  if (sqlite3_prepare_v2(raw, "INSERT INTO kb(title, text, source) VALUES (?1, ?2, ?3)", -1,
                         &ins_raw, nullptr) != SQLITE_OK)
    return SqlError(raw, "preparing the insert");
  Stmt ins(ins_raw);
  if (sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(raw, "BEGIN");
  for (const KnowledgeDoc& d : docs) {
    sqlite3_bind_text64(ins_raw, 1, d.title.data(), d.title.size(), SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_text64(ins_raw, 2, d.text.data(), d.text.size(), SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_text64(ins_raw, 3, d.source.data(), d.source.size(), SQLITE_STATIC, SQLITE_UTF8);
    const int rc = sqlite3_step(ins_raw);
    sqlite3_reset(ins_raw);
    if (rc != SQLITE_DONE) return SqlError(raw, "indexing a document");
  }
  ins.reset();
  if (sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqlError(raw, "COMMIT");

  sqlite3_stmt* search_raw = nullptr;
  if (sqlite3_prepare_v3(raw, kSearchSql, -1, SQLITE_PREPARE_PERSISTENT, &search_raw, nullptr) !=
      SQLITE_OK)
    return SqlError(raw, "preparing the search");
  Stmt search(search_raw);

  guard.p = nullptr;
  return std::unique_ptr<Retriever>(
      std::make_unique<Bm25Retriever>(std::move(db), std::move(search), tok, tokenizer));
}

}  // namespace

Result<std::unique_ptr<Retriever>> BuildBm25Retriever(std::vector<KnowledgeDoc> docs) {
  try {
    return Build(docs);
  } catch (const std::bad_alloc&) {
    return Status(Code::kNoMemory, "knowledge base: out of memory");
  }
}

std::vector<KnowledgeDoc> KnowledgeDocsFromBusiness(const Business& b) {
  std::vector<KnowledgeDoc> docs;
  docs.reserve(b.faq.size() + b.knowledge.size());
  for (const FaqEntry& f : b.faq) docs.push_back({f.q, f.a, "faq"});
  for (const KnowledgeEntry& k : b.knowledge) docs.push_back({k.title, k.text, "knowledge"});
  return docs;
}

namespace {

constexpr std::uintmax_t kMaxKnowledgeFileBytes = 4u << 20;

bool HasKnowledgeExtension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  return ext == ".md" || ext == ".txt" || ext == ".markdown";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "## Parking" -> "Parking"; anything else -> nullopt. A heading needs one to
// six '#' followed by a space or the end of the line (CommonMark ATX); closing
// '#'s are dropped.
std::optional<std::string_view> AtxHeading(std::string_view line) {
  size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6) return std::nullopt;
  if (level < line.size() && line[level] != ' ' && line[level] != '\t') return std::nullopt;
  std::string_view title = Trim(line.substr(level));
  while (!title.empty() && title.back() == '#') title.remove_suffix(1);
  return Trim(title);
}

void SplitPassages(std::string_view content, const std::string& fallback_title,
                   const std::string& source, std::vector<KnowledgeDoc>& out) {
  std::string title = fallback_title;
  std::string para;
  auto flush = [&] {
    if (!para.empty()) out.push_back({title, std::move(para), source});
    para.clear();
  };
  while (!content.empty()) {
    const size_t nl = content.find('\n');
    const std::string_view raw = content.substr(0, nl);
    content.remove_prefix(nl == std::string_view::npos ? content.size() : nl + 1);
    const std::string_view line = Trim(raw);
    if (line.empty()) {
      flush();
    } else if (auto heading = AtxHeading(line)) {
      flush();
      title.assign(heading->empty() ? std::string_view(fallback_title) : *heading);
    } else {
      if (!para.empty()) para += ' ';
      para += line;
    }
  }
  flush();
}

}  // namespace

Result<std::vector<KnowledgeDoc>> LoadKnowledgeDir(const std::string& dir) {
  namespace fs = std::filesystem;
  try {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return NotFound(dir + ": not a directory");
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) return StorageError(dir + ": cannot list: " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return StorageError(dir + ": cannot list: " + ec.message());
      if (it->is_regular_file(ec) && HasKnowledgeExtension(it->path())) files.push_back(it->path());
    }
    if (ec) return StorageError(dir + ": cannot list: " + ec.message());
    // Directory order is arbitrary; sorted paths make passage order (and
    // bm25 ties, broken by insertion order) reproducible.
    std::sort(files.begin(), files.end());

    std::vector<KnowledgeDoc> docs;
    for (const fs::path& f : files) {
      const std::string name = f.string();
      const std::uintmax_t size = fs::file_size(f, ec);
      if (ec) return StorageError(name + ": " + ec.message());
      if (size > kMaxKnowledgeFileBytes)
        return InvalidArgument(name + ": larger than 4 MiB; split it into smaller files");
      std::ifstream in(f, std::ios::binary);
      if (!in) return StorageError(name + ": cannot open");
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (in.bad()) return StorageError(name + ": read error");
      SplitPassages(content, f.stem().string(), name, docs);
    }
    return docs;
  } catch (const std::bad_alloc&) {
    return Status(Code::kNoMemory, "knowledge base: out of memory");
  } catch (const std::exception& e) {
    return StorageError(dir + ": " + e.what());
  }
}

}  // namespace voxdesk::dialog
