# Runs one golden CLI case: `cmake -DCROSSFOOT=<binary> -DCASE_DIR=<dir> -DWORK_DIR=<dir>
# -DSCRATCH_DIR=<dir> -P run_case.cmake`. The case directory holds `cmd` (the arguments, one
# per line) and an optional `stdin`, or a shell `script`; and expected.stdout,
# expected.stderr and expected.status. The command runs
# in WORK_DIR (the project's source directory), so paths in `cmd` are written from there.
# With the environment variable CROSSFOOT_UPDATE_GOLDEN=1 the expected files are rewritten.
cmake_minimum_required(VERSION 3.25)

if(EXISTS "${CASE_DIR}/script")
  # A case that must make its input (a FIFO, a symbolic link, a gigabyte of one line) runs
  # `sh script` in an empty scratch directory, with $CROSSFOOT the binary and $SOURCE the
  # project's directory; the script's status is the case's.
  file(REMOVE_RECURSE "${SCRATCH_DIR}")
  file(MAKE_DIRECTORY "${SCRATCH_DIR}")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env CROSSFOOT=${CROSSFOOT} SOURCE=${WORK_DIR}
                          sh "${CASE_DIR}/script"
                  WORKING_DIRECTORY "${SCRATCH_DIR}"
                  OUTPUT_VARIABLE actual_stdout
                  ERROR_VARIABLE actual_stderr
                  RESULT_VARIABLE actual_status)
  file(REMOVE_RECURSE "${SCRATCH_DIR}")
else()
  file(STRINGS "${CASE_DIR}/cmd" arguments ENCODING UTF-8)
  set(input_option)
  if(EXISTS "${CASE_DIR}/stdin")
    set(input_option INPUT_FILE "${CASE_DIR}/stdin")
  endif()
  execute_process(COMMAND "${CROSSFOOT}" ${arguments}
                  WORKING_DIRECTORY "${WORK_DIR}"
                  ${input_option}
                  OUTPUT_VARIABLE actual_stdout
                  ERROR_VARIABLE actual_stderr
                  RESULT_VARIABLE actual_status)
endif()

if("$ENV{CROSSFOOT_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${CASE_DIR}/expected.stdout" "${actual_stdout}")
  file(WRITE "${CASE_DIR}/expected.stderr" "${actual_stderr}")
  file(WRITE "${CASE_DIR}/expected.status" "${actual_status}\n")
  message(STATUS "updated ${CASE_DIR}")
  return()
endif()

set(failed FALSE)
foreach(stream stdout stderr status)
  file(READ "${CASE_DIR}/expected.${stream}" expected)
  set(actual "${actual_${stream}}")
  if(stream STREQUAL "status")
    string(STRIP "${expected}" expected)
  endif()
  if(NOT actual STREQUAL expected)
    message("${stream} differs from ${CASE_DIR}/expected.${stream}\n"
            "--- expected ---\n${expected}\n--- actual ---\n${actual}\n")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "golden case ${CASE_DIR} failed (CROSSFOOT_UPDATE_GOLDEN=1 rewrites it)")
endif()
