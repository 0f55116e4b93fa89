// tests/test_main.cpp: the one place that defines the Boost.Test module.
// SPDX-License-Identifier: MIT
#define BOOST_TEST_MODULE crossfoot
#include <boost/test/unit_test.hpp>
