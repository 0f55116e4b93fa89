// tests/test_headers.cpp: the translation unit that owns the suites' precompiled header
// (tests/CMakeLists.txt); it has nothing of its own.
// SPDX-License-Identifier: MIT
