// voxdesk_bench [NAME_PREFIX...]: runs the benchmarks whose names start with
// one of the prefixes (all when none is given).
#include <cstring>

#include "bench.h"

namespace voxdesk::bench {
std::vector<Benchmark>& Registry() {
  static std::vector<Benchmark> r;
  return r;
}
}  // namespace voxdesk::bench

int main(int argc, char** argv) {
  int ran = 0;
  for (auto& b : voxdesk::bench::Registry()) {
    bool match = argc < 2;
    for (int i = 1; i < argc; ++i) match = match || b.name.rfind(argv[i], 0) == 0;
    if (!match) continue;
    b.run();
    ++ran;
  }
  if (ran == 0) {
    std::fprintf(stderr, "voxdesk_bench: no benchmark matches\n");
    return 2;
  }
  return 0;
}
