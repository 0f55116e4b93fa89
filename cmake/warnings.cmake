# crossfoot_warnings: the project's warning and sanitizer flags, for its own targets only
# (INTERFACE, never exported).
add_library(crossfoot_warnings INTERFACE)
target_compile_options(crossfoot_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
  $<$<BOOL:${CROSSFOOT_WARNINGS_AS_ERRORS}>:-Werror>)
if(CROSSFOOT_SANITIZE)
  target_compile_options(crossfoot_warnings INTERFACE
    -fsanitize=${CROSSFOOT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all
    # GCC tracks variables' locations through the sanitizers' instrumentation even at -O0,
    # where every variable lives in its stack slot anyway: without it the ASan build compiled
    # in 494 s instead of 530 s on one core (the core folder 22.5 s instead of 34.1 s), with
    # the same backtraces and locals in gdb (docs/reliability.md#the-test-commands-time).
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<CONFIG:Debug>>:-fno-var-tracking-assignments>)
  target_link_options(crossfoot_warnings INTERFACE -fsanitize=${CROSSFOOT_SANITIZE})
endif()
