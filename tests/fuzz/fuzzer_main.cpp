// One libFuzzer executable per harness of fuzz_targets.h: FUZZ_TARGET (a compile definition,
// see CMakeLists.txt) names the function. A returned problem aborts, which libFuzzer reports as
// a crash with the input saved.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_targets.h"

#define AWAITSCOPE_STR2(x) #x
#define AWAITSCOPE_STR(x) AWAITSCOPE_STR2(x)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string problem = aws::fuzz::FUZZ_TARGET(std::string(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "fuzz target %s: %s\n", AWAITSCOPE_STR(FUZZ_TARGET), problem.c_str());
    std::abort();
  }
  return 0;
}
