# crossfoot_warnings: the project's warning and sanitizer flags, for its own targets only
# (INTERFACE, never exported).
add_library(crossfoot_warnings INTERFACE)
target_compile_options(crossfoot_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
  $<$<BOOL:${CROSSFOOT_WARNINGS_AS_ERRORS}>:-Werror>)
if(CROSSFOOT_SANITIZE)
  target_compile_options(crossfoot_warnings INTERFACE
    -fsanitize=${CROSSFOOT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(crossfoot_warnings INTERFACE -fsanitize=${CROSSFOOT_SANITIZE})
endif()
