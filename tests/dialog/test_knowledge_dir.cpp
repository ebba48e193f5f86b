// LoadKnowledgeDir turns a folder of Markdown and text files into passages
// titled by their headings, which then rank like any other document.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dialog/knowledge.h"

namespace fs = std::filesystem;
using voxdesk::dialog::KnowledgeDoc;
using voxdesk::dialog::LoadKnowledgeDir;

namespace {

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("voxdesk-kb-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void Write(const std::string& name, const std::string& content) const {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << content;
  }
  static inline int counter = 0;
};

}  // namespace

TEST_CASE("Markdown headings title the paragraphs under them") {
  TempDir dir;
  dir.Write("clinic.md",
            "Intro line one\nline two\n\n"
            "# Parking\n\nFree parking behind the building.\n\nThe entrance is on Elm Street.\n"
            "## Payment ##\r\nWe accept cards\r\nand cash.\r\n\n"
            "#NotAHeading stays text\n");
  dir.Write("notes.txt", "Plain text passage.\n");
  dir.Write("ignored.json", "{\"title\": \"not read\"}");
  auto docs = LoadKnowledgeDir(dir.path.string());
  REQUIRE_MESSAGE(docs.ok(), docs.status().message());
  REQUIRE(docs->size() == 6);
  const std::string clinic = (dir.path / "clinic.md").string();
  CHECK(docs->at(0).title == "clinic");
  CHECK(docs->at(0).text == "Intro line one line two");
  CHECK(docs->at(0).source == clinic);
  CHECK(docs->at(1).title == "Parking");
  CHECK(docs->at(1).text == "Free parking behind the building.");
  CHECK(docs->at(2).title == "Parking");
  CHECK(docs->at(2).text == "The entrance is on Elm Street.");
  CHECK(docs->at(3).title == "Payment");
  CHECK(docs->at(3).text == "We accept cards and cash.");
  CHECK(docs->at(4).title == "Payment");
  CHECK(docs->at(4).text == "#NotAHeading stays text");
  CHECK(docs->at(5).title == "notes");
  CHECK(docs->at(5).text == "Plain text passage.");
}

TEST_CASE("files in subdirectories are read in path order") {
  TempDir dir;
  dir.Write("b/second.md", "# B\nsecond");
  dir.Write("a/first.MD", "# A\nfirst");
  auto docs = LoadKnowledgeDir(dir.path.string());
  REQUIRE(docs.ok());
  REQUIRE(docs->size() == 2);
  CHECK(docs->at(0).title == "A");
  CHECK(docs->at(1).title == "B");
}

TEST_CASE("passages loaded from a directory are searchable") {
  TempDir dir;
  dir.Write("faq.md", "# Parking\nFree parking behind the building.\n\n# Payment\nCards and cash.");
  auto docs = LoadKnowledgeDir(dir.path.string());
  REQUIRE(docs.ok());
  auto r = voxdesk::dialog::BuildBm25Retriever(std::move(docs).value());
  REQUIRE(r.ok());
  auto hits = (*r)->Search("can I pay by card", 3);
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  CHECK(hits->front().title == "Payment");
  CHECK(hits->front().source == (dir.path / "faq.md").string());
}

TEST_CASE("an empty directory gives no passages and a missing one an error") {
  TempDir dir;
  auto empty = LoadKnowledgeDir(dir.path.string());
  REQUIRE(empty.ok());
  CHECK(empty->empty());
  auto missing = LoadKnowledgeDir((dir.path / "nope").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == voxdesk::Code::kNotFound);
}

TEST_CASE("a file over 4 MiB is rejected with its name") {
  TempDir dir;
  dir.Write("huge.txt", std::string((4u << 20) + 1, 'a'));
  auto docs = LoadKnowledgeDir(dir.path.string());
  REQUIRE_FALSE(docs.ok());
  CHECK(docs.status().code() == voxdesk::Code::kInvalidArgument);
  CHECK(docs.status().message().find("huge.txt") != std::string::npos);
}
