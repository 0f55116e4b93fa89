# Checks that a Markdown page shows a source file unchanged: the file's text must appear in
# the page verbatim. `cmake -DDOC=page.md -DSOURCE=file.cpp -P code_in_doc.cmake`
cmake_minimum_required(VERSION 3.25)
file(READ "${DOC}" doc)
file(READ "${SOURCE}" source)
string(FIND "${doc}" "${source}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${DOC} does not show ${SOURCE} as it is: update the page")
endif()
