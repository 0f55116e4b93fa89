# Checks that engine/ keeps its layers: every source sits in a layer's folder, and a file
# includes private headers only from its own folder or from the folders of lower layers.
# Public headers (<crossfoot/...>) may be included from anywhere.
#
#   cmake -DENGINE_DIR=engine "-DLAYERS=core;rates;claims;check,aggregate;report;cli" \
#         -P cmake/check_layers.cmake
#
# LAYERS lists the folders from the lowest layer up; folders joined by a comma share a layer
# and may not include each other. Prints one line per violation and fails when there is any.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED ENGINE_DIR OR NOT DEFINED LAYERS)
  message(FATAL_ERROR "usage: cmake -DENGINE_DIR=DIR -DLAYERS=a;b,c;d -P check_layers.cmake")
endif()
get_filename_component(engine "${ENGINE_DIR}" ABSOLUTE)

# rank_<folder> = the layer's position, from 0 at the bottom.
set(rank 0)
foreach(layer IN LISTS LAYERS)
  string(REPLACE "," ";" folders "${layer}")
  foreach(folder IN LISTS folders)
    set(rank_${folder} ${rank})
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

# The layer folder of an absolute path under the engine, or "" for a file at its top.
function(folder_of path out)
  file(RELATIVE_PATH rel "${engine}" "${path}")
  if(rel MATCHES "^([^/]+)/")
    set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# Where `#include "name"` in `file` resolves: beside the file first, then from the engine.
function(resolve file name out)
  get_filename_component(dir "${file}" DIRECTORY)
  get_filename_component(beside "${dir}/${name}" ABSOLUTE)
  get_filename_component(from_root "${engine}/${name}" ABSOLUTE)
  if(EXISTS "${beside}")
    set(${out} "${beside}" PARENT_SCOPE)
  elseif(EXISTS "${from_root}")
    set(${out} "${from_root}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

set(violations 0)
macro(violation text)
  message("${text}")
  math(EXPR violations "${violations} + 1")
endmacro()

file(GLOB_RECURSE sources LIST_DIRECTORIES false "${engine}/*.cpp" "${engine}/*.hpp")
list(SORT sources)
foreach(file IN LISTS sources)
  file(RELATIVE_PATH rel "${engine}" "${file}")
  folder_of("${file}" folder)
  if(folder STREQUAL "")
    violation("${rel}: not in a layer's folder; move it into one of: ${LAYERS}")
    continue()
  endif()
  if(NOT DEFINED rank_${folder})
    violation("${rel}: folder '${folder}' is not a layer; name it in LAYERS: ${LAYERS}")
    continue()
  endif()
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" name "${line}")
    resolve("${file}" "${name}" target)
    if(target STREQUAL "")
      violation("${rel}: includes \"${name}\", which is not a file of the engine")
      continue()
    endif()
    file(RELATIVE_PATH target_rel "${engine}" "${target}")
    if(target_rel MATCHES "^\\.\\./")
      violation("${rel}: includes \"${name}\", outside the engine")
      continue()
    endif()
    folder_of("${target}" target_folder)
    if(target_folder STREQUAL folder)
      continue()
    endif()
    if(target_folder STREQUAL "" OR NOT DEFINED rank_${target_folder})
      violation("${rel}: includes ${target_rel}, which is in no layer")
    elseif(NOT rank_${target_folder} LESS rank_${folder})
      violation("${rel}: includes ${target_rel}: layer '${folder}' may include only its own files and lower layers, and '${target_folder}' is not lower")
    endif()
  endforeach()
endforeach()

list(LENGTH sources count)
if(violations GREATER 0)
  message(FATAL_ERROR "${violations} layering violation(s) in ${count} files")
endif()
message(STATUS "layers hold: ${count} files")
