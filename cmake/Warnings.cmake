# Project-wide warning flags, applied through dsroll_warnings().
add_library(dsroll_warnings INTERFACE)
target_compile_options(dsroll_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  $<$<CXX_COMPILER_ID:GNU>:-Wmisleading-indentation -Wduplicated-cond -Wlogical-op>
  # g++ 12 reports a false positive inside Asio's awaitable frame allocator.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>
  $<$<BOOL:${DSROLL_WERROR}>:-Werror>)
