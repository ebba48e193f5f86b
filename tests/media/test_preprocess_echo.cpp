// The echo canceller removes the agent's own voice coming back through the
// caller's line: with the near end a delayed, attenuated copy of the far end,
// the output is more than 10 dB below the near end once the filter converged.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "media/preprocess.h"

using namespace voxdesk::media;

TEST_CASE("preprocess: echo of the far end is reduced by more than 10 dB after convergence") {
  for (int rate : {8000, 16000}) {
    PreprocessConfig c;
    c.sample_rate = rate;
    c.denoise = false;
    c.echo_cancel = true;
    c.echo_tail_ms = 100;
    auto p = Preprocessor::Create(c);
    REQUIRE_MESSAGE(p.ok(), p.status().message());

    const size_t step = SamplesPer(rate);
    const size_t delay = static_cast<size_t>(rate / 1000 * 12);  // 12 ms echo path
    const size_t frames = 50 * 8;                                // 8 s
    std::mt19937 rng(11);
    std::normal_distribution<double> voice(0, 3000);
    std::vector<int16_t> far_all(frames * step);
    for (auto& s : far_all) s = static_cast<int16_t>(std::lround(voice(rng)));

    double near_sum = 0, out_sum = 0;
    AudioFrame near, far;
    for (size_t k = 0; k < frames; ++k) {
      far.sample_rate = near.sample_rate = rate;
      far.count = near.count = step;
      for (size_t j = 0; j < step; ++j) {
        const size_t i = k * step + j;
        far.samples[j] = far_all[i];
        // The line returns the far end 12 ms later at half amplitude.
        near.samples[j] = i >= delay ? static_cast<int16_t>(far_all[i - delay] / 2) : 0;
      }
      const bool measured = k >= frames - 100;  // last 2 s
      if (measured)
        for (size_t j = 0; j < step; ++j) near_sum += std::pow(near.samples[j], 2);
      const auto st = p->Process(near, &far);
      REQUIRE_MESSAGE(st.ok(), st.message());
      if (measured)
        for (size_t j = 0; j < step; ++j) out_sum += std::pow(near.samples[j], 2);
    }
    const double reduction = 10 * std::log10(near_sum / (out_sum + 1));
    MESSAGE(rate << " Hz: echo reduced by " << reduction << " dB");
    CHECK_MESSAGE(reduction > 10, rate << " Hz: echo only " << reduction << " dB lower");
  }
}
